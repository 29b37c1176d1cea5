import datetime as dt

import pytest

from zit.core import inbox
from zit.core.inbox import InboxItem, items_for, source, urgency

TODAY = dt.date(2026, 12, 7)


def test_urgency_orders_overdue_then_days_left_then_age():
    overdue = InboxItem("a:1", "overdue", "/a", due=TODAY - dt.timedelta(days=1))
    soon = InboxItem("a:2", "soon", "/a", due=TODAY + dt.timedelta(days=2))
    later = InboxItem("a:3", "later", "/a", due=TODAY + dt.timedelta(days=9))
    old = InboxItem("a:4", "old", "/a", since=TODAY - dt.timedelta(days=30))
    new = InboxItem("a:5", "new", "/a", since=TODAY)
    shuffled = [new, later, old, soon, overdue]
    assert [i.title for i in sorted(shuffled, key=lambda i: urgency(i, TODAY))] == [
        "overdue",
        "soon",
        "later",
        "old",
        "new",
    ]


def test_items_for_gathers_every_source_for_the_user(monkeypatch):
    monkeypatch.setattr(inbox, "_SOURCES", {})
    source("x.first", "First", lambda user, today: [InboxItem("x:1", f"for {user}", "/x", since=today)])
    source("x.second", "Second", lambda user, today: [InboxItem("y:1", "due", "/y", due=today)])
    found = items_for(user="anna", today=TODAY)
    assert [(s.key, i.title) for s, i in found] == [("x.second", "due"), ("x.first", "for anna")]


def test_a_source_key_is_declared_once(monkeypatch):
    monkeypatch.setattr(inbox, "_SOURCES", {})
    source("x.one", "One", lambda user, today: [])
    with pytest.raises(ValueError):
        source("x.one", "Other", lambda user, today: [])
