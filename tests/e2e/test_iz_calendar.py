"""The IZ's calendar in the browser: a member officer sees on their dashboard that a call closes in 10 days
with no application filed for their listed project, and finds the call and its deadline on the card."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_member_officer_sees_the_call_closing_with_no_application(page, site, login):
    from django.utils import timezone

    from zit.accounts.models import RoleAssignment, User
    from zit.projects.demo import load_project_demo
    from zit.projects.models import Call, ProjectCard

    load_project_demo()
    today = timezone.localdate()
    call = Call.objects.get(closes_on=today + dt.timedelta(days=10))  # the demo's call open now
    card = ProjectCard.objects.filter(state="listed_main", measure=call.measure).first()
    RoleAssignment.objects.create(  # the demo officer also acts for the listed project's gmina
        user=User.objects.get(username="gmina"), role="member_officer", organisation=card.beneficiary
    )
    login("gmina")
    item = page.locator(".inbox-items li", has_text=card.number)
    expect(item).to_contain_text(f"Nabór {call.number} zamyka się za 10 dni, a wniosku nie złożono")
    item.get_by_role("link").first.click()
    panel = page.locator("#iz-calendar")
    expect(panel).to_contain_text("Kalendarz IZ")
    expect(panel).to_contain_text("zamyka się za 10 dni, a wniosku nie złożono")
    expect(page.get_by_role("link", name="Zapisz wezwanie IZ do złożenia wniosku")).to_have_count(0)
