"""The demo's IZ calendar: two schedule versions labelled demo, with their changes, and an open call that makes
the listed demo cards without an application wait in the office's inbox with the days left."""

from django.utils import timezone
from factories.accounts import UserFactory

from zit.projects import schedule
from zit.projects.inbox import call_deadlines
from zit.projects.models import ScheduleVersion


def test_the_demo_schedule_is_labelled_and_its_call_alerts(funding_demo, settings, tmp_path):
    from zit.projects.demo import load_project_demo
    from zit.strategy.reference import load_strategy

    settings.MEDIA_ROOT = tmp_path
    load_strategy()
    load_project_demo()
    versions = list(ScheduleVersion.objects.all())
    assert len(versions) == 2 and all(v.is_demo and "(demo)" in v.source for v in versions)
    current = schedule.schedule_current()
    assert {c.kind for c in schedule.changes(current, schedule.previous_version(current))} == {"added"}
    assert not any(row["conflicts"] for row in schedule.entry_rows(current))
    items = call_deadlines(UserFactory(roles=[("office_staff", None)]), timezone.localdate())
    assert items and all("zamyka się za 10 dni, a wniosku nie złożono" in i.title for i in items)
