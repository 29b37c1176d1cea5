"""Matching a payment to a member and a year.

Matching, in order of trust: the assessment's number in the title ("SKL/2026/03", also "skl 2026 3"), the
NIP of the member's organisation, then the member's name in the title or the payer's name (typos, case and
spaces forgiven; words such as "starostwo" or "powiatowe" tell the county from the city). Two members that fit
equally well are told apart by the amount due; otherwise the payment waits for review. A payment is booked to
a member and a year: the year in the reference, else a year named in the title, else the oldest year with
money due, else the last assessed year."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core.formatting import format_amount
from zit.fees.bank import normalise
from zit.fees.models import FeeAssessment, FeePayment

ZERO = Decimal(0)
NAME_THRESHOLD = 0.8
CLEAR_LEAD = 0.15  # a lead smaller than this (e.g. "Konin": the city or the county) asks the amount
HINT_BONUS = 0.3

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


def year_for(context: MatchContext, member: Member, text: str, booked_on: dt.date) -> int:
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
            return Match(member, year_for(context, member, text, booked_on), _("NIP w tytule"))
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
        return Match(best, year_for(context, best, text, booked_on), _("nazwa członka i kwota"))
    return Match(best, year_for(context, best, text, booked_on), _("nazwa członka w tytule lub wpłacającym"))


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


def book(context: MatchContext, payment: FeePayment, match: Match) -> None:
    if match.member is None:
        payment.status, payment.member, payment.year = FeePayment.Status.UNMATCHED, None, None
        payment.match_note = match.note[:300]
        return
    payment.status, payment.member, payment.year = FeePayment.Status.MATCHED, match.member, match.year
    payment.match_note = (
        f"{match.note}; {_amount_note(context, match.member.pk, match.year, payment.amount)}"[:300]
    )
    context.paid[(match.member.pk, match.year)] += payment.amount
