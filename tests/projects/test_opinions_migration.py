"""The one-to-one opinion becomes one of several: every existing opinion keeps its verdict, justification and
date; its string number ("OZ/2026/003") becomes year 2026, sequence 3 ("3/2026"); its call and application
number come from its card; its signed document moves from the card to the opinion; every call gets version 1 of
the default checklist. The way back restores the string numbers and the documents' subjects."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0016_contracts_moved")]
AFTER = [("projects", "0018_compliance_opinions_rebuilt")]
KIND = "projects.compliance_opinion"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_opinions_migrate_without_loss_and_back(funding_data):
    from factories.projects import CallFactory, ProjectCardFactory

    call = CallFactory()
    cards = [ProjectCardFactory(call=call, application_number=f"A-{i}") for i in range(3)]
    old = _migrate(BEFORE)
    Opinion = old.get_model("projects", "ComplianceOpinion")
    Signed = old.get_model("core", "SignedDocument")
    card_type = ContentType.objects.get(app_label="projects", model="projectcard")
    rows = [
        ("OZ/2025/007", True, "Zgodny z P2.", dt.date(2025, 9, 15)),
        ("OZ/2026/001", False, "Poza strategią.", dt.date(2026, 2, 3)),
        ("OZ/2026/012", True, "Zgodny.", dt.date(2026, 5, 4)),
    ]
    for card, (number, compliant, justification, day) in zip(cards, rows, strict=True):
        Opinion.objects.create(
            card_id=card.pk,
            number=number,
            state="issued",
            compliant=compliant,
            justification=justification,
            issued_on=day,
            created_by_label="Biuro",
        )
    Signed.objects.create(
        content_type_id=card_type.pk,
        object_id=cards[0].pk,
        kind=KIND,
        title="Opinia OZ/2025/007",
        read_perm="projects.view",
        write_perm="projects.manage",
    )

    new = _migrate(AFTER)
    Opinion = new.get_model("projects", "ComplianceOpinion")
    got = {
        o.card_id: (
            o.year,
            o.sequence,
            o.compliant,
            o.justification,
            o.issued_on,
            o.call_id,
            o.application_number,
        )
        for o in Opinion.objects.all()
    }
    assert got == {
        cards[0].pk: (2025, 7, True, "Zgodny z P2.", dt.date(2025, 9, 15), call.pk, "A-0"),
        cards[1].pk: (2026, 1, False, "Poza strategią.", dt.date(2026, 2, 3), call.pk, "A-1"),
        cards[2].pk: (2026, 12, True, "Zgodny.", dt.date(2026, 5, 4), call.pk, "A-2"),
    }
    first = Opinion.objects.get(card_id=cards[0].pk)
    opinion_type = ContentType.objects.get(app_label="projects", model="complianceopinion")
    document = new.get_model("core", "SignedDocument").objects.get(kind=KIND)
    assert (document.content_type_id, document.object_id) == (opinion_type.pk, first.pk)
    Checklist = new.get_model("projects", "OpinionChecklist")
    checklist = Checklist.objects.get(call_id=call.pk)
    assert checklist.number == 1 and checklist.criteria.count() == 6

    back = _migrate(BEFORE)
    Opinion = back.get_model("projects", "ComplianceOpinion")
    assert sorted(Opinion.objects.values_list("number", flat=True)) == [
        "OZ/2025/007",
        "OZ/2026/001",
        "OZ/2026/012",
    ]
    document = back.get_model("core", "SignedDocument").objects.get(kind=KIND)
    assert (document.content_type_id, document.object_id) == (card_type.pk, cards[0].pk)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
