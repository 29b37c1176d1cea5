"""What the public strategy page offers to download, and the rules the downloads follow: the strategy's text
(the draft while its consultation runs, every adopted version), the reports of closed consultations, and the
annual reports whose adopting resolution the Rada has adopted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zit.governance.models import Resolution, ResolutionKind
from zit.monitoring.models import AnnualReport
from zit.strategy.models import Strategy, StrategyVersion
from zit.strategy.public_documents import ADOPTED, report_public, text_public


@dataclass
class StrategyDocuments:
    consulted: list[StrategyVersion] = field(default_factory=list)  # drafts whose consultation runs
    adopted: list[StrategyVersion] = field(default_factory=list)  # in force first, then superseded
    reports: list[StrategyVersion] = field(default_factory=list)  # versions whose consultation closed
    annual: list[Resolution] = field(default_factory=list)  # adopting resolutions, with `.annual_report`

    def __bool__(self) -> bool:
        return bool(self.consulted or self.adopted or self.reports or self.annual)


def strategy_documents(strategy: Strategy | None, day: dt.date) -> StrategyDocuments:
    found = StrategyDocuments(annual=annual_reports_adopted())
    if strategy is None:
        return found
    versions = list(
        StrategyVersion.objects.filter(strategy=strategy)
        .exclude(status__in=[StrategyVersion.Status.DRAFT, StrategyVersion.Status.DELETED])
        .select_related("strategy", "adopted_by")
        .order_by("-number")
    )
    for version in versions:
        if version.status in ADOPTED:
            found.adopted.append(version)
        elif text_public(version, day):
            found.consulted.append(version)
        if report_public(version, day):
            found.reports.append(version)
    found.adopted.sort(key=lambda v: (not v.in_force, -v.number))
    return found


def annual_reports_adopted() -> list[Resolution]:
    """Per reporting year, the report accepted by the latest adopted resolution, with its files."""
    resolutions = (
        Resolution.objects.filter(
            kind=ResolutionKind.ANNUAL_REPORT,
            status=Resolution.Status.ADOPTED,
            annual_report__status__in=AnnualReport.WITH_FILES,
        )
        .select_related("annual_report", "body", "decision")
        .order_by("-annual_report__year", "-adopted_on", "-pk")
    )
    by_year: dict[int, Resolution] = {}
    for resolution in resolutions:
        by_year.setdefault(resolution.annual_report.year, resolution)
    return list(by_year.values())


def annual_report_adopted(year: int) -> AnnualReport | None:
    resolution = next((r for r in annual_reports_adopted() if r.annual_report.year == year), None)
    return resolution.annual_report if resolution else None
