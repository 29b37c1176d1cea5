"""The agreement's contracting and spending milestones, forecast month by month.

A read model. For each obligation of the current agreement of the kind "contracting" or "spending" with a
threshold (a share of the allocation), the EU money is summed month by month up to the milestone's due date:
what has happened (the actual) and what the schedules promise (the forecast), against the threshold.

The rules, shown on the page as they are applied here (RULES) and tested:
- the threshold is the share times the allocation, converted to złoty at the rate the "envelope" rule gives
  for today, rounded to the grosz;
- contracting, actual: the EU co-financing of every contract signed by today, on its signing date (after
  corrections; of a terminated contract only what was kept);
- contracting, forecast: the EU amount of each project of the main list in force without a contract, at the
  end of the month of the card's planned start (a start already past: the end of next month); a card
  without a planned start is left out and counted;
- spending, actual: eligible expenditure in noted progress information, its EU part at the contract's rate,
  on the last day of the period it covers (within the year it was spent in);
- spending, forecast: what a running contract has not yet spent (its EU co-financing less the spending
  above) spread over the months from next month to the end of its implementation, by the yearly plan of the
  contract (plan of past years goes to the first year); a listed project without a contract the same way,
  from the month after its planned start to its planned end, by the card's yearly budget; a project without
  a yearly plan evenly; each forecast amount at the end of its month, rounded so the months add up exactly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zit.contracts.models import ContractLine, ReportExpenditure
from zit.core.money import Money, round_cents
from zit.funding.models import Agreement, Obligation, RateRule
from zit.funding.rates import Conversion, NoRate, convert
from zit.funding.selectors import agreement_current
from zit.monitoring.finance import ContractRow, contract_rows
from zit.projects.lists import list_in_force
from zit.projects.models import BudgetLine, ListEntry

ZERO = Decimal(0)
CONTRACTING, SPENDING = Obligation.Kind.CONTRACTING, Obligation.Kind.SPENDING
DONE, REACHED, ON_TRACK, AT_RISK, MISSED = "done", "reached", "on_track", "at_risk", "missed"
STATUS_LABELS = {
    DONE: gettext_lazy("wykonany (odnotowany w porozumieniu)"),
    REACHED: gettext_lazy("próg osiągnięty"),
    ON_TRACK: gettext_lazy("prognoza osiąga próg"),
    AT_RISK: gettext_lazy("zagrożony: prognoza nie osiąga progu"),
    MISSED: gettext_lazy("nieosiągnięty w terminie"),
}
RULES = [
    gettext_lazy(
        "Próg to część alokacji z porozumienia przeliczona na złote po kursie z reguły „alokacja ZIT” na dziś."
    ),
    gettext_lazy(
        "Kontraktacja: dofinansowanie UE z umów zawartych do dziś (po korektach; z rozwiązanej umowy tylko "
        "to, co zostało), w dniu zawarcia umowy. Prognoza: dofinansowanie UE projektów z listy podstawowej "
        "bez umowy, na koniec miesiąca planowanego początku realizacji z fiszki (gdy ten termin minął – na "
        "koniec następnego miesiąca)."
    ),
    gettext_lazy(
        "Wydatkowanie: część UE wydatków z odnotowanych informacji o postępie, na ostatni dzień okresu, którego "
        "dotyczą. Prognoza: reszta dofinansowania każdej umowy w realizacji rozłożona na miesiące do końca "
        "realizacji według planu rocznego umowy (projekty z listy bez umowy – według budżetu rocznego fiszki, "
        "od miesiąca po planowanym początku do planowanego końca)."
    ),
    gettext_lazy(
        "Ostrzegamy, gdy prognoza na termin kamienia milowego nie osiąga progu (i podajemy, ile brakuje i kiedy "
        "prognoza osiągnie próg) albo gdy termin minął bez osiągnięcia progu."
    ),
]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def next_month(day: dt.date) -> dt.date:
    return month_end(day) + dt.timedelta(days=1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from `first`'s to `last`'s, both included."""
    result, current = [], month_start(first)
    while current <= last:
        result.append(current)
        current = next_month(current)
    return result


def spread(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` split by `weights` (evenly when they are all zero), each part rounded to the grosz so that
    the parts add up to `amount` exactly: each is the rounded running total less the one before."""
    if not weights:
        return []
    if not any(weights):
        weights = [Decimal(1)] * len(weights)
    total, running, before, parts = sum(weights, ZERO), ZERO, ZERO, []
    for weight in weights:
        running += weight
        upto = round_cents(amount * running / total)
        parts.append(upto - before)
        before = upto
    return parts


def planned_spread(
    amount: Decimal, *, first: dt.date, last: dt.date, plan: dict[int, Decimal]
) -> list[tuple[dt.date, Decimal]]:
    """`amount` over the months from `first` to `last` (at least `first`'s month), each month's weight its
    year's plan shared evenly among that year's months; the plan of years before `first` goes to its year."""
    spread_months = months(first, max(first, last))
    per_year: dict[int, int] = defaultdict(int)
    for m in spread_months:
        per_year[m.year] += 1
    year_weight = {year: plan.get(year, ZERO) for year in per_year}
    year_weight[first.year] += sum((v for y, v in plan.items() if y < first.year), ZERO)
    weights = [year_weight[m.year] / per_year[m.year] for m in spread_months]
    return [(month_end(m), part) for m, part in zip(spread_months, spread(amount, weights), strict=True)]


@dataclass
class Events:
    """Dated EU amounts in złoty: what happened, and what the schedules promise (dated at months' ends)."""

    actual: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    forecast: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    unscheduled: int = 0  # listed projects without the dates a forecast needs


@dataclass
class Point:
    month: dt.date
    actual: Decimal | None  # cumulative to the month's end (to today in the current month); None ahead
    forecast: Decimal | None  # cumulative actual to date and forecast; None for months already over


@dataclass
class MilestoneForecast:
    obligation: Obligation
    threshold_pln: Decimal
    actual_pln: Decimal  # to today, or to the due date when it has passed
    forecast_pln: Decimal  # actual and forecast to the due date
    status: str
    shortfall_pln: Decimal
    reached_by: dt.date | None  # the month's end when the forecast reaches the threshold
    series: list[Point]
    unscheduled: int

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_warning(self) -> bool:
        return self.status in (AT_RISK, MISSED)

    @property
    def is_at_risk(self) -> bool:
        return self.status == AT_RISK


@dataclass
class MilestoneReport:
    today: dt.date
    agreement: Agreement | None
    conversion: Conversion | None
    conversion_error: str
    allocation_pln: Decimal | None
    milestones: list[MilestoneForecast]

    @property
    def rate(self) -> Decimal | None:
        return self.conversion.rate if self.conversion else None


def _listed_without_contract(agreement: Agreement) -> list[ListEntry]:
    version = list_in_force(agreement)
    if version is None:
        return []
    return list(
        ListEntry.objects.filter(
            version=version, position=ListEntry.Position.MAIN, card__contract__isnull=True
        ).select_related("card")
    )


def _expected_signing(start: dt.date, today: dt.date) -> dt.date:
    return month_end(start) if start > month_end(today) else month_end(next_month(today))


def contracting_events(agreement: Agreement, contracts: list[ContractRow], today: dt.date) -> Events:
    events = Events(actual=[(c.signed_on, c.committed_eu_pln) for c in contracts if c.signed_on <= today])
    for entry in _listed_without_contract(agreement):
        if entry.card.starts_on is None:
            events.unscheduled += 1
            continue
        events.forecast.append((_expected_signing(entry.card.starts_on, today), entry.eu_pln))
    return events


def _spent(contracts: list[ContractRow], today: dt.date) -> list[tuple[int, dt.date, Decimal]]:
    """(contract, date, EU part) of noted expenditure, as finance counts it: noted by the end of today."""
    by_pk = {c.pk: c for c in contracts}
    rows = (
        ReportExpenditure.objects.filter(
            report__contract_id__in=list(by_pk),
            report__status="noted",
            report__responded_at__lt=timezone.make_aware(
                dt.datetime.combine(today + dt.timedelta(days=1), dt.time())
            ),
            year__lte=today.year,
        )
        .values("report__contract_id", "report__period_to", "year")
        .annotate(total=Sum("amount_pln"))
    )
    result = []
    for row in rows:
        contract = by_pk[row["report__contract_id"]]
        day = min(row["report__period_to"], dt.date(row["year"], 12, 31), today)
        eu = (
            round_cents(row["total"] * contract.eu_pln / contract.eligible_pln)
            if contract.eligible_pln
            else ZERO
        )
        result.append((contract.pk, day, eu))
    return result


def _plans(model, key: str, ids: Iterable[int]) -> dict[int, dict[int, Decimal]]:
    plans: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        model.objects.filter(**{f"{key}__in": list(ids)}).values(key, "year").annotate(eu=Sum("eu_pln"))
    ):
        plans[row[key]][row["year"]] = row["eu"]
    return plans


def spending_events(agreement: Agreement, contracts: list[ContractRow], today: dt.date) -> Events:
    spent = _spent(contracts, today)
    events = Events(actual=[(day, eu) for _pk, day, eu in spent])
    spent_by_contract: dict[int, Decimal] = defaultdict(Decimal)
    for pk, _day, eu in spent:
        spent_by_contract[pk] += eu
    running = [c for c in contracts if not c.terminated_on and not c.final_payment_on]
    plans = _plans(ContractLine, "contract_id", [c.pk for c in running])
    first = next_month(today)
    for c in running:
        left = c.committed_eu_pln - spent_by_contract[c.pk]
        if left > 0:
            events.forecast += planned_spread(left, first=first, last=c.ends_on, plan=plans[c.pk])
    entries = _listed_without_contract(agreement)
    budgets = _plans(BudgetLine, "card_id", [e.card_id for e in entries])
    for entry in entries:
        card = entry.card
        if card.starts_on is None or card.ends_on is None:
            events.unscheduled += 1
            continue
        start = max(next_month(_expected_signing(card.starts_on, today)), first)
        events.forecast += planned_spread(entry.eu_pln, first=start, last=card.ends_on, plan=budgets[card.pk])
    return events


def _until(events: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal:
    return sum((amount for when, amount in events if when <= day), ZERO)


def series(events: Events, *, start: dt.date, until: dt.date, today: dt.date) -> list[Point]:
    """One point a month from `start`'s to `until`'s: the actual to each month's end (to today in the
    current month) and, from the current month on, the actual to date plus the forecast to the month's end."""
    to_date = _until(events.actual, today)
    points = []
    for m in months(start, until):
        end = month_end(m)
        current_or_past = m <= today
        actual = _until(events.actual, min(end, today)) if current_or_past else None
        forecast = to_date + _until(events.forecast, end) if end >= today else None
        points.append(Point(m, actual, forecast))
    return points


def assess(obligation: Obligation, events: Events, *, threshold: Decimal, start: dt.date, today: dt.date):
    due = obligation.due_on
    last = max([due, *(when for when, _a in events.forecast)])
    points = series(events, start=start, until=last, today=today)
    shown = [p for p in points if p.month <= due]
    reached_by = None
    if due < today:
        actual = _until(events.actual, due)
        forecast = actual
        status = REACHED if actual >= threshold else MISSED
    else:
        actual = _until(events.actual, today)
        forecast = actual + _until(events.forecast, due)
        status = REACHED if actual >= threshold else ON_TRACK if forecast >= threshold else AT_RISK
        if status == AT_RISK:
            reached_by = next(
                (month_end(p.month) for p in points if p.forecast is not None and p.forecast >= threshold),
                None,
            )
    if obligation.completed_on:
        status = DONE
    shortfall = max(threshold - forecast, ZERO) if status in (AT_RISK, MISSED) else ZERO
    return MilestoneForecast(
        obligation, threshold, actual, forecast, status, shortfall, reached_by, shown, events.unscheduled
    )


def milestone_report(*, today: dt.date | None = None) -> MilestoneReport:
    """Every contracting and spending milestone of the current agreement with a threshold, by due date."""
    today = today or timezone.localdate()
    agreement = agreement_current()
    if agreement is None:
        return MilestoneReport(today, None, None, "", None, [])
    obligations = list(
        Obligation.objects.filter(
            agreement=agreement, kind__in=[CONTRACTING, SPENDING], target_share__isnull=False
        ).order_by("due_on", "pk")
    )
    try:
        conversion = convert(
            Money(agreement.total_eur, "EUR"), to="PLN", on=today, purpose=RateRule.Purpose.ENVELOPE
        )
    except NoRate as exc:
        return MilestoneReport(today, agreement, None, str(exc), None, [])
    allocation = conversion.result.amount
    if not obligations:
        return MilestoneReport(today, agreement, conversion, "", allocation, [])
    contracts = contract_rows(on=today)
    kinds = {o.kind for o in obligations}
    events = {
        CONTRACTING: contracting_events(agreement, contracts, today) if CONTRACTING in kinds else Events(),
        SPENDING: spending_events(agreement, contracts, today) if SPENDING in kinds else Events(),
    }
    start = month_start(agreement.signed_on)
    found = [
        assess(
            o,
            events[o.kind],
            threshold=round_cents(o.target_share * allocation),
            start=start,
            today=today,
        )
        for o in obligations
    ]
    return MilestoneReport(today, agreement, conversion, "", allocation, found)
