"""The pages work in a real browser under the Content-Security-Policy production sends, and the policy stops
what it is there to stop: script injected into a page does not run.

(Every browser test fails on a reported violation, see conftest.py; these tests go through the pages that use
the most script: the maps, the API documentation, the admin site and an htmx form.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _headers_are_strict(response) -> None:
    policy = response.header_value("content-security-policy")
    assert policy, f"{response.url}: no Content-Security-Policy"
    script_src = next(p.split()[1:] for p in policy.split(";") if p.split()[:1] == ["script-src"])
    assert "'unsafe-inline'" not in script_src and any(w.startswith("'nonce-") for w in script_src)
    assert "camera=()" in (response.header_value("permissions-policy") or "")


def test_public_pages_maps_and_the_api_documentation_work_under_the_policy(page, site):
    for path in ("/", "/projekty/", "/ogc/", "/obszar/"):
        _headers_are_strict(page.goto(site + path))
        expect(page.locator("h1").first).to_be_visible()

    _headers_are_strict(page.goto(site + "/mapa/"))
    # Leaflet drew the gminas from the page's GeoJSON: its script ran, its styles applied
    expect(page.locator("#projects-map .leaflet-interactive").first).to_be_attached()
    assert page.locator("#projects-map .leaflet-interactive").count() >= 10
    assert (
        page.locator("#projects-map.leaflet-container").evaluate("e => getComputedStyle(e).overflow")
        == "hidden"
    )

    _headers_are_strict(page.goto(site + "/api/v1/docs"))
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible(timeout=15000)

    _headers_are_strict(page.goto(site + "/admin/login/"))
    expect(page.locator("#id_username")).to_be_visible()


def test_the_admin_site_and_an_htmx_form_work_under_the_policy(page, site, login):
    from zit.association.models import Body
    from zit.governance import meetings
    from zit.governance.demo import _representatives

    _representatives()
    meeting = meetings.meeting_save(
        actor=None,
        body=Body.objects.get(slug="rada"),
        starts_at=timezone.now() - dt.timedelta(minutes=5),
        place="Konin, sala 1",
    )
    page.on("dialog", lambda dialog: dialog.accept())  # confirm.js asks before opening the meeting
    login("admin")
    _headers_are_strict(page.goto(f"{site}/admin/accounts/user/"))
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#user_form")).to_be_visible()  # the admin's own scripts (filters, widgets) ran

    page.goto(f"{site}/biuro/organy/posiedzenia/{meeting.pk}/")
    page.get_by_role("button", name="Otwórz posiedzenie").click()
    page.get_by_role("link", name="Lista obecności").click()
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("brak kworum")
    page.get_by_role("button", name=re.compile(r"^Obecny\s*: Miasto Konin$")).click()
    expect(quorum).to_contain_text("Obecnych: 1 z 16")  # htmx posted the form and swapped the answer in


def test_script_injected_into_a_page_does_not_run(browser, site):
    """Markup that got into a page (as if through a field shown unescaped) cannot run script: no inline
    <script>, no event handler, no javascript: address. The browser reports each refusal."""
    from e2e.conftest import watch_csp

    context = browser.new_context()
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(site + "/")
    page.evaluate(
        """() => {
          window.violationsSeen = 0;
          document.addEventListener("securitypolicyviolation", (e) => {
            if (e.effectiveDirective.startsWith("script-src")) window.violationsSeen += 1;
          }, true);
          const s = document.createElement("script");
          s.textContent = "window.ranInline = true";
          document.body.append(s);
          document.body.insertAdjacentHTML("beforeend",
            '<img id="probe" src="/static/zit/favicon.svg" onload="window.ranHandler = true">' +
            '<a id="js-link" href="javascript:window.ranLink = true">x</a>');
        }"""
    )
    page.locator("#js-link").click()
    page.wait_for_function("() => document.getElementById('probe').complete")
    page.wait_for_function("() => window.violationsSeen >= 3")  # the reports are delivered asynchronously
    ran = page.evaluate("() => [window.ranInline, window.ranHandler, window.ranLink]")
    context.close()
    assert ran == [None, None, None]
    assert len([v for v in violations if "script-src" in v]) >= 3, violations
