"""Reads of the fees: balances per member and year, arrears, a member's account, the statement PDF."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from zit.association.models import Member
from zit.core.formatting import format_amount
from zit.core.lifecycle import Actions, Context
from zit.core.roles import Perm, has_perm, require
from zit.fees.lifecycles import HELD_LINE, PAYMENT, RULE
from zit.fees.models import FeeAssessment, FeePayment, FeeRule, HeldBankLine

ZERO = Decimal(0)


@dataclass
class Balance:
    member: Member
    year: int
    assessment: FeeAssessment | None
    paid: Decimal

    @property
    def assessed(self) -> Decimal:
        return self.assessment.amount if self.assessment else ZERO

    @property
    def due(self) -> Decimal:
        """Positive: still owed; negative: overpaid."""
        return self.assessed - self.paid

    @property
    def overpaid(self) -> Decimal:
        return -self.due if self.due < 0 else ZERO

    @property
    def owed(self) -> Decimal:
        return max(self.due, ZERO)

    @property
    def settlement(self) -> str:
        """The balance in words with a positive amount: "do zapłaty: 1 000,00 zł", "nadpłata: 5,00 zł"."""
        return settlement_text(self.owed, self.overpaid)

    @property
    def member_explanation(self) -> list[str]:
        """The computation as the member may read it: without the office's hints."""
        lines = self.assessment.explanation if self.assessment else []
        return [line for line in lines if not str(line).startswith(_STAFF_ONLY_PREFIXES)]

    @property
    def staff_notes(self) -> list[str]:
        """Hints for the office about the assessment (an old population figure), never sent to the member."""
        from zit.fees.rules import population_day, stale_population_warning

        if self.assessment is None:
            return []
        warning = stale_population_warning(
            self.assessment.population_date, population_day(self.assessment.rule)
        )
        return [warning] if warning else []

    @property
    def due_on(self) -> dt.date | None:
        return self.assessment.due_on if self.assessment else None

    @property
    def in_arrears(self) -> bool:
        today = timezone.localdate()
        return self.due > 0 and self.due_on is not None and self.due_on < today

    @property
    def state(self) -> str:
        from django.utils.translation import gettext as _

        if self.due > 0:
            return _("zaległość") if self.in_arrears else _("do zapłaty")
        if self.due < 0:
            return _("nadpłata")
        return _("opłacona")


# Assessments generated before the office's hints were kept apart carry them in the explanation, in the
# language of whoever generated them; such lines are left out of what the member reads.
_STAFF_ONLY_PREFIXES = ("Uwaga:", "Note:")


def settlement_text(owed: Decimal, overpaid: Decimal) -> str:
    """A balance in words, amounts always positive, as the member pages, the statement and reminders say it."""
    from django.utils.translation import gettext as _

    parts = []
    if owed > 0:
        parts.append(_("do zapłaty: %(a)s") % {"a": format_amount(owed)})
    if overpaid > 0:
        parts.append(_("nadpłata: %(a)s") % {"a": format_amount(overpaid)})
    return "; ".join(parts) or _("rozliczone")


def _paid(filters: Q) -> dict[tuple[int, int], Decimal]:
    rows = (
        FeePayment.objects.filter(filters, status=FeePayment.Status.MATCHED)
        .values("member_id", "year")
        .annotate(total=Sum("amount"))
    )
    return {(r["member_id"], r["year"]): r["total"] for r in rows}


def fee_years() -> list[int]:
    years = set(FeeAssessment.objects.values_list("year", flat=True).distinct())
    years |= set(
        FeePayment.objects.filter(status=FeePayment.Status.MATCHED).values_list("year", flat=True).distinct()
    )
    return sorted(years, reverse=True)


def balances(*, user: Any, year: int) -> list[Balance]:
    """Every member assessed or paying in the year, in the order of the list of members."""
    require(user, Perm.FEES_VIEW)
    assessments = {
        a.member_id: a
        for a in FeeAssessment.objects.filter(year=year, status=FeeAssessment.Status.CURRENT).select_related(
            "member"
        )
    }
    paid = _paid(Q(year=year))
    member_ids = set(assessments) | {m for (m, _y) in paid}
    # the organisation: reminders read its e-mail address for every member
    members = Member.objects.filter(pk__in=member_ids).select_related("organisation").order_by("number")
    return [Balance(m, year, assessments.get(m.pk), paid.get((m.pk, year), ZERO)) for m in members]


@dataclass
class Totals:
    assessed: Decimal = ZERO
    paid: Decimal = ZERO
    due: Decimal = ZERO
    arrears: Decimal = ZERO
    overpaid: Decimal = ZERO


def totals(rows: list[Balance]) -> Totals:
    result = Totals()
    for row in rows:
        result.assessed += row.assessed
        result.paid += row.paid
        result.due += max(row.due, ZERO)
        result.arrears += row.due if row.in_arrears else ZERO
        result.overpaid += -row.due if row.due < 0 else ZERO
    return result


@dataclass
class Account:
    member: Member
    balances: list[Balance]
    payments: list[FeePayment]
    history: list[FeeAssessment] = field(default_factory=list)

    @property
    def owed(self) -> Decimal:
        """Still to pay over all years; an overpayment of one year does not pay another by itself."""
        return sum((b.owed for b in self.balances), ZERO)

    @property
    def overpaid(self) -> Decimal:
        return sum((b.overpaid for b in self.balances), ZERO)

    @property
    def settlement(self) -> str:
        return settlement_text(self.owed, self.overpaid)


def member_account(*, user: Any, member: Member) -> Account:
    require(user, Perm.FEES_VIEW)
    assessments = list(
        FeeAssessment.objects.filter(member=member)
        .select_related("rule", "rule__adopted_by")
        .order_by("year", "-pk")
    )
    current = {a.year: a for a in assessments if a.status == FeeAssessment.Status.CURRENT}
    paid = _paid(Q(member=member))
    years = sorted(set(current) | {y for (_m, y) in paid})
    payments = list(
        FeePayment.objects.filter(member=member, status=FeePayment.Status.MATCHED).order_by("booked_on", "pk")
    )
    by_year: dict[int, Decimal] = defaultdict(lambda: ZERO, {y: v for (_m, y), v in paid.items()})
    return Account(
        member=member,
        balances=[Balance(member, y, current.get(y), by_year[y]) for y in years],
        payments=payments,
        history=[a for a in assessments if a.status == FeeAssessment.Status.SUPERSEDED],
    )


def statement_html(*, user: Any, member: Member) -> str:
    """The member's fee statement as the HTML the PDF is made from (in Polish, without the office's hints)."""
    from zit.association.selectors import association_profile

    account = member_account(user=user, member=member)
    profile = association_profile()
    with translation.override("pl"):
        return render_to_string(
            "documents/fee_statement.html",
            {
                "account": account,
                "profile": profile,
                "bank_account": profile.bank_account if profile else "",
                "generated": timezone.localtime(),
                "is_demo": any(b.assessment and b.assessment.is_demo for b in account.balances)
                or any(p.is_demo for p in account.payments),
            },
        )


def statement_pdf(*, user: Any, member: Member) -> bytes:
    """The member's fee statement: assessments, payments and the balance, as tagged PDF."""
    from zit.core.documents import pdf_from_html

    return pdf_from_html(statement_html(user=user, member=member))


# --- what may be done now (the lifecycles' buttons)


def rule_actions(*, user: Any, rule: FeeRule) -> Actions:
    """The rule's buttons for `user`: correct the draft, record its resolution, assess the fees (with the
    reason when a member's population is missing)."""
    require(user, Perm.FEES_VIEW)
    return RULE.actions(user, rule)


def payment_actions(*, user: Any, payment: FeePayment) -> Actions:
    require(user, Perm.FEES_VIEW)
    return PAYMENT.actions(user, payment)


@dataclass
class HeldRow:
    """One held line of a statement's table: whether `user` may confirm it now, why not, its errors and tick."""

    line: HeldBankLine
    can_confirm: bool
    refused: str
    errors: list[str]
    checked: bool


def held_rows(
    *, user: Any, lines: list[HeldBankLine], form: Any, errors: dict[str, list[str]]
) -> list[HeldRow]:
    require(user, Perm.FEES_VIEW)
    may = has_perm(user, Perm.FEES_MANAGE)
    context = Context(actor=user, today=timezone.localdate())
    ticked = {str(v) for v in (form["line"].value() or [])} if form.is_bound else set()
    rows = []
    for line in lines:
        refused = HELD_LINE.refusal(line, "confirm", context) if may and not line.is_booked else ""
        rows.append(
            HeldRow(
                line=line,
                can_confirm=may and not line.is_booked and not refused,
                refused=refused,
                errors=errors.get(str(line.pk), []),
                checked=str(line.pk) in ticked,
            )
        )
    return rows
