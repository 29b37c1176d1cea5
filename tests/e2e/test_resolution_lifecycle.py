"""The office sees on a resolution's page what its lifecycle allows now: a draft on the agenda of an open
meeting can go to the vote or be withdrawn (with a reason); an adopted resolution offers neither. The page meets
WCAG 2.1 AA (axe) in both states; the board member reads it without any button."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from e2e.test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


@pytest.fixture
def two_resolutions(site):
    """An open meeting of the Rada with everyone present who can be, a draft on its agenda and a resolution
    adopted at it."""
    from zit.association.models import Body
    from zit.governance import meetings, resolutions, votes
    from zit.governance.demo import _representatives
    from zit.governance.models import Ballot

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

    def on_agenda(subject: str):
        resolution = resolutions.resolution_save(
            actor=None, body=rada, kind="other", subject=subject, text="Przyjmuje się plan.\n\nWykonanie."
        )
        meetings.agenda_item_save(actor=None, meeting=meeting, title=subject, resolution=resolution)
        return resolution

    draft = on_agenda("przyjęcia planu pracy Rady na 2027 r.")
    adopted = on_agenda("zmiany siedziby biura")
    vote = votes.vote_start(actor=None, resolution=adopted)
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    adopted = votes.vote_close(actor=None, vote=vote)
    assert adopted.is_adopted and draft.is_draft
    return draft, adopted


def _no_axe_violations(page) -> None:
    page.evaluate(AXE_JS)
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert not found["violations"], [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in found["violations"]
    ]


def test_the_buttons_of_a_resolution_follow_its_lifecycle(page, site, login, two_resolutions):
    draft, adopted = two_resolutions
    login("biuro")

    page.goto(f"{site}/biuro/organy/uchwaly/{draft.pk}/")
    actions = page.locator("#resolution-actions-title").locator("xpath=..")
    expect(actions).to_be_visible()
    expect(actions.get_by_role("link", name="Głosowanie", exact=True)).to_have_attribute(
        "href", reverse("governance:resolution_vote", args=[draft.pk])
    )
    expect(actions.locator("summary[data-action=withdraw]")).to_have_text("Wycofaj projekt")
    expect(page.get_by_role("link", name="Zmień projekt")).to_be_visible()
    _no_axe_violations(page)

    # withdrawing asks for the reason first, then the draft is withdrawn and offers nothing more
    actions.locator("summary[data-action=withdraw]").click()
    actions.get_by_label("Powód").fill("Projekt zastąpi nowy, z poprawionym harmonogramem.")
    actions.locator("details form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Projekt uchwały wycofany")
    expect(page.locator("dl.facts")).to_contain_text("wycofana")
    expect(page.locator("[data-lifecycle=resolution-actions]")).to_have_count(0)
    expect(page.get_by_role("link", name="Zmień projekt")).to_have_count(0)

    page.goto(f"{site}/biuro/organy/uchwaly/{adopted.pk}/")
    expect(page.locator("h1")).to_contain_text(f"Uchwała nr {adopted.number}")
    expect(page.locator("[data-lifecycle=resolution-actions]")).to_have_count(0)  # adopted: no act is left
    expect(page.get_by_role("link", name="Zmień projekt")).to_have_count(0)
    expect(page.get_by_text("Wycofaj projekt")).to_have_count(0)
    expect(page.get_by_role("button", name="Wygeneruj uchwałę do podpisu (DOCX)")).to_be_visible()
    _no_axe_violations(page)


def test_the_board_member_reads_a_draft_without_buttons(page, site, login, two_resolutions):
    draft, _adopted = two_resolutions
    login("zarzad")
    page.goto(f"{site}/biuro/organy/uchwaly/{draft.pk}/")
    expect(page.locator("h1")).to_contain_text("Projekt uchwały")
    expect(page.locator("[data-lifecycle=resolution-actions]")).to_have_count(0)
    expect(page.get_by_role("link", name="Zmień projekt")).to_have_count(0)
