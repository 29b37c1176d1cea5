"""PostgreSQL only: many people adding projects to the main list at the same moment cannot together
overshoot the envelope, because each addition locks the list version before it adds up what is taken."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from zit.funding.models import AllocationLine
from zit.funding.selectors import agreement_current
from zit.projects import lists
from zit.projects.models import ListEntry

from .test_lists import RATE_DAY, accepted_card

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 8


def test_parallel_additions_never_exceed_the_envelope(round_, golina_user, golina, measure, strategy, office):
    agreement = agreement_current()
    AllocationLine.objects.update_or_create(
        agreement=agreement, measure=measure, fund=measure.fund, defaults={"amount_eur": Decimal("450000")}
    )
    cards = [
        accepted_card(round_, golina_user, golina, measure, strategy, office, f"Projekt {i}")
        for i in range(PARALLEL)
    ]
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    start = threading.Barrier(PARALLEL)
    outcomes: list[str] = []

    def add(card):
        try:
            start.wait(timeout=10)
            lists.list_entry_add(actor=office, version=version, card=card, position="main")
            outcomes.append("added")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=add, args=(card,)) for card in cards]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    main = ListEntry.objects.filter(version=version, position="main")
    total = sum((e.eu_eur for e in main), Decimal(0))
    assert total <= Decimal("450000")
    assert sorted(outcomes) == ["added"] * 3 + ["refused"] * (PARALLEL - 3)  # EUR 133,846.41 each
    assert main.count() == 3
