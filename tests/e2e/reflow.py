"""Reflow (WCAG 2.1 1.4.10) measured on a page already loaded in a browser: at 320 CSS pixels wide (a
1280-pixel window zoomed to 400 %) nothing may scroll sideways but a data table inside its own named region."""

from __future__ import annotations

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}

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


def reflow_problems(page, url: str, *, then: dict = WIDE) -> list[str]:
    """The page already loaded, narrowed to 320 px (scripts that react to the resize run first), then set to
    `then` for what comes next."""
    page.set_viewport_size(NARROW)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    found = page.evaluate(_OVERFLOW)
    page.set_viewport_size(then)
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
