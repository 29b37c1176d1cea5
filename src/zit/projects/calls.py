"""After the list: the managing authority's calls, applications filed in its system and the IZ's outcome. The
association's compliance opinions live in `zit.projects.opinions`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require_unless_system
from zit.projects.lifecycles import OPINION_KIND  # noqa: F401 - the signed opinion's kind, read by the demo
from zit.projects.models import Call, ProjectCard
from zit.projects.services import card_transition

CALL_NUMBER = re.compile(r"^[A-Z]{2,6}\.(\d{2})\.(\d{2})-[A-Z]{2}\.\d{2}-\d{3}/\d{2}$")


@transaction.atomic
def call_save(*, actor: Any, call: Call | None = None, **fields: Any) -> Call:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    before = audit.snapshot(call) if call else None
    call = call or Call()
    for name, value in fields.items():
        setattr(call, name, value)
    errors: dict[str, str] = {}
    match = CALL_NUMBER.match(call.number or "")
    if not match:
        errors["number"] = _("Wpisz numer naboru z ogłoszenia IZ, np. FEWP.03.02-IZ.00-001/26.")
    elif call.measure_id and call.measure.number != f"{int(match.group(1))}.{int(match.group(2))}":
        errors["number"] = _("Numer naboru wskazuje działanie %(a)s, a wybrano %(b)s.") % {
            "a": f"{int(match.group(1))}.{int(match.group(2))}",
            "b": call.measure.number,
        }
    if call.opens_on and call.closes_on and call.closes_on < call.opens_on:
        errors["closes_on"] = _("Koniec naboru nie może być wcześniejszy niż jego początek.")
    if call.panel_representative_id and call.mode != Call.Mode.COMPETITIVE:
        errors["panel_representative"] = _("Przedstawiciel w komisji dotyczy tylko naboru konkurencyjnego.")
    try:
        call.full_clean()
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    created = call.pk is None
    call.save()
    if created:  # a new call starts with the default checklist of the compliance opinions
        from zit.projects.opinions import checklist_version_create

        checklist_version_create(actor=actor, call=call)
    audit.record(
        actor=actor,
        action="projects.call_update" if before else "projects.call_create",
        obj=call,
        before=before,
        after=audit.snapshot(call),
    )
    return call


@transaction.atomic
def application_file(*, actor: Any, card: ProjectCard, call: Call, application_number: str) -> ProjectCard:
    """A listed card is filed in the managing authority's call: the call must be for the card's measure; a
    non-competitive call takes only projects from the main list."""
    if call.measure_id != card.measure_id:
        raise ValidationError(
            {
                "call": _("Nabór %(c)s dotyczy działania %(m)s, a fiszka – %(f)s.")
                % {"c": call.number, "m": call.measure.number, "f": card.measure.number}
            }
        )
    if call.mode == Call.Mode.NON_COMPETITIVE and card.state != ProjectCard.State.LISTED_MAIN:
        raise ValidationError(
            {"call": _("W naborze niekonkurencyjnym wniosek składa projekt z listy podstawowej.")}
        )
    ProjectCard.objects.filter(pk=card.pk).update(call=call)
    card.refresh_from_db()
    card = card_transition(
        actor=actor, card=card, name="file_application", application_number=application_number
    )
    from zit.projects.iz_calls import assessment_start

    assessment_start(card=card)  # the IZ's assessment of the application, step by step from its letters
    return card


@transaction.atomic
def application_outcome(
    *,
    actor: Any,
    card: ProjectCard,
    selected: bool,
    reason: str = "",
    score=None,
    decided_on: dt.date | None = None,
    reference: str = "",
    source: str = "",
) -> ProjectCard:
    """The managing authority's decision on an application, with its score in a competitive call. After an
    opinion it is recorded with the opinion as the IZ's decision (its reference, date and source)."""
    from zit.projects.opinions import opinion_iz_decision, opinion_last_issued

    if score is not None:
        if card.call is None or card.call.mode != Call.Mode.COMPETITIVE:
            raise ValidationError({"score": _("Wynik punktowy zapisujemy tylko w naborze konkurencyjnym.")})
        ProjectCard.objects.filter(pk=card.pk).update(iz_score=score)
        card.refresh_from_db()
    opinion = opinion_last_issued(card)
    if opinion is not None:
        opinion_iz_decision(
            actor=actor,
            opinion=opinion,
            selected=selected,
            decided_on=decided_on,
            reference=reference,
            source=source,
        )
    if not reason and opinion is not None:
        reason = _("Rozstrzygnięcie IZ %(r)s z %(d)s.") % {
            "r": reference.strip(),
            "d": format_date(decided_on),
        }
    return card_transition(actor=actor, card=card, name="select" if selected else "reject", reason=reason)
