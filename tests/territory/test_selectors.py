import datetime as dt
from decimal import Decimal

import pytest

from zit.territory.models import AdministrativeUnit, Variable
from zit.territory.selectors import (
    area_current_version,
    area_gminas,
    unit_get,
    unit_statistics,
    units_with_geometry,
)
from zit.territory.services import observation_save


def _rows(terc: str) -> dict:
    return {row.variable.code: row for row in unit_statistics(unit=AdministrativeUnit.objects.get(terc=terc))}


def _add(actor, terc: str, variable: str, value, reference_date, precision="day"):
    return observation_save(
        actor=actor,
        unit=AdministrativeUnit.objects.get(terc=terc),
        variable=Variable.objects.get(code=variable),
        value=None if value is None else Decimal(value),
        reference_date=reference_date,
        date_precision=precision,
        source_url="https://bdl.stat.gov.pl/",
        source_note="",
    )


def test_unit_statistics_lists_every_variable_in_order(area):
    rows = unit_statistics(unit=AdministrativeUnit.objects.get(terc="3010013"))
    assert [r.variable.code for r in rows] == ["area_km2", "population", "solectwa"]
    assert [r.observation.value for r in rows] == [Decimal("99.05"), Decimal("12079"), Decimal("18")]
    assert all(r.history == [] for r in rows)


def test_missing_value_is_none(area):
    rows = _rows("3010052")  # Kramsk: no dated population in the sources
    assert rows["population"].observation is None
    assert rows["population"].history == []
    assert rows["solectwa"].observation.value == 30


def test_latest_value_with_history(area, user_for_role):
    staff = user_for_role("office_staff")
    _add(staff, "3062011", "population", "75607", dt.date(2016, 12, 31))
    _add(staff, "3062011", "population", "70000", dt.date(2024, 12, 31))
    row = _rows("3062011")["population"]
    assert row.observation.value == Decimal("70000")
    assert [o.value for o in row.history] == [Decimal("71427"), Decimal("75607")]


def test_explicitly_unknown_value_does_not_hide_the_last_known(area, user_for_role):
    _add(user_for_role("office_staff"), "3062011", "population", None, dt.date(2025, 12, 31))
    row = _rows("3062011")["population"]
    assert row.observation.value == Decimal("71427")


def test_dated_value_is_newer_than_an_undated_one(area, user_for_role):
    """The bundled area is undated; a dated correction must become the latest value on every database
    (PostgreSQL sorts NULL first in a descending order, SQLite last)."""
    _add(user_for_role("office_staff"), "3062011", "area_km2", "82.1", dt.date(2024, 1, 1))
    row = _rows("3062011")["area_km2"]
    assert row.observation.value == Decimal("82.1")
    assert [o.value for o in row.history] == [Decimal("82.2")]


def test_area_current_version(area):
    version = area_current_version()
    assert version == area
    assert version.area.code == "konin"
    assert version.number == 1


@pytest.mark.django_db
def test_area_current_version_without_data():
    assert area_current_version() is None
    assert area_current_version(area_code="nie-ma") is None
    assert list(area_gminas(version=None)) == []


def test_area_gminas_city_first(area):
    gminas = list(area_gminas(version=area))
    assert len(gminas) == 15
    assert gminas[0].terc == "3062011"
    assert [g.name for g in gminas[1:]] == sorted(g.name for g in gminas[1:])


def test_units_with_geometry_and_unit_get(area):
    assert len(units_with_geometry(version=area)) == 15
    unit = unit_get(terc="3010123")
    assert unit.name == "Ślesin"
    assert unit.parent.terc == "3010"
    with pytest.raises(AdministrativeUnit.DoesNotExist):
        unit_get(terc="3010999")
