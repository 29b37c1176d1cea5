"""Reads of the programme layer, shaped for pages: the allocation in EUR and PLN, obligations, rates,
the indicator catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from zit.core.money import Money, round_cents
from zit.core.roles import Perm, require
from zit.funding.models import (
    Agreement,
    ExchangeRate,
    Fund,
    Indicator,
    Measure,
    Obligation,
    Priority,
    Programme,
    RateRule,
)
from zit.funding.rates import Conversion, NoRate, convert


def programme_current() -> Programme | None:
    return (
        Programme.objects.prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.select_related("fund")),
            Prefetch("measures", queryset=Measure.objects.select_related("fund", "priority")),
        )
        .order_by("pk")
        .first()
    )


def programme_groups(programme: Programme) -> list[dict]:
    """Measures under their priorities, in reading order; measures whose priority is not yet entered last."""
    measures = list(programme.measures.all())
    groups = [
        {"priority": p, "measures": [m for m in measures if m.priority_id == p.pk]}
        for p in programme.priorities.all()
    ]
    groups.append({"priority": None, "measures": [m for m in measures if m.priority_id is None]})
    return [g for g in groups if g["priority"] or g["measures"]]


def funds() -> QuerySet[Fund]:
    return Fund.objects.all()


def agreement_current() -> Agreement | None:
    return Agreement.objects.select_related("programme", "decision").first()


@dataclass
class AllocationRow:
    label: str
    eur: Decimal
    pln: Decimal | None
    share: Decimal
    fund: Fund | None = None
    measure: Measure | None = None
    is_demo: bool = False


@dataclass
class AllocationSummary:
    agreement: Agreement
    total_eur: Decimal
    total_pln: Decimal | None
    conversion: Conversion | None
    conversion_error: str
    split_total: Decimal
    by_fund: list[AllocationRow] = field(default_factory=list)
    by_measure: list[AllocationRow] = field(default_factory=list)
    is_demo: bool = False

    @property
    def split_entered(self) -> bool:
        return bool(self.by_measure)

    @property
    def split_complete(self) -> bool:
        return self.split_entered and self.split_total == self.total_eur

    @property
    def unallocated(self) -> Decimal:
        return self.total_eur - self.split_total


def allocation_summary(*, agreement: Agreement, on: dt.date | None = None) -> AllocationSummary:
    """The envelope and its split in EUR, and in PLN at the rate the 'envelope' rule gives for `on`
    (today by default). Each PLN amount is converted on its own and rounded once."""
    on = on or timezone.localdate()
    lines = list(agreement.allocation_lines.select_related("measure", "fund", "measure__priority"))
    try:
        conversion = convert(
            Money(agreement.total_eur, "EUR"), to="PLN", on=on, purpose=RateRule.Purpose.ENVELOPE
        )
        error = ""
    except NoRate as exc:
        conversion, error = None, str(exc)

    def pln(eur: Decimal) -> Decimal | None:
        # the same rate as the total, each amount rounded once, exactly as convert() would
        return round_cents(eur * conversion.rate) if conversion else None

    def share(eur: Decimal) -> Decimal:
        return eur / agreement.total_eur if agreement.total_eur else Decimal(0)

    by_fund: dict[int, Decimal] = {}
    for line in lines:
        by_fund[line.fund_id] = by_fund.get(line.fund_id, Decimal(0)) + line.amount_eur
    fund_objects = {f.pk: f for f in Fund.objects.filter(pk__in=by_fund)}
    return AllocationSummary(
        agreement=agreement,
        total_eur=agreement.total_eur,
        total_pln=conversion.result.amount if conversion else None,
        conversion=conversion,
        conversion_error=error,
        split_total=sum((line.amount_eur for line in lines), Decimal(0)),
        by_fund=[
            AllocationRow(fund_objects[pk].code, eur, pln(eur), share(eur), fund=fund_objects[pk])
            for pk, eur in sorted(by_fund.items(), key=lambda item: fund_objects[item[0]].order)
        ],
        by_measure=[
            AllocationRow(
                str(line.measure),
                line.amount_eur,
                pln(line.amount_eur),
                share(line.amount_eur),
                line.fund,
                line.measure,
                line.is_demo,
            )
            for line in lines
        ],
        is_demo=any(line.is_demo for line in lines),
    )


OBLIGATION_FILTERS = ("open", "late", "due_soon", "done", "all")


def obligations_for(
    *, user: Any, agreement: Agreement, status: str = "open", today: dt.date | None = None
) -> QuerySet[Obligation]:
    require(user, Perm.FUNDING_VIEW)
    today = today or timezone.localdate()
    obligations = agreement.obligations.select_related("responsible", "indicator")
    if status == "open":
        return obligations.filter(completed_on=None).order_by("due_on")
    if status == "late":
        return obligations.filter(completed_on=None, due_on__lt=today).order_by("due_on")
    if status == "due_soon":
        return obligations.filter(
            completed_on=None, due_on__gte=today, due_on__lte=today + dt.timedelta(days=30)
        ).order_by("due_on")
    if status == "done":
        return obligations.exclude(completed_on=None).order_by("-completed_on")
    return obligations.order_by("due_on")


def obligation_counts(*, agreement: Agreement, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return agreement.obligations.aggregate(
        open=Count("pk", filter=Q(completed_on=None)),
        late=Count("pk", filter=Q(completed_on=None, due_on__lt=today)),
        due_soon=Count(
            "pk", filter=Q(completed_on=None, due_on__gte=today, due_on__lte=today + dt.timedelta(days=30))
        ),
        done=Count("pk", filter=~Q(completed_on=None)),
        all=Count("pk"),
    )


def rates(*, user: Any, series: str) -> QuerySet[ExchangeRate]:
    require(user, Perm.FUNDING_VIEW)
    return ExchangeRate.objects.filter(series=series).order_by("-rate_date")


def rate_rules() -> dict[str, RateRule]:
    return {rule.purpose: rule for rule in RateRule.objects.all()}


def indicators_search(
    *, query: str = "", kind: str = "", origin: str = "", fund_scope: str = "", missing_polish: bool = False
) -> QuerySet[Indicator]:
    indicators = Indicator.objects.all()
    if query:
        indicators = indicators.filter(
            Q(code__icontains=query) | Q(name_pl__icontains=query) | Q(name_en__icontains=query)
        )
    if kind:
        indicators = indicators.filter(kind=kind)
    if origin:
        indicators = indicators.filter(origin=origin)
    if fund_scope:
        indicators = indicators.filter(fund_scope=fund_scope)
    if missing_polish:
        indicators = indicators.filter(name_pl="")
    return indicators.order_by("origin", "code", "name_en")


def indicator_fund_scopes() -> list[str]:
    return list(
        Indicator.objects.exclude(fund_scope="")
        .values_list("fund_scope", flat=True)
        .distinct()
        .order_by("fund_scope")
    )
