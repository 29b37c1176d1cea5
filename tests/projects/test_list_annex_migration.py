"""Existing lists become the strategy's annex without loss: each list version is attached to the strategy
version in force on the day it was approved (or created, if it never was), else the adopted one, else the
latest; the way back drops only the new columns, and forward again gives the same answer."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0016_contracts_moved")]
AFTER = [("projects", "0017_list_as_strategy_annex")]


# the apps whose models the test reads, at their current state
READ = [
    ("core", "0009_retire_weekly_warnings_digest"),
    ("funding", "0002_labels"),
    ("strategy", "0010_demo_version_labels_without_state"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets + READ).apps


@pytest.mark.django_db(transaction=True)
def test_existing_lists_are_attached_to_the_strategy_version_in_force(funding_data):
    old = _migrate(BEFORE)
    Agreement = old.get_model("funding", "Agreement")
    Decision = old.get_model("core", "DecisionReference")
    Strategy = old.get_model("strategy", "Strategy")
    Version = old.get_model("strategy", "StrategyVersion")
    ListVersion = old.get_model("projects", "ListVersion")

    def decision(day):
        return Decision.objects.create(
            issuer_kind="association_body", issuer_name="Rada", number="1", date=day
        )

    strategy = Strategy.objects.create(title="Strategia ZIT")
    first = Version.objects.create(
        strategy=strategy,
        number=1,
        label="2022",
        status="superseded",
        adopted_by=decision(dt.date(2022, 9, 29)),
    )
    second = Version.objects.create(
        strategy=strategy, number=2, label="2024", status="adopted", adopted_by=decision(dt.date(2024, 9, 26))
    )
    Version.objects.create(strategy=strategy, number=3, label="projekt", status="draft")
    agreement = Agreement.objects.order_by("pk").first()
    rows = {
        "2023": {"status": "superseded", "decision": decision(dt.date(2023, 5, 5))},
        "2025": {"status": "approved", "decision": decision(dt.date(2025, 6, 6))},
        "draft": {"status": "draft", "decision": None},  # created today: the adopted version is in force
        "before": {"status": "superseded", "decision": decision(dt.date(2021, 1, 1))},  # none adopted then
    }
    pks = {
        key: ListVersion.objects.create(
            agreement=agreement, number=n, rate_date=dt.date(2025, 3, 31), **fields
        ).pk
        for n, (key, fields) in enumerate(rows.items(), start=1)
    }

    new = _migrate(AFTER)
    ListVersion = new.get_model("projects", "ListVersion")
    attached = {key: ListVersion.objects.get(pk=pk).strategy_version_id for key, pk in pks.items()}
    assert attached == {"2023": first.pk, "2025": second.pk, "draft": second.pk, "before": second.pk}
    assert ListVersion.objects.filter(change_significant__isnull=True).count() == 4
    assert {v.decision_id for v in ListVersion.objects.all()} == {
        f["decision"] and f["decision"].pk for f in rows.values()
    }

    old = _migrate(BEFORE)  # back: the rows stay, with their decisions
    assert old.get_model("projects", "ListVersion").objects.count() == 4
    new = _migrate(AFTER)
    again = {
        key: new.get_model("projects", "ListVersion").objects.get(pk=pk).strategy_version_id
        for key, pk in pks.items()
    }
    assert again == attached
    _migrate(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )  # the tests after this one need the rest
