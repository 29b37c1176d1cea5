"""The correspondence of a strategy's procedure: one letter per addressee of a step (sent, received, the answer,
the file), the deadline each computes from the day it reached its addressee, and the outcome the law gives to
silence (the regional board's opinion is deemed positive when none comes within 30 days from receipt)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.strategy.models import ProcedureLetter, ProcedureStep
from zit.strategy.procedure_rules import rule
from zit.strategy.services import check_actor

LETTER_FIELDS = (
    "addressee",
    "sent_on",
    "reference",
    "received_on",
    "sent_document",
    "answered_on",
    "answer_reference",
    "answer_document",
    "note",
)
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".xml", ".xades")


def letter_deadline(letter: ProcedureLetter) -> dt.date | None:
    """The last day for the addressee's answer, when the step's term runs from receipt."""
    step_rule = rule(letter.step.kind)
    if step_rule.anchor != "received":
        return None
    return step_rule.term_end(letter.received_on)


def step_deadline(step: ProcedureStep, letters: list[ProcedureLetter] | None = None) -> dt.date | None:
    """The step's term as the law counts it: from the latest receipt of its letters (each addressee has the
    whole term), from the notice for a minimum duration, from the consultation's end for its report."""
    step_rule = rule(step.kind)
    if step_rule.anchor == "received":
        letters = list(step.letters.all()) if letters is None else letters
        ends = [letter_deadline(letter) for letter in letters if letter.received_on]
        return max(ends) if ends else None
    if step_rule.anchor == "started":
        return step_rule.term_end(step.started_on)
    if step_rule.anchor == "consultation_end":
        return step_rule.term_end(step.version.consultation_closes)
    return None


@transaction.atomic
def letter_save(*, actor: Any, step: ProcedureStep, letter: ProcedureLetter | None = None, **fields: Any):
    """A letter in the log: dates in order (sent, received, answered), none in the future, documents only."""
    check_actor(actor)
    before = audit.snapshot(letter) if letter else None
    letter = letter or ProcedureLetter(step=step)
    for name, value in fields.items():
        if name not in LETTER_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        if name in ("sent_document", "answer_document") and not value:
            continue
        setattr(letter, name, value)
    errors: dict[str, str] = {}
    today = dt.date.today()
    for name in ("sent_on", "received_on", "answered_on"):
        value = getattr(letter, name)
        if value and value > today:
            errors[name] = _("Ta data jest z przyszłości: wpisz ją, gdy to nastąpi.")
    if letter.received_on and letter.sent_on and letter.received_on < letter.sent_on:
        errors.setdefault("received_on", _("Pismo nie mogło dotrzeć przed wysłaniem."))
    adoption = step.version.adopted_by
    if rule(step.kind).after_adoption and letter.sent_on:
        if adoption is None:
            errors["sent_on"] = _(
                "O opinię z art. 34 ustawy z 28 kwietnia 2022 r. prosi się o strategię przyjętą: najpierw przyjmij "
                "tę wersję uchwałą."
            )
        elif adoption.date and letter.sent_on < adoption.date:
            errors["sent_on"] = _(
                "Ta data jest wcześniejsza niż uchwała przyjmująca strategię (%(d)s): o strategię prosi się po jej "
                "przyjęciu."
            ) % {"d": format_date(adoption.date)}
    if letter.answered_on and letter.sent_on and letter.answered_on < letter.sent_on:
        errors.setdefault(
            "answered_on", _("Odpowiedź nie może być wcześniejsza niż pismo, na które odpowiada.")
        )
    for name in ("sent_document", "answer_document"):
        file = fields.get(name)
        if file and not getattr(file, "name", "").lower().endswith(DOCUMENT_SUFFIXES):
            errors[name] = _("Dołącz dokument PDF, DOCX, ODT albo plik podpisu (XML, XAdES).")
    if errors:
        raise ValidationError(errors)
    letter.full_clean(exclude=["sent_document", "answer_document", "step"])
    letter.save()
    after = audit.snapshot(letter)
    if before is None or audit.changed(before, after):
        action = "strategy.letter_update" if before else "strategy.letter_create"
        audit.record(actor=actor, action=action, obj=letter, before=before, after=after)
    return letter


@transaction.atomic
def letter_delete(*, actor: Any, letter: ProcedureLetter) -> None:
    check_actor(actor)
    audit.record(actor=actor, action="strategy.letter_delete", obj=letter, before=audit.snapshot(letter))
    letter.delete()


def silence_outcome_due(step: ProcedureStep, today: dt.date) -> dt.date | None:
    """The day the law's outcome of silence takes effect (the day after the term), when it has: the step
    has such a rule, is not done, every letter reached its addressee and none was answered by the term."""
    step_rule = rule(step.kind)
    if not step_rule.silence or step.completed_on or step.outcome:
        return None
    letters = list(step.letters.all())
    if not letters or any(letter.received_on is None for letter in letters):
        return None
    end = step_deadline(step, letters)
    if end is None or today <= end:
        return None
    if any(letter.answered_on and letter.answered_on <= end for letter in letters):
        return None
    return end + dt.timedelta(days=1)


@transaction.atomic
def silences_record(*, today: dt.date | None = None) -> int:
    """Record, for every step whose term passed in silence, the outcome the law gives it (art. 10f ust. 3
    u.s.g.: the draft is deemed coherent with the regional strategy), on the day after the term."""
    from zit.strategy.procedure import zit_from_refresh

    today = today or dt.date.today()
    kinds = [kind for kind in ProcedureStep.Kind.values if rule(kind).silence]
    recorded = 0
    steps = ProcedureStep.objects.select_for_update().filter(kind__in=kinds, completed_on=None, outcome="")
    for step in steps.select_related("version").prefetch_related("letters"):
        day = silence_outcome_due(step, today)
        if day is None:
            continue
        before = audit.snapshot(step)
        step.outcome = rule(step.kind).silence
        step.completed_on = day
        step.note = (step.note + "\n" if step.note else "") + _(
            "Brak opinii w terminie (do %(d)s): z mocy %(basis)s projekt uznaje się za zgodny ze strategią "
            "województwa."
        ) % {"d": format_date(day - dt.timedelta(days=1)), "basis": rule(step.kind).basis}
        step.save(update_fields=["outcome", "completed_on", "note"])
        audit.record(
            actor=None,
            action="strategy.procedure_silence",
            obj=step,
            before=before,
            after=audit.snapshot(step),
        )
        zit_from_refresh(actor=None, version=step.version)
        recorded += 1
    return recorded
