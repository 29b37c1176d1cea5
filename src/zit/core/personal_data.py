"""Erasure of personal data whose retention has ended: one mechanism for every app.

An app declares in its own `personal_data.py` what it keeps of people and for how long, with `register(
ErasureRule(...))`: the model, the personal fields, the date the period is counted from and the period. The daily
job (`privacy.erase_expired`) calls `erase_expired`, which runs every rule: the fields are emptied (stored files
deleted), the row itself stays with everything that is not personal, the values are pseudonymised in the audit
log's earlier events about the row, and one audit event per rule lists the rows it touched (ids only). A row whose
fields are already empty is not touched again, so a second run changes nothing.

The register of processing activities (zit.privacy) names the rules of each activity by key and shows their
periods from here, so the register and the job cannot say different things.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext, ngettext

from zit.core import audit
from zit.core.formatting import polish_plural
from zit.core.models import AuditEvent

ERASE_ACTION = "core.personal_data_erase"
MASK = "***"


@dataclass(frozen=True)
class ErasureRule:
    """`start` is a date or date-time field (it may cross a relation: "version__consultation_closes"); a row is
    due when `years` and `days` have passed since it, or, with `from_next_year`, since 1 January of the year
    after it (archival periods count so). A row whose start is empty is never due. `condition` narrows the rows
    (e.g. closed matters only)."""

    key: str
    title: Any
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    start: str
    start_label: Any
    years: int = 0
    days: int = 0
    from_next_year: bool = False
    condition: Q = field(default_factory=Q)
    kept: Any = ""  # what stays of the row, in words
    source: Any = ""  # where the period comes from (the act, the form's promise); "do weryfikacji" if unsure
    verified: bool = False

    def model_class(self) -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(self.model)

    def cutoff(self, today: dt.date) -> dt.date:
        """Rows whose start is before this day are due today."""
        if self.from_next_year:
            return dt.date(today.year - self.years, 1, 1) - dt.timedelta(days=self.days)
        year = today.year - self.years
        day = min(today.day, 28) if (today.month, today.day) == (2, 29) else today.day
        return today.replace(year=year, day=day) - dt.timedelta(days=self.days)

    def period_label(self) -> str:
        parts = []
        if self.years:
            years = polish_plural(
                self.years, gettext("%(n)d rok"), gettext("%(n)d lata"), gettext("%(n)d lat")
            )
            parts.append(years % {"n": self.years})
        if self.days:
            parts.append(ngettext("%(n)d dzień", "%(n)d dni", self.days) % {"n": self.days})
        period = " i ".join(parts) or gettext("od razu")
        if self.from_next_year:
            return gettext("%(period)s licząc od 1 stycznia roku następującego po: %(start)s") % {
                "period": period,
                "start": self.start_label,
            }
        return gettext("%(period)s od: %(start)s") % {"period": period, "start": self.start_label}

    def field_labels(self) -> list[str]:
        meta = self.model_class()._meta
        return [str(meta.get_field(name).verbose_name) for name in self.fields]


_RULES: dict[str, ErasureRule] = {}


def register(rule: ErasureRule) -> ErasureRule:
    existing = _RULES.get(rule.key)
    if existing is not None and existing != rule:
        raise ValueError(f"Erasure rule {rule.key} is declared twice")
    _RULES[rule.key] = rule
    return rule


def rules() -> dict[str, ErasureRule]:
    """Every rule the apps declare, by key, in key order."""
    autodiscover_modules("personal_data")
    return dict(sorted(_RULES.items()))


def _start_is_datetime(rule: ErasureRule) -> bool:
    model = rule.model_class()
    *path, last = rule.start.split("__")
    for name in path:
        model = model._meta.get_field(name).related_model
    return isinstance(model._meta.get_field(last), models.DateTimeField)


def _not_erased(rule: ErasureRule) -> Q:
    held = Q()
    for name in rule.fields:
        held |= ~Q(**{name: ""}) & Q(**{f"{name}__isnull": False})
    return held


def rows_due(rule: ErasureRule, *, today: dt.date | None = None) -> QuerySet:
    """The rows whose personal fields this rule empties today (those already emptied are not among them)."""
    cutoff = rule.cutoff(today or timezone.localdate())
    limit: dt.date | dt.datetime = cutoff
    if _start_is_datetime(rule):
        limit = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
    manager = rule.model_class()._default_manager
    return manager.filter(rule.condition, **{f"{rule.start}__lt": limit}).filter(_not_erased(rule))


def rows_waiting(rule: ErasureRule) -> int:
    """Rows that still hold the rule's personal data (due later, or with no start date yet)."""
    return rule.model_class()._default_manager.filter(_not_erased(rule)).count()


def _scrub_events(rule: ErasureRule, rows: list[models.Model]) -> list[AuditEvent]:
    """The earlier events about these rows, with the personal values replaced in memory (before/after, the
    object's label): `audit.audit_pseudonymise` writes them."""
    label = rule.model_class()._meta.label_lower
    secrets: dict[str, set[str]] = {}
    for row in rows:
        values = {str(getattr(row, name) or "") for name in rule.fields}
        secrets[str(row.pk)] = {v for v in values if len(v) >= 3}
    changed = []
    events = AuditEvent.objects.filter(object_type=label, object_id__in=list(secrets))
    for event in events:
        own = secrets.get(event.object_id, set())

        def scrub(value: Any, own: set[str] = own) -> Any:
            if not isinstance(value, str):
                return value
            for secret in sorted(own, key=len, reverse=True):
                value = value.replace(secret, MASK)
            return value

        for side in ("before", "after"):
            data = getattr(event, side)
            if isinstance(data, dict):
                setattr(
                    event,
                    side,
                    {k: (MASK if k in rule.fields and v else scrub(v)) for k, v in data.items()},
                )
        event.object_repr = scrub(event.object_repr)
        changed.append(event)
    return changed


def _empty(row: models.Model, name: str) -> None:
    """Empty one field; a stored file is deleted from the storage once the erasure is committed."""
    value = getattr(row, name)
    if isinstance(value, models.fields.files.FieldFile) and value.name:
        storage, stored = value.storage, value.name
        transaction.on_commit(lambda: storage.delete(stored))
    setattr(row, name, "")


@transaction.atomic
def rule_erase(rule: ErasureRule, *, today: dt.date | None = None) -> list[int]:
    """Empty the personal fields of the rows due under `rule`; the ids of the rows changed."""
    rows = list(rows_due(rule, today=today).select_for_update(of=("self",)).order_by("pk"))
    if not rows:
        return []
    events = _scrub_events(rule, rows)
    for row in rows:
        for name in rule.fields:
            _empty(row, name)
        row.save(update_fields=list(rule.fields))
    ids = [row.pk for row in rows]
    reason = gettext("Koniec okresu przechowywania (%(period)s): %(title)s.") % {
        "period": rule.period_label(),
        "title": rule.title,
    }
    if events:
        audit.audit_pseudonymise(actor=None, perm="", subject=rows[0], events=events, reason=reason)
    audit.record(
        actor=None,
        action=ERASE_ACTION,
        obj=None,
        collection=rule.model_class(),
        after={"rule": rule.key, "rows": ids, "fields": list(rule.fields)},
        reason=reason,
    )
    return ids


def erase_expired(
    *, today: dt.date | None = None, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, int]:
    """Run every rule; the number of rows each one changed, by key."""
    counts = {}
    every = rules()
    for done, (key, rule) in enumerate(every.items(), start=1):
        counts[key] = len(rule_erase(rule, today=today))
        if progress:
            progress(done, len(every), str(rule.title))
    return counts
