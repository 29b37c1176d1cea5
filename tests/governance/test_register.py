"""The public register: only what was published, with its metryczka; the Atom feed, the calendar, documents."""

# Literal paths on purpose: the register's, the feed's, the calendar's and the documents' public addresses must not move.

import datetime as dt
import xml.etree.ElementTree as ET

from django.core.files.base import ContentFile
from django.utils import timezone
from icalendar import Calendar

from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from zit.core.signed import signed_document_upload
from zit.governance import meetings, public_documents, register, resolutions, votes
from zit.governance.demo import sample_pdf
from zit.governance.models import Ballot, PublicDocument

ATOM = "{http://www.w3.org/2005/Atom}"


def _adopted(rada, meeting, secretary, subject="przyjęcia planu pracy", publish=True):
    resolution = resolutions.resolution_save(
        actor=secretary, body=rada, kind="other", subject=subject, text="Tekst."
    )
    meetings.agenda_item_save(actor=secretary, meeting=meeting, title=subject, resolution=resolution)
    vote = votes.vote_start(actor=secretary, resolution=resolution)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=secretary, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    resolution = votes.vote_close(actor=secretary, vote=vote)
    document = resolutions.resolution_document_generate(actor=secretary, resolution=resolution)
    signed_document_upload(
        actor=secretary, document=document, file=ContentFile(sample_pdf("u"), name="u.pdf")
    )
    if publish:
        resolution = resolutions.resolution_publish(
            actor=secretary, resolution=resolution, prepared_by="Piotr Pokazowy, Przewodniczący Rady"
        )
    return resolution


def test_only_published_resolutions_are_public(client, rada, secretary, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = open_meeting(rada)
    public = _adopted(rada, meeting, secretary)
    hidden = _adopted(rada, meeting, secretary, subject="spraw poufnych jeszcze", publish=False)
    listing = client.get("/uchwaly/").content.decode()
    assert "przyjęcia planu pracy" in listing and "spraw poufnych" not in listing
    url = f"/uchwaly/rada/{public.year}/{public.sequence}/"
    assert client.get(url).status_code == 200
    assert client.get(f"/uchwaly/rada/{hidden.year}/{hidden.sequence}/").status_code == 404
    signed = client.get(url + "dokument/")
    assert signed.status_code == 200 and b"".join(signed.streaming_content).startswith(b"%PDF")
    assert client.get(f"/uchwaly/rada/{hidden.year}/{hidden.sequence}/dokument/").status_code == 404


def test_the_metryczka_names_who_prepared_and_published_and_the_history(
    client, rada, secretary, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    resolution = _adopted(rada, open_meeting(rada), secretary)
    card = register.metryczka(resolution)
    assert card.prepared_by == "Piotr Pokazowy, Przewodniczący Rady"
    assert card.published_by == "Test body_secretary"  # the name, not the account
    what = [h.what for h in card.history]
    assert what[0] == "przygotowanie projektu uchwały" and what[-1] == "publikacja w rejestrze"
    assert "zapis głosu" not in what  # each ballot is in the vote's table, not in the history
    page = client.get(f"/uchwaly/rada/{resolution.year}/{resolution.sequence}/").content.decode()
    assert "Metryczka" in page and "Piotr Pokazowy, Przewodniczący Rady" in page
    assert "zamknięcie głosowania i ustalenie wyniku" in page and "body_secretary-" not in page


def test_search_by_number_and_filters(client, rada, secretary, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = open_meeting(rada)
    first = _adopted(rada, meeting, secretary)
    _adopted(rada, meeting, secretary, subject="zmiany siedziby")
    found = client.get(f"/uchwaly/?q={first.sequence}/{first.year}").content.decode()
    assert "przyjęcia planu pracy" in found and "zmiany siedziby" not in found
    assert "zmiany siedziby" in client.get("/uchwaly/?q=siedziby&organ=rada").content.decode()
    assert "Nie ma uchwał" in client.get("/uchwaly/?organ=zarzad").content.decode()
    # "²" is a digit to str.isdigit() but not to int(); a number past 64 bits finds nothing
    for odd in ("?rok=²", "?q=²/2026", f"?q=1/{'9' * 20}", f"?rok={'9' * 20}", f"?strona={'9' * 20}"):
        assert client.get(f"/uchwaly/{odd}").status_code == 200, odd


def test_the_atom_feed_lists_published_resolutions(client, rada, secretary, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution = _adopted(rada, open_meeting(rada), secretary)
    response = client.get("/uchwaly/kanal.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}title").text == resolutions.full_title(resolution)
    assert (
        entries[0]
        .find(f"{ATOM}link")
        .get("href")
        .endswith(f"/uchwaly/rada/{resolution.year}/{resolution.sequence}/")
    )


def test_the_public_calendar_has_published_meetings_without_their_links(client, rada):
    meeting = meetings.meeting_save(
        actor=None,
        body=rada,
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Konin, sala 1",
        online_url="https://spotkanie.example.invalid/tajne",
    )
    assert "BEGIN:VEVENT" not in client.get("/posiedzenia/kalendarz.ics").content.decode()
    meetings.meeting_publish(actor=None, meeting=meeting, prepared_by="Biuro")
    ics = client.get("/posiedzenia/kalendarz.ics").content.decode()
    assert ics.count("BEGIN:VEVENT") == 1 and "LOCATION:Konin\\, sala 1" in ics
    assert "tajne" not in ics and f"/posiedzenia/{meeting.pk}/" in ics
    (event,) = Calendar.from_ical(ics).walk("VEVENT")  # a calendar program reads it back
    assert str(event["LOCATION"]) == "Konin, sala 1" and str(event["URL"]).endswith(
        f"/posiedzenia/{meeting.pk}/"
    )


def test_documents_are_published_and_withdrawn_with_a_reason(client, secretary, settings, tmp_path, rada):
    settings.MEDIA_ROOT = tmp_path
    document = public_documents.document_publish(
        actor=secretary,
        title="Budżet na 2027 r.",
        category=PublicDocument.Category.BUDGET,
        file=ContentFile(sample_pdf("b"), name="budzet.pdf"),
        prepared_by="Jan Kowalski, skarbnik",
    )
    assert "Budżet na 2027 r." in client.get("/dokumenty/").content.decode()
    assert client.get(f"/dokumenty/{document.pk}/plik/").status_code == 200
    public_documents.document_withdraw(actor=secretary, document=document, reason="Zastąpiony nowym.")
    assert "Budżet na 2027 r." not in client.get("/dokumenty/").content.decode()
    page = client.get(f"/dokumenty/{document.pk}/").content.decode()
    assert "Zastąpiony nowym." in page and "wycofanie z publikacji" in page  # the metryczka keeps it
    assert client.get(f"/dokumenty/{document.pk}/plik/").status_code == 404
