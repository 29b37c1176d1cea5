"""The scoring rules, as pure functions over criteria and submitted assessments, so the tests and the ranking
page use exactly the same arithmetic.

- An assessor's total is Σ weight × score over the scored criteria; a "no" on any yes/no criterion fails the
  card in that assessment.
- When both first assessments are submitted and their totals differ by more than `third_share` × the highest
  possible total, a third assessor assesses the card.
- The final score is the mean of the two totals; with three, the mean of the two closest totals, or of all
  three when two pairs are equally close. It is rounded once, half up, to two decimal places, and the
  rounded figure is what the threshold and the ranking use (so the page shows exactly what decided).
- A card passes when no assessment that counts says "no" on an obligatory criterion, the mean of every scored
  criterion over the assessments that count reaches the criterion's minimum, and the final score reaches the
  pass threshold.
- Ties in the ranking: the higher mean on the tie-break criteria in their order, then the lower EU amount
  requested, then the earlier submission of the card (then the card number, so the order is always the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

from django.utils.translation import gettext as _

from zit.assessment.models import CriteriaSet, Criterion
from zit.core.formatting import format_amount, format_number

CENT = Decimal("0.01")
YES, NO = 1, 0

PENDING = "pending"  # assessments are missing (not assigned, not submitted, or the third one is awaited)
COMPLETE = "complete"


@dataclass(frozen=True)
class Sheet:
    """One submitted assessment as the result needs it."""

    assignment_id: int
    assessor: str
    third: bool
    values: dict[int, int]  # criterion id → value
    total: Decimal


def sheet_total(criteria: Iterable[Criterion], values: dict[int, int | None]) -> Decimal:
    """Σ weight × score over the scored criteria (an unscored criterion counts as nothing)."""
    return sum(
        (c.weight * values[c.pk] for c in criteria if c.scored and values.get(c.pk) is not None),
        Decimal(0),
    )


def max_total(criteria: Iterable[Criterion]) -> Decimal:
    return sum((c.weight * c.max_score for c in criteria if c.scored), Decimal(0))


def needs_third(first: Sequence[Sheet], *, share: Decimal, maximum: Decimal) -> bool:
    """Two first totals further apart than the share of the highest possible total."""
    if len(first) < 2:
        return False
    return abs(first[0].total - first[1].total) > share * maximum


def counting_sheets(sheets: Sequence[Sheet]) -> list[Sheet]:
    """The assessments whose scores count: both of two; of three the two closest, or all three if two
    pairs are equally close."""
    if len(sheets) < 3:
        return list(sheets)
    pairs = [(abs(a.total - b.total), (a, b)) for a, b in combinations(sheets, 2)]
    closest = min(gap for gap, _pair in pairs)
    best = [pair for gap, pair in pairs if gap == closest]
    return list(best[0]) if len(best) == 1 else list(sheets)


def mean(values: Sequence[Decimal | int]) -> Decimal:
    return sum((Decimal(v) for v in values), Decimal(0)) / len(values)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class CardResult:
    card: Any
    assignments: list[Any]  # every assignment of the card, submitted or not
    sheets: list[Sheet] = field(default_factory=list)  # the submitted ones
    needs_third: bool = False
    status: str = PENDING
    counting: list[Sheet] = field(default_factory=list)
    final: Decimal | None = None
    means: dict[int, Decimal] = field(default_factory=dict)  # scored criterion id → mean of counting sheets
    passed: bool | None = None
    reasons: list[str] = field(default_factory=list)
    tie_means: list[Decimal] = field(default_factory=list)
    submitted_at: dt.datetime | None = None  # the card's first submission
    position: int | None = None
    tie_note: str = ""

    @property
    def complete(self) -> bool:
        """Every needed assessment is submitted: the result counts."""
        return self.status == COMPLETE

    @property
    def in_scoring(self) -> bool:
        """The card waits for its scores (accepted formally, not yet scored or listed)."""
        from zit.projects.models import ProjectCard

        return self.card.state == ProjectCard.State.ACCEPTED

    @property
    def third_missing(self) -> bool:
        """The office must assign a third assessor."""
        return self.needs_third and not any(a.third for a in self.assignments)

    @property
    def counting_ids(self) -> set[int]:
        return {s.assignment_id for s in self.counting}


def card_result(
    *,
    criteria_set: CriteriaSet,
    criteria: Sequence[Criterion],
    card: Any,
    assignments: Sequence[Any],
    submitted_at: dt.datetime | None = None,
) -> CardResult:
    """`assignments` carry their `scores` (prefetched) and `assessor`."""
    result = CardResult(card=card, assignments=list(assignments), submitted_at=submitted_at)
    for a in assignments:
        if a.submitted_at is None:
            continue
        values = {s.criterion_id: s.value for s in a.scores.all()}
        result.sheets.append(
            Sheet(
                assignment_id=a.pk,
                assessor=a.assessor.get_full_name() or a.assessor.get_username(),
                third=a.third,
                values=values,
                total=sheet_total(criteria, values),
            )
        )
    first = [s for s in result.sheets if not s.third]
    third = [s for s in result.sheets if s.third]
    if len(first) < 2:
        return result
    result.needs_third = needs_third(first, share=criteria_set.third_share, maximum=max_total(criteria))
    if result.needs_third and not third:
        return result
    result.status = COMPLETE
    result.counting = counting_sheets(first[:2] + third[:1])
    result.final = rounded(mean([s.total for s in result.counting]))
    for c in criteria:
        if c.scored:
            result.means[c.pk] = mean([s.values.get(c.pk) or 0 for s in result.counting])
    result.reasons = _fail_reasons(criteria_set, criteria, result)
    result.passed = not result.reasons
    tie_criteria = sorted(
        (c for c in criteria if c.tie_break_order is not None), key=lambda c: c.tie_break_order
    )
    result.tie_means = [result.means[c.pk] for c in tie_criteria]
    return result


def _fail_reasons(criteria_set: CriteriaSet, criteria: Sequence[Criterion], result: CardResult) -> list[str]:
    reasons = []
    for c in criteria:
        if not c.scored and any(s.values.get(c.pk) == NO for s in result.counting):
            reasons.append(_("„%(c)s”: ocena „nie”.") % {"c": c.name})
        elif c.scored and c.min_score is not None and result.means[c.pk] < c.min_score:
            reasons.append(
                _("„%(c)s”: średnia %(m)s poniżej minimum %(min)s.")
                % {"c": c.name, "m": format_number(result.means[c.pk], 2), "min": c.min_score}
            )
    if result.final < criteria_set.pass_threshold:
        reasons.append(
            _("Wynik %(f)s poniżej progu %(p)s.")
            % {"f": format_number(result.final, 2), "p": format_number(criteria_set.pass_threshold, 2)}
        )
    return reasons


_FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)
_NO_AMOUNT = Decimal("1e18")


def _sort_key(r: CardResult) -> tuple:
    if r.status != COMPLETE:
        return (2, Decimal(0), (), Decimal(0), _FAR_FUTURE, r.card.number)
    return (
        0 if r.passed else 1,
        -r.final,
        tuple(-m for m in r.tie_means),
        r.card.eu_pln if r.card.eu_pln is not None else _NO_AMOUNT,
        r.submitted_at or _FAR_FUTURE,
        r.card.number,
    )


def rank(results: Iterable[CardResult], tie_criteria: Sequence[Criterion]) -> list[CardResult]:
    """Passing cards first, numbered 1, 2, …; then failing ones and then those not fully assessed, unnumbered.
    Where two neighbours have the same final score, `tie_note` says which rule put them in this order."""
    ordered = sorted(results, key=_sort_key)
    position = 0
    for previous, current in zip([None, *ordered], ordered, strict=False):
        if current.status == COMPLETE and current.passed:
            position += 1
            current.position = position
        if (
            previous is not None
            and current.status == COMPLETE
            and previous.status == COMPLETE
            and previous.passed == current.passed
            and previous.final == current.final
        ):
            current.tie_note = _tie_note(previous, current, tie_criteria)
    return ordered


def _tie_note(above: CardResult, below: CardResult, tie_criteria: Sequence[Criterion]) -> str:
    for c, a, b in zip(tie_criteria, above.tie_means, below.tie_means, strict=True):
        if a != b:
            return _(
                "Remis z fiszką %(n)s rozstrzygnęła niższa średnia w kryterium „%(c)s” (%(b)s wobec %(a)s)."
            ) % {
                "n": above.card.number,
                "c": c.name,
                "b": format_number(rounded(b), 2),
                "a": format_number(rounded(a), 2),
            }
    if above.card.eu_pln != below.card.eu_pln:
        return _(
            "Remis z fiszką %(n)s rozstrzygnęło wyższe wnioskowane dofinansowanie UE (%(b)s wobec %(a)s)."
        ) % {
            "n": above.card.number,
            "b": format_amount(below.card.eu_pln),
            "a": format_amount(above.card.eu_pln),
        }
    if above.submitted_at != below.submitted_at:
        return _("Remis z fiszką %(n)s rozstrzygnęło późniejsze złożenie fiszki.") % {"n": above.card.number}
    return _("Remis z fiszką %(n)s: wszystko równe, decyduje numer fiszki.") % {"n": above.card.number}
