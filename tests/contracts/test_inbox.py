import datetime as dt

import pytest
from django.utils import timezone
from factories.accounts import UserFactory
from factories.contracts import ContractFactory, ContractMilestoneFactory, ProgressReportFactory

from zit.contracts.inbox import durability_statements, milestones_due, reports_asked, reports_to_note
from zit.contracts.models import Contract, DurabilityStatement, ProgressReport
from zit.core.inbox import items_for

TODAY = dt.date(2027, 3, 10)


@pytest.mark.django_db
def test_information_waits_for_the_office_to_note_and_questions_for_the_beneficiary(funding_data):
    submitted = ProgressReportFactory(submitted=True)
    asked = ProgressReportFactory(
        status=ProgressReport.Status.QUESTION, question="Kiedy odbiór etapu?", responded_at=timezone.now()
    )
    ProgressReportFactory(noted=True, contract=submitted.contract, period_from=dt.date(2026, 9, 1))
    office = UserFactory(roles=[("office_staff", None)])
    writer = UserFactory(roles=[("beneficiary", asked.contract.card.beneficiary)])
    stranger = UserFactory(roles=[("beneficiary", submitted.contract.card.beneficiary)])

    [note] = reports_to_note(office, TODAY)  # the noted one waits for nobody
    assert note.key == f"contracts.report_note:{submitted.pk}"
    assert note.title.startswith("Informacja o postępie do odnotowania")
    assert note.url == (
        f"/biuro/projekty/fiszki/{submitted.contract.card_id}/informacje-o-postepie/{submitted.pk}/"
    )
    assert reports_to_note(writer, TODAY) == []
    [question] = reports_asked(writer, TODAY)
    assert question.key == f"contracts.report_question:{asked.pk}"
    assert question.detail == "Kiedy odbiór etapu?"
    assert reports_asked(stranger, TODAY) == [] and reports_asked(office, TODAY) == []


@pytest.mark.django_db
def test_a_contract_without_progress_information_puts_nothing_in_anyones_work(funding_data):
    contract = ContractFactory(milestones=[])  # running for a year, no information passed on: that is fine
    writer = UserFactory(roles=[("beneficiary", contract.card.beneficiary)])
    office = UserFactory(roles=[("office_staff", None)])
    for user in (writer, office):
        keys = [item.key for _source, item in items_for(user=user, today=TODAY)]
        assert not [k for k in keys if k.startswith("contracts.report")], keys


@pytest.mark.django_db
def test_milestones_near_or_past_wait_with_their_date(funding_data):
    contract = ContractFactory(milestones=[])
    late = ContractMilestoneFactory(contract=contract, due_on=TODAY - dt.timedelta(days=5))
    ContractMilestoneFactory(contract=contract, due_on=TODAY + dt.timedelta(days=200))
    ContractMilestoneFactory(contract=contract, due_on=TODAY, reached_on=TODAY)
    writer = UserFactory(roles=[("beneficiary", contract.card.beneficiary)])
    office = UserFactory(roles=[("office_staff", None)])

    for user in (writer, office):
        [item] = milestones_due(user, TODAY)
        assert item.key == f"contracts.milestone:{late.pk}" and item.due == late.due_on
        assert item.overdue(TODAY)
    assert milestones_due(UserFactory(roles=[("board_member", None)]), TODAY) == []


@pytest.mark.django_db
def test_durability_statements_owed_for_ended_years(funding_data):
    contract = ContractFactory(
        state=Contract.State.FINAL_PAID, final_payment_on=dt.date(2026, 6, 30), durability_years=5
    )
    DurabilityStatement.objects.create(
        contract=contract, year=2026, conditions_met=True, statement="Działa.", submitted_by_label="B"
    )
    writer = UserFactory(roles=[("beneficiary", contract.card.beneficiary)])

    later = dt.date(2028, 3, 10)
    [item] = durability_statements(writer, later)
    assert item.detail == "2027" and item.count == 1
    assert durability_statements(writer, TODAY) == []  # 2026 is stated, 2027 not over yet
    assert durability_statements(UserFactory(roles=[("office_staff", None)]), later) == []
