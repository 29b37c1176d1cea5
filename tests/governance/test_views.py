"""The secretary's pages: who may see and do what, the live attendance and vote, invitations, the minutes."""

import datetime as dt
import re

from django.core import mail
from django.urls import reverse, translate_url
from django.utils import timezone
from icalendar import Calendar

from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from zit.association.models import Member
from zit.governance import meetings, resolutions, votes
from zit.governance.models import Ballot, Meeting, Resolution

HTMX = {"HTTP_HX_REQUEST": "true"}


def _text(content: str | bytes) -> str:
    return content.decode() if isinstance(content, bytes) else content


def _draft_on_agenda(rada, meeting, subject="przyjęcia planu pracy"):
    resolution = resolutions.resolution_save(
        actor=None, body=rada, kind="other", subject=subject, text="Tekst."
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title=subject, resolution=resolution)
    return resolution


def test_pages_need_the_governance_permissions(client, rada, user_for_role, secretary):
    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    officer = user_for_role("member_officer", Member.objects.get(slug="slesin").organisation)
    board = user_for_role("board_member")
    urls = [
        reverse("governance:meetings"),
        reverse("governance:meeting", args=[meeting.pk]),
        reverse("governance:resolution", args=[resolution.pk]),
        reverse("governance:resolution_vote", args=[resolution.pk]),
    ]
    assert client.get(urls[0]).status_code == 302  # to the login page
    client.force_login(officer)
    assert {client.get(url).status_code for url in urls} == {403}
    client.force_login(board)  # reads, but may not run anything
    assert {client.get(url).status_code for url in urls} == {200}
    assert "Rozpocznij głosowanie" not in client.get(urls[3]).content.decode()
    assert client.get(reverse("governance:meeting_new")).status_code == 403
    assert client.post(reverse("governance:meeting_action", args=[meeting.pk, "zamknij"])).status_code == 403
    client.force_login(secretary)
    assert "Rozpocznij głosowanie" in client.get(urls[3]).content.decode()


def test_planning_a_meeting_shows_errors_in_polish_and_keeps_the_input(client, rada, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("governance:meeting_new"),
        {"body": rada.pk, "starts_at": "2030-05-10T10:00", "ends_at": "2030-05-10T09:00", "number": "XII"},
    )
    page = response.content.decode()
    assert "Podaj miejsce posiedzenia albo link" in page and "Koniec musi być później" in page
    assert 'value="XII"' in page
    response = client.post(
        reverse("governance:meeting_new"),
        {"body": rada.pk, "starts_at": "2030-05-10T10:00", "place": "Konin"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 303 and response["Location"] == reverse(
        "governance:meeting", args=[meeting.pk]
    )


def test_attendance_updates_the_quorum_live(client, rada, secretary):
    meeting = meetings.meeting_save(actor=None, body=rada, starts_at=timezone.now(), place="Konin")
    client.force_login(secretary)
    konin = Member.objects.get(slug="konin")
    response = client.post(
        reverse("governance:meeting_attendance", args=[meeting.pk]),
        {"seat": f"m:{konin.pk}", "present": "1"},
        **HTMX,
    )
    fragment = response.content.decode()
    assert 'id="attendance-region"' in fragment and "<html" not in fragment
    assert "Obecnych: <strong>1</strong> z 16" in fragment and "brak kworum" in fragment


def test_a_live_vote_is_recorded_seat_by_seat_and_closed(client, rada, secretary):
    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    client.force_login(secretary)
    url = reverse("governance:resolution_vote", args=[resolution.pk])
    assert client.post(url, {"mode": "live"}).status_code == 303
    vote = resolution.vote
    present = list(vote.ballots.exclude(choice=Ballot.Choice.ABSENT))
    data = {"csrfmiddlewaretoken": "x"}
    for ballot in vote.ballots.all():
        data[f"c_{ballot.seat.replace(':', '_')}"] = ballot.choice
    data[f"c_{present[0].seat.replace(':', '_')}"] = "for"
    fragment = client.post(url, data, **HTMX).content.decode()
    assert "Za: <strong>1</strong>" in fragment
    assert Ballot.objects.get(pk=present[0].pk).choice == "for"
    for ballot in present[1:]:
        data[f"c_{ballot.seat.replace(':', '_')}"] = "for"
    client.post(url, data, **HTMX)
    response = client.post(url, {"close": "1"})
    resolution.refresh_from_db()
    assert response.status_code == 303 and resolution.status == Resolution.Status.ADOPTED
    assert (
        "Uchwała nr 1/" in client.get(reverse("governance:resolution", args=[resolution.pk])).content.decode()
    )


def _field(seat: str) -> str:
    return f"c_{seat.replace(':', '_')}"


def _checked(page: str) -> dict[str, str]:
    """The choice each seat's radio buttons show as selected."""
    return dict(re.findall(r'<input type="radio" name="(c_[^"]+)" value="([^"]*)"[^>]*\bchecked\b', page))


def _row(page: str, label: str) -> str:
    """The fieldset of one seat on the vote page."""
    rows = re.findall(r'<fieldset class="ballot".*?</fieldset>', page, re.DOTALL)
    return next(r for r in rows if f"<legend>{label}" in r)


def _roll_call_with_a_wrong_seat(rada, member_without_representative):
    """A live vote where every present seat votes, and the seat nobody represents is marked "for"."""
    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    vote = votes.vote_start(actor=None, resolution=resolution)
    submitted = {b.seat: b.choice for b in vote.ballots.all()}
    present = [b.seat for b in vote.ballots.exclude(choice=Ballot.Choice.ABSENT)]
    for number, seat in enumerate(present):
        submitted[seat] = {1: "against", 2: "abstain"}.get(number % 5, "for")
    nobody = f"m:{member_without_representative.pk}"
    submitted[nobody] = "for"
    order = [b.seat for b in vote.ballots.all()]
    assert 0 < order.index(nobody) < len(order) - 1  # among the others: some seats come after it
    return resolution, vote, submitted, nobody


def test_a_wrong_seat_saves_no_ballot_shows_its_error_by_the_seat_and_keeps_every_choice(
    client, rada, secretary, member_without_representative
):
    resolution, vote, submitted, nobody = _roll_call_with_a_wrong_seat(rada, member_without_representative)
    client.force_login(secretary)
    url = reverse("governance:resolution_vote", args=[resolution.pk])
    data = {_field(seat): choice for seat, choice in submitted.items()}
    response = client.post(url, data)

    assert response.status_code == 200
    assert set(vote.ballots.values_list("choice", flat=True)) == {"", "absent"}  # nothing saved
    page = response.content.decode()
    assert _checked(page) == data  # every row shows what was selected, the wrong one too
    row = _row(page, "Gmina Wierzbinek")
    assert "Gmina Wierzbinek nie ma przedstawiciela: wskaż osobę, która głosowała." in row
    described_by = re.search(r'<fieldset class="ballot"[^>]*aria-describedby="([^"]+)"', row).group(1)
    error = re.search(rf'id="{described_by}"[^>]*>(.*?)</div>', row, re.DOTALL).group(1)
    assert "nie ma przedstawiciela" in error
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.DOTALL).group(0)
    target = re.search(r'<a href="#([^"]+)">[^<]*nie ma przedstawiciela', summary).group(1)
    assert f'id="{target}"' in row
    for label in ("Miasto Konin", "Gmina Wilczyn"):  # the rows before and after have no error
        assert "error-message" not in _row(page, label)

    data[_field(nobody)] = "absent"
    assert client.post(url, data).status_code == 303
    saved = dict(vote.ballots.values_list("seat", "choice"))
    assert saved == submitted | {nobody: "absent"}
    client.post(url, {"close": "1"})
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.ADOPTED


def test_with_htmx_a_wrong_seat_saves_nothing_and_its_error_appears_by_the_seat(
    client, rada, secretary, member_without_representative
):
    resolution, vote, submitted, nobody = _roll_call_with_a_wrong_seat(rada, member_without_representative)
    client.force_login(secretary)
    url = reverse("governance:resolution_vote", args=[resolution.pk])
    data = {_field(seat): choice for seat, choice in submitted.items()}
    page = client.get(url).content.decode()
    error_id = re.search(r'aria-describedby="([^"]+)"', _row(page, "Gmina Wierzbinek")).group(
        1
    )  # the page holds a place for the seat's error

    fragment = client.post(url, data, **HTMX).content.decode()
    assert set(vote.ballots.values_list("choice", flat=True)) == {"", "absent"}
    assert "<html" not in fragment and 'id="vote-result"' in fragment
    # the answer fills in the seat's error and the summary; the radio buttons, with what was clicked, stay
    error = re.search(rf'<div id="{error_id}"[^>]*hx-swap-oob="true"[^>]*>(.*?)</div>', fragment, re.DOTALL)
    assert "Gmina Wierzbinek nie ma przedstawiciela" in error.group(1)
    assert 'class="error-summary"' in fragment
    assert 'type="radio"' not in fragment

    data[_field(nobody)] = "absent"
    fragment = client.post(url, data, **HTMX).content.decode()
    assert dict(vote.ballots.values_list("seat", "choice")) == submitted | {nobody: "absent"}
    error = re.search(rf'<div id="{error_id}"[^>]*hx-swap-oob="true"[^>]*>(.*?)</div>', fragment, re.DOTALL)
    assert error.group(1).strip() == "" and 'class="error-summary"' not in fragment  # the errors are gone
    client.post(url, {"close": "1"})
    resolution.refresh_from_db()
    assert resolution.status == Resolution.Status.ADOPTED


def test_closing_an_incomplete_vote_says_who_is_missing(client, rada, secretary):
    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    votes.vote_start(actor=None, resolution=resolution)
    client.force_login(secretary)
    response = client.post(
        reverse("governance:resolution_vote", args=[resolution.pk]), {"close": "1"}, follow=True
    )
    assert "Nie zapisano głosu: Miasto Konin" in response.content.decode()


def test_the_seats_still_to_vote_are_named_as_polish_data_on_the_english_page(
    client, rada, secretary, settings
):
    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    votes.vote_start(actor=None, resolution=resolution)
    client.force_login(secretary)
    page = client.get(
        translate_url(reverse("governance:resolution_vote", args=[resolution.pk]), "en")
    ).content.decode()
    assert 'Vote not recorded: <span lang="pl">Miasto Konin</span>' in page


def test_invitations_are_previewed_then_sent_with_a_calendar_entry(
    client, rada, secretary, member_without_representative, django_capture_on_commit_callbacks
):
    meeting = meetings.meeting_save(
        actor=None,
        body=rada,
        starts_at=timezone.now() + dt.timedelta(days=7),
        place="Konin, sala 1",
        online_url="https://spotkanie.example.invalid/rada",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Plan pracy")
    client.force_login(secretary)
    url = reverse("governance:meeting_invitations", args=[meeting.pk])
    preview = client.get(url).content.decode()
    assert (
        "Nic nie zostanie wysłane" in preview
        and "Gmina Wierzbinek" in preview
        and "brak przedstawiciela" in preview
    )
    assert not mail.outbox
    assert "przedstawiciel.kleczew@example.invalid" in preview
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after the commit
        response = client.post(url)
    assert response.status_code == 303
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED and meeting.invited_sequence == 0
    assert len(mail.outbox) == 15  # every seat with a representative; Wierzbinek has none
    message = mail.outbox[0]
    assert message.subject.startswith("Zaproszenie na posiedzenie Rady Stowarzyszenia Aglomeracji Konińskiej")
    assert "1. Plan pracy" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "posiedzenie.ics" and mimetype.startswith("text/calendar")
    ics = _text(content)
    assert "METHOD:REQUEST" in ics and f"UID:{meeting.uid}@zit" in ics and "SEQUENCE:0" in ics
    assert str(Calendar.from_ical(ics).walk("VEVENT")[0]["UID"]) == f"{meeting.uid}@zit"
    # nothing changed: a second sending is refused; a new time raises the sequence and allows an update
    assert "nic się nie zmieniło" in client.post(url, follow=True).content.decode()
    meetings.meeting_save(actor=None, meeting=meeting, starts_at=meeting.starts_at + dt.timedelta(hours=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert mail.outbox[0].subject.startswith("Zmiana: posiedzenie")
    assert "SEQUENCE:1" in _text(mail.outbox[0].attachments[0][1])


def test_minutes_are_generated_after_closing(client, rada, secretary):
    import io

    from docx import Document

    meeting = open_meeting(rada)
    resolution = _draft_on_agenda(rada, meeting)
    vote = votes.vote_start(actor=None, resolution=resolution)
    for ballot in vote.ballots.exclude(choice="absent"):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice="for")
    votes.vote_close(actor=None, vote=vote)
    client.force_login(secretary)
    assert (
        "po zamknięciu"
        in client.post(
            reverse("governance:meeting_action", args=[meeting.pk, "protokol"]), follow=True
        ).content.decode()
    )
    client.post(reverse("governance:meeting_action", args=[meeting.pk, "zamknij"]))
    client.post(
        reverse("governance:meeting_action", args=[meeting.pk, "przebieg"]),
        {"minutes_notes": "Dyskusja o planie.\n\nBez uwag."},
    )
    client.post(reverse("governance:meeting_action", args=[meeting.pk, "protokol"]))
    document = meetings.signed_document_for(subject=meeting, kind=meetings.MINUTES_KIND)
    text = "\n".join(p.text for p in Document(document.draft.open("rb")).paragraphs)
    assert "Protokół z posiedzenia Rady Stowarzyszenia Aglomeracji Konińskiej" in text
    assert "obecnych: 15; kworum: 8 – jest" in text and "Nieobecni: Gmina Wierzbinek." in text
    assert "Głosowanie imienne: za – 15" in text and "Dyskusja o planie." in text
    tables = Document(io.BytesIO(document.draft.open("rb").read())).tables
    roll_call = [[c.text for c in row.cells] for t in tables for row in t.rows if len(row.cells) == 3]
    assert ["Miasto Konin", "Przedstawiciel Delegat01", "za"] in roll_call


def test_minutes_pdf_is_tagged(client, rada, secretary, tmp_path):
    import subprocess

    meeting = open_meeting(rada)
    client.force_login(secretary)
    response = client.get(reverse("governance:meeting_minutes_pdf", args=[meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "protokol.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert (
        "Tagged:          yes" in info
        and "Protokół z posiedzenia Rady Stowarzyszenia Aglomeracji Konińskiej" in info
    )
