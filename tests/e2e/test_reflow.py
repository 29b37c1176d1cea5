"""Reflow (WCAG 2.1 1.4.10): at 320 CSS pixels wide (a 1280-pixel window zoomed to 400 %) no page scrolls
sideways. Only a data table may be wider than the screen, and then inside its own scrolling region that a
keyboard can reach and a screen reader names (role="region", a label, tabindex="0").

The pages are those of the accessibility walk (tests/e2e/accessibility_pages.py): every public page and every
office page, per role."""

from __future__ import annotations

import pytest

from . import accessibility_pages
from .conftest import sign_in
from .test_accessibility import ids  # noqa: F401 - the walk's objects, shared with this test

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}

# What stands out past the right edge of the page (outside any scrolling region), and every region that scrolls
# sideways without a name, a role or a tab stop.
_OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const scrolls = (el) => {
    const style = getComputedStyle(el);
    return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const past = [];
  const unnamed = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".leaflet-container") && el.closest(".leaflet-container") !== el) { continue; }
    if (scrolls(el) && el !== root && el !== document.body) {
      const named = el.getAttribute("role") === "region" && el.getAttribute("tabindex") === "0" &&
        (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"));
      if (!named) { unnamed.push(describe(el)); }
    }
    const box = el.getBoundingClientRect();
    if (box.width && Math.max(box.right, scrolls(el) ? 0 : box.left + el.scrollWidth) > width + 1) {
      let inside = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (scrolls(up) || getComputedStyle(up).overflowX === "hidden") { inside = true; break; }
      }
      if (!inside && getComputedStyle(el).position !== "fixed") { past.push(el); }
    }
  }
  // the innermost culprits: those with no culprit inside them
  const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
  return {scrollWidth: root.scrollWidth, clientWidth: width, past: innermost.slice(0, 5).map(describe),
          unnamed: unnamed};
}"""


def _problems(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status in (200, 404), f"{url}: HTTP {response.status}"
    found = page.evaluate(_OVERFLOW)
    problems = []
    if found["scrollWidth"] > found["clientWidth"]:
        problems.append(
            f"{url}: the page is {found['scrollWidth']} px wide in a {found['clientWidth']} px window: "
            f"{found['past']}"
        )
    if found["unnamed"]:
        problems.append(
            f"{url}: a sideways scrolling box without role=region, a label and tabindex=0: {found['unnamed']}"
        )
    return problems


def test_no_page_scrolls_sideways_at_320_pixels(browser, site, ids):  # noqa: F811
    by_user: dict[str | None, list[str]] = {}
    for visits in accessibility_pages.pages(ids).values():
        for user, path in visits:
            if not path.endswith("lang=en"):  # the English text is no longer than the Polish one
                by_user.setdefault(user, []).append(path)
    problems: list[str] = []
    checked = 0
    for user, paths in by_user.items():
        context = browser.new_context(viewport=NARROW)
        page = context.new_page()
        if user:
            sign_in(page, site, user)
        for path in paths:
            problems += _problems(page, site + path)
            checked += 1
        context.close()
    assert checked >= 100
    assert not problems, "\n".join(problems)
