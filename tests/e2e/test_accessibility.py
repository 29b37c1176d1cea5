"""axe-core (WCAG 2.1 A and AA) over every page the URL configuration serves: public, and per role.

Every named URL must appear in the pages of `accessibility_pages.py` (or in its NOT_PAGES with the reason), so
a new page cannot slip through without being checked.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from support.demo_objects import demo_ids

from . import accessibility_pages
from .conftest import sign_in, watch_csp
from .english_addresses import is_english
from .reflow import reflow_problems

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _named_urls(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's own admin, for office administrators only
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


@pytest.fixture
def ids(site, settings, tmp_path):
    from zit.core.models import Job

    settings.MEDIA_ROOT = tmp_path  # the signed document's draft
    ids = demo_ids()
    Job.objects.create(  # a failed job for the jobs page's filter and the dashboard's card
        kind="opendata.catalogue_refresh",
        title="Odświeżenie katalogu projektów",
        status=Job.Status.FAILED,
        finished_at=Job.objects.get(pk=ids["job"]).created_at,
        message="Przerwane: proces zadań w tle przestał odpowiadać (ostatni sygnał pracy: 2026-03-02 09:14:07).",
    )
    from django.contrib.auth import get_user_model

    from zit.core.notices import NewNotice, notices_add, notices_refresh

    office = get_user_model().objects.get(username="biuro")
    notices_refresh(user=office)  # the notices page with what waits for the office, and one event
    notices_add(
        recipients=[office], notices=[NewNotice("test.event", "test.event:1", "Fiszka: złożona", "/biuro/")]
    )
    return ids


def _check(page, url):
    response = page.goto(url)
    assert response.status in (200, 404), f"{url}: HTTP {response.status}"
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{url} [{v['id']}] {v['help']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_every_page_has_no_axe_violations(browser, site, ids):
    pages = accessibility_pages.pages(ids)
    unlisted = set(_named_urls()) - set(pages) - set(accessibility_pages.NOT_PAGES)
    assert not unlisted, f"pages without an accessibility check: {sorted(unlisted)}"
    by_user: dict[str | None, list[str]] = {}
    for _name, visits in pages.items():
        for user, path in visits:
            by_user.setdefault(user, []).append(path)
    violations, refused, reflow = [], [], []
    checked = narrowed = 0
    for user, paths in by_user.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        csp_violations = watch_csp(context)  # every page works under the Content-Security-Policy too
        page = context.new_page()
        if user:
            sign_in(page, site, user)
        for path in paths:
            english = is_english(path)  # at its /en/ address
            by_cookie = path.endswith("lang=en")  # one address for both languages (OGC API): the cookie
            if by_cookie:  # the page in English, then back to Polish for the next ones
                context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
                path = path.removesuffix("?lang=en").removesuffix("&lang=en") or "/"
            violations += _check(page, site + path)
            if by_cookie:
                context.add_cookies([{"name": "django_language", "value": "pl", "url": site}])
            if not english:  # the same page at 320 px (the English text is no longer than the Polish one)
                reflow += reflow_problems(page, site + path)
                narrowed += 1
            checked += 1
        context.close()
        refused += csp_violations
    assert checked >= 50 and narrowed >= 100
    assert not violations, "\n".join(violations)
    assert not reflow, "Pages that scroll sideways at 320 px (WCAG 2.1, 1.4.10):\n" + "\n".join(reflow)
    assert not refused, "Content-Security-Policy violations:\n" + "\n".join(refused)
