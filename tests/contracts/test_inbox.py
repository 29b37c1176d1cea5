import datetime as dt

import pytest
from django.utils import timezone
from factories.accounts import UserFactory
from factories.contracts import ContractFactory, ContractMilestoneFactory, ProgressReportFactory

from zit.contracts.inbox import durability_statements, milestones_due, reports_to_correct, reports_to_decide
from zit.contracts.models import Contract, DurabilityStatement, ProgressReport

TODAY = dt.date(2027, 3, 10)


@pytest.mark.django_db
def test_reports_wait_for_the_office_to_decide_and_for_the_beneficiary_to_correct(funding_data):
    submitted = ProgressReportFactory(submitted=True)
    returned = ProgressReportFactory(
        status=ProgressReport.Status.RETURNED, return_reason="Brak faktur.", decided_at=timezone.now()
    )
    office = UserFactory(roles=[("office_staff", None)])
    writer = UserFactory(roles=[("beneficiary", returned.contract.card.beneficiary)])
    stranger = UserFactory(roles=[("beneficiary", submitted.contract.card.beneficiary)])

    [decide] = reports_to_decide(office, TODAY)
    assert decide.key == f"contracts.report_decide:{submitted.pk}"
    assert decide.url == f"/biuro/projekty/fiszki/{submitted.contract.card_id}/sprawozdania/{submitted.pk}/"
    assert reports_to_decide(writer, TODAY) == []
    [correct] = reports_to_correct(writer, TODAY)
    assert correct.detail == "Brak faktur."
    assert reports_to_correct(stranger, TODAY) == [] and reports_to_correct(office, TODAY) == []


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
