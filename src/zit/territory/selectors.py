"""Reads of the territory: public data (units, statistics, area) needs no permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from zit.core.formatting import polish_sort_key
from zit.territory.models import AdministrativeUnit, AreaVersion, FunctionalArea, Observation, Variable

DEFAULT_AREA = "konin"


def area_current_version(*, area_code: str = DEFAULT_AREA) -> AreaVersion | None:
    return (
        AreaVersion.objects.filter(area__code=area_code)
        .select_related("area", "legal_basis")
        .order_by("-number")
        .first()
    )


def area_versions(*, area_code: str = DEFAULT_AREA) -> QuerySet[AreaVersion]:
    return (
        AreaVersion.objects.filter(area__code=area_code)
        .select_related("area", "legal_basis")
        .prefetch_related(Prefetch("gminas", queryset=AdministrativeUnit.objects.order_by("name")))
    )


def areas() -> QuerySet[FunctionalArea]:
    return FunctionalArea.objects.prefetch_related("versions")


def area_gminas(*, version: AreaVersion | None) -> QuerySet[AdministrativeUnit]:
    if version is None:
        return AdministrativeUnit.objects.none()
    return version.gminas.order_by("-city_with_county_rights", "name")


@dataclass
class StatisticRow:
    variable: Variable
    observation: Observation | None  # None: "brak danych"
    history: list[Observation]


def unit_statistics(*, unit: AdministrativeUnit) -> list[StatisticRow]:
    """The latest value of each variable, with older values kept as history; missing ones stay missing."""
    by_variable: dict[int, list[Observation]] = {}
    newest_first = (F("reference_date").desc(nulls_last=True), "-id")  # undated values count as oldest
    for obs in unit.observations.select_related("variable").order_by(*newest_first):
        by_variable.setdefault(obs.variable_id, []).append(obs)
    rows = []
    for variable in Variable.objects.all():
        observations = [o for o in by_variable.get(variable.pk, []) if o.value is not None]
        rows.append(StatisticRow(variable, observations[0] if observations else None, observations[1:]))
    return rows


def unit_get(*, terc: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.select_related("parent").get(terc=terc)


def units_with_geometry(*, version: AreaVersion | None) -> list[AdministrativeUnit]:
    units = area_gminas(version=version).exclude(geometry=None)
    return sorted(units, key=lambda u: (not u.city_with_county_rights, polish_sort_key(u.name)))
