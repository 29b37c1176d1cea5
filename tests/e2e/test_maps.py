"""The maps with a keyboard and a screen reader: every tab stop on a map page has a name, a skip link leads past
the map to the same data as a table, a project on the public map opens its popup with Enter, and Escape closes
it, handing focus back to the project.

The base map: with a tile source configured (here a tile server of the test's own on localhost, another origin
than the platform's) the maps show its tiles under the gmina boundaries with the source's attribution, under
the platform's Content-Security-Policy; with none, or when the tiles do not load, the boundaries alone."""

from __future__ import annotations

import io
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The accessible name of the focused element, as a screen reader computes it in the simple cases the maps use.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const by = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
  const name = (el.getAttribute("aria-label") || by || el.getAttribute("title") ||
    (el.tagName === "INPUT" && el.labels && el.labels.length ? el.labels[0].textContent : "") ||
    el.innerText || el.textContent || "").trim();
  const where = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return {where: where, name: name, inMap: !!el.closest(".leaflet-container")};
}"""


def tab_stops(page, limit: int = 400) -> list[dict]:
    """Every element Tab reaches, in order, from the top of the page until focus comes round again."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or (stops and focused == stops[0]):
            break
        stops.append(focused)
    return stops


@pytest.fixture
def catalogue(site):
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo

    load_project_demo()
    catalogue_refresh()


@pytest.mark.parametrize("name", ["portal:home", "portal:area", "portal:map", "pes:entities_map"])
def test_every_tab_stop_on_a_map_page_has_a_name(page, site, catalogue, name):
    page.goto(site + reverse(name))
    page.wait_for_load_state("networkidle")
    stops = tab_stops(page)
    unnamed = [s["where"] for s in stops if not s["name"]]
    assert not unnamed, f"tab stops without a name: {unnamed}"
    in_map = [s["name"] for s in stops if s["inMap"]]
    assert "Przybliż mapę" in in_map and "Oddal mapę" in in_map  # Leaflet's buttons, named in Polish
    assert not any(name.startswith("Zoom") for name in in_map)


def test_a_project_on_the_public_map_opens_with_enter_and_closes_with_escape(page, site, catalogue):
    page.goto(site + reverse("portal:map"))
    page.wait_for_load_state("networkidle")
    # before the map, a link past it to the same figures as a table
    skip = page.get_by_role("link", name="Kwoty w gminach jako tabela")
    assert page.evaluate(
        "([a, m]) => !!(a.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [skip.element_handle(), page.locator("#projects-map").element_handle()],
    )
    expect(page.locator(skip.get_attribute("href"))).to_have_text("Dofinansowanie UE w gminach")
    # the gminas are not tab stops on this map (the table has their figures); the projects and groups are
    stops = tab_stops(page)
    in_map = [s for s in stops if s["inMap"]]
    assert not [s for s in in_map if s["where"] == "path" and not s["name"]]
    groups = page.locator("#projects-map .cluster[role=button]")
    for _zoom in range(8):
        if page.locator("#projects-map path[role=button]").count():
            break
        # the projects are grouped at this zoom: Enter on a group zooms in on it
        expect(groups.first).to_have_attribute("aria-label", re.compile(r"^\d+ projektów – Enter"))
        groups.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
    project = page.locator("#projects-map path[role=button]").first
    title = project.get_attribute("aria-label")
    assert title
    project.focus()
    page.keyboard.press("Enter")
    popup = page.get_by_role("dialog", name=title)
    expect(popup).to_be_visible()
    link = popup.get_by_role("link", name=title)
    expect(link).to_be_focused()
    expect(popup.get_by_role("button", name="Zamknij okienko")).to_be_visible()
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == title
    # Space opens it too, and the link inside leads to the project's page
    page.keyboard.press(" ")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


# --- the base map ---


def _stub_tile() -> bytes:
    """A 256×256 PNG standing in for a map tile: a pale ground with a grid of "streets"."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), "#f2efe9")
    draw = ImageDraw.Draw(image)
    for at in (64, 192):
        draw.line([(at, 0), (at, 255)], fill="#ffffff", width=6)
        draw.line([(0, at), (255, at)], fill="#ffffff", width=6)
    draw.line([(0, 255), (255, 0)], fill="#f7d39a", width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def tile_server():
    """A tile server on localhost (another origin than the platform's): every tile is the stub; it notes each
    request's path and Referer."""
    tile = _stub_tile()
    requests: list[dict] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            requests.append({"path": self.path, "referer": self.headers.get("Referer")})
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.send_header("Cache-Control", "public, max-age=604800")
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.origin = f"http://127.0.0.1:{server.server_address[1]}"
    server.requests = requests
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tiles_on(settings, tile_server):
    settings.MAP_TILES_URL = tile_server.origin + "/{z}/{x}/{y}.png"
    return tile_server


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_home_map_shows_tiles_under_the_boundaries_with_their_attribution(page, site, tiles_on):
    errors = _console_errors(page)
    response = page.goto(site + reverse("portal:home"))
    img_src = re.search(r"img-src ([^;]*)", response.headers["content-security-policy"]).group(1).split()
    assert img_src == ["'self'", "data:", tiles_on.origin]
    page.wait_for_load_state("networkidle")
    shown = page.locator("#area-map .leaflet-tile-pane img.leaflet-tile-loaded")
    expect(shown.first).to_be_visible()
    # the boundaries are drawn over the tiles: the overlay pane lies above the tile pane
    boundaries = page.locator("#area-map .leaflet-overlay-pane path[data-terc]")
    assert boundaries.count() >= 10
    assert page.evaluate(
        """() => {
          const z = (sel) => parseInt(getComputedStyle(document.querySelector(sel)).zIndex, 10);
          return z("#area-map .leaflet-overlay-pane") > z("#area-map .leaflet-tile-pane");
        }"""
    )
    # the gminas are see-through over the base map, so its streets and places show
    assert float(boundaries.first.get_attribute("fill-opacity")) < 0.5
    credit = page.locator("#area-map .leaflet-control-attribution a", has_text="© OpenStreetMap contributors")
    expect(credit).to_have_attribute("href", "https://www.openstreetmap.org/copyright")
    expect(credit).to_have_attribute("lang", "en")  # an English credit on a Polish page
    expect(page.locator("#area-map .leaflet-control-attribution")).to_contain_text(
        "Granice: PRG, GUGiK (2025)"
    )
    # the tile server saw the platform's origin, never a page's address, and only the tiles of the view
    assert tiles_on.requests
    assert {r["referer"] for r in tiles_on.requests} == {site + "/"}
    zooms = {r["path"].split("/")[1] for r in tiles_on.requests}
    assert len(zooms) == 1
    box = page.locator("#area-map").bounding_box()
    most = (int(box["width"] // 256) + 2) * (int(box["height"] // 256) + 2)
    assert len(tiles_on.requests) <= most, (len(tiles_on.requests), most)
    assert not errors, errors


@pytest.mark.parametrize("name", ["portal:home", "portal:map", "pes:entities_map"])
def test_without_a_tile_source_the_maps_are_the_boundaries_alone_without_errors(page, site, catalogue, name):
    errors = _console_errors(page)
    response = page.goto(site + reverse(name))
    assert "img-src 'self' data:;" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()
    assert page.locator(".leaflet-tile-pane img").count() == 0
    assert page.locator(".leaflet-container.has-tiles").count() == 0
    expect(page.locator(".leaflet-control-attribution")).not_to_contain_text("OpenStreetMap")
    assert not errors, errors


def test_when_the_tiles_do_not_load_the_map_falls_back_to_the_boundaries_alone(page, site, settings):
    settings.MAP_TILES_URL = f"http://127.0.0.1:{_unused_port()}/{{z}}/{{x}}/{{y}}.png"  # nothing listens
    page.goto(site + reverse("portal:home"))
    page.wait_for_load_state("networkidle")
    expect(page.locator("#area-map")).not_to_have_class(re.compile(r"\bhas-tiles\b"))
    assert page.locator("#area-map .leaflet-tile-pane img").count() == 0
    expect(page.locator("#area-map .leaflet-control-attribution")).not_to_contain_text("OpenStreetMap")
    boundaries = page.locator("#area-map .leaflet-overlay-pane path[data-terc]")
    assert boundaries.count() >= 10
    assert float(boundaries.first.get_attribute("fill-opacity")) == 0.9  # the opaque fills of the plain map
    # the keyboard still reaches every gmina
    stops = tab_stops(page)
    assert len([s for s in stops if s["inMap"] and s["where"] == "path"]) == boundaries.count()


@pytest.mark.parametrize("name", ["portal:home", "portal:map", "pes:entities_map", "portal:project"])
def test_the_map_pages_over_tiles_have_named_tab_stops_and_no_axe_violations(
    page, site, catalogue, tiles_on, name
):
    from zit.opendata.models import CatalogueProject

    from .test_accessibility import AXE_JS, WCAG_TAGS

    if name == "portal:project":
        project = CatalogueProject.objects.filter(geometry__isnull=False).order_by("key").first()
        url = reverse(name, args=[project.key])
    else:
        url = reverse(name)
    page.goto(site + url)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".leaflet-tile-pane img.leaflet-tile-loaded").first).to_be_visible()
    stops = tab_stops(page)
    assert not [s["where"] for s in stops if not s["name"]]
    assert "© OpenStreetMap contributors" in [s["name"] for s in stops if s["inMap"]]
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert not result["violations"], [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
