"""The base map's tile source: read from the environment (OpenStreetMap's standard tiles by default, empty for
none), handed to the maps' shared script with its attribution, and let through the Content-Security-Policy
(img-src) from its origin only, and only when configured."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from zit.core.map_tiles import TileSourceError, checked_url, csp_source

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
NAMES = ("MAP_TILES_URL", "MAP_TILES_ATTRIBUTION", "MAP_TILES_ATTRIBUTION_URL", "MAP_TILES_MAX_ZOOM")


def test_by_default_the_maps_use_openstreetmaps_standard_tiles_with_their_attribution(settings_under):
    assert settings_under({}, *NAMES) == {
        "MAP_TILES_URL": OSM,
        "MAP_TILES_ATTRIBUTION": "© OpenStreetMap contributors",
        "MAP_TILES_ATTRIBUTION_URL": "https://www.openstreetmap.org/copyright",
        "MAP_TILES_MAX_ZOOM": 19,
    }


def test_an_empty_source_switches_the_base_map_off_and_a_source_of_ones_own_replaces_it(settings_under):
    assert settings_under({"ZIT_MAP_TILES_URL": ""}, "MAP_TILES_URL") == {"MAP_TILES_URL": ""}
    own = {
        "ZIT_MAP_TILES_URL": "https://kafelki.example.pl/osm/{z}/{x}/{y}.png",
        "ZIT_MAP_TILES_ATTRIBUTION": "© autorzy OpenStreetMap",
        "ZIT_MAP_TILES_ATTRIBUTION_URL": "https://www.openstreetmap.org/copyright/pl",
        "ZIT_MAP_TILES_MAX_ZOOM": "17",
    }
    assert settings_under(own, *NAMES) == {
        "MAP_TILES_URL": "https://kafelki.example.pl/osm/{z}/{x}/{y}.png",
        "MAP_TILES_ATTRIBUTION": "© autorzy OpenStreetMap",
        "MAP_TILES_ATTRIBUTION_URL": "https://www.openstreetmap.org/copyright/pl",
        "MAP_TILES_MAX_ZOOM": 17,
    }


@pytest.mark.parametrize(
    "env",
    [
        {"ZIT_MAP_TILES_URL": "https://kafelki.example.pl/{z}/{x}.png"},  # no {y}
        {"ZIT_MAP_TILES_URL": "ftp://kafelki.example.pl/{z}/{x}/{y}.png"},
        {"ZIT_MAP_TILES_URL": OSM, "ZIT_MAP_TILES_ATTRIBUTION": " "},  # tiles without their credit
    ],
)
def test_a_source_the_maps_cannot_use_stops_start_up_naming_the_variable(platform_process, env):
    done = platform_process(env, "")
    assert done.returncode != 0
    assert (
        "ZIT_MAP_TILES_ATTRIBUTION" if "ZIT_MAP_TILES_ATTRIBUTION" in env else "ZIT_MAP_TILES_URL"
    ) in done.stderr


def test_the_address_is_checked_and_its_origin_is_what_the_policy_allows():
    assert checked_url("  ") == ""
    assert checked_url(f" {OSM} ") == OSM
    assert checked_url("/kafelki/{z}/{x}/{y}.png") == "/kafelki/{z}/{x}/{y}.png"
    for wrong in ("//kafelki.example.pl/{z}/{x}/{y}.png", "kafelki/{z}/{x}/{y}.png", "https:///{z}/{x}/{y}"):
        with pytest.raises(TileSourceError):
            checked_url(wrong)
    assert csp_source(OSM) == "https://tile.openstreetmap.org"
    assert csp_source("http://127.0.0.1:8081/{z}/{x}/{y}.png") == "http://127.0.0.1:8081"
    assert csp_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert csp_source("/kafelki/{z}/{x}/{y}.png") is None  # the platform's own host: 'self' already
    assert csp_source("") is None


def _img_src(response) -> list[str]:
    policy = response.get("Content-Security-Policy") or response["Content-Security-Policy-Report-Only"]
    return re.search(r"img-src ([^;]*)", policy).group(1).split()


def _map_script(response) -> dict[str, str]:
    tag = re.search(r'<script src="[^"]*map-a11y\.js"([^>]*)>', response.content.decode()).group(1)
    return {name: html.unescape(value) for name, value in re.findall(r'data-([a-z-]+)="([^"]*)"', tag)}


@pytest.mark.django_db
def test_a_configured_source_reaches_the_map_with_its_attribution_and_the_policy_with_its_origin(
    client, area, settings
):
    settings.MAP_TILES_URL = OSM
    response = client.get(reverse("portal:area"))
    data = _map_script(response)
    assert data["tiles-url"] == OSM
    assert data["tiles-attribution"] == "© OpenStreetMap contributors"
    assert data["tiles-attribution-url"] == "https://www.openstreetmap.org/copyright"
    assert data["tiles-attribution-lang"] == "en"  # an English credit on a Polish page
    assert data["tiles-max-zoom"] == "19"
    assert _img_src(response) == ["'self'", "data:", "https://tile.openstreetmap.org"]
    # on the English page the credit is in the page's language
    with translation.override("en"):
        english_page = reverse("portal:area")  # /en/obszar/
    english = _map_script(client.get(english_page))
    assert english["zoom-in"] == "Zoom in"
    assert english["tiles-url"] == OSM and "tiles-attribution-lang" not in english
    # a page without a map allows the tiles too (one policy for the site), and nothing else
    assert _img_src(client.get(reverse("accounts:login"))) == [
        "'self'",
        "data:",
        "https://tile.openstreetmap.org",
    ]


@pytest.mark.django_db
def test_a_source_of_ones_own_carries_its_own_attribution_unmarked(client, area, settings):
    settings.MAP_TILES_URL = "https://kafelki.example.pl/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© autorzy OpenStreetMap"
    settings.MAP_TILES_ATTRIBUTION_URL = "https://www.openstreetmap.org/copyright/pl"
    response = client.get(reverse("portal:area"))
    data = _map_script(response)
    assert data["tiles-attribution"] == "© autorzy OpenStreetMap" and "tiles-attribution-lang" not in data
    assert data["tiles-attribution-url"] == "https://www.openstreetmap.org/copyright/pl"
    assert _img_src(response) == ["'self'", "data:", "https://kafelki.example.pl"]


@pytest.mark.django_db
def test_without_a_source_the_map_gets_none_and_the_policy_stays_the_platforms_own(client, area, settings):
    settings.MAP_TILES_URL = ""
    response = client.get(reverse("portal:area"))
    assert not [name for name in _map_script(response) if name.startswith("tiles-")]
    assert _img_src(response) == ["'self'", "data:"]
    # tiles on the platform's own host need nothing beyond 'self'
    settings.MAP_TILES_URL = "/kafelki/{z}/{x}/{y}.png"
    response = client.get(reverse("portal:area"))
    assert _map_script(response)["tiles-url"] == "/kafelki/{z}/{x}/{y}.png"
    assert _img_src(response) == ["'self'", "data:"]


@pytest.mark.django_db
def test_the_report_only_policy_allows_the_tiles_origin_too(client, settings):
    settings.MAP_TILES_URL = OSM
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get(reverse("accounts:login"))
    assert "Content-Security-Policy" not in response
    assert _img_src(response) == ["'self'", "data:", "https://tile.openstreetmap.org"]
