"""Payments of fees: typed by hand or imported from a bank statement, matched to members and years, the
review of what did not match, and balances.

Matching, in order of trust: the assessment's number in the title ("SKL/2026/03", also "skl 2026 3"), the
NIP of the member's organisation, then the member's name in the title or the payer's name (typos, case and
spaces forgiven; words such as "starostwo" or "powiatowe" tell the county from the city). Two members that fit
equally well are told apart by the amount due; otherwise the payment waits for review. A payment is booked to
a member and a year: the year in the reference, else a year named in the title, else the oldest year with
money due, else the last assessed year."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core import audit
from zit.core.formatting import format_amount
from zit.core.importing import ImportRejected
from zit.core.lifecycle import Context
from zit.core.roles import Perm, require_unless_system
from zit.governance.fees_bank import BankLine, normalise, parse_statement
from zit.governance.lifecycles_fees import HELD_LINE, PAYMENT
from zit.governance.models import BankStatement, FeeAssessment, FeePayment, HeldBankLine

ZERO = Decimal(0)
NAME_THRESHOLD = 0.8
CLEAR_LEAD = 0.15  # a lead smaller than this (e.g. "Konin": the city or the county) asks the amount
HINT_BONUS = 0.3
MAX_STATEMENT_SIZE = 10 * 1024 * 1024
_REFERENCE = re.compile(r"\bsk[l1]\s*(20\d\d)\s*(\d{1,3})\b")
_NIP = re.compile(r"(?<!\d)(\d(?:[ -]?\d){9})(?![ -]?\d)")
_YEAR = re.compile(r"\b(20\d\d)\b")
_PREFIXES = ("miasto i gmina ", "gmina i miasto ", "gmina miejsko wiejska ", "gmina ", "miasto ", "powiat ")
_HINTS = {
    "powiat": ("powiat", "starost"),
    "city": ("prezydent", "miejski", "miasto"),
}


def _tokens(text: str) -> list[str]:
    return [t for t in normalise(text).split() if len(t) > 1]


def _distinctive(name: str) -> list[str]:
    text = normalise(name)
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    return text.split()


def _similar(a: str, b: str) -> float:
    """How alike two words are, allowing Polish endings ("Koninie" for "Konin") and a typo."""
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 4 and longer.startswith(shorter):
        return max(ratio, 0.9)
    return ratio


@dataclass
class MatchContext:
    members: list[Member]
    tokens: dict[int, list[str]] = field(default_factory=dict)
    by_nip: dict[str, Member] = field(default_factory=dict)
    by_number: dict[int, Member] = field(default_factory=dict)
    assessed: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    paid: dict[tuple[int, int], Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))

    @classmethod
    def build(cls) -> MatchContext:
        members = list(Member.objects.select_related("organisation"))
        context = cls(members)
        for member in members:
            context.tokens[member.pk] = _distinctive(member.name)
            context.by_number[member.number] = member
            if member.organisation.nip:
                context.by_nip[member.organisation.nip] = member
        for a in FeeAssessment.objects.filter(status=FeeAssessment.Status.CURRENT):
            context.assessed[(a.member_id, a.year)] = a.amount
        for row in (
            FeePayment.objects.filter(status=FeePayment.Status.MATCHED)
            .values("member_id", "year")
            .annotate(total=Sum("amount"))
        ):
            context.paid[(row["member_id"], row["year"])] = row["total"]
        return context

    def due(self, member_id: int, year: int) -> Decimal:
        return self.assessed.get((member_id, year), ZERO) - self.paid[(member_id, year)]

    def years_of(self, member_id: int) -> list[int]:
        return sorted(y for (m, y) in self.assessed if m == member_id)


@dataclass
class Match:
    member: Member | None
    year: int | None
    note: str


def _year_for(context: MatchContext, member: Member, text: str, booked_on: dt.date) -> int:
    years = context.years_of(member.pk)
    named = [int(y) for y in _YEAR.findall(text) if int(y) in years]
    if named:
        return named[0]
    owing = [y for y in years if context.due(member.pk, y) > 0]
    if owing:
        return owing[0]
    earlier = [y for y in years if y <= booked_on.year]
    return earlier[-1] if earlier else (years[-1] if years else booked_on.year)


def _name_scores(context: MatchContext, words: list[str]) -> list[tuple[float, Member]]:
    scores = []
    for member in context.members:
        wanted = context.tokens[member.pk]
        if not wanted or not words:
            continue
        score = sum(max(_similar(w, t) for t in words) for w in wanted) / len(wanted)
        if score >= NAME_THRESHOLD:
            hints = _HINTS.get(member.kind, ())
            if any(t.startswith(h) for t in words for h in hints):
                score += HINT_BONUS
            scores.append((score, member))
    return sorted(scores, key=lambda s: -s[0])


def match_payment(
    context: MatchContext, *, title: str, payer_name: str, amount: Decimal, booked_on: dt.date
) -> Match:
    text = normalise(title)
    reference = _REFERENCE.search(text)
    if reference:
        year, number = int(reference.group(1)), int(reference.group(2))
        member = context.by_number.get(number)
        if member is not None and (member.pk, year) in context.assessed:
            return Match(member, year, _("numer składki w tytule"))
    for raw in _NIP.findall(f"{title} {payer_name}"):
        member = context.by_nip.get(re.sub(r"\D", "", raw))
        if member is not None:
            return Match(member, _year_for(context, member, text, booked_on), _("NIP w tytule"))
    words = _tokens(f"{title} {payer_name}")
    scores = _name_scores(context, words)
    if not scores:
        return Match(None, None, _("nie rozpoznano członka w tytule ani w nazwie wpłacającego"))
    best_score, best = scores[0]
    rivals = [m for s, m in scores[1:] if best_score - s < CLEAR_LEAD]
    if rivals:
        tied = [best, *rivals]
        exact = [m for m in tied if any(context.due(m.pk, y) == amount for y in context.years_of(m.pk))]
        if len(exact) != 1:
            return Match(
                None,
                None,
                _("pasuje do kilku członków: %(m)s") % {"m": ", ".join(m.name for m in tied)},
            )
        best = exact[0]
        return Match(best, _year_for(context, best, text, booked_on), _("nazwa członka i kwota"))
    return Match(best, _year_for(context, best, text, booked_on), _("nazwa członka w tytule lub wpłacającym"))


def _amount_note(context: MatchContext, member_id: int, year: int, amount: Decimal) -> str:
    """Said before booking: how the payment stands against what is due."""
    due = context.due(member_id, year)
    if (member_id, year) not in context.assessed:
        return _("brak naliczenia na ten rok")
    if amount == due:
        return _("kwota zgodna z należnością")
    # `due` is what was left to pay before this payment; the note says it as such and what follows from it
    if amount < due:
        return _("wpłata częściowa (przed tą wpłatą do zapłaty było %(d)s, pozostaje %(r)s)") % {
            "d": format_amount(due),
            "r": format_amount(due - amount),
        }
    if due <= 0:
        return _("nadpłata %(o)s (składka była już opłacona)") % {"o": format_amount(amount)}
    return _("nadpłata %(o)s (przed tą wpłatą do zapłaty było %(d)s)") % {
        "o": format_amount(amount - due),
        "d": format_amount(due),
    }


def _book(context: MatchContext, payment: FeePayment, match: Match) -> None:
    if match.member is None:
        payment.status, payment.member, payment.year = FeePayment.Status.UNMATCHED, None, None
        payment.match_note = match.note[:300]
        return
    payment.status, payment.member, payment.year = FeePayment.Status.MATCHED, match.member, match.year
    payment.match_note = (
        f"{match.note}; {_amount_note(context, match.member.pk, match.year, payment.amount)}"[:300]
    )
    context.paid[(match.member.pk, match.year)] += payment.amount


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
                    "date": existing.booked_on.strftime("%d.%m.%Y"),
                    "amount": format_amount(existing.amount),
                    "member": existing.member.name if existing.member_id else _("bez przypisanego członka"),
                    "title": existing.title or _("bez tytułu"),
                }
            }
        )


def _duplicate_key(member_id: int | None, amount: Decimal, booked_on: dt.date, title: str) -> tuple:
    return (member_id, Decimal(amount), booked_on, normalise(title))


def _recorded_by_key(dates: set[dt.date]) -> dict[tuple, FeePayment]:
    """Payments on these days by what makes two payments look the same; the earliest one for each key."""
    found: dict[tuple, FeePayment] = {}
    for payment in FeePayment.objects.filter(booked_on__in=dates).select_related("member").order_by("pk"):
        key = _duplicate_key(payment.member_id, payment.amount, payment.booked_on, payment.title)
        found.setdefault(key, payment)
    return found


def payment_duplicate_of(
    *, member: Member | None, amount: Decimal, booked_on: dt.date, title: str
) -> FeePayment | None:
    """A payment already recorded with the same member (or none), amount, date and title (case, spaces
    and Polish letters forgiven), or None."""
    key = _duplicate_key(getattr(member, "pk", None), amount, booked_on, title)
    return _recorded_by_key({booked_on}).get(key)


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
        year = year or _year_for(context, member, normalise(title), booked_on)
        _book(context, payment, Match(member, year, _("wskazana przy wpisaniu")))
    else:
        _book(
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
    audit.record(actor=actor, action="governance.fee_payment_add", obj=payment, after=after)
    return payment


def _context(actor: Any) -> Context:
    return Context(actor=actor, today=timezone.localdate())


@transaction.atomic
def payment_assign(
    *, actor: Any, payment: FeePayment, member: Member, year: int, note: str = ""
) -> FeePayment:
    """The review's decision: this payment is this member's fee for this year (the payment's "assign")."""
    payment = FeePayment.objects.select_for_update().get(pk=payment.pk)
    PAYMENT.check(actor, payment, "assign", _context(actor))
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
        _book(context, obj, Match(member, year, _("przypisana ręcznie")))
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
                apply=lambda obj, result=result: _book(context, obj, result),
                after={"member_id": result.member.pk, "year": result.year, "match_note": result.note},
            )
            matched += 1
    audit.record(
        actor=actor,
        action="governance.fee_payments_rematch",
        obj=None,
        collection=FeePayment,
        after={"matched": matched},
    )
    return matched


@transaction.atomic
def statement_import(*, actor: Any, file_name: str, content: bytes, is_demo: bool = False) -> BankStatement:
    """Read a bank statement and book its credits. A line booked before (same bank reference, or the same
    date, amount, account, title and payer) is skipped, so importing a statement twice books nothing twice.
    A line that looks like a payment already recorded, or like an earlier line of the same file (the same
    member, amount, date and title), is held back (`HeldBankLine`) until someone confirms it
    (`statement_held_confirm`). Debits are counted and left out. A file with any unreadable line is rejected whole (ImportRejected)."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    if not content:
        raise ValidationError({"file": _("Plik jest pusty.")})
    if len(content) > MAX_STATEMENT_SIZE:
        raise ValidationError({"file": _("Plik jest większy niż 10 MB; wgraj wyciąg za krótszy okres.")})
    kind, lines = parse_statement(file_name, content)
    statement = BankStatement.objects.create(
        file_name=file_name[:255],
        format=kind,
        sha256=hashlib.sha256(content).hexdigest(),
        lines=len(lines),
        created_by_label=audit.actor_label(actor),
        is_demo=is_demo,
    )
    context = MatchContext.build()
    seen: dict[str, int] = defaultdict(int)
    credits: list[tuple[BankLine, str]] = []
    for line in lines:
        if line.amount <= 0:
            continue
        base = line.dedupe_key()
        occurrence = seen[base]
        seen[base] += 1
        key = (
            base
            if not occurrence
            else base[:2] + hashlib.sha256(f"{base}|{occurrence}".encode()).hexdigest()[:60]
        )
        credits.append((line, key))
    statement.credits = len(credits)
    booked = set(
        FeePayment.objects.filter(dedupe_key__in=[k for _line, k in credits]).values_list(
            "dedupe_key", flat=True
        )
    )
    recorded = _recorded_by_key({line.booked_on for line, _key in credits})
    in_file: dict[tuple, int] = {}
    for line, key in credits:
        if key in booked:
            statement.duplicates += 1
            continue
        match = match_payment(
            context,
            title=line.title,
            payer_name=line.payer_name,
            amount=line.amount,
            booked_on=line.booked_on,
        )
        same = _duplicate_key(getattr(match.member, "pk", None), line.amount, line.booked_on, line.title)
        if same in recorded or same in in_file:
            HeldBankLine.objects.create(
                statement=statement,
                line_number=line.line_number,
                booked_on=line.booked_on,
                amount=line.amount,
                payer_name=line.payer_name[:300],
                payer_account=line.payer_account[:40],
                title=line.title,
                bank_reference=line.bank_reference[:100],
                dedupe_key=key,
                member=match.member,
                duplicate_of=recorded.get(same),
                duplicate_of_line=None if same in recorded else in_file[same],
            )
            statement.held += 1
            continue
        in_file[same] = line.line_number
        payment = _bank_payment(statement, line, key, is_demo)
        _book(context, payment, match)
        payment.save()
        statement.new_payments += 1
        statement.matched += payment.status == FeePayment.Status.MATCHED
    statement.save()
    audit.record(
        actor=actor,
        action="governance.fee_statement_import",
        obj=statement,
        after={
            "file": statement.file_name,
            "format": kind,
            "lines": statement.lines,
            "credits": statement.credits,
            "new_payments": statement.new_payments,
            "duplicates": statement.duplicates,
            "held": statement.held,
            "matched": statement.matched,
        },
    )
    return statement


def _bank_payment(statement: BankStatement, line: Any, key: str, is_demo: bool) -> FeePayment:
    return FeePayment(
        source=FeePayment.Source.BANK,
        statement=statement,
        line_number=line.line_number,
        booked_on=line.booked_on,
        amount=line.amount,
        payer_name=line.payer_name[:300],
        payer_account=line.payer_account[:40],
        title=line.title,
        bank_reference=line.bank_reference[:100],
        dedupe_key=key,
        is_demo=is_demo,
    )


@transaction.atomic
def statement_held_confirm(*, actor: Any, statement: BankStatement, line_ids: list[int]) -> list[FeePayment]:
    """The person checked these held lines and says each is a separate payment: each takes the line's
    "confirm" transition and is booked as the import would have booked it. All or nothing: a line confirmed
    before, or booked meanwhile, refuses the whole choice, with the reason keyed by the line's id."""
    require_unless_system(actor, Perm.FEES_MANAGE)
    statement = BankStatement.objects.select_for_update().get(pk=statement.pk)
    lines = list(
        HeldBankLine.objects.select_for_update()
        .filter(statement=statement, pk__in=line_ids)
        .order_by("line_number", "pk")
    )
    if not lines:
        raise ValidationError(
            _("Zaznacz co najmniej jeden wiersz, który nie jest duplikatem, albo zostaw je niezapisane.")
        )
    check = _context(actor)
    errors: dict[str, list[str]] = {}
    for held in lines:
        try:
            HELD_LINE.check(actor, held, "confirm", check)
        except ValidationError as exc:
            errors[str(held.pk)] = exc.messages
    if errors:
        raise ValidationError(errors)
    context = MatchContext.build()
    payments = []
    for held in lines:
        payment = _bank_payment(statement, held, held.dedupe_key, statement.is_demo)
        _book(
            context,
            payment,
            match_payment(
                context,
                title=held.title,
                payer_name=held.payer_name,
                amount=held.amount,
                booked_on=held.booked_on,
            ),
        )

        after: dict[str, Any] = {}

        def apply(obj: HeldBankLine, payment: FeePayment = payment, after: dict = after) -> None:
            payment.save()
            obj.payment, obj.confirmed_at = payment, timezone.now()
            obj.confirmed_by_label = audit.actor_label(actor)
            after["payment_id"] = payment.pk

        HELD_LINE.fire(actor=actor, obj=held, name="confirm", apply=apply, after=after)
        statement.new_payments += 1
        statement.matched += payment.status == FeePayment.Status.MATCHED
        payments.append(payment)
    statement.save(update_fields=["new_payments", "matched"])
    audit.record(
        actor=actor,
        action="governance.fee_statement_held_confirm",
        obj=statement,
        after={
            "lines": [h.line_number for h in lines],
            "payments": [p.pk for p in payments],
        },
    )
    return payments


__all__ = [
    "Decision",
    "ImportRejected",
    "MatchContext",
    "PossibleDuplicate",
    "match_payment",
    "payment_add",
    "payment_duplicate_of",
    "payment_assign",
    "payment_mark_not_fee",
    "payments_decide",
    "payments_rematch",
    "statement_held_confirm",
    "statement_import",
]
