from decimal import Decimal

from django.test import Client
from django.urls import reverse
from projects.conftest import TODAY, complete

from zit.monitoring.sources import frame_vs_cards
from zit.monitoring.warnings import warnings
from zit.projects.services import card_transition
from zit.projects.sources import SourceData, card_sources_set
from zit.strategy.models import FundingSource
from zit.strategy.selectors import strategy_current, version_published


def _submitted_with_sources(card, user, strategy, rows):
    card = complete(card, user, strategy)  # FEW 2021+ in ZIT: 560 000 of 800 000 eligible
    card_sources_set(actor=user, card=card, rows=rows)
    return card_transition(actor=user, card=card, name="submit", today=TODAY)


def test_the_strategys_frame_is_compared_with_every_source_on_the_cards(card, golina_user, strategy, office):
    card = _submitted_with_sources(
        card,
        golina_user,
        strategy,
        [
            SourceData("kpo", Decimal("100000"), Decimal("100000"), programme="KPO"),
            SourceData(
                "national", Decimal("40000"), Decimal("40000"), programme="Rządowy Fundusz Polski Ład"
            ),
            SourceData("own", Decimal("200000"), Decimal("200000"), programme="budżet Gminy Golina"),
        ],
    )
    version = version_published(strategy_current())
    key = card.undertakings.get().key
    undertaking = version.undertakings.get(key=key)
    FundingSource.objects.filter(version=version).delete()
    FundingSource.objects.create(
        version=version, undertaking=undertaking, kind="programme", amount_pln=Decimal("900000")
    )
    FundingSource.objects.create(
        version=version, undertaking=undertaking, kind="own", amount_pln=Decimal("150000")
    )
    comparison = frame_vs_cards(version)
    rows = {r.key: r for r in comparison.by_strategy_kind}
    assert (rows["programme"].planned_pln, rows["programme"].identified_pln) == (
        Decimal("900000"),
        Decimal("660000"),
    )
    assert rows["programme"].difference_pln == Decimal("-240000")
    assert (rows["national"].planned_pln, rows["national"].identified_pln) == (0, Decimal("40000"))
    assert (rows["own"].planned_pln, rows["own"].identified_pln) == (Decimal("150000"), Decimal("200000"))
    by_card = {r.key: r for r in comparison.by_card_kind}
    assert by_card["few_zit"].identified_pln == Decimal("560000") and by_card["kpo"].card_count == 1
    assert comparison.cards_counted == 1
    client = Client()
    client.force_login(office)
    page = client.get(reverse("monitoring:sources")).content.decode()
    assert "Zaplanowane w strategii" in page and "KPO (Krajowy Plan Odbudowy)" in page


def test_double_funding_is_a_warning_in_monitoring(card, golina_user, strategy):
    _submitted_with_sources(
        card,
        golina_user,
        strategy,
        [SourceData("fers", Decimal("300000"), Decimal("300000"), programme="FERS 4.1")],
    )
    [warning] = [w for w in warnings(today=TODAY) if w.rule == "double_funding"]
    assert warning.severity == "high"
    assert warning.title == f"{card.number} – {card.title}"
    assert "860" in warning.detail and "zakaz podwójnego finansowania" in warning.detail
    assert warning.url == reverse("projects:card", args=[card.pk])
