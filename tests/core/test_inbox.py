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


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (1, "do 8 grudnia 2026, został 1 dzień"),
        (3, "do 10 grudnia 2026, zostały 3 dni"),
        (5, "do 12 grudnia 2026, zostało 5 dni"),
        (12, "do 19 grudnia 2026, zostało 12 dni"),
        (22, "do 29 grudnia 2026, zostały 22 dni"),
        (0, "do 7 grudnia 2026, termin mija dziś"),
        (-1, "po terminie od 1 dnia (termin: 6 grudnia 2026)"),
        (-2, "po terminie od 2 dni (termin: 5 grudnia 2026)"),
    ],
)
def test_deadline_text_says_the_date_and_the_days_in_polish(days, text):
    item = InboxItem("a:1", "x", "/a", due=TODAY + dt.timedelta(days=days))
    assert inbox.deadline_text(item, TODAY) == text


def test_age_text_and_no_deadline():
    assert inbox.deadline_text(InboxItem("a:1", "x", "/a"), TODAY) == ""
    assert inbox.age_text(InboxItem("a:1", "x", "/a", since=TODAY), TODAY) == "czeka od dziś"
    assert (
        inbox.age_text(InboxItem("a:1", "x", "/a", since=TODAY - dt.timedelta(days=1)), TODAY)
        == "czeka od 1 dnia"
    )
    assert (
        inbox.age_text(InboxItem("a:1", "x", "/a", since=TODAY - dt.timedelta(days=9)), TODAY)
        == "czeka od 9 dni"
    )


@pytest.mark.django_db
def test_failed_jobs_wait_for_who_runs_jobs_and_refused_imports_for_who_started_them():
    from django.utils import timezone
    from factories.accounts import UserFactory
    from factories.core import JobFactory

    from zit.core.models import Job

    office = UserFactory(roles=[("office_staff", None)])
    importer = UserFactory(roles=[("office_staff", None)])
    now = timezone.now()
    failed = {"status": Job.Status.FAILED, "finished_at": now}
    crash = JobFactory(kind="core.backup", result={"message": "dysk pełny"}, **failed)
    refused = JobFactory(
        kind="territory.import",
        created_by_id=importer.pk,
        result={"problems": ["wiersz 3: brak kodu"]},
        **failed,
    )
    # failed, then run again successfully: nothing waits any more
    JobFactory(kind="core.clear_sessions", finished_at=now - dt.timedelta(hours=2), status=Job.Status.FAILED)
    JobFactory(kind="core.clear_sessions", finished_at=now - dt.timedelta(hours=1))
    JobFactory(
        kind="core.backup", finished_at=now - dt.timedelta(days=10), status=Job.Status.FAILED
    )  # too old

    [jobs] = inbox.failed_jobs(office, TODAY)
    assert jobs.key == "core.failed_jobs" and jobs.count == 1 and crash.title in jobs.detail
    by_key = {i.key: i for i in inbox.failed_jobs(importer, TODAY)}
    assert by_key[f"core.import_problems:{refused.pk}"].url == f"/biuro/zadania/{refused.pk}/"
    assert by_key["core.failed_jobs"].count == 1  # the import is the importer's, not counted twice
    board = UserFactory(roles=[("board_member", None)])  # sees jobs, runs none
    assert inbox.failed_jobs(board, TODAY) == []
    assert inbox.failed_jobs(UserFactory(), TODAY) == []
