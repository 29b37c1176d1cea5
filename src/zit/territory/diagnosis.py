"""The diagnosis read model: one variable across the area's gminas, against the area's total or mean, per
1000 inhabitants where that makes sense, as a trend over the years, and coloured on a map."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.formatting import polish_sort_key
from zit.territory.models import AdministrativeUnit, Observation, Variable
from zit.territory.selectors import area_current_version

# a sequential blue scale, light to dark; the darkest still has readable white-on text nowhere (labels are
# outside the polygons' fill in the legend), and every value is also in the table and the <title>
CLASS_COLOURS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_COLOUR = "#ffffff"


@dataclass
class Row:
    unit: AdministrativeUnit
    value: Decimal | None
    per_1000: Decimal | None
    population_year: int | None
    share: Decimal | None = None


@dataclass
class TrendPoint:
    year: int
    total: Decimal | None
    mean: Decimal | None
    count: int


@dataclass
class Comparison:
    variable: Variable
    year: int | None
    years: list[int]
    rows: list[Row]
    total: Decimal | None
    mean: Decimal | None
    complete: bool
    count: int
    expected: int
    trend: list[TrendPoint] = field(default_factory=list)
    classes: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    fills: dict[str, tuple[str, str]] = field(default_factory=dict)


def area_gminas() -> list[AdministrativeUnit]:
    version = area_current_version()
    units = list(version.gminas.all()) if version else []
    return sorted(units, key=lambda u: polish_sort_key(u.name))


def variable_comparison(variable: Variable, *, year: int | None = None, label=str) -> Comparison:
    """`label` formats a value for the map's text (the view passes the Polish number format)."""
    units = area_gminas()
    observations = list(
        Observation.objects.filter(variable=variable, unit__in=units)
        .exclude(value=None)
        .exclude(reference_date=None)
    )
    years = sorted({o.reference_date.year for o in observations}, reverse=True)
    if year not in years:
        year = years[0] if years else None
    by_unit_year: dict[tuple[int, int], Observation] = {}
    for obs in sorted(observations, key=lambda o: o.reference_date):
        by_unit_year[(obs.unit_id, obs.reference_date.year)] = obs  # the latest within a year wins
    population = population_by_unit(units) if variable.per_capita else {}
    rows = []
    for unit in units:
        obs = by_unit_year.get((unit.pk, year)) if year else None
        value = obs.value if obs else None
        per_1000, pop_year = None, None
        if value is not None and variable.per_capita:
            pop_year, pop = population_for(population.get(unit.pk, []), year)
            if pop:
                per_1000 = value * 1000 / pop
        rows.append(Row(unit, value, per_1000, pop_year))
    present = [r.value for r in rows if r.value is not None]
    # a total of some gminas is not the area's total: shown only when every gmina has a value
    total = sum(present, Decimal(0)) if present and variable.additive and len(present) == len(units) else None
    if total:
        for r in rows:
            r.share = r.value / total if r.value is not None else None
    comparison = Comparison(
        variable=variable,
        year=year,
        years=years,
        rows=rows,
        total=total,
        mean=(sum(present, Decimal(0)) / len(present)) if present else None,
        complete=len(present) == len(units),
        count=len(present),
        expected=len(units),
    )
    for y in sorted(years):
        values = [by_unit_year[(u.pk, y)].value for u in units if (u.pk, y) in by_unit_year]
        comparison.trend.append(
            TrendPoint(
                y,
                sum(values, Decimal(0)) if variable.additive and len(values) == len(units) else None,
                sum(values, Decimal(0)) / len(values) if values else None,
                len(values),
            )
        )
    _classify(comparison, label)
    return comparison


def population_by_unit(units: list[AdministrativeUnit]) -> dict[int, list[tuple[int, Decimal]]]:
    result: dict[int, list[tuple[int, Decimal]]] = {}
    for obs in Observation.objects.filter(variable__code="population", unit__in=units).exclude(value=None):
        year = obs.reference_date.year if obs.reference_date else 0
        result.setdefault(obs.unit_id, []).append((year, obs.value))
    return result


def population_for(values: list[tuple[int, Decimal]], year: int) -> tuple[int | None, Decimal | None]:
    """The population of the same year, else the latest before it, else the earliest after it."""
    if not values:
        return None, None
    before = [v for v in values if v[0] <= year]
    chosen = max(before) if before else min(values)
    return (chosen[0] or None), chosen[1]


def _classify(comparison: Comparison, label) -> None:
    """Five classes of equal count (quantiles) over the values shown (per 1000 where that is the measure)."""

    def shown(row: Row) -> Decimal | None:
        return row.per_1000 if comparison.variable.per_capita else row.value

    values = sorted(v for v in (shown(r) for r in comparison.rows) if v is not None)
    if not values:
        comparison.fills = {r.unit.terc: (NO_DATA_COLOUR, _("brak danych")) for r in comparison.rows}
        return
    classes = min(len(CLASS_COLOURS), len(set(values)))
    bounds = (
        [values[round(i * (len(values) - 1) / classes)] for i in range(classes + 1)]
        if classes > 1
        else [values[0], values[-1]]
    )
    colours = CLASS_COLOURS[-max(classes, 1) :] if classes < len(CLASS_COLOURS) else CLASS_COLOURS
    comparison.classes = [(colours[i], bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    for row in comparison.rows:
        value = shown(row)
        if value is None:
            comparison.fills[row.unit.terc] = (NO_DATA_COLOUR, _("brak danych"))
            continue
        index = next(
            (i for i, (_, low, high) in enumerate(comparison.classes) if value <= high),
            len(comparison.classes) - 1,
        )
        comparison.fills[row.unit.terc] = (comparison.classes[index][0], label(value))
