"""What waits in the contracts' work (zit.core.inbox): progress information passed on for the office to take
note of, the office's questions waiting for the beneficiary's answer, milestones of a contract in force whose
date is near or past, and the yearly durability statements owed after the final payment (art. 65 of
Regulation 2021/1060). Progress information is optional: a period without it is never an item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.contracts.models import Contract, ContractMilestone, ProgressReport
from zit.core.formatting import format_date
from zit.core.inbox import InboxItem, ahead, local_day, source
from zit.core.roles import Perm, has_perm, scoped_organisation_ids

R = ProgressReport.Status


def _beneficiary_scope(user: Any) -> set[int]:
    """The organisations whose reports the user writes; none for the office (it has no contracts of its own)."""
    scope = scoped_organisation_ids(user, Perm.CARDS_EDIT)
    return scope or set()


def _report_url(report: ProgressReport) -> str:
    return reverse("contracts:report", args=[report.contract.card_id, report.pk])


def reports_to_note(user: Any, today: dt.date) -> list[InboxItem]:
    """Progress information passed on: the office takes note of it or asks a question."""
    if not has_perm(user, Perm.PROJECTS_MANAGE):
        return []
    reports = ProgressReport.objects.filter(status=R.SUBMITTED).select_related("contract")
    return [
        InboxItem(
            key=f"contracts.report_note:{r.pk}",
            title=gettext("Informacja o postępie do odnotowania: umowa %(c)s") % {"c": r.contract.number},
            url=_report_url(r),
            since=local_day(r.submitted_at),
            detail=gettext("okres %(a)s – %(b)s")
            % {"a": format_date(r.period_from), "b": format_date(r.period_to)},
        )
        for r in reports
    ]


def reports_asked(user: Any, today: dt.date) -> list[InboxItem]:
    """The office's questions about progress information, for the beneficiary's users to answer."""
    scope = _beneficiary_scope(user)
    if not scope:
        return []
    reports = ProgressReport.objects.filter(
        status=R.QUESTION, contract__card__beneficiary_id__in=scope
    ).select_related("contract")
    return [
        InboxItem(
            key=f"contracts.report_question:{r.pk}",
            title=gettext("Pytanie biura o informację o postępie: umowa %(c)s") % {"c": r.contract.number},
            url=_report_url(r),
            since=local_day(r.responded_at),
            detail=r.question[:200],
        )
        for r in reports
    ]


def milestones_due(user: Any, today: dt.date) -> list[InboxItem]:
    """Milestones not yet known to be reached whose date comes within the horizon: the office watches them,
    the beneficiary may say in progress information that they are reached (it is not asked for one)."""
    office = has_perm(user, Perm.PROJECTS_MANAGE)
    scope = _beneficiary_scope(user)
    if not office and not scope:
        return []
    milestones = ContractMilestone.objects.filter(
        reached_on__isnull=True, due_on__lte=ahead(today), contract__state=Contract.State.SIGNED
    ).select_related("contract")
    if not office:
        milestones = milestones.filter(contract__card__beneficiary_id__in=scope)
    return [
        InboxItem(
            key=f"contracts.milestone:{m.pk}",
            title=gettext("Kamień milowy umowy %(c)s: %(m)s") % {"c": m.contract.number, "m": m.name},
            url=reverse("contracts:card_contract", args=[m.contract.card_id]),
            due=m.due_on,
        )
        for m in milestones
    ]


def durability_statements(user: Any, today: dt.date) -> list[InboxItem]:
    """Years of the durability period that have ended without the beneficiary's statement."""
    scope = _beneficiary_scope(user)
    if not scope:
        return []
    contracts = (
        Contract.objects.filter(state=Contract.State.FINAL_PAID, card__beneficiary_id__in=scope)
        .filter(~Q(final_payment_on=None))
        .prefetch_related("durability_statements")
    )
    items = []
    for contract in contracts:
        done = {s.year for s in contract.durability_statements.all()}
        missing = [y for y in contract.durability_years_due(today) if y not in done]
        if missing:
            items.append(
                InboxItem(
                    key=f"contracts.durability:{contract.pk}",
                    title=gettext("Oświadczenie o trwałości projektu do złożenia: umowa %(c)s")
                    % {"c": contract.number},
                    url=reverse("contracts:card_statement", args=[contract.card_id]),
                    since=dt.date(missing[0] + 1, 1, 1),
                    count=len(missing),
                    detail=", ".join(str(y) for y in missing),
                )
            )
    return items


source("contracts.reports_note", _("Informacje o postępie do odnotowania"), reports_to_note)
source("contracts.reports_question", _("Pytania biura o informacje o postępie"), reports_asked)
source("contracts.milestones", _("Kamienie milowe umów"), milestones_due)
source("contracts.durability", _("Oświadczenia o trwałości"), durability_statements)
