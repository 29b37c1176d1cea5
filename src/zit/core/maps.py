"""Server-side SVG maps of administrative units: the no-JavaScript fallback and the map for documents."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from html import escape

from django.utils.translation import get_language
from shapely.geometry import shape

# Gmina labels (WCAG 1.4.3): the text is whichever of ink and white stands out more from the unit's fill, over a
# halo of the other (a wider copy of the text drawn first, which every SVG renderer draws, documents' included),
# so each letter sits on a colour at least 4.5:1 from its own whatever the fill, boundary or neighbour beneath.
INK = "#1b1b1b"
PAPER = "#ffffff"
HALO_WIDTH = 3


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def label_colours(fill: str) -> tuple[str, str]:
    """(text, halo) for a label drawn over `fill`."""
    return (INK, PAPER) if contrast(INK, fill) >= contrast(PAPER, fill) else (PAPER, INK)


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def svg_map(
    units: list,
    *,
    url_for: Callable[[object], str] | None = None,
    width: int = 640,
    title: str = "",
    description: str = "",
    highlight: str | None = None,
    fills: dict[str, tuple[str, str]] | None = None,
    svg_id: str = "svg-map",
    marks: list[tuple[dict, str]] | None = None,
) -> str:
    """An accessible SVG: each unit a path with its name as <title>, a link when url_for is given, labels
    placed at a point inside the polygon. `fills` maps TERC to (colour, text) for a choropleth: the text
    (the value, or "brak danych") goes into the unit's <title>, so colour never carries meaning alone.
    `marks` are points or lines (GeoJSON) drawn on top, each with its own <title>."""
    units = [u for u in units if u.geometry]
    if not units:
        return ""
    min_lon = min(u.min_lon for u in units)
    max_lon = max(u.max_lon for u in units)
    min_lat = min(u.min_lat for u in units)
    max_lat = max(u.max_lat for u in units)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))  # keeps shapes true at this latitude
    scale = width / ((max_lon - min_lon) * kx)
    height = round((max_lat - min_lat) * scale)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - min_lon) * kx * scale:.1f},{(max_lat - lat) * scale:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="svg-map" role="img" '
        f'aria-labelledby="{svg_id}-title {svg_id}-desc">',
        f'<title id="{svg_id}-title">{escape(title)}</title><desc id="{svg_id}-desc">{escape(description)}</desc>',
    ]
    labels = []
    # the names of units are Polish: on a page in another language they are marked lang="pl" (a unit's value,
    # written in that language, then goes into a <desc> of its own, since a <title> cannot be half Polish)
    foreign = not (get_language() or "pl").startswith("pl")
    lang = ' lang="pl"' if foreign else ""
    for unit in units:
        d = " ".join(
            "M" + " L".join(xy(lon, lat) for lon, lat in ring) + " Z" for ring in _rings(unit.geometry)
        )
        css = "unit unit-highlight" if unit.terc == highlight else "unit"
        name = escape(unit.name)
        fill = PAPER  # a plain unit: white here, light green in the page's stylesheet (ink reads on both)
        if fills and unit.terc in fills:
            colour, text = fills[unit.terc]
            fill = colour
            # the colour as a presentation attribute, not style="fill:…", which the pages' Content-Security-Policy
            # refuses; the class is not "unit", so the stylesheet's fill for plain units leaves it alone
            title = (
                f'<title lang="pl">{name}</title><desc>{escape(text)}</desc>'
                if foreign
                else f"<title>{name}: {escape(text)}</title>"
            )
            path = (
                f'<path class="unit-data" fill="{escape(colour)}" stroke="#0b3c66" stroke-width="0.8" d="{d}" '
                f'fill-rule="evenodd">{title}</path>'
            )
        else:
            # presentation attributes: the look when the SVG stands alone (a document); page CSS overrides them
            path = (
                f'<path class="{css}" fill="#ffffff" stroke="#0b3c66" stroke-width="0.8" d="{d}" '
                f'fill-rule="evenodd"><title{lang}>{name}</title></path>'
            )
        if url_for:
            path = f'<a href="{escape(url_for(unit))}" aria-label="{escape(unit.name)}"{lang}>{path}</a>'
        parts.append(path)
        point = shape(unit.geometry).representative_point()
        x, y = xy(point.x, point.y).split(",")
        ink, halo = label_colours(fill)
        at = f'x="{x}" y="{y}" font-size="11" text-anchor="middle" aria-hidden="true"{lang}'
        labels.append(
            f'<text {at} class="unit-label-halo" fill="{halo}" stroke="{halo}" stroke-width="{HALO_WIDTH}" '
            f'stroke-linejoin="round">{name}</text><text {at} class="unit-label" fill="{ink}">{name}</text>'
        )
    parts.extend(labels)
    for geometry, mark_title in marks or []:
        if geometry["type"] == "Point":
            x, y = xy(*geometry["coordinates"]).split(",")
            parts.append(
                f'<circle class="mark" cx="{x}" cy="{y}" r="6" fill="#a4161a" stroke="#ffffff" stroke-width="2">'
                f"<title>{escape(mark_title)}</title></circle>"
            )
        elif geometry["type"] == "LineString":
            points = " ".join(xy(lon, lat) for lon, lat in geometry["coordinates"])
            parts.append(
                f'<polyline class="mark" points="{points}" fill="none" stroke="#a4161a" stroke-width="4" '
                f'stroke-linejoin="round" stroke-linecap="round"><title>{escape(mark_title)}</title></polyline>'
            )
    parts.append("</svg>")
    return "".join(parts)


def geojson_collection(units: list, *, url_for: Callable[[object], str]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"terc": u.terc, "name": u.name, "url": url_for(u), "kind": u.kind_label},
                "geometry": u.geometry,
            }
            for u in units
            if u.geometry
        ],
    }
