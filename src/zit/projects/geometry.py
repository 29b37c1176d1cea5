"""Where a project is: a point or a line typed as coordinates or drawn on the map, checked against the area
and against the gminas the card names."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.ops import unary_union

from zit.territory.models import AdministrativeUnit

_PAIR = re.compile(r"^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")


class CoordinatesError(ValueError):
    pass


def parse_coordinates(text: str) -> dict | None:
    """One "latitude, longitude" pair per line: one line is a point, more make a line. Decimal commas
    are accepted ("52,2231 18,2512"), as people copy them from Polish map services."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return None
    points = []
    for number, line in enumerate(lines, start=1):
        match = _PAIR.match(line.replace(", ", ";") if line.count(",") == 3 else line)
        if not match:
            raise CoordinatesError(
                _("Wiersz %(n)d: wpisz szerokość i długość geograficzną, np. 52.2231, 18.2512.")
                % {"n": number}
            )
        lat, lon = (float(v.replace(",", ".")) for v in match.groups())
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CoordinatesError(_("Wiersz %(n)d: takich współrzędnych nie ma.") % {"n": number})
        points.append([round(lon, 6), round(lat, 6)])
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "LineString", "coordinates": points}


def coordinates_text(location: dict | None) -> str:
    if not location:
        return ""
    coords = [location["coordinates"]] if location["type"] == "Point" else location["coordinates"]
    return "\n".join(f"{lat:.6f}, {lon:.6f}" for lon, lat in coords)


def bbox(location: dict) -> tuple[float, float, float, float]:
    return tuple(shape(location).bounds)  # type: ignore[return-value]


def _area_units() -> list[AdministrativeUnit]:
    from zit.territory.selectors import area_current_version, area_gminas

    return [u for u in area_gminas(version=area_current_version()) if u.geometry]


def location_problem(location: dict, *, gminas: list[AdministrativeUnit]) -> str | None:
    """Why the location cannot be accepted, or None: it must lie in the area, and only in the gminas chosen."""
    if location.get("type") not in ("Point", "LineString"):
        return _("Położenie to punkt albo linia.")
    try:
        geometry = shape(location)
    except (ValueError, TypeError, KeyError):
        return _("Nie da się odczytać położenia.")
    if not geometry.is_valid or geometry.is_empty:
        return _("Nie da się odczytać położenia.")
    units = _area_units()
    if not units:
        return None  # no boundaries loaded: nothing to check against
    area = unary_union([shape(u.geometry) for u in units])
    if not area.buffer(1e-6).covers(geometry):
        return _("Położenie wychodzi poza obszar ZIT. Sprawdź, czy nie zamieniono szerokości z długością.")
    touched = [u for u in units if shape(u.geometry).intersects(geometry)]
    chosen = {g.pk for g in gminas}
    missing = [u.name for u in touched if u.pk not in chosen]
    if missing:
        return _(
            "Położenie leży w gminach, których nie zaznaczono: %(g)s. Zaznacz je albo popraw położenie."
        ) % {"g": ", ".join(missing)}
    return None
