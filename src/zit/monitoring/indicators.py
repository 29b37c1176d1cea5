"""Indicator progress: what projects report rolled up into the strategy's and the agreement's indicators
through the catalogue.

Rules (shown on the page as stated here):
- A project's value is the cumulative value in its newest noted progress information; its plan is the
  contract's target.
- Values are summed across projects only for catalogue indicators marked additive (counts, lengths, areas).
  A non-additive indicator (a share, an average) is listed project by project, never summed.
- Only the same catalogue indicator is summed, so the unit is the catalogue's unit for every project.
- Status against a target: achieved when the value reaches the target; otherwise the value is compared with
  the path from the baseline (or zero) in the baseline year to the target in the target year: on track at
  90% of where the path is today or more, at risk from 60%, off track below, and off track once the target
  year has passed. Without a target or a year there is no status.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.contracts.models import ContractIndicator, ReportIndicator
from zit.funding.models import Indicator, Obligation
from zit.funding.selectors import agreement_current
from zit.strategy.models import StrategyVersion, TargetIndicator
from zit.strategy.selectors import strategy_current, version_published

ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK = "achieved", "on_track", "at_risk", "off_track"
STATUS_LABELS = {
    ACHIEVED: _("osiągnięty"),
    ON_TRACK: _("zgodnie z planem"),
    AT_RISK: _("zagrożony"),
    OFF_TRACK: _("poza planem"),
}
ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.6")


@dataclass
class ProjectValue:
    number: str  # the contract's
    card_id: int
    target: Decimal
    target_year: int
    value: Decimal | None  # None: nothing reported yet


@dataclass
class Rollup:
    indicator: Indicator
    projects: list[ProjectValue] = field(default_factory=list)

    @property
    def summed(self) -> bool:
        return self.indicator.additive

    @property
    def value(self) -> Decimal | None:
        if not self.summed:
            return None
        return sum((p.value or Decimal(0) for p in self.projects), Decimal(0))

    @property
    def planned(self) -> Decimal | None:
        if not self.summed:
            return None
        return sum((p.target for p in self.projects), Decimal(0))


@dataclass
class TargetProgress:
    label: str
    owner: str
    indicator: Indicator
    baseline: Decimal | None
    baseline_year: int | None
    target: Decimal | None
    target_year: int | None
    rollup: Rollup | None
    status: str | None
    expected: Decimal | None
    is_demo: bool = False
    item: TargetIndicator | None = None  # the strategy's item (its stable key, goal or undertaking)

    @property
    def value(self) -> Decimal | None:
        return self.rollup.value if self.rollup else None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status]) if self.status else ""


def status_for(
    *,
    value: Decimal | None,
    target: Decimal | None,
    target_year: int | None,
    baseline: Decimal | None,
    baseline_year: int | None,
    today: dt.date,
) -> tuple[str | None, Decimal | None]:
    """The status and where the straight path from baseline to target stands today."""
    if value is None or target is None or target_year is None:
        return None, None
    start_value = baseline or Decimal(0)
    if (target >= start_value and value >= target) or (target < start_value and value <= target):
        return ACHIEVED, target
    if today.year > target_year:
        return OFF_TRACK, target
    start = dt.date(baseline_year or today.year, 1, 1)
    end = dt.date(target_year, 12, 31)
    share = Decimal(min(max((today - start).days, 0), (end - start).days)) / Decimal(
        max((end - start).days, 1)
    )
    expected = start_value + (target - start_value) * share
    progress_needed = expected - start_value  # negative for a falling target: the signs cancel below
    if progress_needed == 0:
        return ON_TRACK, expected
    done = (value - start_value) / progress_needed
    if done >= ON_TRACK_SHARE:
        return ON_TRACK, expected
    if done >= AT_RISK_SHARE:
        return AT_RISK, expected
    return OFF_TRACK, expected


def rollups(*, on: dt.date | None = None) -> dict[int, Rollup]:
    """Per catalogue indicator: every contract's target and newest noted value up to `on` (the newest
    value is picked by the database, one subquery per target, instead of reading every report)."""
    on = on or timezone.localdate()
    newest = (
        ReportIndicator.objects.filter(
            target=OuterRef("pk"), report__status="noted", report__period_to__lte=on
        )
        .order_by("-report__period_to", "-report_id")
        .values("value")[:1]
    )
    targets = (
        ContractIndicator.objects.filter(
            contract__signed_on__lte=on,
            contract__terminated_on__isnull=True,  # a terminated contract plans nothing
        )
        .annotate(newest=Subquery(newest, output_field=DecimalField(max_digits=15, decimal_places=3)))
        .values(
            "indicator_id", "target_value", "target_year", "contract__number", "contract__card_id", "newest"
        )
    )
    rows = list(targets)
    catalogue = {i.pk: i for i in Indicator.objects.filter(pk__in={r["indicator_id"] for r in rows})}
    result: dict[int, Rollup] = {}
    for row in rows:
        rollup = result.setdefault(row["indicator_id"], Rollup(catalogue[row["indicator_id"]]))
        rollup.projects.append(
            ProjectValue(
                row["contract__number"],
                row["contract__card_id"],
                row["target_value"],
                row["target_year"],
                row["newest"],
            )
        )
    return result


def strategy_progress(
    *, on: dt.date | None = None, sums: dict[int, Rollup] | None = None
) -> tuple[StrategyVersion | None, list[TargetProgress]]:
    on = on or timezone.localdate()
    strategy = strategy_current()
    version = version_published(strategy) if strategy else None
    if version is None:
        return None, []
    sums = rollups(on=on) if sums is None else sums
    items = TargetIndicator.objects.filter(version=version).select_related(
        "indicator", "goal", "operational_goal", "undertaking"
    )
    result = []
    for item in items:
        rollup = sums.get(item.indicator_id)
        value = rollup.value if rollup else None
        status, expected = status_for(
            value=value,
            target=item.target_value,
            target_year=item.target_year,
            baseline=item.baseline_value,
            baseline_year=item.baseline_year,
            today=on,
        )
        result.append(
            TargetProgress(
                label=str(item.indicator),
                owner=str(item.owner),
                indicator=item.indicator,
                baseline=item.baseline_value,
                baseline_year=item.baseline_year,
                target=item.target_value,
                target_year=item.target_year,
                rollup=rollup,
                status=status,
                expected=expected,
                is_demo=item.is_demo,
                item=item,
            )
        )
    return version, result


def agreement_progress(
    *, on: dt.date | None = None, sums: dict[int, Rollup] | None = None
) -> list[TargetProgress]:
    """The agreement's indicator commitments (obligations of the indicator kind)."""
    on = on or timezone.localdate()
    agreement = agreement_current()
    if agreement is None:
        return []
    sums = rollups(on=on) if sums is None else sums
    result = []
    obligations = Obligation.objects.filter(
        agreement=agreement, kind=Obligation.Kind.INDICATOR, indicator__isnull=False
    ).select_related("indicator")
    for o in obligations:
        rollup = sums.get(o.indicator_id)
        status, expected = status_for(
            value=rollup.value if rollup else None,
            target=o.target_value,
            target_year=o.due_on.year,
            baseline=Decimal(0),
            baseline_year=agreement.signed_on.year,
            today=on,
        )
        result.append(
            TargetProgress(
                label=str(o.indicator),
                owner=o.title,
                indicator=o.indicator,
                baseline=Decimal(0),  # the commitment counts from the agreement's signing
                baseline_year=agreement.signed_on.year,
                target=o.target_value,
                target_year=o.due_on.year,
                rollup=rollup,
                status=status,
                expected=expected,
                is_demo=o.is_demo,
            )
        )
    return result


def off_track(items: list[TargetProgress]) -> list[TargetProgress]:
    return [i for i in items if i.status == OFF_TRACK]


def by_indicator(rollup_map: dict[int, Rollup]) -> list[Rollup]:
    groups: dict[str, list[Rollup]] = defaultdict(list)
    for r in rollup_map.values():
        groups[r.indicator.code or ""].append(r)
    return [r for code in sorted(groups) for r in groups[code]]
