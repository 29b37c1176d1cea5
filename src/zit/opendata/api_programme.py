"""API: the programme and the ZIT envelopes, the strategy in force, the progress of the indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Router, Schema

from zit.opendata import exports
from zit.opendata.api import DEFAULT_LIMIT, Limit, Offset, choice, not_found, page
from zit.opendata.rows import strategy_version
from zit.strategy.models import Undertaking as UndertakingModel

programme_router = Router(tags=["program i koperty"])
strategy_router = Router(tags=["strategia"])
indicators_router = Router(tags=["wskaźniki"])
UndertakingKind = choice(UndertakingModel.Kind.values)
ProgressSource = choice(("strategy", "agreement"))


class Measure(Schema):
    number: str
    name: str
    priority: str | None
    fund: str | None
    is_zit: bool
    max_cofinancing_rate: Decimal | None


class Priority(Schema):
    number: str
    name: str
    fund: str | None


class Programme(Schema):
    cci: str
    name: str
    managing_authority: str
    approved_on: dt.date | None
    eu_amount_eur: Decimal | None
    priorities: list[Priority]
    measures: list[Measure]


def _measure(m) -> dict[str, Any]:
    return {
        "number": m.number,
        "name": m.name_pl,
        "priority": m.priority.number if m.priority_id else None,
        "fund": m.fund.code if m.fund_id else None,
        "is_zit": m.is_zit,
        "max_cofinancing_rate": m.max_cofinancing_rate,
    }


def _programme():
    from zit.funding.selectors import programme_current

    programme = programme_current()
    if programme is None:
        raise not_found(_("Program nie został jeszcze wprowadzony."))
    return programme


@programme_router.get("", response=Programme, summary="Program FEW 2021+: priorytety i działania")
def programme(request):
    p = _programme()
    return {
        "cci": p.cci,
        "name": p.name_pl,
        "managing_authority": p.managing_authority,
        "approved_on": p.approved_on,
        "eu_amount_eur": p.eu_amount_eur,
        "priorities": [
            {"number": x.number, "name": x.name_pl, "fund": x.fund.code if x.fund_id else None}
            for x in p.priorities.all()
        ],
        "measures": [_measure(m) for m in p.measures.all()],
    }


@programme_router.get("/measures/{number}", response=Measure, summary="Działanie programu po numerze")
def measure(request, number: str):
    found = next((m for m in _programme().measures.all() if m.number == number), None)
    if found is None:
        raise not_found(_("Nie ma działania o tym numerze."))
    return _measure(found)


class Envelope(Schema):
    measure: str
    measure_name: str
    priority: str
    fund: str
    amount_eur: Decimal
    share: Decimal
    amount_pln: Decimal | None
    is_demo: bool


class FundEnvelope(Schema):
    fund: str
    amount_eur: Decimal
    amount_pln: Decimal | None
    share: Decimal


class Envelopes(Schema):
    agreement: str
    agreement_number: str
    signed_on: dt.date
    total_eur: Decimal
    total_pln: Decimal | None
    rate: Decimal | None
    rate_date: dt.date | None
    split_complete: bool
    by_fund: list[FundEnvelope]
    envelopes: list[Envelope]


@programme_router.get("/envelopes", response=Envelopes, summary="Alokacja porozumienia ZIT (koperty)")
def envelopes(request):
    """Podział alokacji porozumienia ZIT na działania i fundusze, w euro; PLN po kursie dla kopert."""
    from zit.funding.selectors import agreement_current, allocation_summary

    agreement = agreement_current()
    if agreement is None:
        raise not_found(_("Porozumienie ZIT nie zostało jeszcze wprowadzone."))
    summary = allocation_summary(agreement=agreement)
    return {
        "agreement": agreement.title,
        "agreement_number": agreement.number,
        "signed_on": agreement.signed_on,
        "total_eur": summary.total_eur,
        "total_pln": summary.total_pln,
        "rate": summary.conversion.rate if summary.conversion else None,
        "rate_date": summary.conversion.rate_date if summary.conversion else None,
        "split_complete": summary.split_complete,
        "by_fund": [
            {"fund": r.label, "amount_eur": r.eur, "amount_pln": r.pln, "share": round(r.share, 6)}
            for r in summary.by_fund
        ],
        "envelopes": list(exports.TABLES["koperty"].iter_rows()),
    }


# --- strategy -----------------------------------------------------------------------------------------------------


class Item(Schema):
    key: str
    code: str
    title: str


class Direction(Item):
    undertakings: list[str]


class OperationalGoal(Item):
    directions: list[Direction]


class Goal(Item):
    dimension: str
    description: str
    operational_goals: list[OperationalGoal]


class Strategy(Schema):
    title: str
    version: int
    version_label: str
    status: str
    # the state in words (projekt do konsultacji; obowiązująca, przyjęta uchwałą nr … z …)
    status_label: str
    goals: list[Goal]


def _version():
    version = strategy_version()
    if version is None:
        raise not_found(_("Strategia nie została jeszcze opublikowana."))
    return version


@strategy_router.get("", response=Strategy, summary="Strategia w wersji obowiązującej: drzewo celów")
def strategy(request):
    """Wersja przyjęta, a jeśli jeszcze jej nie ma: wersja w konsultacjach (`status`)."""
    from zit.strategy.selectors import version_tree

    version = _version()
    goals = [
        {
            "key": g.key,
            "code": g.code,
            "title": g.title,
            "dimension": g.dimension,
            "description": g.description,
            "operational_goals": [
                {
                    "key": o.key,
                    "code": o.code,
                    "title": o.title,
                    "directions": [
                        {
                            "key": d.key,
                            "code": d.code,
                            "title": d.title,
                            "undertakings": [u.key for u in d.undertakings.all()],
                        }
                        for d in o.directions.all()
                    ],
                }
                for o in g.operational_goals.all()
            ],
        }
        for g in version_tree(version)
    ]
    return {
        "title": version.strategy.title,
        "version": version.number,
        "version_label": version.label,
        "status": version.status,
        "status_label": version.state_label,
        "goals": goals,
    }


class TargetIndicator(Schema):
    key: str
    code: str
    name: str
    unit: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None


class Undertaking(Schema):
    key: str
    code: str
    title: str
    kind: str
    is_key: bool
    description: str
    directions: list[str]
    goals: list[str]
    lead: str | None
    gminas: list[str]
    estimated_cost_pln: Decimal | None
    indicators: list[TargetIndicator]
    is_demo: bool


class UndertakingPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Undertaking]


def _indicator(t) -> dict[str, Any]:
    return {
        "key": t.key,
        "code": t.indicator.code or "",
        "name": str(t.indicator),
        "unit": t.indicator.unit_pl,
        "baseline_value": t.baseline_value,
        "baseline_year": t.baseline_year,
        "target_value": t.target_value,
        "target_year": t.target_year,
    }


def _undertaking(u) -> dict[str, Any]:
    directions = list(u.directions.all())
    goals = {d.operational_goal.goal.code for d in directions if d.operational_goal_id}
    return {
        "key": u.key,
        "code": u.code,
        "title": u.title,
        "kind": u.kind,
        "is_key": u.is_key,
        "description": u.description,
        "directions": sorted(d.code for d in directions),
        "goals": sorted(goals),
        "lead": u.lead.name if u.lead_id else None,
        "gminas": sorted(g.terc for g in u.gminas.all()),
        "estimated_cost_pln": u.estimated_cost_pln,
        "indicators": [_indicator(t) for t in u.indicators.all()],
        "is_demo": u.is_demo,
    }


def _undertakings(version):
    from zit.strategy.models import Undertaking as UndertakingModel

    return (
        UndertakingModel.objects.filter(version=version)
        .select_related("lead")
        .prefetch_related("gminas", "directions__operational_goal__goal", "indicators__indicator")
        .order_by("order", "code", "id")
    )


@strategy_router.get("/undertakings", response=UndertakingPage, summary="Przedsięwzięcia strategii")
def undertakings(
    request,
    goal: str = "",
    kind: UndertakingKind | None = None,
    q: str = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """`goal`: oznaczenie celu strategicznego (np. C1); `kind`: investment, soft, mixed; `q`: w nazwie lub opisie."""
    found = _undertakings(_version())
    if goal:
        found = found.filter(directions__operational_goal__goal__code=goal).distinct()
    if kind:
        found = found.filter(kind=kind)
    if q:
        found = found.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(code__iexact=q))
    return page(request, found, limit=limit, offset=offset, row=_undertaking)


@strategy_router.get("/undertakings/{key}", response=Undertaking, summary="Przedsięwzięcie po kluczu")
def undertaking(request, key: str):
    found = _undertakings(_version()).filter(key=key).first()
    if found is None:
        raise not_found(_("Nie ma takiego przedsięwzięcia w obowiązującej wersji strategii."))
    return _undertaking(found)


class StrategyRow(Schema):
    version: int
    kind: str
    key: str
    code: str
    title: str
    parent: str
    unit: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None


@strategy_router.get("/indicators", response=list[StrategyRow], summary="Wskaźniki strategii")
def strategy_indicators(request):
    """Wskaźniki celów i przedsięwzięć z wartością bazową i docelową; `parent` to oznaczenie celu."""
    _version()
    return [r for r in exports.TABLES["strategia"].iter_rows() if r["kind"] == "indicator"]


# --- indicator progress -------------------------------------------------------------------------------------------


class Progress(Schema):
    source: str
    indicator_code: str
    indicator: str
    unit: str
    target_of: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal | None
    target_year: int | None
    value: Decimal | None
    summed: bool
    projects: int
    status: str
    status_label: str
    is_demo: bool


class ProgressPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Progress]


@indicators_router.get("/progress", response=ProgressPage, summary="Postęp wskaźników")
def progress(request, source: ProgressSource | None = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    """Wartości z odnotowanych informacji o postępie zsumowane dla wskaźników strategii (`source=strategy`) i porozumienia
    (`source=agreement`). `value` jest pusta dla wskaźników, których się nie sumuje (udziały, średnie)."""
    rows = list(exports.TABLES["wskazniki"].iter_rows())
    if source:
        rows = [r for r in rows if r["source"] == source]
    return page(request, rows, limit=limit, offset=offset, row=lambda r: r)


# --- ZIT indicators (RCO74, RCO75, RCO76, RCO112) -----------------------------------------------------------------


class ZitIndicator(Schema):
    code: str
    name: str
    name_en: str
    unit: str
    unit_en: str
    association_value: Decimal
    counted_on: dt.date
    data_date: dt.date | None
    method: str
    data_note: str
    iz_value: Decimal | None
    iz_as_of: dt.date | None
    iz_source: str


@indicators_router.get("/zit", response=list[ZitIndicator], summary="Wskaźniki ZIT")
def zit_indicators(request):
    """RCO74, RCO75, RCO76 i RCO112 policzone przez Stowarzyszenie z jego danych (`association_value`, metoda w
    `method`, data danych w `data_date`) obok wartości podanej przez instytucję zarządzającą (`iz_value`), jeśli
    biuro ją zapisało. Wartość IZ jest wartością oficjalną."""
    from zit.monitoring.indicators_zit import zit_indicators as counts

    return [
        {
            "code": z.code,
            "name": str(z.definition.name_pl),
            "name_en": z.definition.name_en,
            "unit": str(z.definition.unit_pl),
            "unit_en": z.definition.unit_en,
            "association_value": z.value,
            "counted_on": z.on,
            "data_date": z.data_date,
            "method": str(z.definition.method),
            "data_note": z.data_note,
            "iz_value": z.iz.value if z.iz else None,
            "iz_as_of": z.iz.as_of if z.iz else None,
            "iz_source": z.iz.source if z.iz else "",
        }
        for z in counts()
    ]
