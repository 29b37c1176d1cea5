"""The public datasets' rows, built from the apps' data: the shape of a dataset (`Column`, `Table`) and the
row builders of the gminy, the members, the envelopes, the strategy and the indicators. A row is a plain dict
keyed by column name; the per-object row functions are what the JSON API returns too. The projects, the
resolutions and the social economy entities are in `rows_registers.py`; `exports.py` writes them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str  # machine name: CSV header, GeoJSON property, API field
    title: str  # Polish header for Excel and XLSX
    kind: str = "text"  # text | int | decimal | date | bool
    width: int = 16  # XLSX column width


@dataclass(frozen=True)
class Table:
    key: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]
    sheet: str  # XLSX sheet name (at most 31 characters)
    sources: tuple[str, ...] = ()  # audit object types whose events change the dataset

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        # downloads are Polish data whatever language the visitor chose for the interface
        with translation.override("pl"):
            yield from self.rows()


def column(name: str, title: str, kind: str = "text", width: int = 16) -> Column:
    return Column(name, title, kind, width)


# --- gminy --------------------------------------------------------------------------------------------------------


def _latest_observations(code: str, units: list) -> dict[int, Any]:
    from django.db.models import F

    from zit.territory.models import Observation

    result: dict[int, Any] = {}
    observations = (
        Observation.objects.filter(variable__code=code, unit__in=units)
        .exclude(value=None)
        .order_by("unit_id", F("reference_date").desc(nulls_last=True), "-id")
    )
    for obs in observations:
        result.setdefault(obs.unit_id, obs)
    return result


def gmina_rows() -> Iterator[dict[str, Any]]:
    from zit.territory.selectors import area_current_version, area_gminas

    units = list(area_gminas(version=area_current_version()).select_related("parent").order_by("terc"))
    population = _latest_observations("population", units)
    area = _latest_observations("area_km2", units)
    for unit in units:
        people = population.get(unit.pk)
        yield {
            "terc": unit.terc,
            "name": unit.name,
            "kind": unit.kind_label,
            "powiat": unit.parent.name if unit.parent_id and unit.parent.level == "powiat" else "",
            "city_with_county_rights": unit.city_with_county_rights,
            "seat": unit.seat,
            "population": int(people.value) if people else None,
            "population_on": people.reference_date if people else None,
            "area_km2": area[unit.pk].value if unit.pk in area else None,
            "geometry": unit.geometry,
        }


GMINY = (
    column("terc", "Kod TERC", width=10),
    column("name", "Nazwa", width=24),
    column("kind", "Rodzaj", width=24),
    column("powiat", "Powiat", width=18),
    column("city_with_county_rights", "Miasto na prawach powiatu", "bool"),
    column("seat", "Siedziba", width=18),
    column("population", "Liczba ludności", "int"),
    column("population_on", "Ludność według stanu na", "date"),
    column("area_km2", "Powierzchnia (km²)", "decimal"),
)

# --- członkowie -----------------------------------------------------------------------------------------------

# kinds of organisation that are never a natural person; others are public only with a KRS entry
PUBLIC_ORGANISATION_KINDS = (
    "local_government",
    "municipal_unit",
    "municipal_company",
    "institution",
    "association",
)


def organisation_row(organisation) -> dict[str, Any]:
    """The registry fields of an organisation; e-mail and phone are left out (they may name a person)."""
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "kind_label": str(organisation.get_kind_display()),
        "nip": organisation.nip,
        "regon": organisation.regon,
        "krs": organisation.krs,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "gmina_terc": organisation.gmina.terc if organisation.gmina_id else None,
        "website": organisation.website,
        "is_demo": organisation.is_demo,
    }


def member_row(member, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    periods = sorted(member.periods.all(), key=lambda p: p.start)
    ended = [p.end for p in periods if p.end]
    return {
        "slug": member.slug,
        "number": member.number,
        "name": member.name,
        "kind": member.kind,
        "kind_label": str(member.get_kind_display()),
        "terc": member.territory.terc,
        "organisation_id": member.organisation_id,
        "organisation_name": member.organisation.name,
        "nip": member.organisation.nip,
        "regon": member.organisation.regon,
        "member_since": periods[0].start if periods else None,
        "member_until": max(ended) if periods and len(ended) == len(periods) else None,
        "is_member": any(p.covers(today) for p in periods),
        "periods": [{"start": p.start, "end": p.end} for p in periods],
    }


def member_rows() -> Iterator[dict[str, Any]]:
    from zit.association.selectors import members_all

    today = timezone.localdate()
    for member in members_all().order_by("number"):
        row = member_row(member, today)
        row["periods"] = "; ".join(
            f"{p['start'].isoformat()}–{p['end'].isoformat() if p['end'] else ''}" for p in row["periods"]
        )
        yield row


CZLONKOWIE = (
    column("number", "Numer", "int", 8),
    column("slug", "Identyfikator", width=18),
    column("name", "Nazwa członka", width=30),
    column("kind_label", "Rodzaj", width=24),
    column("terc", "Kod TERC", width=10),
    column("organisation_name", "Urząd", width=36),
    column("nip", "NIP", width=12),
    column("regon", "REGON", width=12),
    column("member_since", "Członek od", "date"),
    column("member_until", "Członek do", "date"),
    column("is_member", "Obecnie członkiem", "bool"),
    column("periods", "Okresy członkostwa", width=30),
)

# --- koperty ------------------------------------------------------------------------------------------------------


def envelope_rows() -> Iterator[dict[str, Any]]:
    from zit.funding.selectors import agreement_current, allocation_summary

    agreement = agreement_current()
    if agreement is None:
        return
    summary = allocation_summary(agreement=agreement)
    for row in summary.by_measure:
        measure = row.measure
        yield {
            "measure": measure.number,
            "measure_name": measure.name_pl,
            "priority": measure.priority.number if measure.priority_id else "",
            "fund": row.fund.code if row.fund else "",
            "amount_eur": row.eur,
            "share": round(row.share, 6),
            "amount_pln": row.pln,
            "rate": summary.conversion.rate if summary.conversion else None,
            "rate_date": summary.conversion.rate_date if summary.conversion else None,
            "agreement": agreement.title,
            "is_demo": row.is_demo,
        }


KOPERTY = (
    column("measure", "Działanie", width=10),
    column("measure_name", "Nazwa działania", width=50),
    column("priority", "Priorytet", width=10),
    column("fund", "Fundusz", width=10),
    column("amount_eur", "Alokacja ZIT (EUR)", "decimal", 18),
    column("share", "Udział w alokacji", "decimal", 12),
    column("amount_pln", "Alokacja ZIT (PLN, szacunek)", "decimal", 18),
    column("rate", "Kurs EUR/PLN", "decimal", 10),
    column("rate_date", "Data kursu", "date"),
    column("agreement", "Porozumienie", width=40),
    column("is_demo", "Dane demonstracyjne", "bool"),
)

# --- strategia ----------------------------------------------------------------------------------------------------


def strategy_version():
    from zit.strategy.selectors import public_version, strategy_current

    return public_version(strategy_current())


def strategy_rows() -> Iterator[dict[str, Any]]:
    """The strategy in force as one flat table: goals, operational goals, directions, undertakings and
    indicators, each with its stable key and the code of what it belongs to."""
    from zit.strategy.models import Direction, Goal, OperationalGoal, TargetIndicator, Undertaking

    version = strategy_version()
    if version is None:
        return
    base = {"version": version.number, "version_status": version.status}

    def row(kind: str, item, parent: str, **extra) -> dict[str, Any]:
        return (
            base
            | {
                "kind": kind,
                "key": item.key,
                "code": getattr(item, "code", ""),
                "title": getattr(item, "title", ""),
                "parent": parent,
                "unit": "",
                "baseline_value": None,
                "baseline_year": None,
                "target_value": None,
                "target_year": None,
                "estimated_cost_pln": None,
                "is_demo": item.is_demo,
            }
            | extra
        )

    for goal in Goal.objects.filter(version=version).order_by("order", "code"):
        yield row("goal", goal, "")
    for item in (
        OperationalGoal.objects.filter(version=version).select_related("goal").order_by("order", "code")
    ):
        yield row("operational_goal", item, item.goal.code if item.goal_id else "")
    directions = Direction.objects.filter(version=version).select_related("operational_goal")
    for item in directions.order_by("order", "code"):
        yield row("direction", item, item.operational_goal.code if item.operational_goal_id else "")
    undertakings = Undertaking.objects.filter(version=version).prefetch_related("directions")
    for item in undertakings.order_by("order", "code"):
        parents = ", ".join(sorted(d.code for d in item.directions.all()))
        yield row("undertaking", item, parents, estimated_cost_pln=item.estimated_cost_pln)
    indicators = TargetIndicator.objects.filter(version=version).select_related(
        "indicator", "goal", "operational_goal", "undertaking"
    )
    for item in indicators.order_by("order", "id"):
        owner = item.owner
        yield row(
            "indicator",
            item,
            owner.code if owner else "",
            code=item.indicator.code or "",
            title=str(item.indicator),
            unit=item.indicator.unit_pl,
            baseline_value=item.baseline_value,
            baseline_year=item.baseline_year,
            target_value=item.target_value,
            target_year=item.target_year,
        )


STRATEGIA = (
    column("version", "Wersja strategii", "int", 8),
    column("kind", "Rodzaj pozycji", width=16),
    column("key", "Klucz", width=14),
    column("code", "Oznaczenie", width=12),
    column("title", "Nazwa", width=60),
    column("parent", "Należy do", width=12),
    column("unit", "Jednostka", width=10),
    column("baseline_value", "Wartość bazowa", "decimal"),
    column("baseline_year", "Rok bazowy", "int", 8),
    column("target_value", "Wartość docelowa", "decimal"),
    column("target_year", "Rok docelowy", "int", 8),
    column("estimated_cost_pln", "Szacowany koszt (PLN)", "decimal", 18),
    column("is_demo", "Dane demonstracyjne", "bool"),
)


# --- wskaźniki ----------------------------------------------------------------------------------------------------


def indicator_progress_rows() -> Iterator[dict[str, Any]]:
    """Public figures of the indicator progress: the rolled-up values against the strategy's and the
    agreement's targets, never a single project's report."""
    from zit.monitoring import indicators

    sums = indicators.rollups()
    _version, strategy = indicators.strategy_progress(sums=sums)
    sources = [("strategy", item) for item in strategy]
    sources += [("agreement", item) for item in indicators.agreement_progress(sums=sums)]
    for source, item in sources:
        yield {
            "source": source,
            "indicator_code": item.indicator.code or "",
            "indicator": item.label,
            "unit": item.indicator.unit_pl,
            "target_of": item.owner,
            "baseline_value": item.baseline,
            "baseline_year": item.baseline_year,
            "target_value": item.target,
            "target_year": item.target_year,
            "value": item.value.quantize(Decimal("0.001")) if item.value is not None else None,
            "summed": bool(item.rollup and item.rollup.summed),
            "projects": len(item.rollup.projects) if item.rollup else 0,
            "status": item.status or "",
            "status_label": item.status_label,
            "is_demo": item.is_demo,
        }


WSKAZNIKI = (
    column("source", "Cel z", width=10),
    column("indicator_code", "Kod wskaźnika", width=14),
    column("indicator", "Wskaźnik", width=50),
    column("unit", "Jednostka", width=10),
    column("target_of", "Dotyczy", width=36),
    column("baseline_value", "Wartość bazowa", "decimal"),
    column("baseline_year", "Rok bazowy", "int", 8),
    column("target_value", "Wartość docelowa", "decimal"),
    column("target_year", "Rok docelowy", "int", 8),
    column("value", "Wartość osiągnięta", "decimal"),
    column("summed", "Suma z projektów", "bool"),
    column("projects", "Liczba projektów", "int", 8),
    column("status", "Kod oceny", width=10),
    column("status_label", "Ocena", width=18),
    column("is_demo", "Dane demonstracyjne", "bool"),
)
