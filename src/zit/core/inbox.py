"""What waits for a person: one registry that every app fills, read by the dashboard and the notices.

Each app declares its sources in `<app>/inbox.py` with `source(...)`: a key, a label and a function that,
for one user, returns what waits for that user (effects to apply, comments to moderate, answers due, requests
with days left...). The function checks the user's permissions itself and returns nothing for a user who may
not act, so an item is shown only to those who can do something about it.

`items_for` gathers them most urgent first: overdue, then by days left, then the oldest. The dashboard
(accounts) shows them, and the notices and the e-mail digest are fed by the same items, so a thing that waits
is said once, in one place, whichever way it reaches the person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class InboxItem:
    """One thing that waits. `key` is stable while the thing waits (e.g. "governance.effects:12"), so the
    notices can tell a new item from one already announced; `count` > 1 gathers several alike ("3 comments to
    moderate") behind one link."""

    key: str
    title: str
    url: str
    due: dt.date | None = None  # the deadline, if there is one
    since: dt.date | None = None  # since when it waits (for the age)
    count: int = 1
    detail: str = ""

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


Collect = Callable[[Any, dt.date], Iterable[InboxItem]]


@dataclass(frozen=True)
class InboxSource:
    key: str  # "<app>.<what>", e.g. "governance.effects"
    label: Any  # a lazy translation: the group's name on the dashboard
    collect: Collect  # (user, today) -> the user's items; empty for a user who may not act


_SOURCES: dict[str, InboxSource] = {}


def source(key: str, label: Any, collect: Collect) -> None:
    """Register a source (in the app's inbox.py). The key is declared once."""
    existing = _SOURCES.get(key)
    if existing is not None and existing.collect is not collect:
        raise ValueError(f"Inbox source {key} is declared twice")
    _SOURCES[key] = InboxSource(key, label, collect)


def sources() -> list[InboxSource]:
    autodiscover_modules("inbox")
    return sorted(_SOURCES.values(), key=lambda s: s.key)


def urgency(item: InboxItem, today: dt.date) -> tuple:
    """Overdue first, then by days left, then the oldest; items without a deadline after those with one."""
    far = dt.date.max
    return (
        0 if item.overdue(today) else 1 if item.due else 2,
        item.due or far,
        item.since or far,
        item.key,
    )


def items_for(*, user: Any, today: dt.date | None = None) -> list[tuple[InboxSource, InboxItem]]:
    """Everything that waits for the user, most urgent first, each with its source."""
    today = today or timezone.localdate()
    found = [(src, item) for src in sources() for item in src.collect(user, today)]
    return sorted(found, key=lambda pair: urgency(pair[1], today))
