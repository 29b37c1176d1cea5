"""The base map under the gmina boundaries: streets and places as raster tiles (Web Mercator, z/x/y) from a
configurable source, OpenStreetMap's standard tiles by default.

The browser fetches the tiles itself (its own User-Agent, the platform's origin as Referer, the tile server's
cache headers); the platform never fetches, stores or prefetches them. With no source configured, or when the
tiles do not load, the maps show the boundaries alone, as they did before. Settings read here have no Django
import, so the settings module itself can use them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"
# the language of the default attribution: marked on pages in other languages (WCAG 3.1.2)
OSM_ATTRIBUTION_LANG = "en"


class TileSourceError(ValueError):
    """A tile address the maps could not use."""


def checked_url(raw: str, *, variable: str = "ZIT_MAP_TILES_URL") -> str:
    """The tile address, or "" for no base map. An absolute http(s) address or a path on the platform's own
    host ("/tiles/{z}/{x}/{y}.png"), with {z}, {x} and {y} in it."""
    url = raw.strip()
    if not url:
        return ""
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in url]
    if missing:
        raise TileSourceError(f"{variable}: the address lacks {', '.join(missing)} (e.g. {OSM_URL})")
    if url.startswith("/") and not url.startswith("//"):
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TileSourceError(
            f"{variable}: an http(s) address or a path starting with / is needed, not {url!r}"
        )
    return url


def csp_source(url: str) -> str | None:
    """The origin the Content-Security-Policy must let images come from, or None when nothing beyond the
    platform's own ('self') is needed. A {s} sub-domain (a.tile…, b.tile…) becomes a wildcard for that label."""
    if not url or url.startswith("/"):
        return None
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    first, dot, rest = host.partition(".")
    if "{" in first and dot:
        host = f"*.{rest}"
    return f"{parts.scheme}://{host}"


def context(request) -> dict:
    """The template context of the maps' shared script (includes/map_assets.html): the source, or None."""
    from django.conf import settings

    if not settings.MAP_TILES_URL:
        return {"map_tiles": None}
    attribution = settings.MAP_TILES_ATTRIBUTION
    return {
        "map_tiles": {
            "url": settings.MAP_TILES_URL,
            "attribution": attribution,
            "attribution_url": settings.MAP_TILES_ATTRIBUTION_URL,
            "attribution_lang": OSM_ATTRIBUTION_LANG if attribution == OSM_ATTRIBUTION else "",
            "max_zoom": settings.MAP_TILES_MAX_ZOOM,
        }
    }
