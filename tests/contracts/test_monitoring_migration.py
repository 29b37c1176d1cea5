"""The move from control to monitoring keeps every row: accepted progress reports become noted information,
returned ones a question whose text is the return reason, the decision's time and author the office's
response; the office's durability checks become monitoring information from the office's own observation,
kept → no remarks, broken → a signal passed on to the IZ, the notes kept and the origin said. The way back
restores the old values."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("contracts", "0003_moved_labels")]
AFTER = [("contracts", "0004_monitoring_not_control")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_reports_and_checks_migrate_without_loss_and_back(funding_data):
    from factories.contracts import ContractFactory

    contract_pk = ContractFactory().pk
    old = _migrate(BEFORE)
    Report = old.get_model("contracts", "ProgressReport")
    Check = old.get_model("contracts", "DurabilityCheck")
    decided = timezone.now().replace(microsecond=0)
    common = {
        "contract_id": contract_pk,
        "narrative": "Opis.",
        "created_by_label": "Beneficjent",
        "submitted_at": decided,
    }
    accepted = Report.objects.create(
        period_from=dt.date(2026, 3, 1),
        period_to=dt.date(2026, 4, 30),
        status="accepted",
        decided_at=decided,
        decided_by_label="Anna Biuro",
        **common,
    ).pk
    returned = Report.objects.create(
        period_from=dt.date(2026, 5, 1),
        period_to=dt.date(2026, 6, 30),
        status="returned",
        return_reason="Brak protokołu odbioru.",
        decided_at=decided,
        decided_by_label="Jan Biuro",
        **common,
    ).pk
    draft = Report.objects.create(
        period_from=dt.date(2026, 7, 1), period_to=dt.date(2026, 8, 31), status="draft", **common
    ).pk
    kept = Check.objects.create(
        contract_id=contract_pk,
        checked_on=dt.date(2027, 1, 10),
        result="kept",
        notes="Oględziny bez uwag.",
        checked_by_label="Anna Biuro",
    ).pk
    broken = Check.objects.create(
        contract_id=contract_pk,
        checked_on=dt.date(2027, 2, 10),
        result="broken",
        notes="Obiekt wynajęty na cele komercyjne.",
        checked_by_label="Jan Biuro",
    ).pk

    new = _migrate(AFTER)
    Report = new.get_model("contracts", "ProgressReport")
    Info = new.get_model("contracts", "DurabilityInfo")
    rows = {
        r.pk: (r.status, r.question, r.responded_at, r.responded_by_label, r.narrative)
        for r in Report.objects.all()
    }
    assert rows[accepted] == ("noted", "", decided, "Anna Biuro", "Opis.")
    assert rows[returned] == ("question", "Brak protokołu odbioru.", decided, "Jan Biuro", "Opis.")
    assert rows[draft] == ("draft", "", None, "", "Opis.")
    infos = {i.pk: i for i in Info.objects.all()}
    assert (infos[kept].finding, infos[kept].source, infos[kept].observed_on) == (
        "no_remarks",
        "office",
        dt.date(2027, 1, 10),
    )
    assert (infos[kept].notes, infos[kept].recorded_by_label) == ("Oględziny bez uwag.", "Anna Biuro")
    assert "trwałość zachowana" in infos[kept].origin_note
    assert (infos[broken].finding, infos[broken].source) == ("signal", "office")
    assert infos[broken].notes == "Obiekt wynajęty na cele komercyjne."
    assert "dawnego zapisu" in infos[broken].origin_note and "trwałość naruszona" in infos[broken].origin_note

    back = _migrate(BEFORE)
    Report = back.get_model("contracts", "ProgressReport")
    Check = back.get_model("contracts", "DurabilityCheck")
    assert Report.objects.get(pk=accepted).status == "accepted"
    restored = Report.objects.get(pk=returned)
    assert (restored.status, restored.return_reason, restored.decided_by_label) == (
        "returned",
        "Brak protokołu odbioru.",
        "Jan Biuro",
    )
    checks = {c.pk: (c.result, c.notes, c.checked_on) for c in Check.objects.all()}
    assert checks == {
        kept: ("kept", "Oględziny bez uwag.", dt.date(2027, 1, 10)),
        broken: ("broken", "Obiekt wynajęty na cele komercyjne.", dt.date(2027, 2, 10)),
    }
    # leave the database fully migrated, as the other tests expect it
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
