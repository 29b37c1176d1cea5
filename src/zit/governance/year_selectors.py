"""Reads of the association's reporting year: each step's due date and state, the resolutions about the year
(approval, discharge) and the steps still missing, for the year page, the list and the inbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from zit.governance import year_rules
from zit.governance.models import AssociationYear, BoardDischarge, PublicDocument, Resolution, ResolutionKind

YEAR_RELATED = ("financial_statement", "board_report", "audit_opinion", "approval")


@dataclass(frozen=True)
class StepState:
    step: year_rules.Step
    due: dt.date | None
    done: bool
    done_on: dt.date | None = None
    document: PublicDocument | None = None
    resolution: Resolution | None = None

    @property
    def key(self) -> str:
        return self.step.key

    @property
    def is_filing(self) -> bool:
        return self.step.key == year_rules.FILING

    def overdue(self, today: dt.date) -> bool:
        return not self.done and self.due is not None and self.due < today


def year_for_reading(year: int) -> AssociationYear:
    """The stored year, or an empty one (not saved) for a reader before anyone opened it."""
    return AssociationYear.objects.select_related(*YEAR_RELATED).filter(year=year).first() or AssociationYear(
        year=year
    )


def year_steps(record: AssociationYear) -> list[StepState]:
    """The five steps in order, each with its due date and whether it is done."""
    approval = record.approval if record.approval_id else None
    approved_on = approval.adopted_on if approval else None
    states = []
    for step in year_rules.STEPS:
        due = year_rules.step_due(step.key, record.year, approved_on)
        if step.key in year_rules.DOCUMENT_STEPS:
            document = record.document(step.key)
            states.append(
                StepState(
                    step, due, document is not None, document.prepared_on if document else None, document
                )
            )
        elif step.key == year_rules.APPROVAL:
            states.append(StepState(step, due, approval is not None, approved_on, resolution=approval))
        else:
            states.append(StepState(step, due, record.filed_on is not None, record.filed_on))
    return states


def next_step(states: Iterable[StepState]) -> StepState | None:
    """The first step not done (its due date is the year's next deadline)."""
    return next((s for s in states if not s.done), None)


def year_resolutions(year: int) -> QuerySet[Resolution]:
    """The resolutions about the year: approving its statement and the board's discharge, drafts included."""
    return (
        Resolution.objects.filter(
            fiscal_year=year, kind__in=[ResolutionKind.ACCOUNTS_APPROVAL, ResolutionKind.DISCHARGE]
        )
        .select_related("body")
        .order_by("adopted_on", "pk")
    )


def year_discharges(year: int) -> QuerySet[BoardDischarge]:
    return BoardDischarge.objects.filter(year=year).select_related("resolution", "person").order_by("pk")


def years_list() -> QuerySet[AssociationYear]:
    return AssociationYear.objects.select_related(*YEAR_RELATED).order_by("-year")


def discharges_by_year(years: Iterable[int]) -> dict[int, list[BoardDischarge]]:
    """The discharges of the years on a page, in one query."""
    found: dict[int, list[BoardDischarge]] = {}
    for discharge in BoardDischarge.objects.filter(year__in=list(years)).select_related("resolution"):
        found.setdefault(discharge.year, []).append(discharge)
    return found


def years_waiting(today: dt.date) -> list[tuple[AssociationYear, list[StepState]]]:
    """From 1 January: the year just ended, opened or not, and any earlier opened year not yet filed, each with
    its steps still missing. The filing waits only once the statement is approved (its 10 days run from then)."""
    previous = today.year - 1
    records = {
        r.year: r
        for r in AssociationYear.objects.select_related(*YEAR_RELATED).filter(
            year__lte=previous, filed_on__isnull=True
        )
    }
    if previous not in records and not AssociationYear.objects.filter(year=previous).exists():
        records[previous] = AssociationYear(year=previous)
    waiting = []
    for year in sorted(records):
        missing = [
            s for s in year_steps(records[year]) if not s.done and (s.key != year_rules.FILING or s.due)
        ]
        if missing:
            waiting.append((records[year], missing))
    return waiting
