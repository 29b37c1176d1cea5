"""The BIP subject page, the public register of requests and the office's remedy pages in a browser: no axe-core
violations (WCAG 2.1 AA), no Content-Security-Policy violations, and the section an office worker changes shows
its metryczka. The full walk of every page is tests/e2e/test_accessibility.py; this one runs these pages alone."""

from __future__ import annotations

import pytest
from django.db import transaction
from support.demo_objects import demo_ids

from .conftest import sign_in, watch_csp
from .test_accessibility import _check

pytestmark = pytest.mark.browser


def test_bip_and_remedy_pages_are_accessible(browser, site):
    with transaction.atomic():  # the demo's services lock rows as they would in a request
        ids = demo_ids()
    complaint, complained = ids["information_complaint"], ids["information_complaint_request"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused = watch_csp(context)
    page = context.new_page()
    violations = []
    for path in ("/bip/", "/bip/rejestr-wnioskow/", "/bip/rejestr-wnioskow/2020/"):
        violations += _check(page, site + path)
    assert page.goto(site + "/bip/").ok
    assert page.get_by_role("heading", name="Informacje nieudostępnione w BIP").is_visible()

    sign_in(page, site, "biuro")
    page.goto(site + "/biuro/organy/bip/status/")
    page.get_by_label("Treść").fill("Stowarzyszenie jednostek samorządu terytorialnego (demo).")
    page.get_by_label("Informację wytworzył(a)").fill("Redakcja BIP (demo)")
    page.get_by_role("button", name="Zapisz dział").click()
    page.wait_for_url("**/bip/#status")
    section = page.locator("section[aria-labelledby='status']")
    assert "Redakcja BIP (demo)" in section.inner_text()
    assert "wprowadzenie lub zmiana treści działu BIP" in section.inner_text()
    for path in (
        "/bip/",
        f"/biuro/informacja-publiczna/{complained}/",
        f"/biuro/informacja-publiczna/{complained}/skarga/",
        f"/biuro/informacja-publiczna/{complained}/skarga/{complaint}/",
        f"/biuro/informacja-publiczna/{complained}/utrzymanie/",
        "/biuro/organy/bip/instrukcja/",
    ):
        violations += _check(page, site + path)
    context.close()
    assert not violations, "\n".join(violations)
    assert not refused, "\n".join(refused)
