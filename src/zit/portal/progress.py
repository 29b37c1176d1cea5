"""The public face of the office's monitoring: money, the strategy's goals, indicators and undertakings.

Nothing here is typed twice: every figure comes from the monitoring read models (`monitoring.finance`,
`monitoring.geography`, `monitoring.indicators`), the very functions the office's pages call, so the public
page and the office's page show the same number to the grosz. What the public sees of projects is what the
public catalogue shows (`opendata.CatalogueProject`: cards from the list of strategic projects onwards and the
official list's rows); of the strategy, the version the public reads (adopted, else in consultation).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.funding.models import Fund, Measure, Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring import finance, geography, indicators
from zit.opendata.models import CatalogueProject
from zit.projects.models import CardUndertaking
from zit.strategy.models import Goal, StrategyVersion, TargetIndicator, Undertaking
from zit.strategy.selectors import strategy_current, version_published

ZERO = Decimal(0)
MAX_YEARS = 15  # an indicator's yearly values: at most this many years back from today

# key → (title, the report's rows, whether the envelope and the list are kept for these rows)
MONEY_TABLES = {
    "fundusze": (_("Według funduszy"), "by_fund", True),
    "dzialania": (_("Według działań programu (koperty)"), "by_envelope", True),
    "czlonkowie": (_("Według członków Stowarzyszenia jako beneficjentów"), "by_member", False),
    "gminy": (_("Według gmin, w których są projekty"), None, False),
    "lata": (_("Według lat"), "by_year", False),
}


@dataclass
class MoneyRow:
    label: str
    detail: str = ""
    label_is_data: bool = False
    url: str = ""  # the catalogue's projects of this group
    allocation_eur: Decimal | None = None
    allocation_pln: Decimal | None = None
    listed_pln: Decimal | None = None
    contracted_pln: Decimal = ZERO
    contracted_eur: Decimal | None = None
    spent_pln: Decimal = ZERO
    spent_eur: Decimal | None = None
    projects: int = 0
    absorption: Decimal | None = None
    per_inhabitant: Decimal | None = None
    population: Decimal | None = None
    population_year: int | None = None
    cumulative_spent_pln: Decimal | None = None


@dataclass
class MoneyTable:
    key: str
    title: str
    rows: list[MoneyRow]
    with_allocation: bool


@dataclass
class MoneyProgress:
    report: finance.FinancialReport
    tables: list[MoneyTable]

    @property
    def total(self) -> finance.Figures:
        return self.report.total

    @property
    def allocation_pln(self) -> Decimal | None:
        total = self.report.total
        return self.report.pln(total.allocation_eur) if total.allocation_eur else None

    @property
    def summary(self) -> list[tuple[str, Decimal | None, Decimal | None]]:
        """The office's summary lines: envelope, list, contracts, spending (label, PLN, EUR)."""
        report, total = self.report, self.report.total
        return [
            (str(_("Koperta ZIT")), self.allocation_pln, total.allocation_eur or None),
            (
                str(_("Na liście projektów strategicznych (lista podstawowa)")),
                total.listed_pln,
                report.eur(total.listed_pln),
            ),
            (
                str(_("W umowach (po aneksach i korektach)")),
                total.contracted_pln,
                report.eur(total.contracted_pln),
            ),
            (
                str(_("Wydane (część UE wydatków z odnotowanych informacji o postępie)")),
                total.spent_pln,
                report.eur(total.spent_pln),
            ),
        ]

    def table(self, key: str) -> MoneyTable:
        return next(t for t in self.tables if t.key == key)


def _catalogue_url(**params: str) -> str:
    from django.urls import reverse

    return f"{reverse('portal:projects')}?{urlencode(params)}"


def _finance_rows(report: finance.FinancialReport, key: str, rows: list[finance.Row], *, alloc: bool):
    measures = dict(Measure.objects.values_list("pk", "number")) if key == "dzialania" else {}
    funds = dict(Fund.objects.values_list("pk", "code")) if key in ("dzialania", "fundusze") else {}
    result = []
    running = ZERO
    for row in rows:
        values = finance.row_values(report, row, with_allocation=alloc, with_absorption=key != "lata")
        url = ""
        if key == "dzialania" and row.filters:
            url = _catalogue_url(
                dzialanie=measures.get(row.filters["dzialanie"], ""),
                fundusz=funds.get(row.filters["fundusz"], ""),
            )
        elif key == "fundusze" and row.filters:
            url = _catalogue_url(fundusz=funds.get(row.filters["fundusz"], ""))
        item = MoneyRow(
            label=str(row.label),
            detail=row.detail,
            label_is_data=row.label_is_data or key == "dzialania",
            url=url,
            allocation_eur=values["allocation_eur"] or None,
            allocation_pln=values["allocation_pln"],
            listed_pln=values["listed_pln"],
            contracted_pln=values["contracted_pln"],
            contracted_eur=values["contracted_eur"],
            spent_pln=values["spent_pln"],
            spent_eur=values["spent_eur"],
            projects=values["projects"],
            absorption=values["absorption"],
        )
        if key == "lata":
            running += row.figures.spent_pln
            item.cumulative_spent_pln = running
        result.append(item)
    return result


def _gmina_rows(report: finance.FinancialReport) -> list[MoneyRow]:
    rows = sorted(geography.gmina_rows(on=report.on), key=lambda r: r.unit.name)
    return [
        MoneyRow(
            label=r.unit.name,
            label_is_data=True,
            url=_catalogue_url(gmina=r.unit.terc),
            contracted_pln=r.contracted_pln,
            contracted_eur=report.eur(r.contracted_pln),
            spent_pln=r.spent_pln,
            spent_eur=report.eur(r.spent_pln),
            projects=r.projects,
            per_inhabitant=r.per_inhabitant,
            population=r.population,
            population_year=r.population_year,
        )
        for r in rows
    ]


def money_progress(*, on: dt.date | None = None) -> MoneyProgress:
    """The office's financial report (the same call as its monitoring page) laid out for the public."""
    report = finance.financial_report(on=on)
    tables = []
    for key, (title, attr, alloc) in MONEY_TABLES.items():
        if attr is None:
            rows = _gmina_rows(report)
        else:
            rows = _finance_rows(report, key, getattr(report, attr), alloc=alloc)
        tables.append(MoneyTable(key, str(title), rows, alloc))
    return MoneyProgress(report, tables)


def money_lines(progress: MoneyProgress, key: str) -> tuple[list[str], list[list[Any]], dict[str, tuple]]:
    """One table as a download: header, lines, and the columns of amounts and shares."""
    table = progress.table(key)
    if key == "gminy":
        header = [
            str(_("Gmina")),
            str(_("W umowach (PLN)")),
            str(_("W umowach (EUR)")),
            str(_("Wydane (PLN)")),
            str(_("Wydane (EUR)")),
            str(_("Projekty")),
            str(_("Ludność")),
            str(_("Rok danych o ludności")),
            str(_("W umowach na mieszkańca (PLN)")),
        ]
        lines = [
            [
                r.label,
                r.contracted_pln,
                r.contracted_eur,
                r.spent_pln,
                r.spent_eur,
                r.projects,
                r.population,
                r.population_year,
                r.per_inhabitant,
            ]
            for r in table.rows
        ]
        return header, lines, {"money": (1, 2, 3, 4, 8), "shares": ()}
    header = [
        str(_("Grupa")),
        str(_("Koperta (EUR)")),
        str(_("Koperta (PLN)")),
        str(_("Na liście (PLN)")),
        str(_("W umowach (PLN)")),
        str(_("W umowach (EUR)")),
        str(_("Wydane (PLN)")),
        str(_("Wydane (EUR)")),
        str(_("Projekty")),
        str(_("Wykorzystanie")),
    ]
    lines = [
        [
            f"{r.label} {r.detail}".strip(),
            r.allocation_eur,
            r.allocation_pln,
            r.listed_pln,
            r.contracted_pln,
            r.contracted_eur,
            r.spent_pln,
            r.spent_eur,
            r.projects,
            r.absorption,
        ]
        for r in table.rows
    ]
    return header, lines, {"money": range(1, 8), "shares": (9,)}


# --- the strategy: goals, indicators, undertakings -------------------------------------------------------


@dataclass
class StrategyProgress:
    version: StrategyVersion | None
    items: list[indicators.TargetProgress]

    def for_goal(self, goal: Goal, undertaking_ids: set[int]) -> list[indicators.TargetProgress]:
        """The indicators set on the goal, on its operational goals and on its undertakings."""
        ids = undertaking_ids
        return [
            p
            for p in self.items
            if p.item.goal_id == goal.pk
            or (p.item.operational_goal_id and p.item.operational_goal.goal_id == goal.pk)
            or (p.item.undertaking_id in ids)
        ]

    def for_undertaking(self, undertaking: Undertaking) -> list[indicators.TargetProgress]:
        return [p for p in self.items if p.item.undertaking_id == undertaking.pk]


def strategy_progress(*, on: dt.date | None = None) -> StrategyProgress:
    """The office's indicator progress of the strategy (the same call as its monitoring page)."""
    version, items = indicators.strategy_progress(on=on)
    return StrategyProgress(version, items)


def version_public() -> StrategyVersion | None:
    strategy = strategy_current()
    return version_published(strategy) if strategy else None


def goals_of(version: StrategyVersion) -> list[Goal]:
    return list(Goal.objects.filter(version=version).order_by("order", "code"))


def goal_by_key(version: StrategyVersion, key: str) -> Goal | None:
    return (
        Goal.objects.filter(version=version, key=key)
        .prefetch_related("operational_goals__directions")
        .first()
    )


def undertakings_of_goal(goal: Goal) -> list[Undertaking]:
    return list(
        Undertaking.objects.filter(version=goal.version_id, directions__operational_goal__goal=goal)
        .distinct()
        .order_by("order", "code")
    )


def undertakings_by_goal(version: StrategyVersion) -> dict[int, set[int]]:
    """Each goal's undertakings (through their directions and operational goals), in one query."""
    result: dict[int, set[int]] = defaultdict(set)
    links = Undertaking.directions.through.objects.filter(undertaking__version=version).values_list(
        "undertaking_id", "direction__operational_goal__goal_id"
    )
    for undertaking_id, goal_id in links:
        if goal_id is not None:
            result[goal_id].add(undertaking_id)
    return result


def undertaking_by_key(version: StrategyVersion, key: str) -> Undertaking | None:
    return (
        Undertaking.objects.filter(version=version, key=key)
        .select_related("lead")
        .prefetch_related("gminas", "directions__operational_goal__goal", "funding_sources__measure")
        .first()
    )


@dataclass
class UndertakingSummary:
    undertaking: Undertaking
    projects: int = 0
    contracted_pln: Decimal = ZERO
    spent_pln: Decimal = ZERO


def undertakings_overview(version: StrategyVersion, *, on: dt.date | None = None) -> list[UndertakingSummary]:
    """Each undertaking with the number of its public projects and what their contracts commit and spent."""
    on = on or timezone.localdate()
    undertakings = list(Undertaking.objects.filter(version=version).order_by("order", "code"))
    keys_of_card: dict[int, set[str]] = defaultdict(set)
    for card_id, key in CardUndertaking.objects.filter(
        key__in=[u.key for u in undertakings], card__catalogue_entry__isnull=False
    ).values_list("card_id", "key"):
        keys_of_card[card_id].add(key)
    summaries = {u.key: UndertakingSummary(u) for u in undertakings}
    for keys in keys_of_card.values():
        for key in keys:
            summaries[key].projects += 1
    rows = [c for c in finance.contract_rows(on=on) if c.card_id in keys_of_card]
    for item in finance.project_figures(rows, on=on):
        for key in keys_of_card[item.contract.card_id]:
            summaries[key].contracted_pln += item.figures.contracted_pln
            summaries[key].spent_pln += item.figures.spent_pln
    return list(summaries.values())


@dataclass
class ProjectIndicator:
    indicator: Any
    target: Decimal
    target_year: int
    value: Decimal | None


@dataclass
class ProjectProgress:
    project: CatalogueProject
    contracted_pln: Decimal | None = None
    spent_pln: Decimal | None = None
    indicators: list[ProjectIndicator] = field(default_factory=list)

    @property
    def spent_share(self) -> Decimal | None:
        if self.spent_pln is None or not self.contracted_pln:
            return None
        return self.spent_pln / self.contracted_pln


def undertaking_projects(
    undertaking: Undertaking, *, on: dt.date | None = None, sums: dict[int, indicators.Rollup] | None = None
) -> list[ProjectProgress]:
    """The undertaking's projects that the catalogue shows, with what their contracts commit, what has been
    spent and each indicator's newest value against the contract's target (the office's read models)."""
    on = on or timezone.localdate()
    card_ids = CardUndertaking.objects.filter(key=undertaking.key).values("card_id")
    projects = list(
        CatalogueProject.objects.filter(card_id__in=card_ids)
        .defer("summary", "geometry", "search_lemmas")
        .order_by("title", "id")
    )
    by_card = {p.card_id: ProjectProgress(p) for p in projects}
    rows = [c for c in finance.contract_rows(on=on) if c.card_id in by_card]
    for item in finance.project_figures(rows, on=on):
        shown = by_card[item.contract.card_id]
        shown.contracted_pln = item.figures.contracted_pln
        shown.spent_pln = item.figures.spent_pln
    sums = indicators.rollups(on=on) if sums is None else sums
    for rollup in sums.values():
        for value in rollup.projects:
            if value.card_id in by_card:
                by_card[value.card_id].indicators.append(
                    ProjectIndicator(rollup.indicator, value.target, value.target_year, value.value)
                )
    return list(by_card.values())


# --- one indicator: its years, milestones and method -----------------------------------------------------


@dataclass
class YearValue:
    year: int
    on: dt.date  # the day the value stands for: the year's end, today for this year
    value: Decimal | None  # summed across projects; None for an indicator that does not add up
    projects: int  # projects with a contract target
    reporting: int  # of them, those with a noted value
    expected: Decimal | None  # where the straight path from baseline to target stands that day


@dataclass
class Milestone:
    on: dt.date
    value: Decimal | None
    title: str
    is_demo: bool


@dataclass
class IndicatorDetail:
    progress: indicators.TargetProgress
    years: list[YearValue]
    milestones: list[Milestone]

    @property
    def item(self) -> TargetIndicator:
        return self.progress.item


def indicator_by_key(progress: StrategyProgress, key: str) -> indicators.TargetProgress | None:
    return next((p for p in progress.items if p.item.key == key), None)


def _first_year(item: TargetIndicator, today: dt.date) -> int:
    start = item.baseline_year + 1 if item.baseline_year else today.year
    if item.version.zit_from:
        start = min(start, item.version.zit_from.year)
    return max(start, today.year - MAX_YEARS + 1)


def indicator_detail(progress: indicators.TargetProgress, *, today: dt.date | None = None) -> IndicatorDetail:
    """Values year by year: the indicator's rollup (the office's rule) at each year's end, today for this
    year; the path's point the office's status compares with; the agreement's commitments as milestones."""
    today = today or timezone.localdate()
    item = progress.item
    years = []
    for year in range(min(_first_year(item, today), today.year), today.year + 1):
        on = min(dt.date(year, 12, 31), today)
        rollup = indicators.rollups(on=on).get(item.indicator_id)
        # the path's point: the status rule's own, asked with the baseline as the value (never "achieved")
        _status, expected = indicators.status_for(
            value=item.baseline_value or ZERO,
            target=item.target_value,
            target_year=item.target_year,
            baseline=item.baseline_value,
            baseline_year=item.baseline_year,
            today=on,
        )
        years.append(
            YearValue(
                year,
                on,
                rollup.value if rollup else None,
                len(rollup.projects) if rollup else 0,
                sum(1 for p in rollup.projects if p.value is not None) if rollup else 0,
                expected,
            )
        )
    agreement = agreement_current()
    milestones = []
    if agreement is not None:
        milestones = [
            Milestone(o.due_on, o.target_value, o.title, o.is_demo)
            for o in Obligation.objects.filter(
                agreement=agreement, kind=Obligation.Kind.INDICATOR, indicator_id=item.indicator_id
            ).order_by("due_on")
        ]
    return IndicatorDetail(progress, years, milestones)


def indicator_lines(detail: IndicatorDetail) -> tuple[list[str], list[list[Any]]]:
    """The indicator's table as a download: one line for the baseline, one per year, one for the target."""
    item = detail.item
    header = [
        str(_("Rok")),
        str(_("Rodzaj")),
        str(_("Wartość")),
        str(_("Ścieżka do celu")),
        str(_("Projekty z wartością / z celem w umowie")),
        str(_("Źródło")),
    ]
    lines: list[list[Any]] = []
    if item.baseline_value is not None:
        lines.append(
            [item.baseline_year, str(_("wartość bazowa")), item.baseline_value, None, None, item.source]
        )
    for y in detail.years:
        lines.append(
            [
                y.year,
                str(_("wartość osiągnięta")),
                y.value,
                y.expected,
                f"{y.reporting}/{y.projects}",
                str(_("informacje o postępie projektów odnotowane przez biuro Stowarzyszenia")),
            ]
        )
    for m in detail.milestones:
        lines.append([m.on.year, str(_("kamień milowy z porozumienia ZIT")), m.value, None, None, m.title])
    if item.target_value is not None:
        lines.append(
            [
                item.target_year,
                str(_("wartość docelowa")),
                item.target_value,
                None,
                None,
                str(_("strategia ZIT, wersja %(n)s") % {"n": item.version.number}),
            ]
        )
    return header, lines
