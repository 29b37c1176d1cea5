"""The lifecycle mechanism itself, on a small table of its own over background jobs: who may fire what, the
guard's reason on the button and in the refusal, the warning that needs a confirmed reason, the audit event."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zit.core.lifecycle import SYSTEM, Lifecycle, Role, Transition, all_lifecycles
from zit.core.models import AuditEvent, Job
from zit.core.roles import Perm

J = Job.Status
ADMIN = Role("admin", "administrator", Perm.JOBS_RUN)
TODAY = dt.date(2026, 12, 6)


def not_on_sunday(job, context):
    """Nie w niedzielę."""
    return "W niedzielę zadań się nie uruchamia." if context.today.weekday() == 6 else None


def title_must_be_known(job, context):
    """Zadanie bez nazwy wymaga potwierdzenia."""
    return "Zadanie nie ma nazwy." if not job.title else None


TABLE = Lifecycle(
    key="tests.job",
    label="zadanie (test)",
    model="core.Job",
    states=Job.Status,
    initial=J.QUEUED,
    final=frozenset({J.SUCCEEDED, J.FAILED}),
    field="status",
    url=lambda job, name: f"/zadania/{job.pk}/{name}",
    transitions=(
        Transition("start", (J.QUEUED,), J.RUNNING, "Uruchom", (ADMIN,), guards=(not_on_sunday,)),
        Transition(
            "fail", (J.QUEUED, J.RUNNING), J.FAILED, "Przerwij", (ADMIN,), reason_required=True, danger=True
        ),
        Transition("finish", (J.RUNNING,), J.SUCCEEDED, "Zakończ", (ADMIN,), warnings=(title_must_be_known,)),
        Transition("reap", (J.RUNNING,), J.FAILED, "Uznaj za martwe", (SYSTEM,), automatic=True),
    ),
)


@pytest.fixture
def admin(user_for_role):
    return user_for_role("office_admin")


@pytest.fixture
def stranger(user_for_role, golina):
    return user_for_role("member_officer", organisation=golina)


@pytest.fixture
def golina(association_data):
    from zit.organisations.models import Organisation

    return Organisation.objects.get(name="Gmina Golina")


def fire(job, name, actor, **kwargs):
    with transaction.atomic():
        return TABLE.fire(actor=actor, obj=job, name=name, **kwargs)


@pytest.mark.django_db
def test_actions_list_what_the_user_may_do_and_why_not(admin, stranger):
    job = Job.objects.create(kind="x", title="Eksport")
    saturday = dt.date(2026, 12, 5)
    actions = TABLE.actions(admin, job, today=saturday)
    assert [a.name for a in actions] == ["start", "fail"]  # "reap" is automatic: no button
    assert actions.can("start") and actions.get("fail").asks_reason
    assert actions.get("start").url == f"/zadania/{job.pk}/start"
    on_sunday = TABLE.actions(admin, job, today=TODAY)
    assert not on_sunday.can("start")
    assert on_sunday.get("start").refused == "W niedzielę zadań się nie uruchamia."
    assert [a.name for a in on_sunday.refused] == ["start"]
    assert TABLE.actions(stranger, job, today=saturday) == []  # nothing to offer to who may not act


@pytest.mark.django_db
def test_fire_checks_permission_state_guard_and_reason(admin, stranger):
    job = Job.objects.create(kind="x", title="Eksport")
    with pytest.raises(PermissionDenied):
        fire(job, "start", stranger, today=dt.date(2026, 12, 5))
    with pytest.raises(ValidationError) as refused:
        fire(job, "start", admin, today=TODAY)
    assert refused.value.messages == ["W niedzielę zadań się nie uruchamia."]
    with pytest.raises(ValidationError) as no_reason:
        fire(job, "fail", admin, today=TODAY)
    assert "Podaj powód" in no_reason.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as wrong_state:
        fire(job, "finish", admin, today=TODAY)
    assert "w kolejce" in wrong_state.value.messages[0]
    job.refresh_from_db()
    assert job.status == J.QUEUED  # nothing refused changed anything


@pytest.mark.django_db
def test_a_warning_lets_the_act_through_only_confirmed_with_a_reason(admin):
    job = Job.objects.create(kind="x", title="", status=J.RUNNING)
    assert TABLE.actions(admin, job, today=TODAY).get("finish").warnings == ("Zadanie nie ma nazwy.",)
    with pytest.raises(ValidationError) as unconfirmed:
        fire(job, "finish", admin, today=TODAY, reason="bo tak")
    assert unconfirmed.value.message_dict["reason"][0] == "Zadanie nie ma nazwy."
    fire(job, "finish", admin, today=TODAY, reason="Nazwa nadana w systemie IZ.", confirmed=True)
    job.refresh_from_db()
    assert job.status == J.SUCCEEDED
    event = AuditEvent.objects.get(action="tests.job.finish", object_id=str(job.pk))
    assert event.before == {"state": "running"} and event.after == {"state": "succeeded"}
    assert event.reason == "Nazwa nadana w systemie IZ."


@pytest.mark.django_db
def test_the_system_fires_automatic_transitions_people_do_not(admin):
    job = Job.objects.create(kind="x", title="Eksport", status=J.RUNNING)
    with pytest.raises(PermissionDenied):
        fire(job, "reap", admin)
    fire(job, "reap", None)
    job.refresh_from_db()
    assert job.status == J.FAILED


def test_a_table_with_an_unknown_state_or_nobody_to_act_is_refused():
    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle(
            "t.x",
            "x",
            "core.Job",
            Job.Status,
            J.QUEUED,
            (Transition("a", ("nope",), J.RUNNING, "a", (ADMIN,)),),
        )
    with pytest.raises(ValueError, match="nobody"):
        Lifecycle(
            "t.y", "y", "core.Job", Job.Status, J.QUEUED, (Transition("a", (J.QUEUED,), J.RUNNING, "a", ()),)
        )


def test_every_declared_lifecycle_is_consistent():
    """Every state is reachable or initial, no transition leaves a final state, and each guard explains itself."""
    lifecycles = all_lifecycles()
    assert "projects.card" in {lc.key for lc in lifecycles}
    for lc in lifecycles:
        reachable = {lc.initial} | {t.target for t in lc.transitions}
        for t in lc.transitions:
            # a final state is never left; an act may still be recorded on it (a correction after closing)
            assert not set(t.sources) & lc.final or t.target in t.sources, (lc.key, t.name)
            for guard in (*t.guards, *t.warnings):
                assert (guard.__doc__ or "").strip(), (lc.key, t.name, guard.__name__)
        assert reachable <= set(lc.states.values), lc.key


def once_failed(job, context):
    """Zadanie, które się nie udało, uruchamia się od nowa jako nowe."""
    return "To zadanie się nie udało: uruchom je od nowa jako nowe." if job.status == J.FAILED else None


@pytest.mark.django_db
def test_an_act_shown_refused_in_a_state_it_does_not_start_from_says_why(admin):
    table = Lifecycle(
        "tests.job_retry",
        "zadanie (test)",
        "core.Job",
        Job.Status,
        J.QUEUED,
        (
            Transition(
                "start",
                (J.QUEUED,),
                J.RUNNING,
                "Uruchom",
                (ADMIN,),
                guards=(once_failed,),
                refused_in=(J.FAILED,),
            ),
        ),
        field="status",
    )
    failed = Job.objects.create(kind="x", title="Eksport", status=J.FAILED)
    action = table.actions(admin, failed, today=TODAY).get("start")
    assert action.refused == "To zadanie się nie udało: uruchom je od nowa jako nowe."
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        table.fire(actor=admin, obj=failed, name="start", today=TODAY)
    assert refused.value.messages == [action.refused]
    done = Job.objects.create(kind="x", title="Eksport", status=J.SUCCEEDED)
    assert table.actions(admin, done, today=TODAY) == []  # not a state it is shown in
