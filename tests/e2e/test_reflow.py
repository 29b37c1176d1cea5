"""Reflow (WCAG 2.1 1.4.10): at 320 CSS pixels wide (a 1280-pixel window zoomed to 400 %) no page scrolls
sideways. Only a data table may be wider than the screen, and then inside its own scrolling region that a
keyboard can reach and a screen reader names (role="region", a label, tabindex="0").

The accessibility walk (test_accessibility.py) calls `reflow_problems` on every page it has loaded, in Polish
(the English text is no longer): every public page and every office page, per role, with no second load. The
tests here show the check itself finds what it must."""

from __future__ import annotations

import pytest

from .reflow import WIDE, reflow_problems

pytestmark = pytest.mark.browser


def _loaded(browser, html: str):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_content(html)
    return context, page


def test_a_page_wider_than_320_pixels_is_found_with_its_culprit(browser):
    context, page = _loaded(
        browser, '<html><body><p>Tekst</p><div id="wide" style="width:600px">szeroki blok</div></body></html>'
    )
    problems = reflow_problems(page, "wide")
    context.close()
    assert len(problems) == 1 and "div#wide" in problems[0] and "320 px window" in problems[0]


def test_a_table_scrolling_in_its_own_named_region_passes_and_an_unnamed_one_does_not(browser):
    table = '<table><tr><td style="min-width:900px">dane</td></tr></table>'
    named = f'<div role="region" aria-label="Tabela" tabindex="0" style="overflow-x:auto">{table}</div>'
    unnamed = f'<div id="bare" style="overflow-x:auto">{table}</div>'
    context, page = _loaded(browser, f"<html><body>{named}</body></html>")
    assert reflow_problems(page, "named") == []
    page.set_content(f"<html><body>{unnamed}</body></html>")
    problems = reflow_problems(page, "unnamed")
    context.close()
    assert len(problems) == 1 and "without role=region" in problems[0] and "div#bare" in problems[0]
