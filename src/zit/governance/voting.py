"""Who sits in a body on a given day, which majority a resolution needs, and the result of a roll-call vote.

Counting rules (stated on the vote page and in the user guide):
- Quorum: at least `quorum × composition` seats present, rounded up (0,50 of 16 seats: 8 present).
- Simple majority: more votes for than against; abstentions count for nothing; a tie rejects.
- Absolute majority: more votes for than half of the base (votes cast, seats present, or the statutory
  composition, as the rule says).
- Qualified majority: votes for at least the fraction of the base, the fraction read as the nearest simple
  fraction (0,67 and 0,6667 both mean 2/3).
- Unanimity: every seat present voted for.
A body of members' representatives (the Rada) has one seat per member on the day; other bodies have one seat
per person holding a mandate on the day. A member who has left has no seat; a member without a representative
keeps its seat (it counts towards the composition) and is absent unless someone is named as voting for it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext as _

from zit.association.models import Body, Mandate, Member, Person, Representation
from zit.governance.models import Ballot, Majority, MajorityBase, ResolutionKind, VotingRule


@dataclass(frozen=True)
class Seat:
    key: str  # "m:<member id>" or "p:<person id>"
    label: str
    member: Member | None
    representative: Person | None

    @property
    def has_representative(self) -> bool:
        return self.representative is not None


def seats(body: Body, day: dt.date) -> list[Seat]:
    """The body's composition on `day`, in the order of the members' list or the people's names."""
    active = Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))
    if body.kind == Body.Kind.ASSEMBLY:
        members = [
            m
            for m in Member.objects.filter(periods__start__lte=day)
            .prefetch_related("periods")
            .distinct()
            .order_by("number")
            if m.is_member_on(day)
        ]
        mandates = {
            m.member_id: m.person
            for m in Mandate.objects.filter(active, body=body, member__isnull=False)
            .select_related("person")
            .order_by("-start")
        }
        representations: dict[int, Person] = {}
        # a delegate to the Rada first, the member's head otherwise
        for function in (Representation.Function.HEAD, Representation.Function.DELEGATE):
            for r in Representation.objects.filter(active, function=function).select_related("person"):
                representations[r.member_id] = r.person
        return [
            Seat(
                key=f"m:{m.pk}",
                label=m.name,
                member=m,
                representative=mandates.get(m.pk) or representations.get(m.pk),
            )
            for m in members
        ]
    people: dict[int, Seat] = {}
    for mandate in Mandate.objects.filter(active, body=body).select_related("person", "member"):
        people.setdefault(
            mandate.person_id,
            Seat(
                key=f"p:{mandate.person_id}",
                label=str(mandate.person),
                member=mandate.member,
                representative=mandate.person,
            ),
        )
    return sorted(people.values(), key=lambda s: (s.representative.last_name, s.representative.first_name))


@dataclass(frozen=True)
class Rule:
    majority: str
    base: str
    fraction: Fraction | None
    quorum: Decimal
    source: str  # where the rule comes from, for the explanation

    @property
    def description(self) -> str:
        text = Majority(self.majority).label
        if self.majority == Majority.QUALIFIED and self.fraction is not None:
            text = _("większość %(f)s") % {"f": f"{self.fraction.numerator}/{self.fraction.denominator}"}
        if self.majority in (Majority.ABSOLUTE, Majority.QUALIFIED):
            text += " " + _("liczona od %(base)s") % {"base": MajorityBase(self.base).label}
        return text


def as_fraction(value: Decimal | None) -> Fraction | None:
    """A threshold typed as a decimal, read as the simple fraction it stands for (0,67 → 2/3)."""
    if value is None:
        return None
    exact = Fraction(Decimal(str(value)))
    near = exact.limit_denominator(10)
    return near if abs(near - exact) <= Fraction(1, 200) else exact


def rule_for(body: Body, kind: str) -> Rule:
    """The statute's rule for this kind of resolution if one is set, the body's general rule otherwise."""
    special = VotingRule.objects.filter(body=body, kind=kind).first()
    quorum = Decimal(str(body.quorum))
    if special is not None:
        return Rule(
            special.majority,
            special.base,
            as_fraction(special.qualified_fraction),
            quorum,
            _("zasada dla uchwał: %(k)s") % {"k": ResolutionKind(kind).label},
        )
    return Rule(
        body.majority,
        MajorityBase.CAST,
        as_fraction(body.qualified_fraction),
        quorum,
        _("ogólna zasada organu"),
    )


def quorum_required(fraction: Decimal, composition: int) -> int:
    """Seats that must be present: the fraction of the composition, rounded up (0,50 of 15 is 8)."""
    return max(1, math.ceil(fraction * composition)) if composition else 1


@dataclass
class Tally:
    composition: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int
    quorum_required: int
    quorum_met: bool
    required_for: int | None  # the votes for needed, where a number can be given
    adopted: bool
    lines: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return "\n".join(self.lines)


def tally(rule: Rule, composition: int, choices: list[str]) -> Tally:
    """The result of a vote from the seats' choices (one per seat of the composition)."""
    votes_for = choices.count(Ballot.Choice.FOR)
    against = choices.count(Ballot.Choice.AGAINST)
    abstain = choices.count(Ballot.Choice.ABSTAIN)
    cast = votes_for + against + abstain
    present = cast + choices.count(Ballot.Choice.NOT_VOTING)
    required_present = quorum_required(rule.quorum, composition)
    quorum_met = composition > 0 and present >= required_present
    lines = [
        _("Skład organu: %(n)d, obecnych: %(p)d; za: %(f)d, przeciw: %(a)d, wstrzymało się: %(w)d.")
        % {"n": composition, "p": present, "f": votes_for, "a": against, "w": abstain},
        _("Kworum: %(q)d%% składu, wymagana obecność: %(r)d – %(ok)s.")
        % {
            "q": int(rule.quorum * 100),
            "r": required_present,
            "ok": _("jest") if quorum_met else _("brak kworum"),
        },
        (
            _("Wymagana: %(rule)s (%(source)s).") % {"rule": rule.description, "source": rule.source}
            if rule.source
            else _("Wymagana: %(rule)s.") % {"rule": rule.description}
        ),
    ]
    base = {MajorityBase.CAST: cast, MajorityBase.PRESENT: present, MajorityBase.COMPOSITION: composition}[
        rule.base
    ]
    required: int | None
    if rule.majority == Majority.SIMPLE:
        required = None
        passed = votes_for > against
        lines.append(
            _("Za: %(f)d, przeciw: %(a)d – %(v)s.")
            % {
                "f": votes_for,
                "a": against,
                "v": _("więcej głosów za")
                if passed
                else (_("tyle samo głosów za i przeciw") if votes_for == against else _("za mało głosów za")),
            }
        )
    elif rule.majority == Majority.ABSOLUTE:
        required = base // 2 + 1
        passed = votes_for >= required
        lines.append(
            _("Potrzeba więcej niż połowy z %(b)d, czyli co najmniej %(r)d głosów za; oddano %(f)d.")
            % {"b": base, "r": required, "f": votes_for}
        )
    elif rule.majority == Majority.QUALIFIED:
        fraction = rule.fraction or Fraction(2, 3)
        required = math.ceil(fraction * base) if base else 1
        passed = votes_for >= max(required, 1)
        lines.append(
            _("Potrzeba co najmniej %(fr)s z %(b)d, czyli %(r)d głosów za; oddano %(f)d.")
            % {"fr": f"{fraction.numerator}/{fraction.denominator}", "b": base, "r": required, "f": votes_for}
        )
    else:
        required = present
        passed = present > 0 and votes_for == present
        lines.append(
            _("Jednomyślność: wszyscy obecni (%(p)d) muszą głosować za; za głosowało %(f)d.")
            % {"p": present, "f": votes_for}
        )
    adopted = quorum_met and passed
    if not quorum_met:
        lines.append(_("Bez kworum uchwała nie może zostać podjęta."))
    lines.append(_("Uchwała została podjęta.") if adopted else _("Uchwała nie została podjęta."))
    return Tally(
        composition=composition,
        present=present,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstain,
        quorum_required=required_present,
        quorum_met=quorum_met,
        required_for=required,
        adopted=adopted,
        lines=lines,
    )
