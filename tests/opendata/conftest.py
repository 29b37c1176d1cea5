"""Catalogue rows for the OGC API tests: points on a diagonal, two lines, a row with only its map point and
two projects without a place (which are not features)."""

from __future__ import annotations

import datetime as dt

import pytest
from projects.conftest import *  # noqa: F403  (cards for the refresh test)

# a query box that takes points 3–6, line "crossing" and the bare point, but not line "corner", whose box
# overlaps it while the line itself passes below
QUERY_BBOX = (18.25, 52.1, 18.65, 52.3)
EXPECTED_IN_QUERY = {"punkt-03", "punkt-04", "punkt-05", "punkt-06", "linia-przez", "punkt-bez-ramki"}


def _project(key: str, geometry: dict | None = None, lon=None, lat=None, with_bbox: bool = True, **extra):
    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import _point, geometry_bbox

    if geometry:
        lon, lat = _point(geometry)  # as the refresh does: the point, or the line's middle vertex
    box = geometry_bbox(geometry, lon, lat) if with_bbox else (None, None, None, None)
    return CatalogueProject(
        key=key,
        title=f"Projekt {key} (demo)",
        beneficiary="Gmina Przykład (demo)",
        status=CatalogueProject.Status.RUNNING,
        fund="EFRR",
        measure="FEWP.06.04",
        lon=lon,
        lat=lat,
        geometry=geometry,
        min_lon=box[0],
        min_lat=box[1],
        max_lon=box[2],
        max_lat=box[3],
        is_demo=True,
        **extra,
    )


@pytest.fixture
def ogc_catalogue(area):
    """15 located projects (12 points, 2 lines, 1 row with only lon/lat) and 2 without a place."""
    from decimal import Decimal

    from zit.opendata.models import CatalogueGmina, CatalogueProject
    from zit.territory.models import AdministrativeUnit

    rows = []
    for i in range(12):
        point = {"type": "Point", "coordinates": [round(18.0 + 0.1 * i, 6), round(52.0 + 0.05 * i, 6)]}
        rows.append(
            _project(
                f"punkt-{i:02d}",
                point,
                year=2022 + i % 4,
                starts_on=dt.date(2022 + i % 4, 1, 1),
                ends_on=dt.date(2023 + i % 4, 12, 31),
                total_pln=Decimal("1234567.89"),
            )
        )
    rows.append(
        _project("linia-przez", {"type": "LineString", "coordinates": [[18.2, 52.35], [18.7, 52.05]]})
    )
    rows.append(_project("linia-w-rogu", {"type": "LineString", "coordinates": [[18.0, 52.2], [18.3, 52.0]]}))
    rows.append(_project("punkt-bez-ramki", lon=18.5, lat=52.12, with_bbox=False))
    rows.append(_project("bez-miejsca-1"))
    rows.append(_project("bez-miejsca-2"))
    created = CatalogueProject.objects.bulk_create(rows)
    konin = AdministrativeUnit.objects.get(terc="3062011")
    CatalogueGmina.objects.create(project=created[0], unit=konin)
    return created
