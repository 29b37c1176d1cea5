"""The round's criteria for the assessment: set whole by the office, refused once any score exists (the
round's row is locked, as by every write that touches the criteria or the scores)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.assessment import selectors
from zit.assessment.models import CriteriaSet, Criterion
from zit.assessment.services import lock_round, open_for_scoring, require_office
from zit.core import audit
from zit.core.formatting import format_number
from zit.projects.models import Round
from zit.projects.services import round_rules_change


@dataclass
class CriterionData:
    name: str
    kind: str
    description: str = ""
    weight: Decimal | None = None
    max_score: int | None = None
    min_score: int | None = None
    tie_break_order: int | None = None


def _criteria_errors(criteria: list[CriterionData]) -> list[str]:
    errors: list[str] = []
    if not criteria:
        return [_("Dodaj co najmniej jedno kryterium.")]
    if not any(c.kind == Criterion.Kind.SCORED for c in criteria):
        errors.append(_("Dodaj co najmniej jedno kryterium punktowe: bez niego nie ma wyniku ani rankingu."))
    tie_orders: list[int] = []
    for i, c in enumerate(criteria, start=1):
        where = _("Kryterium %(i)d („%(n)s”)") % {"i": i, "n": c.name}
        if not c.name.strip():
            errors.append(_("Kryterium %(i)d: podaj nazwę.") % {"i": i})
        if c.kind == Criterion.Kind.SCORED:
            if c.weight is None or c.weight <= 0:
                errors.append(_("%(w)s: podaj wagę większą od zera.") % {"w": where})
            if not c.max_score:
                errors.append(
                    _("%(w)s: podaj, ile najwyżej punktów można przyznać (co najmniej 1).") % {"w": where}
                )
            elif c.min_score is not None and c.min_score > c.max_score:
                errors.append(
                    _("%(w)s: minimum (%(min)d pkt) nie może być wyższe niż maksimum (%(max)d pkt).")
                    % {"w": where, "min": c.min_score, "max": c.max_score}
                )
            if c.tie_break_order is not None:
                tie_orders.append(c.tie_break_order)
        elif c.kind == Criterion.Kind.YES_NO:
            if any(v is not None for v in (c.weight, c.max_score, c.min_score, c.tie_break_order)):
                errors.append(
                    _(
                        "%(w)s: kryterium obowiązkowe (tak/nie) nie ma wagi, punktów ani kolejności przy remisie."
                    )
                    % {"w": where}
                )
        else:
            errors.append(_("%(w)s: wybierz rodzaj kryterium.") % {"w": where})
    if len(tie_orders) != len(set(tie_orders)):
        errors.append(_("Kolejność przy remisie musi być różna dla każdego kryterium (1, 2, …)."))
    return errors


def _criteria_snapshot(criteria_set: CriteriaSet | None) -> dict[str, Any] | None:
    if criteria_set is None:
        return None
    return {
        "pass_threshold": criteria_set.pass_threshold,
        "third_share": criteria_set.third_share,
        "criteria": [
            [c.name, c.kind, c.weight, c.max_score, c.min_score, c.tie_break_order]
            for c in criteria_set.criteria.all()
        ],
    }


@transaction.atomic
def criteria_set_save(
    *,
    actor: Any,
    round: Round,
    pass_threshold: Decimal,
    third_share: Decimal,
    criteria: list[CriterionData],
    is_demo: bool = False,
    today: dt.date | None = None,
) -> CriteriaSet:
    """The round's criteria as a whole, replaced in one go: before the round is announced or after the office
    reopened its rules (`projects.lifecycles.ROUND_RULES`), and only until the first score is saved."""
    require_office(actor)
    round = lock_round(round)
    criteria_set = open_for_scoring(round)
    round_rules_change(actor=actor, round=round, today=today)
    if selectors.scores_recorded(round):
        raise ValidationError(
            _(
                "Kryteriów oceny w naborze %(n)s nie można już zmienić: oceniający zapisali pierwsze oceny. "
                "Zmiana kryteriów w trakcie oceny byłaby nierówna dla wnioskodawców."
            )
            % {"n": round.number}
        )
    errors: dict[str, list[str]] = {}
    criteria_errors = _criteria_errors(criteria)
    if criteria_errors:
        errors["criteria"] = criteria_errors
    if not 0 < third_share <= 1:
        errors["third_share"] = [_("Podaj część większą od 0 i nie większą niż 100%.")]
    maximum = sum(
        (
            c.weight * c.max_score
            for c in criteria
            if c.kind == Criterion.Kind.SCORED and c.weight and c.max_score
        ),
        Decimal(0),
    )
    if pass_threshold < 0:
        errors["pass_threshold"] = [_("Próg nie może być ujemny.")]
    elif not criteria_errors and pass_threshold > maximum:
        errors["pass_threshold"] = [
            _(
                "Próg (%(p)s) jest wyższy niż największa możliwa suma ważona (%(m)s): żadna fiszka by go nie osiągnęła."
            )
            % {"p": format_number(pass_threshold, 2), "m": format_number(maximum, 2)}
        ]
    if errors:
        raise ValidationError(errors)
    before = _criteria_snapshot(criteria_set)
    criteria_set = criteria_set or CriteriaSet(round=round, is_demo=is_demo)
    criteria_set.pass_threshold = pass_threshold
    criteria_set.third_share = third_share
    criteria_set.save()
    criteria_set.criteria.all().delete()  # nothing refers to them yet: no score exists
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=criteria_set,
            position=i,
            name=c.name.strip(),
            description=c.description.strip(),
            kind=c.kind,
            weight=c.weight,
            max_score=c.max_score,
            min_score=c.min_score,
            tie_break_order=c.tie_break_order,
        )
        for i, c in enumerate(criteria, start=1)
    )
    audit.record(
        actor=actor,
        action="assessment.criteria_update" if before else "assessment.criteria_create",
        obj=criteria_set,
        before=before,
        after=_criteria_snapshot(criteria_set),
    )
    return criteria_set
