"""ModelAdmin mixin: every change made in the Django admin is an audit event with the administrator as actor.

Deletions (one object or "delete selected"), additions, changes of fields and of many-to-many relations
(a user's groups and permissions, a group's permissions) are recorded. Every ModelAdmin registered on the
admin site uses it (tests/core/test_admin_audit.py checks the registry), including those of Django and
third-party apps, which core/admin.py registers again with it.

Secrets are never written to the log: fields named like a password or a token are left out.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import models, router, transaction

from zit.core import audit

_SECRET_PARTS = ("password", "secret", "token", "api_key")


def _is_secret(name: str) -> bool:
    return any(part in name.lower() for part in _SECRET_PARTS)


class AuditedAdmin:
    """Put first among the bases, before ModelAdmin (or UserAdmin)."""

    # fields written to the log; None: every concrete field but secrets
    audit_fields: list[str] | None = None
    # the action names; an admin may name its own (accounts.user_update…)
    audit_actions = {
        "create": "admin.create",
        "update": "admin.update",
        "delete": "admin.delete",
        "relations": "admin.relations_change",
    }

    def audit_state(self, obj: models.Model) -> dict[str, Any]:
        names = self.audit_fields or [f.name for f in obj._meta.concrete_fields if not _is_secret(f.name)]
        return audit.snapshot(obj, [n for n in names if not _is_secret(n)])

    def audit_relations(self, obj: models.Model) -> dict[str, list[str]]:
        """The object's many-to-many relations as labels (sorted), compared before and after a save."""
        if obj.pk is None:
            return {}
        return {
            field.name: sorted(str(related) for related in getattr(obj, field.name).all())
            for field in obj._meta.many_to_many
        }

    def _audit_actor(self, request) -> Any:
        return request.user if request.user.is_authenticated else None

    def save_model(self, request, obj, form, change):
        before = self.audit_state(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        after = self.audit_state(obj)
        if change and not audit.changed(before, after):
            return
        audit.record(
            actor=self._audit_actor(request),
            action=self.audit_actions["update" if change else "create"],
            obj=obj,
            before=before,
            after=after,
        )

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        before = self.audit_relations(obj) if change else {}
        super().save_related(request, form, formsets, change)
        after = self.audit_relations(obj)
        difference = audit.changed(before, after)
        if difference:
            audit.record(
                actor=self._audit_actor(request),
                action=self.audit_actions["relations"],
                obj=obj,
                before={k: before.get(k, []) for k in difference},
                after={k: after.get(k, []) for k in difference},
            )

    def _audit_delete(self, request, objs: list[models.Model], deleted: dict[str, int]) -> None:
        for obj, state in objs:
            audit.record(
                actor=self._audit_actor(request),
                action=self.audit_actions["delete"],
                obj=obj,
                before=state,
                after={"deleted": deleted},
            )

    def delete_model(self, request, obj):
        with transaction.atomic(using=router.db_for_write(type(obj))):
            kept = (copy.copy(obj), self.audit_state(obj) | {"relations": self.audit_relations(obj)})
            _count, deleted = obj.delete()
            self._audit_delete(request, [kept], deleted)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(queryset.model)):
            kept = [
                (copy.copy(obj), self.audit_state(obj) | {"relations": self.audit_relations(obj)})
                for obj in queryset
            ]
            _count, deleted = queryset.delete()
            self._audit_delete(request, kept, deleted)


def audit_every_admin(site) -> None:
    """Register again, with AuditedAdmin, every ModelAdmin on `site` that lacks it (Django's Group, the task
    results, django-axes' lockouts…). Called once the admin has been discovered (config/urls.py)."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedAdmin):
            continue
        cls = type(model_admin)
        site.unregister(model)
        site.register(
            model, type(f"Audited{cls.__name__}", (AuditedAdmin, cls), {"__module__": cls.__module__})
        )
