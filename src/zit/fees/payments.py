"""Payments of fees typed by hand, the office's decisions on them (assign, not a fee, the review table) and
matching again; a payment like one already recorded is refused unless confirmed (`PossibleDuplicate`).
Matching itself is `fees.matching`; bank statements are `fees.statements`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core import audit
from zit.core.formatting import format_amount, format_date
from zit.core.lifecycle import Context
from zit.core.roles import Perm, require_unless_system
from zit.fees.bank import normalise
from zit.fees.lifecycles import PAYMENT
from zit.fees.matching import Match, MatchContext, book, match_payment, year_for
from zit.fees.models import FeePayment


class PossibleDuplicate(ValidationError):
    """The payment looks like one already recorded (the same member, amount, date and title): refused unless
    the person confirms it is a separate payment. `existing` is the payment it looks like."""

    def __init__(self, existing: FeePayment):
        self.existing = existing
        super().__init__(
            {
                "confirm_duplicate": _(
                    "Taka wpłata jest już zapisana: %(date)s, %(amount)s, %(member)s, tytuł „%(title)s”. "
                    "Jeśli to osobna wpłata, zaznacz „To nie jest duplikat — zapisz mimo to” i zapisz ponownie."
                )
                % {
                    "date": format_date(existing.booked_on),
                    "amount": format_amount(existing.amount),
                    "member": existing.member.name if existing.member_id else _("bez przypisanego członka"),
                    "title": existing.title or _("bez tytułu"),
                }
            }
        )


def duplicate_key(member_id: int | None, amount: Decimal, booked_on: dt.date, title: str) -> tuple:
    return (member_id, Decimal(amount), booked_on, normalise(title))


def recorded_by_key(dates: set[dt.date]) -> dict[tuple, FeePayment]:
    """Payments on these days by what makes two payments look the same; the earliest one for each key."""
    found: dict[tuple, FeePayment] = {}
    for payment in FeePayment.objects.filter(booked_on__in=dates).select_related("member").order_by("pk"):
        key = duplicate_key(payment.member_id, payment.amount, payment.booked_on, payment.title)
        found.setdefault(key, payment)
    return found


def payment_duplicate_of(
    *, member: Member | None, amount: Decimal, booked_on: dt.date, title: str
) -> FeePayment | None:
    """A payment already recorded with the same member (or none), amount, date and title (case, spaces
    and Polish letters forgiven), or None."""
    key = duplicate_key(getattr(member, "pk", None), amount, booked_on, title)
    return recorded_by_key({booked_on}).get(key)


def _check_amount(amount: Decimal | None) -> None:
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Podaj kwotę wpłaty większą od zera.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"amount": _("Kwota ma najwyżej dwa miejsca po przecinku (grosze).")})


@transaction.atomic
def payment_add(
    *,
    actor: Any,
    booked_on: dt.date,
    amount: Decimal,
    payer_name: str = "",
    title: str = "",
    member: Member | None = None,
    year: int | None = None,
    note: str = "",
    is_demo: bool = False,
    confirm_duplicate: bool = False,
) -> FeePayment:
    """A payment typed by hand. With a member it is booked to them (and the year given or found); without,
    it is matched from the title and the payer as a bank line would be. One that looks like a payment
    already recorded (the same member, amount, date and title) is refused with `PossibleDuplicate` unless
    `confirm_duplicate` says it is a separate payment."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    _check_amount(amount)
    if booked_on is None:
        raise ValidationError({"booked_on": _("Podaj datę wpływu.")})
    if booked_on > timezone.localdate():
        raise ValidationError({"booked_on": _("Data wpływu nie może być z przyszłości.")})
    context = MatchContext.build()
    payment = FeePayment(
        source=FeePayment.Source.MANUAL,
        booked_on=booked_on,
        amount=amount,
        payer_name=payer_name,
        title=title,
        note=note,
        is_demo=is_demo,
    )
    if member is not None:
        year = year or year_for(context, member, normalise(title), booked_on)
        book(context, payment, Match(member, year, _("wskazana przy wpisaniu")))
    else:
        book(
            context,
            payment,
            match_payment(context, title=title, payer_name=payer_name, amount=amount, booked_on=booked_on),
        )
    existing = payment_duplicate_of(member=payment.member, amount=amount, booked_on=booked_on, title=title)
    if existing is not None and not confirm_duplicate:
        raise PossibleDuplicate(existing)
    payment.full_clean()
    payment.save()
    after = audit.snapshot(payment)
    if existing is not None:
        after["confirmed_not_duplicate_of"] = existing.pk
    audit.record(actor=actor, action="fees.payment_add", obj=payment, after=after)
    return payment


def lifecycle_context(actor: Any) -> Context:
    return Context(actor=actor, today=timezone.localdate())


@transaction.atomic
def payment_assign(
    *, actor: Any, payment: FeePayment, member: Member, year: int, note: str = ""
) -> FeePayment:
    """The review's decision: this payment is this member's fee for this year (the payment's "assign")."""
    payment = FeePayment.objects.select_for_update().get(pk=payment.pk)
    PAYMENT.check(actor, payment, "assign", lifecycle_context(actor))
    if member is None:
        raise ValidationError({"member": _("Wybierz członka.")})
    if not year:
        raise ValidationError({"year": _("Podaj rok składki.")})
    before = audit.snapshot(payment)
    context = MatchContext.build()
    if payment.status == FeePayment.Status.MATCHED and payment.member_id:
        context.paid[(payment.member_id, payment.year)] -= payment.amount
    after: dict[str, Any] = {}

    def apply(obj: FeePayment) -> None:
        book(context, obj, Match(member, year, _("przypisana ręcznie")))
        if note:
            obj.note = note
        after.update(audit.snapshot(obj))

    return PAYMENT.fire(actor=actor, obj=payment, name="assign", apply=apply, before=before, after=after)


@transaction.atomic
def payment_mark_not_fee(
    *, actor: Any, payment: FeePayment, note: str, confirmed: bool = False
) -> FeePayment:
    """The payment is not a fee (the payment's "not_fee"); `note` says what it is and is the reason recorded.
    A payment booked to a member needs `confirmed`: the member's balance grows by its amount."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Napisz, czym jest ta wpłata (np. zwrot kosztów, pomyłka banku).")})
    payment = FeePayment.objects.select_for_update().get(pk=payment.pk)
    before = audit.snapshot(payment)
    after: dict[str, Any] = {}

    def apply(obj: FeePayment) -> None:
        obj.member, obj.year = None, None
        obj.note, obj.match_note = note.strip(), _("oznaczona: nie jest składką")
        after.update(audit.snapshot(obj))

    return PAYMENT.fire(
        actor=actor,
        obj=payment,
        name="not_fee",
        reason=note,
        confirmed=confirmed,
        apply=apply,
        before=before,
        after=after,
    )


@dataclass
class Decision:
    """One row of the review table: assign the payment to `member` and `year`, or (`not_fee`) say what it is."""

    payment: FeePayment
    member: Member | None = None
    year: int | None = None
    not_fee: str = ""


@transaction.atomic
def payments_decide(*, actor: Any, decisions: list[Decision]) -> list[FeePayment]:
    """The review table's decisions, all or nothing: every row is tried, and when any is refused nothing is
    saved and the errors come back keyed by the payment's id ({"<id>": [messages]})."""
    errors: dict[str, list[str]] = {}
    done = []
    for decision in decisions:
        try:
            with transaction.atomic():
                if decision.not_fee:
                    done.append(
                        payment_mark_not_fee(actor=actor, payment=decision.payment, note=decision.not_fee)
                    )
                else:
                    done.append(
                        payment_assign(
                            actor=actor, payment=decision.payment, member=decision.member, year=decision.year
                        )
                    )
        except ValidationError as exc:
            errors[str(decision.payment.pk)] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not done:
        raise ValidationError(
            _("Nic nie zapisano: w żadnym wierszu nie wybrano członka ani nie opisano wpłaty.")
        )
    return done


@transaction.atomic
def payments_rematch(*, actor: Any) -> int:
    """Try again the payments waiting for review, e.g. after the year's assessments were generated; each one
    matched now takes the payment's "match" transition."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    context = MatchContext.build()
    matched = 0
    for payment in (
        FeePayment.objects.select_for_update()
        .filter(status=FeePayment.Status.UNMATCHED)
        .order_by("booked_on", "pk")
    ):
        result = match_payment(
            context,
            title=payment.title,
            payer_name=payment.payer_name,
            amount=payment.amount,
            booked_on=payment.booked_on,
        )
        if result.member is not None:
            PAYMENT.fire(
                actor=actor,
                obj=payment,
                name="match",
                apply=lambda obj, result=result: book(context, obj, result),
                after={"member_id": result.member.pk, "year": result.year, "match_note": result.note},
            )
            matched += 1
    audit.record(
        actor=actor,
        action="fees.payments_rematch",
        obj=None,
        collection=FeePayment,
        after={"matched": matched},
    )
    return matched
