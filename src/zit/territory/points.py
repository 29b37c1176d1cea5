"""One point per gmina, for projects whose own location is not known: the centre of the gmina's boundary (its
centroid), or, when the boundary's shape puts the centroid outside it, a point inside the boundary. The
boundaries are those loaded with the area (PRG of GUGiK, see the area's source note)."""

from __future__ import annotations

from shapely.geometry import shape

from zit.territory.models import AdministrativeUnit

DIGITS = 5  # about a metre: finer than any boundary the platform holds


def unit_point(geometry: dict | None) -> tuple[float, float] | None:
    """(longitude, latitude) of a boundary's centroid, or of a point inside it when the centroid falls outside."""
    if not geometry or geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        return None
    area = shape(geometry)
    if area.is_empty:
        return None
    point = area.centroid
    if not area.contains(point):
        point = area.representative_point()
    return round(point.x, DIGITS), round(point.y, DIGITS)


def gmina_points() -> dict[str, tuple[float, float]]:
    """TERC → the gmina's point, for every gmina with a boundary (read once per import or refresh)."""
    points = {}
    units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.GMINA, geometry__isnull=False)
    for terc, geometry in units.values_list("terc", "geometry"):
        point = unit_point(geometry)
        if point is not None:
            points[terc] = point
    return points
