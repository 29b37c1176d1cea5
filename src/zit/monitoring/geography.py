"""EU money per inhabitant per gmina: what contracts commit and what has been spent, spread over the gminas
a project names (in equal parts: a project does not say how its money divides between places), against each
gmina's latest population figure with its year. A gmina without a population figure shows "brak danych"."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.formatting import format_amount
from zit.core.money import CENT
from zit.monitoring.finance import contract_rows, project_figures
from zit.projects.models import ProjectCard
from zit.territory.diagnosis import (
    CLASS_COLOURS,
    NO_DATA_COLOUR,
    area_gminas,
    population_by_unit,
    population_for,
)
from zit.territory.models import AdministrativeUnit

ZERO = Decimal(0)


@dataclass
class GminaRow:
    unit: AdministrativeUnit
    contracted_pln: Decimal
    spent_pln: Decimal
    projects: int
    population: Decimal | None
    population_year: int | None

    @property
    def per_inhabitant(self) -> Decimal | None:
        if not self.population:
            return None
        return (self.contracted_pln / self.population).quantize(CENT)


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """Equal parts to the grosz; the grosze left over go to the first parts, so the parts add up exactly."""
    if parts <= 0:
        return []
    base = (amount / parts).quantize(CENT, rounding=ROUND_DOWN)
    rest = int((amount - base * parts) / CENT)
    return [base + (CENT if i < rest else ZERO) for i in range(parts)]


def gmina_rows(*, on: dt.date | None = None) -> list[GminaRow]:
    on = on or timezone.localdate()
    units = area_gminas()
    rows = {u.pk: GminaRow(u, ZERO, ZERO, 0, None, None) for u in units}
    places: dict[int, list[int]] = defaultdict(list)
    for card_id, unit_id in ProjectCard.gminas.through.objects.values_list(
        "projectcard_id", "administrativeunit_id"
    ):
        places[card_id].append(unit_id)
    for item in project_figures(contract_rows(on=on), on=on):
        gminas = [pk for pk in sorted(places[item.contract.card_id]) if pk in rows]
        for gmina, contracted, spent in zip(
            gminas,
            split(item.figures.contracted_pln, len(gminas)),
            split(item.figures.spent_pln, len(gminas)),
            strict=True,
        ):
            row = rows[gmina]
            row.contracted_pln += contracted
            row.spent_pln += spent
            row.projects += 1
    populations = population_by_unit(units)
    for row in rows.values():
        row.population_year, row.population = population_for(populations.get(row.unit.pk, []), on.year)
    return list(rows.values())


def fills(rows: list[GminaRow]) -> tuple[dict[str, tuple[str, str]], list[tuple[str, Decimal, Decimal]]]:
    """Colours in five classes of equal count over the gminas with data, white for "brak danych"; the text
    of every gmina goes into its <title>, so colour never carries the figure alone."""
    values = sorted(
        {r.per_inhabitant for r in rows if r.per_inhabitant}
    )  # distinct positive; zero has a class
    result: dict[str, tuple[str, str]] = {}
    classes: list[tuple[str, Decimal, Decimal]] = [(CLASS_COLOURS[0], ZERO, ZERO)]
    shades = CLASS_COLOURS[1:]
    if len(values) <= len(shades):  # few values: each its own class, so the legend names them exactly
        classes += [(shades[-len(values) + i], v, v) for i, v in enumerate(values)]
    elif values:
        count = len(shades)
        bounds = [values[round(i * (len(values) - 1) / count)] for i in range(count + 1)]
        classes += [(shades[i], bounds[i], bounds[i + 1]) for i in range(count)]
    for row in rows:
        value = row.per_inhabitant
        if value is None:
            result[row.unit.terc] = (NO_DATA_COLOUR, _("brak danych"))
            continue
        index = next((i for i, (_c, _low, high) in enumerate(classes) if value <= high), len(classes) - 1)
        result[row.unit.terc] = (
            classes[index][0],
            _("%(v)s na mieszkańca") % {"v": format_amount(value)},
        )
    return result, classes
