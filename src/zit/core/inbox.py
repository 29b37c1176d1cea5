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
    on_behalf: str = ""  # whose inbox it came from, when shown to their deputy ("w zastępstwie: …")

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


# how far ahead a deadline makes a thing wait now (a procedure step, an obligation, a meeting to invite to)
AHEAD_DAYS = 30


def ahead(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=AHEAD_DAYS)


def local_day(moment: dt.datetime | None) -> dt.date | None:
    """The local date of a stored moment (for `since`)."""
    return None if moment is None else timezone.localdate(moment)


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


def deadline_text(item: InboxItem, today: dt.date) -> str:
    """ "do 12 grudnia 2026, zostały 3 dni", "do 7 grudnia 2026, termin mija dziś", "po terminie od 2 dni"."""
    from django.utils.translation import gettext

    from zit.core.formatting import format_date, polish_plural

    if item.due is None:
        return ""
    left, day = (item.due - today).days, format_date(item.due)
    if left > 0:
        text = polish_plural(
            left,
            gettext("do %(d)s, został %(n)d dzień"),
            gettext("do %(d)s, zostały %(n)d dni"),
            gettext("do %(d)s, zostało %(n)d dni"),
        )
        return text % {"d": day, "n": left}
    if left == 0:
        return gettext("do %(d)s, termin mija dziś") % {"d": day}
    late = -left
    text = gettext("po terminie od %(n)d dnia") if late == 1 else gettext("po terminie od %(n)d dni")
    return text % {"n": late} + " " + gettext("(termin: %(d)s)") % {"d": day}


def age_text(item: InboxItem, today: dt.date) -> str:
    """ "czeka od dziś", "czeka od 1 dnia", "czeka od 12 dni"."""
    from django.utils.translation import gettext

    if item.since is None:
        return ""
    days = max((today - item.since).days, 0)
    if days == 0:
        return gettext("czeka od dziś")
    return (gettext("czeka od %(n)d dnia") if days == 1 else gettext("czeka od %(n)d dni")) % {"n": days}


def items_for(*, user: Any, today: dt.date | None = None) -> list[tuple[InboxSource, InboxItem]]:
    """Everything that waits for the user, most urgent first, each with its source."""
    today = today or timezone.localdate()
    found = [(src, item) for src in sources() for item in src.collect(user, today)]
    return sorted(found, key=lambda pair: urgency(pair[1], today))


# --- core's own source (this module is also core's `<app>/inbox.py`): background jobs that failed

FAILED_JOBS_DAYS = 7  # as the dashboard's list of failed jobs (core.selectors)


def failed_jobs(user: Any, today: dt.date) -> list[InboxItem]:
    """Failed jobs of the last week not followed by a successful run of the same kind. An import refused for
    the problems in its file waits for whoever started it (they fix the file); any other failure waits for
    those who run jobs."""
    from django.db.models import Max
    from django.urls import reverse
    from django.utils.translation import gettext

    from zit.core.models import Job
    from zit.core.roles import Perm, has_perm

    runs = has_perm(user, Perm.JOBS_RUN)
    if not has_perm(user, Perm.JOBS_VIEW):
        return []
    window = timezone.now() - dt.timedelta(days=FAILED_JOBS_DAYS)
    failed = list(
        Job.objects.filter(status=Job.Status.FAILED, finished_at__gte=window).order_by("finished_at")
    )
    if not failed:
        return []
    succeeded = dict(
        Job.objects.filter(status=Job.Status.SUCCEEDED, kind__in={j.kind for j in failed})
        .values_list("kind")
        .annotate(last=Max("finished_at"))
    )
    from zit.core.formatting import with_data

    items, others = [], []
    for job in failed:
        if succeeded.get(job.kind) and succeeded[job.kind] > job.finished_at:
            continue  # run again since, successfully
        problems = isinstance(job.result, dict) and bool(job.result.get("problems"))
        if problems and job.created_by_id == user.pk:
            items.append(
                InboxItem(
                    key=f"core.import_problems:{job.pk}",
                    title=with_data(gettext("Import odrzucony, plik ma błędy: %(t)s"), t=job.title),
                    url=reverse("core:job", args=[job.pk]),
                    since=local_day(job.finished_at),
                    detail=job.message,
                )
            )
        elif runs and not (problems and job.created_by_id):
            others.append(job)
    if others:
        items.append(
            InboxItem(
                key="core.failed_jobs",
                title=gettext("Zadania w tle zakończone błędem: %(n)d") % {"n": len(others)},
                url=f"{reverse('core:jobs')}?stan={Job.Status.FAILED}",
                since=local_day(others[0].finished_at),
                count=len(others),
                detail=", ".join(j.title for j in others[:3]),
            )
        )
    return items


def _core_sources() -> None:
    from django.utils.translation import gettext_lazy as _

    source("core.jobs", _("Zadania w tle i importy"), failed_jobs)


_core_sources()
