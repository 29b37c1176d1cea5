"""The IZ's individual calls to listed applicants and the inbox alert for a listed card with no application
as a call's end or the call's deadline comes near: the days computed, to the applicant's officers and the
office only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories.accounts import UserFactory
from factories.projects import CallFactory, ProjectCardFactory

from zit.core.models import AuditEvent
from zit.projects import iz_calls
from zit.projects.inbox import call_deadlines
from zit.projects.models import Call, ProjectCard

S = ProjectCard.State
TODAY = dt.date(2031, 6, 20)


@pytest.fixture
def office(db):
    return UserFactory(roles=[("office_staff", None)])


@pytest.fixture
def main(funding_data):
    return ProjectCardFactory(state=S.LISTED_MAIN)


def test_an_individual_call_is_recorded_on_a_main_list_card(office, main):
    call = CallFactory(measure=main.measure)
    record = iz_calls.individual_call_record(
        actor=office,
        card=main,
        call=call,
        sent_on=dt.date(2031, 6, 1),
        reference="DPR-II.433.5.2031",
        deadline=dt.date(2031, 6, 30),
        today=TODAY,
    )
    assert record.card == main and record.deadline == dt.date(2031, 6, 30)
    assert AuditEvent.objects.filter(action="projects.individual_call", object_id=str(main.pk)).exists()


def test_an_individual_call_refuses_bad_input(office, main, funding_data):
    with pytest.raises(ValidationError) as exc:
        iz_calls.individual_call_record(
            actor=office,
            card=main,
            call=CallFactory(measure=main.measure, mode=Call.Mode.COMPETITIVE),
            sent_on=dt.date(2031, 7, 1),
            reference=" ",
            deadline=dt.date(2031, 5, 1),
            today=TODAY,
        )
    assert set(exc.value.message_dict) == {"call", "sent_on", "reference", "deadline"}
    with pytest.raises(ValidationError) as exc:
        iz_calls.individual_call_record(
            actor=office,
            card=main,
            sent_on=dt.date(2031, 6, 1),
            reference="X",
            deadline=dt.date(2031, 5, 1),
            today=TODAY,
        )
    assert "deadline" in exc.value.message_dict
    reserve = ProjectCardFactory(state=S.LISTED_RESERVE)
    with pytest.raises(ValidationError, match="listy podstawowej"):
        iz_calls.individual_call_record(
            actor=office,
            card=reserve,
            sent_on=dt.date(2031, 6, 1),
            reference="X",
            deadline=dt.date(2031, 7, 1),
            today=TODAY,
        )
    officer = UserFactory(roles=[("member_officer", main.beneficiary)])
    with pytest.raises(PermissionDenied):
        iz_calls.individual_call_record(
            actor=officer,
            card=main,
            sent_on=dt.date(2031, 6, 1),
            reference="X",
            deadline=dt.date(2031, 7, 1),
            today=TODAY,
        )


def test_the_officer_and_the_office_are_told_a_call_closes_with_no_application(office, main, funding_data):
    officer = UserFactory(roles=[("member_officer", main.beneficiary)])
    other_officer = UserFactory(roles=[("member_officer", ProjectCardFactory().beneficiary)])
    board = UserFactory(roles=[("board_member", None)])
    call = CallFactory(
        measure=main.measure, opens_on=dt.date(2031, 5, 1), closes_on=TODAY + dt.timedelta(days=10)
    )
    [item] = call_deadlines(officer, TODAY)
    assert item.title == f"Nabór {call.number} zamyka się za 10 dni, a wniosku nie złożono: {main.number}"
    assert item.due == call.closes_on and item.url.endswith(f"/projekty/fiszki/{main.pk}/#iz-calendar")
    assert [i.key for i in call_deadlines(office, TODAY)] == [item.key]
    assert call_deadlines(other_officer, TODAY) == [] and call_deadlines(board, TODAY) == []


def test_the_alert_waits_for_the_last_days_and_ends_with_the_application(office, main, funding_data):
    CallFactory(
        measure=main.measure,
        opens_on=dt.date(2031, 5, 1),
        closes_on=TODAY + dt.timedelta(days=iz_calls.ALERT_DAYS + 1),
    )
    assert call_deadlines(office, TODAY) == []  # more than ALERT_DAYS days left
    [item] = call_deadlines(office, TODAY + dt.timedelta(days=14))
    assert "za 1 dzień" in item.title
    [item] = call_deadlines(office, TODAY + dt.timedelta(days=15))
    assert "kończy się dziś" in item.title
    assert call_deadlines(office, TODAY + dt.timedelta(days=16)) == []  # the call has ended
    ProjectCard.objects.filter(pk=main.pk).update(state=S.APPLICATION_FILED)
    assert call_deadlines(office, TODAY + dt.timedelta(days=14)) == []


def test_a_competitive_call_alerts_the_reserve_list_and_a_non_competitive_one_does_not(office, funding_data):
    reserve = ProjectCardFactory(state=S.LISTED_RESERVE)
    closes = TODAY + dt.timedelta(days=5)
    CallFactory(measure=reserve.measure, opens_on=dt.date(2031, 5, 1), closes_on=closes)
    assert call_deadlines(office, TODAY) == []
    CallFactory(
        measure=reserve.measure, mode=Call.Mode.COMPETITIVE, opens_on=dt.date(2031, 5, 1), closes_on=closes
    )
    [item] = call_deadlines(office, TODAY)
    assert "za 5 dni" in item.title and reserve.number in item.title


def test_an_individual_call_deadline_alerts_too(office, main):
    iz_calls.individual_call_record(
        actor=office,
        card=main,
        sent_on=dt.date(2031, 6, 1),
        reference="DPR.1.2031",
        deadline=TODAY + dt.timedelta(days=3),
        today=TODAY,
    )
    officer = UserFactory(roles=[("member_officer", main.beneficiary)])
    [item] = call_deadlines(officer, TODAY)
    assert (
        item.title == f"Termin z wezwania IZ DPR.1.2031 mija za 3 dni, a wniosku nie złożono: {main.number}"
    )
