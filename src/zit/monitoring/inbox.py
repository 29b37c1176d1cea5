"""The early warnings as an inbox source (zit.core.inbox): each warning waits for those who watch the
programme (monitoring.view) until its cause is gone; the notices digest announces each one once."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data
from zit.core.inbox import InboxItem, source
from zit.core.roles import Perm, has_perm
from zit.monitoring.warnings import SEVERITY_LABELS, Warning, warnings

SOURCE = "monitoring.warnings"


def warning_key(w: Warning) -> str:
    """Stable while the warning stands: its rule, what it is about and its date (not the amounts in its
    detail, which change with every report)."""
    about = f"{w.rule}|{w.url}|{w.title}|{w.due_on or ''}"
    return f"{SOURCE}:{w.rule}:{hashlib.sha256(about.encode()).hexdigest()[:24]}"


def warnings_waiting(user: Any, today: dt.date) -> Iterable[InboxItem]:
    if not has_perm(user, Perm.MONITORING_VIEW):
        return []
    return [
        InboxItem(
            key=warning_key(w),
            # the severity is the platform's word, the title names Polish data (a task, an undertaking)
            title=with_data(
                "%(s)s: %(t)s", s=conditional_escape(SEVERITY_LABELS[w.severity].capitalize()), t=w.title
            ),
            url=w.url,
            due=w.due_on,
            detail=w.detail,
        )
        for w in warnings(today=today)
    ]


source(SOURCE, _("Ostrzeżenia"), warnings_waiting)
