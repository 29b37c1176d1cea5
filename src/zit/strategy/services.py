"""Writes to the strategy and its versions: keyword-only, atomic, permission-checked, validated, audited.

Only a draft version is edited; a version in consultation or adopted is frozen, and a change means a new
version, which starts as a copy of the last one with the same item keys. The other writes live by aggregate:
`items.py` (a version's goals, undertakings, indicators… and the XLSX import), `procedure.py` (the adoption
procedure's steps), `consultations.py` (the public consultation, its comments and the bodies' opinions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.roles import Perm, require
from zit.strategy.lifecycles import VERSION
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    InterventionArea,
    Issue,
    OperationalGoal,
    ProcedureStep,
    Strategy,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)

# in dependency order: an item's foreign keys point only at items earlier in this list
ITEM_MODELS: list[type[models.Model]] = [
    Issue,
    Goal,
    OperationalGoal,
    Direction,
    Undertaking,
    FundingSource,
    TargetIndicator,
    Chapter,
    InterventionArea,
]
CODED = (Goal, OperationalGoal, Direction, Undertaking)


def lock_version(version: StrategyVersion) -> StrategyVersion:
    """The caller's own version, locked for the transaction and read afresh, so the caller sees the change."""
    StrategyVersion.objects.select_for_update().filter(pk=version.pk).first()
    version.refresh_from_db()
    return version


def check_actor(actor: Any) -> None:
    if actor is not None:  # None: the platform's own loaders
        require(actor, Perm.STRATEGY_EDIT)


def check_editable(version: StrategyVersion) -> None:
    if not version.editable:
        raise ValidationError(
            _("Wersja %(n)d jest %(s)s: zmiany wprowadza się w nowej wersji.")
            % {"n": version.number, "s": version.get_status_display()}
        )


@transaction.atomic
def strategy_create(*, actor: Any, title: str, short_title: str = "", horizon: int | None = None) -> Strategy:
    check_actor(actor)
    strategy = Strategy(title=title, short_title=short_title, horizon=horizon)
    strategy.full_clean()
    strategy.save()
    audit.record(actor=actor, action="strategy.create", obj=strategy, after=audit.snapshot(strategy))
    return strategy


@transaction.atomic
def version_create(
    *,
    actor: Any,
    strategy: Strategy,
    label: str,
    based_on: StrategyVersion | None = None,
    is_demo: bool = False,
) -> StrategyVersion:
    """A new draft. By default a copy of the newest version: every item is copied with its key, and the
    links between items are rebuilt inside the new version."""
    check_actor(actor)
    draft = StrategyVersion.objects.filter(strategy=strategy, status=StrategyVersion.Status.DRAFT).first()
    if draft is not None:
        raise ValidationError(
            _("Strategia ma już wersję roboczą nr %(n)d: pracuj w niej albo ją usuń.") % {"n": draft.number}
        )
    based_on = based_on or StrategyVersion.objects.filter(strategy=strategy).order_by("-number").first()
    number = (StrategyVersion.objects.filter(strategy=strategy).aggregate(m=Max("number"))["m"] or 0) + 1
    version = StrategyVersion.objects.create(
        strategy=strategy, number=number, label=label, based_on=based_on, is_demo=is_demo
    )
    if based_on is not None:
        _copy_items(based_on, version)
    audit.record(
        actor=actor,
        action="strategy.version_create",
        obj=version,
        after={"number": number, "label": label, "based_on": based_on.number if based_on else None},
    )
    return version


def _copy_items(source: StrategyVersion, target: StrategyVersion) -> None:
    mapping: dict[tuple[type, int], models.Model] = {}
    for model in ITEM_MODELS:
        for item in model.objects.filter(version=source).order_by("pk"):
            old_pk = item.pk
            m2m = {f.name: list(getattr(item, f.name).all()) for f in model._meta.many_to_many}
            item.pk = item.id = None
            item.version = target
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in ITEM_MODELS:
                    related_id = getattr(item, field.attname)
                    if related_id is not None:
                        setattr(item, field.name, mapping[(field.related_model, related_id)])
            item.save()
            mapping[(model, old_pk)] = item
            for name, values in m2m.items():
                related = model._meta.get_field(name).related_model
                getattr(item, name).set(
                    [mapping[(related, v.pk)] if related in ITEM_MODELS else v for v in values]
                )


@transaction.atomic
def version_delete(*, actor: Any, version: StrategyVersion, reason: str = "", today=None) -> None:
    """Delete a draft nothing depends on (`lifecycles.VERSION`, "delete"), with the reason in the audit log:
    the event keeps what the version was, its items go with it."""
    from django.utils import timezone

    version = lock_version(version)
    context = Context(actor=actor, today=today or timezone.localdate(), reason=reason.strip())
    transition = VERSION.check(actor, version, "delete", context)
    audit.record(
        actor=actor,
        action=transition.audit_action,
        obj=version,
        before={
            "state": version.status,
            "status": version.status,
            "number": version.number,
            "label": version.label,
            "based_on": version.based_on.number if version.based_on else None,
            "items": {m._meta.model_name: m.objects.filter(version=version).count() for m in ITEM_MODELS},
        },
        after={"state": transition.target},
        reason=context.reason,
    )
    for model in reversed(ITEM_MODELS):
        model.objects.filter(version=version).delete()
    version.delete()


# what `version_status_set` asks for, as the version's transitions
STATUS_ACTS = {
    StrategyVersion.Status.CONSULTATION: "start_consultation",
    StrategyVersion.Status.DRAFT: "return_to_draft",
    StrategyVersion.Status.ADOPTED: "adopt",
    StrategyVersion.Status.WITHDRAWN: "withdraw",
}


def _adopting_decision(
    actor: Any, version: StrategyVersion, given: DecisionReference | None
) -> DecisionReference:
    """The adopting resolution is recorded once: the procedure's adoption step and the version share it.
    Without one given, the step's is used; one given fills a step that has none; two different ones are
    refused."""
    step = version.procedure_steps.filter(kind=ProcedureStep.Kind.ADOPTION).select_related("decision").first()
    recorded = step.decision if step else None
    if given is None and recorded is None:
        raise ValidationError({"decision": _("Przyjęcie strategii wymaga uchwały: podaj jej numer i datę.")})
    if given is None:
        return recorded
    if recorded is not None and recorded.number.strip() != given.number.strip():
        raise ValidationError(
            {
                "decision": _(
                    "W procedurze zapisano już uchwałę przyjmującą nr %(nr)s. Przyjmij wersję tą uchwałą "
                    "albo popraw krok procedury."
                )
                % {"nr": recorded.number}
            }
        )
    if step is not None and recorded is None:
        before = audit.snapshot(step)
        step.decision = given
        step.completed_on = step.completed_on or min(given.date or dt.date.today(), dt.date.today())
        step.save(update_fields=["decision", "completed_on"])
        audit.record(
            actor=actor,
            action="strategy.procedure_step_update",
            obj=step,
            before=before,
            after=audit.snapshot(step),
        )
    return recorded or given


@transaction.atomic
def version_transition(
    *,
    actor: Any,
    version: StrategyVersion,
    name: str,
    reason: str = "",
    confirmed: bool = False,
    decision: DecisionReference | None = None,
    in_force_from: dt.date | None = None,
    today=None,
) -> StrategyVersion:
    """Move a version along its lifecycle (`lifecycles.VERSION`: from where, to where, who, the guards). Here
    only what an act records beyond the state: adoption takes the adopting resolution and supersedes the version
    adopted before; withdrawing records the day and the reason the public page shows."""
    from django.utils import timezone

    if name == "delete":
        version_delete(actor=actor, version=version, reason=reason, today=today)
        return version
    today = today or timezone.localdate()
    version = lock_version(version)
    VERSION.transition(name)  # an unknown act is a programming error, not a message
    previous: list[StrategyVersion] = []
    if name == "adopt":
        # the permission and the state first, so nobody learns of a missing resolution they may not give
        VERSION.check(actor, version, name, Context(actor=actor, today=today))
        decision = _adopting_decision(actor, version, decision)
        in_force_from = in_force_from or decision.date or today
        if decision.date and in_force_from < decision.date:
            raise ValidationError(
                {
                    "in_force_from": _(
                        "Strategia nie może obowiązywać przed podjęciem uchwały, która ją przyjmuje (%(d)s)."
                    )
                    % {"d": format_date(decision.date)}
                }
            )
        previous = list(
            StrategyVersion.objects.select_for_update().filter(
                strategy_id=version.strategy_id, status=StrategyVersion.Status.ADOPTED
            )
        )

    def apply(obj: StrategyVersion) -> None:
        if name == "adopt":
            obj.adopted_by = decision
            obj.in_force_from = in_force_from
        if name == "withdraw":
            obj.consultation_withdrawn_on = today
            obj.consultation_end_reason = reason.strip()

    before = {"status": version.status}
    VERSION.fire(
        actor=actor,
        obj=version,
        name=name,
        reason=reason,
        confirmed=confirmed,
        today=today,
        apply=apply,
        before=before,
        after={"status": VERSION.transition(name).target}
        | ({"in_force_from": in_force_from.isoformat()} if name == "adopt" else {}),
    )
    for old in previous:
        VERSION.fire(
            actor=actor,
            obj=old,
            name="supersede",
            today=today,
            before={"status": old.status},
            after={"status": StrategyVersion.Status.SUPERSEDED, "by": version.number},
        )
    return version


@transaction.atomic
def version_status_set(
    *, actor: Any, version: StrategyVersion, status: str, decision: DecisionReference | None = None
) -> StrategyVersion:
    """Move a version to `status` by the act that leads there (`STATUS_ACTS`); kept for the loaders and the
    resolution register, which name the state they want."""
    name = STATUS_ACTS.get(status)
    if name is None:
        raise ValidationError(
            _("Nie można zmienić stanu z „%(a)s” na „%(b)s”.")
            % {"a": version.get_status_display(), "b": StrategyVersion.Status(status).label}
        )
    return version_transition(actor=actor, version=version, name=name, decision=decision)


@transaction.atomic
def version_document_set(
    *, actor: Any, version: StrategyVersion, document: Any, note: str = ""
) -> StrategyVersion:
    """Attach the authoritative text (PDF or DOCX); allowed also after adoption, since it is the record."""
    check_actor(actor)
    name = getattr(document, "name", "") or ""
    if not name.lower().endswith((".pdf", ".docx")):
        raise ValidationError({"document": _("Dołącz plik PDF albo DOCX.")})
    before = {"document": version.document.name, "document_note": version.document_note}
    version.document = document
    version.document_note = note
    version.save()
    audit.record(
        actor=actor,
        action="strategy.version_document",
        obj=version,
        before=before,
        after={"document": version.document.name, "document_note": note},
    )
    return version
