"""The lifecycles of meetings, resolutions and votes: every guard refuses its act with the Polish reason, the
audit keeps its action names, and the buttons offered follow the state and the role (the office and the
bodies' secretaries act; a board member reads; a member officer sees nothing)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from zit.association.models import Member
from zit.core.lifecycle import Context, all_lifecycles
from zit.core.models import AuditEvent
from zit.governance import invitations, meetings, resolutions, votes
from zit.governance.lifecycles import MEETING, RESOLUTION, VOTE
from zit.governance.meetings_selectors import meeting_actions, resolution_actions, vote_actions
from zit.governance.models import Ballot, Meeting, Resolution, Vote


def _draft(body, meeting=None, subject="przyjęcia planu pracy"):
    resolution = resolutions.resolution_save(actor=None, body=body, kind="other", subject=subject, text="x")
    if meeting is not None:
        meetings.agenda_item_save(actor=None, meeting=meeting, title=subject, resolution=resolution)
        resolution.refresh_from_db()
    return resolution


def _planned(body, *, days: int = 7):
    return meetings.meeting_save(
        actor=None, body=body, starts_at=timezone.now() + dt.timedelta(days=days), place="Konin, sala 1"
    )


def _vote_for_all(resolution):
    vote = votes.vote_start(actor=None, resolution=resolution)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    return vote


def _refused(call, text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        call()
    assert any(text in m for m in exc.value.messages), exc.value.messages


def test_the_lifecycles_are_registered_with_a_polish_line_per_guard():
    keys = {lc.key for lc in all_lifecycles()}
    assert {"governance.meeting", "governance.resolution", "governance.vote"} <= keys
    for lifecycle in (MEETING, RESOLUTION, VOTE):
        for transition in lifecycle.transitions:
            for guard in transition.guards:
                assert guard.__doc__ and guard.__doc__.strip(), guard


# --- the meeting's guards


def test_invitations_go_out_again_only_after_a_change(rada, django_capture_on_commit_callbacks):
    meeting = _planned(rada)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=None, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED
    _refused(
        lambda: invitations.invitations_send(actor=None, meeting=meeting),
        "Zaproszenia już wysłano, a od tego czasu nic się nie zmieniło.",
    )
    assert (
        AuditEvent.objects.filter(action="governance.invitations_send", object_id=str(meeting.pk)).count()
        == 1
    )


def test_invitations_are_refused_once_the_meeting_started(rada):
    meeting = _planned(rada, days=-1)
    _refused(
        lambda: invitations.invitations_send(actor=None, meeting=meeting),
        "Posiedzenie już się zaczęło: zaproszenia są spóźnione.",
    )


def test_a_meeting_closes_only_after_its_votes(rada):
    meeting = open_meeting(rada)
    votes.vote_start(actor=None, resolution=_draft(rada, meeting))
    _refused(
        lambda: meetings.meeting_close(actor=None, meeting=meeting),
        "Najpierw zamknij głosowanie: przyjęcia planu pracy.",
    )


def test_a_meeting_with_a_decided_resolution_cannot_be_cancelled(rada):
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.now() - dt.timedelta(hours=3), place="Konin"
    )
    resolution = _draft(rada, meeting)
    vote = votes.vote_start(actor=None, resolution=resolution, mode=Vote.Mode.MINUTES)
    for ballot in vote.ballots.all():
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.ABSENT)
    votes.vote_close(actor=None, vote=vote)
    _refused(
        lambda: meetings.meeting_cancel(actor=None, meeting=meeting, reason="Brak sali."),
        "Na tym posiedzeniu głosowano już uchwały: nie można go odwołać.",
    )


def test_cancelling_needs_a_reason_and_a_meeting_not_yet_opened(rada):
    planned = _planned(rada)
    _refused(
        lambda: meetings.meeting_cancel(actor=None, meeting=planned, reason=" "),
        "Podaj powód odwołania: trafi do zawiadomienia.",
    )
    running = open_meeting(rada)
    _refused(
        lambda: meetings.meeting_cancel(actor=None, meeting=running, reason="Brak sali."),
        "nie można wykonać, gdy stan to „w toku”",
    )
    cancelled = meetings.meeting_cancel(actor=None, meeting=planned, reason="Brak sali.")
    assert cancelled.is_cancelled and cancelled.sequence == 1
    event = AuditEvent.objects.get(action="governance.meeting_cancel", object_id=str(planned.pk))
    assert event.reason == "Brak sali." and event.after["status"] == "cancelled"
    _refused(
        lambda: meetings.meeting_open(actor=None, meeting=cancelled),
        "nie można wykonać, gdy stan to „odwołane”",
    )


def test_opening_and_closing_keep_their_audit_actions(rada):
    meeting = open_meeting(rada)
    meetings.meeting_close(actor=None, meeting=meeting, minutes_notes="Bez uwag.\r\n")
    meeting.refresh_from_db()
    assert (
        meeting.is_closed
        and meeting.opened_at
        and meeting.closed_at
        and meeting.minutes_notes == "Bez uwag.\n"
    )
    actions = set(AuditEvent.objects.filter(object_id=str(meeting.pk)).values_list("action", flat=True))
    assert {"governance.meeting_open", "governance.meeting_close"} <= actions


# --- the resolution's guards


def test_a_vote_needs_the_draft_on_an_agenda_and_starts_once(rada):
    loose = _draft(rada)
    _refused(
        lambda: votes.vote_start(actor=None, resolution=loose),
        "Uchwała nie jest w porządku obrad żadnego posiedzenia.",
    )
    meeting = open_meeting(rada)
    resolution = _draft(rada, meeting, subject="zmiany siedziby")
    votes.vote_start(actor=None, resolution=resolution)
    _refused(
        lambda: votes.vote_start(actor=None, resolution=resolution),
        "Głosowanie nad tą uchwałą już trwa.",
    )
    assert AuditEvent.objects.filter(action="governance.vote_start", object_id=str(resolution.pk)).exists()


def test_no_vote_on_a_cancelled_meeting(rada):
    meeting = _planned(rada)
    resolution = _draft(rada, meeting)
    meetings.meeting_cancel(actor=None, meeting=meeting, reason="Brak sali.")
    for mode in Vote.Mode.values:
        _refused(
            lambda mode=mode: votes.vote_start(actor=None, resolution=resolution, mode=mode),
            "Posiedzenie odwołano: nie było głosowania.",
        )


def test_a_draft_is_withdrawn_with_a_reason_and_only_before_its_vote(rada):
    meeting = open_meeting(rada)
    voting = _draft(rada, meeting)
    votes.vote_start(actor=None, resolution=voting)
    _refused(
        lambda: resolutions.resolution_withdraw(actor=None, resolution=voting, reason="Nieaktualny."),
        "Wycofać można projekt, nad którym jeszcze nie głosowano.",
    )
    draft = _draft(rada, subject="zmiany siedziby")
    _refused(
        lambda: resolutions.resolution_withdraw(actor=None, resolution=draft, reason=""),
        "Podaj powód wycofania projektu.",
    )
    withdrawn = resolutions.resolution_withdraw(actor=None, resolution=draft, reason="Nieaktualny.")
    assert withdrawn.is_withdrawn
    event = AuditEvent.objects.get(action="governance.resolution_withdraw", object_id=str(draft.pk))
    assert event.reason == "Nieaktualny."


def test_adoption_and_rejection_follow_the_result_of_the_vote(rada):
    draft = _draft(rada)
    today = timezone.localdate()
    assert RESOLUTION.refusal(draft, "adopt", Context(None, today, data={"adopted": False})) == (
        "Głosowanie nie dało większości: uchwała nie została podjęta."
    )
    assert RESOLUTION.refusal(draft, "reject", Context(None, today, data={"adopted": True})) == (
        "Głosowanie dało większość: uchwała została podjęta."
    )
    assert RESOLUTION.refusal(draft, "adopt", Context(None, today, data={"adopted": True})) == ""


def test_closing_the_vote_adopts_with_one_event_on_the_resolution(rada):
    meeting = open_meeting(rada)
    resolution = _draft(rada, meeting)
    adopted = votes.vote_close(actor=None, vote=_vote_for_all(resolution))
    assert adopted.is_adopted and adopted.number
    event = AuditEvent.objects.get(action="governance.vote_close", object_id=str(resolution.pk))
    assert event.before["status"] == "draft" and event.after["status"] == "adopted"
    assert "Uchwała została podjęta." in event.after["explanation"] and event.after["sequence"] == 1
    tally = AuditEvent.objects.get(action="governance.vote_tally", object_type="governance.vote")
    assert tally.after["adopted"] is True and tally.after["votes_for"] == 15


# --- the vote's guard


def test_a_vote_closes_only_with_every_seat_recorded(rada):
    konin = Member.objects.get(slug="konin")
    meeting = open_meeting(rada)
    vote = votes.vote_start(actor=None, resolution=_draft(rada, meeting))
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT).exclude(seat=f"m:{konin.pk}"):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    _refused(lambda: votes.vote_close(actor=None, vote=vote), "Nie zapisano głosu: Miasto Konin.")
    assert vote_actions(user=None, vote=vote).get("close").refused == "Nie zapisano głosu: Miasto Konin."
    votes.ballot_record(actor=None, vote=vote, seat=f"m:{konin.pk}", choice=Ballot.Choice.AGAINST)
    assert vote_actions(user=None, vote=vote).can("close")
    votes.vote_close(actor=None, vote=vote)
    vote.refresh_from_db()
    assert vote.state == Vote.State.CLOSED and not vote_actions(user=None, vote=vote)
    _refused(
        lambda: votes.vote_close(actor=None, vote=vote),
        "nie można wykonać, gdy stan to „zamknięte”",
    )


# --- the buttons per state and role


@pytest.fixture
def people(user_for_role, secretary, office):
    officer = user_for_role("member_officer", Member.objects.get(slug="slesin").organisation)
    return {
        "office": office,
        "secretary": secretary,
        "board": user_for_role("board_member"),
        "officer": officer,
    }


def _names(actions) -> dict[str, str]:
    return {a.name: a.refused for a in actions}


def test_meeting_buttons_follow_the_state_for_the_office_and_none_for_readers(rada, people):
    planned = _planned(rada)
    running = open_meeting(rada)
    running.refresh_from_db()
    for who in ("office", "secretary"):
        user = people[who]
        assert _names(meeting_actions(user=user, meeting=planned)) == {"invite": "", "open": "", "cancel": ""}
        assert _names(meeting_actions(user=user, meeting=running)) == {"close": ""}
    meetings.meeting_close(actor=None, meeting=running)
    running.refresh_from_db()
    assert not meeting_actions(user=people["office"], meeting=running)  # closed: nothing left to do
    for who in ("board", "officer"):
        assert not meeting_actions(user=people[who], meeting=planned)
    with pytest.raises(PermissionDenied):
        meetings.meeting_open(actor=people["board"], meeting=planned)


def test_resolution_buttons_follow_the_state_for_the_office_and_none_for_readers(rada, people):
    loose = _draft(rada)
    meeting = open_meeting(rada)
    on_agenda = _draft(rada, meeting, subject="zmiany siedziby")
    office = people["office"]
    assert _names(resolution_actions(user=office, resolution=loose)) == {
        "start_vote": "Uchwała nie jest w porządku obrad żadnego posiedzenia.",
        "withdraw": "",
    }
    assert _names(resolution_actions(user=people["secretary"], resolution=on_agenda)) == {
        "start_vote": "",
        "withdraw": "",
    }
    vote = _vote_for_all(on_agenda)
    on_agenda.refresh_from_db()
    assert _names(resolution_actions(user=office, resolution=on_agenda)) == {
        "start_vote": "Głosowanie nad tą uchwałą już trwa.",
        "withdraw": "Wycofać można projekt, nad którym jeszcze nie głosowano.",
    }
    assert _names(vote_actions(user=office, vote=vote)) == {"close": ""}
    adopted = votes.vote_close(actor=office, vote=vote)
    assert not resolution_actions(user=office, resolution=adopted)  # adopted: no button
    for who in ("board", "officer"):
        assert not resolution_actions(user=people[who], resolution=loose)
        assert not vote_actions(user=people[who], vote=vote)


def test_the_pages_render_the_buttons_only_for_those_who_may_press_them(client, rada, people):
    meeting = _planned(rada)
    draft = _draft(rada, meeting)
    meeting_url, resolution_url = (
        reverse("governance:meeting", args=[meeting.pk]),
        reverse("governance:resolution", args=[draft.pk]),
    )
    client.force_login(people["office"])
    page = client.get(meeting_url).content.decode()
    assert 'data-lifecycle="meeting-actions"' in page
    assert re.findall(r'data-action="(\w+)"', page) == ["invite", "open", "cancel"]
    page = client.get(resolution_url).content.decode()
    assert 'data-lifecycle="resolution-actions"' in page and 'data-action="withdraw"' in page
    assert 'data-refused="start_vote"' in page and "Otwórz posiedzenie" in page  # why not now
    client.force_login(people["board"])
    for url in (meeting_url, resolution_url):
        page = client.get(url).content.decode()
        assert "data-lifecycle=" not in page and "data-action=" not in page
    client.force_login(people["officer"])
    assert client.get(meeting_url).status_code == 403 and client.get(resolution_url).status_code == 403


def test_the_buttons_post_to_the_acts(client, rada, people):
    meeting = _planned(rada, days=-1)
    client.force_login(people["office"])
    response = client.post(reverse("governance:meeting_action", args=[meeting.pk, "otworz"]))
    assert response.status_code == 303
    meeting.refresh_from_db()
    assert meeting.is_open
    resolution = _draft(rada)
    page = client.post(
        reverse("governance:resolution_action", args=[resolution.pk, "wycofaj"]), {"reason": ""}, follow=True
    )
    assert "Podaj powód wycofania projektu." in page.content.decode()
    client.post(
        reverse("governance:resolution_action", args=[resolution.pk, "wycofaj"]), {"reason": "Nieaktualny."}
    )
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.WITHDRAWN


# --- forms: nothing lost, errors by the field


def test_an_agenda_item_refused_keeps_what_was_typed_and_says_why_by_the_field(client, rada, people):
    from zit.association.models import Body

    meeting = _planned(rada)
    other = _draft(Body.objects.get(slug="zarzad"), subject="planu Zarządu")
    client.force_login(people["secretary"])
    response = client.post(
        reverse("governance:agenda_add", args=[meeting.pk]),
        {"title": "Plan pracy na 2027 r.", "description": "Opis punktu", "resolution": other.pk},
    )
    assert response.status_code == 200 and not meeting.agenda.exists()
    page = response.content.decode()
    assert 'value="Plan pracy na 2027 r."' in page and "Opis punktu" in page
    assert re.search(r"<details class=\"panel\" open>", page)  # the form with its errors is open
    assert "Wybierz poprawną wartość" in page or "innego organu" in page


def test_an_attendance_row_refused_saves_nothing_and_says_why(
    client, rada, people, member_without_representative
):
    meeting = _planned(rada)
    client.force_login(people["secretary"])
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    response = client.post(
        url, {"seat": f"m:{member_without_representative.pk}", "present": "1"}, HTTP_HX_REQUEST="true"
    )
    fragment = response.content.decode()
    assert "Gmina Wierzbinek nie ma przedstawiciela: wskaż osobę, która jest obecna." in fragment
    assert not meeting.attendance.exists()
    assert "Obecnych: <strong>0</strong>" in fragment
