"""An adopted resolution whose effect waits reaches whoever may apply it: in their notices (with the unread
count in the header) and in their e-mail digest. The office's setting decides who that is: the office only,
then the body's secretary too, who then applies the effect from the notice."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def waiting_effect(site):
    """A discharge adopted at an open Rada meeting, the vote recorded by the secretary: with the default
    setting (the office only) its effect waits for the office."""
    from django.contrib.auth import get_user_model

    from zit.association.models import Body
    from zit.governance import meetings, resolutions, votes
    from zit.governance.demo import _representatives
    from zit.governance.models import Ballot, Resolution

    users = get_user_model().objects
    users.filter(username="biuro").update(email="biuro@example.pl")
    users.filter(username="sekretarz").update(email="sekretarz@example.pl")
    secretary = users.get(username="sekretarz")
    _representatives()
    rada = Body.objects.get(slug="rada")
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.now() - dt.timedelta(minutes=30), place="Konin, sala 1"
    )
    meetings.meeting_open(actor=None, meeting=meeting)
    for seat in meetings.meeting_seats(meeting):
        meetings.attendance_record(
            actor=None, meeting=meeting, seat=seat.key, present=seat.representative is not None
        )
    resolution = resolutions.resolution_save(
        actor=None,
        body=rada,
        kind="discharge",
        fiscal_year=2025,
        subject="udzielenia absolutorium Zarządowi za 2025 r.",
        text="Udziela się absolutorium.\n\nWykonanie powierza się Zarządowi.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title=resolution.subject, resolution=resolution)
    vote = votes.vote_start(actor=secretary, resolution=resolution)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=secretary, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    adopted = votes.vote_close(actor=secretary, vote=vote)
    assert adopted.is_adopted and adopted.effect == Resolution.Effect.PENDING
    return adopted


def _deliver(day_offset: int) -> None:
    """The recurring job's run on a morning after today (the daily digest's time)."""
    from zit.core.notices import notices_deliver

    morning = timezone.localtime().replace(hour=8, minute=0) + dt.timedelta(days=day_offset)
    notices_deliver(now=morning, today=morning.date())


def _mail_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


def test_a_waiting_effect_reaches_whoever_may_apply_it(page, site, browser, waiting_effect):
    title = f"Uchwała nr {waiting_effect.number}: skutek czeka na wprowadzenie"
    _deliver(1)
    [office_mail] = _mail_to("biuro@example.pl")
    assert title in office_mail.body and f"/biuro/organy/uchwaly/{waiting_effect.pk}/" in office_mail.body
    assert not [m for m in _mail_to("sekretarz@example.pl") if title in m.body]  # not the secretary's

    sign_in(page, site, "biuro")
    header_link = page.locator(".header-tools").get_by_role("link", name="Powiadomienia")
    expect(header_link.locator(".badge")).to_be_visible()  # the unread count
    header_link.click()
    expect(page.locator("h1")).to_have_text("Powiadomienia")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("button", name="Wprowadź skutek")).to_be_visible()

    # the office lets the secretary apply effects too
    page.goto(f"{site}/biuro/organy/ustawienia/")
    page.get_by_label("biuro albo sekretarz organu").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano, kto wprowadza skutki uchwał.")

    _deliver(2)
    [secretary_mail] = [m for m in _mail_to("sekretarz@example.pl") if title in m.body]
    assert f"/biuro/organy/uchwaly/{waiting_effect.pk}/" in secretary_mail.body
    assert len([m for m in _mail_to("biuro@example.pl") if title in m.body]) == 1  # the office told once

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    secretary_page = context.new_page()
    sign_in(secretary_page, site, "sekretarz")
    secretary_page.goto(f"{site}/konto/powiadomienia/")
    secretary_page.get_by_role("link", name=title).click()
    secretary_page.get_by_role("button", name="Wprowadź skutek").click()
    expect(secretary_page.locator(".messages")).to_contain_text("Skutek uchwały wprowadzony.")
    context.close()
    waiting_effect.refresh_from_db()
    assert waiting_effect.effect == "applied"
