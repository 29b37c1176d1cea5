"""Data stays true across the migrations that gave objects their lifecycles: on a database with the demo data
(an object of every kind), every object's state and the buttons each kind of user is offered are the same after
the migrations are undone (states mapped back onto the old fields) and done again (old fields mapped to states)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from support.demo_objects import demo_ids, load_platform

from zit.accounts.models import User
from zit.core.lifecycle import all_lifecycles

# The last migration of each app before lifecycles became data; the ones after are taken back and forth.
BEFORE = {
    "core": "0006_job_heartbeat",
    "projects": "0013_social_clauses",
    "strategy": "0008_public_forms",
    "governance": "0005_possible_duplicates",
    "social_economy": "0003_public_forms",
    "monitoring": "0002_approved_by",
    "funding": "0002_labels",
    "assessment": "0002_assignment_conflict",
}
USERS = ("admin", "biuro", "sekretarz", "gmina", "beneficjent", "zarzad")
# models first created after BEFORE: undoing the migrations drops their tables and rows, so they are not compared
LATER_MODELS = {"projects.IzAssessment", "public_information.InactionComplaint", "records.DisposalList"}


def snapshot() -> dict:
    """(lifecycle, object) -> (state, {user: buttons offered, with the refusals' reasons})."""
    from django.apps import apps

    today = timezone.localdate()
    users = list(User.objects.filter(username__in=USERS))
    assert users, "the demo accounts are missing"
    result = {}
    for lc in all_lifecycles():
        if lc.model in LATER_MODELS:
            continue
        model = apps.get_model(lc.model)
        for obj in model.objects.order_by("pk"):
            offered = {
                u.username: sorted((a.name, a.refused) for a in lc.actions(u, obj, today=today))
                for u in users
            }
            result[(lc.key, obj.pk)] = (lc.state_of(obj), offered)
    return result


def migrated_apps() -> list[tuple[str, str]]:
    """The apps that have migrations after BEFORE, with their latest one."""
    executor = MigrationExecutor(connection)
    leaves = {app: name for app, name in executor.loader.graph.leaf_nodes() if app in BEFORE}
    return [(app, leaves[app]) for app in BEFORE if leaves.get(app) != BEFORE[app]]


@pytest.mark.django_db(transaction=True)
def test_states_and_actions_survive_the_lifecycle_migrations(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_platform()
    demo_ids()
    before = snapshot()
    kinds = {key for key, _pk in before}
    assert {"projects.card", "contracts.contract", "strategy.version", "governance.resolution"} <= kinds
    changed = migrated_apps()
    assert changed, "no lifecycle migration to check"
    for app, _latest in changed:
        call_command("migrate", app, BEFORE[app], verbosity=0)
    for app, latest in changed:
        call_command("migrate", app, latest, verbosity=0)
    # undoing an app also undid the migrations of the apps that came out of it later (contracts, fees,
    # public information, each with its tables renamed): all forward again
    call_command("migrate", verbosity=0)
    assert snapshot() == before
