"""Moved models keep their history: what a migration moving models to another app rewrites in stored data.

When models move from one app to another (issue of the house re-laid: `contracts` out of `projects`, `fees` and
`public_information` out of `governance`), the database still holds strings naming the old app: content types
(and with them the auth permissions and every signed document's subject), the model labels and action names of
audit events, the kinds and permissions of signed documents, the kinds of background jobs. A `Move` lists them;
`forward(move)` and `backward(move)` give the two functions of the migration's RunPython.

Audit events cannot change (zit.core.audit_guard): the move opens the relabel gate, which lets only the action
and the model label change, fingerprints each renamed event's new content in `redacted_digest` (the original
digest stays, so the chain of seals still verifies) and records one `core.audit_relabel` event listing every
event it renamed, which the daily integrity check reads (zit.core.integrity).

These functions take the migration's historical models, so they keep working when the models change later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

RELABEL_ACTION = "core.audit_relabel"
CHUNK = 500  # ids per query: under every database's limit of parameters


@dataclasses.dataclass(frozen=True)
class Move:
    old_app: str
    new_app: str
    models: tuple[str, ...]  # lower-case model names
    strings: dict[str, str] = dataclasses.field(default_factory=dict)  # stored value, old -> new

    def reversed(self) -> Move:
        return Move(
            old_app=self.new_app,
            new_app=self.old_app,
            models=self.models,
            strings={new: old for old, new in self.strings.items()},
        )

    def labels(self) -> dict[str, str]:
        return {f"{self.old_app}.{m}": f"{self.new_app}.{m}" for m in self.models}


def _content_types_move(apps: Any, move: Move) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    permission = apps.get_model("auth", "Permission")
    signed = apps.get_model("core", "SignedDocument")
    for model in move.models:
        old = content_type.objects.filter(app_label=move.old_app, model=model).first()
        if old is None:
            continue
        taken = content_type.objects.filter(app_label=move.new_app, model=model).first()
        if taken is not None:
            # created by an earlier `migrate` run's post_migrate: the old row carries the history, keep it
            signed.objects.filter(content_type=taken).update(content_type=old)
            permission.objects.filter(content_type=taken).delete()
            taken.delete()
        old.app_label = move.new_app
        old.save(update_fields=["app_label"])


def _events_relabel(apps: Any, move: Move) -> list[int]:
    from zit.core.audit import event_digest

    event = apps.get_model("core", "AuditEvent")
    labels = move.labels()
    actions = dict(move.strings)
    touched: list[int] = []
    found = event.objects.filter(object_type__in=labels) | event.objects.filter(action__in=actions)
    ids = list(found.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        for stored in event.objects.filter(id__in=ids[start : start + CHUNK]).order_by("id"):
            stored.object_type = labels.get(stored.object_type, stored.object_type)
            stored.action = actions.get(stored.action, stored.action)
            event.objects.filter(pk=stored.pk).update(
                object_type=stored.object_type, action=stored.action, redacted_digest=event_digest(stored)
            )
            touched.append(stored.pk)
    return touched


def _strings_rename(apps: Any, move: Move) -> None:
    signed = apps.get_model("core", "SignedDocument")
    job = apps.get_model("core", "Job")
    for old, new in move.strings.items():
        for field in ("kind", "read_perm", "write_perm"):
            signed.objects.filter(**{field: old}).update(**{field: new})
        job.objects.filter(kind=old).update(kind=new)


def _relabel_record(apps: Any, move: Move, touched: list[int]) -> None:
    from zit.core.audit import SYSTEM_LABEL, event_digest

    event_model = apps.get_model("core", "AuditEvent")
    event = event_model(
        created_at=timezone.now(),
        actor_id=None,
        actor_label=SYSTEM_LABEL,
        action=RELABEL_ACTION,
        object_type="core.auditevent",
        object_id="",
        object_repr=f"{move.old_app} → {move.new_app}",
        before={"app": move.old_app},
        after={
            "app": move.new_app,
            "models": sorted(move.models),
            "strings": dict(sorted(move.strings.items())),
            "events": touched,
        },
        reason="Modele przeniesiono do innego modułu platformy; nazwy w zapisanych zdarzeniach zmieniono.",
    )
    event.digest = event_digest(event)
    event.save()


def _apply(apps: Any, schema_editor: Any, move: Move) -> None:
    from zit.core.audit_guard import relabel_gate

    using = schema_editor.connection.alias
    with transaction.atomic(using=using):
        _content_types_move(apps, move)
        _strings_rename(apps, move)
        with relabel_gate(using):
            touched = _events_relabel(apps, move)
        if touched:
            _relabel_record(apps, move, touched)


def forward(move: Move) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        _apply(apps, schema_editor, move)

    return run


def backward(move: Move) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        _apply(apps, schema_editor, move.reversed())

    return run
