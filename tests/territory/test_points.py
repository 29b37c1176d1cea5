"""A gmina's point stands for projects without their own location: inside the gmina, at its centre."""

from __future__ import annotations

from shapely.geometry import Point, shape

from zit.territory.models import AdministrativeUnit
from zit.territory.points import gmina_points, unit_point


def test_every_gmina_of_the_area_has_a_point_inside_it(area):
    points = gmina_points()
    gminas = AdministrativeUnit.objects.filter(level="gmina", geometry__isnull=False)
    assert gminas.count() >= 15 and set(points) == set(gminas.values_list("terc", flat=True))
    for unit in gminas:
        assert shape(unit.geometry).contains(Point(points[unit.terc]))


def test_a_centroid_outside_the_shape_gives_a_point_inside():
    # a U: its centroid falls in the gap between the arms
    u_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    }
    lon, lat = unit_point(u_shape)
    assert shape(u_shape).contains(Point(lon, lat))
    assert unit_point(None) is None and unit_point({"type": "Point", "coordinates": [1, 2]}) is None
