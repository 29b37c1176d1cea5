"""The state of backups on the office's dashboard: the last run, its size, and a warning when the last good one
is older than twice the interval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zit.accounts.services import user_create
from zit.core.models import Job
from zit.core.selectors import backup_status

WARNING = "powinna być nie starsza niż dwa odstępy między kopiami"


@pytest.fixture
def office(db):
    return user_create(
        actor=None, username="biuro-1", password="haslo-testowe-123", roles=[("office_staff", None)]
    )


def _run(hours_ago: float, status=Job.Status.SUCCEEDED, **result) -> Job:
    return Job.objects.create(
        kind="core.backup",
        title="Kopia zapasowa",
        status=status,
        finished_at=timezone.now() - dt.timedelta(hours=hours_ago),
        message=""
        if status == Job.Status.SUCCEEDED
        else "Kopia zapasowa się nie udała: brak miejsca na dysku",
        result=result or None,
    )


def test_a_recent_backup_is_shown_without_a_warning(office, client):
    _run(3, size=5 * 1024 * 1024)
    status = backup_status(user=office)
    assert not status.overdue and status.last_size == 5 * 1024 * 1024
    client.force_login(office)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Kopie zapasowe" in page and "udana, 5,0\xa0MB" in page and WARNING not in page


def test_a_backup_older_than_twice_the_interval_is_warned_about(office, client):
    _run(49, size=1000)
    assert backup_status(user=office).overdue
    client.force_login(office)
    assert WARNING in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_failed_last_run_is_shown_with_its_reason_beside_the_last_good_one(office, client):
    good = _run(30, size=1000)
    _run(2, status=Job.Status.FAILED)
    status = backup_status(user=office)
    assert status.last_run_failed and status.last_success == good and not status.overdue
    client.force_login(office)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "nieudana" in page and "brak miejsca na dysku" in page and "Ostatnia udana kopia" in page


def test_no_backup_at_all_is_warned_about(office):
    assert backup_status(user=office).overdue


def test_with_recurring_backups_off_nothing_is_overdue(office, settings, client):
    settings.ZIT_BACKUP_EVERY_HOURS = 0
    assert not backup_status(user=office).overdue
    client.force_login(office)
    assert (
        "Platforma nie robi sama kopii zapasowych"
        in client.get(reverse("accounts:dashboard")).content.decode()
    )


def test_people_outside_the_office_do_not_see_backups(db, client):
    assessor = user_create(
        actor=None, username="oceniajacy-1", password="haslo-testowe-123", roles=[("assessor", None)]
    )
    _run(49)
    assert backup_status(user=assessor) is None
    client.force_login(assessor)
    assert "Kopie zapasowe" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_the_schedule_says_how_long_archives_are_kept(office, settings, client):
    client.force_login(office)
    assert "co 24 godz.; kopie starsze niż 30 dni są usuwane" in " ".join(
        client.get(reverse("accounts:dashboard")).content.decode().split()
    )
    settings.ZIT_BACKUP_KEEP_DAYS = 0
    assert (
        "kopie są przechowywane bez ograniczenia wieku"
        in client.get(reverse("accounts:dashboard")).content.decode()
    )
