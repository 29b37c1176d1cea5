"""The strategy's financial frame monitored against every source identified on the cards: FEW 2021+ within ZIT
(the card's measure and computed EU amount) and the other sources (projects.models_sources), by the source kinds
the strategy plans its frame in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zit.projects.models import CardFundingSource, ProjectCard
from zit.strategy.models import FundingSource, StrategyVersion

ZERO = Decimal(0)
# cards that have dropped out do not identify money any more; drafts have not been submitted yet
LEFT_OUT = ("draft", "withdrawn", "rejected", "not_selected", "terminated")
FEW_ZIT = "few_zit"
CARD_KIND_LABELS = {
    FEW_ZIT: _("FEW 2021+ w ZIT (działanie na fiszce)"),
    **dict(CardFundingSource.Kind.choices),
}
# the strategy's coarser kinds (strategy.FundingSource.Kind) each card source counts under
STRATEGY_KIND = {
    FEW_ZIT: "programme",
    "feniks": "programme",
    "fers": "programme",
    "kpo": "programme",
    "fst": "programme",
    "few_other": "programme",
    "national": "national",
    "own": "own",
    "other": "other",
}


@dataclass
class KindRow:
    key: str
    label: str
    planned_pln: Decimal = ZERO
    identified_pln: Decimal = ZERO
    cards: set[int] = field(default_factory=set)

    @property
    def difference_pln(self) -> Decimal:
        return self.identified_pln - self.planned_pln

    @property
    def card_count(self) -> int:
        return len(self.cards)


@dataclass
class FrameComparison:
    version: StrategyVersion | None
    by_strategy_kind: list[KindRow]
    by_card_kind: list[KindRow]
    cards_counted: int

    @property
    def planned_pln(self) -> Decimal:
        return sum((r.planned_pln for r in self.by_strategy_kind), ZERO)

    @property
    def identified_pln(self) -> Decimal:
        return sum((r.identified_pln for r in self.by_strategy_kind), ZERO)


def frame_vs_cards(version: StrategyVersion | None) -> FrameComparison:
    """Planned in the version's frame vs identified on the cards serving its undertakings, per source kind."""
    strategy_rows = {k: KindRow(k, str(label)) for k, label in FundingSource.Kind.choices}
    card_rows = {k: KindRow(k, str(label)) for k, label in CARD_KIND_LABELS.items()}
    if version is None:
        return FrameComparison(None, list(strategy_rows.values()), list(card_rows.values()), 0)
    for row in FundingSource.objects.filter(version=version).values("kind", "amount_pln"):
        strategy_rows[row["kind"]].planned_pln += row["amount_pln"] or ZERO
    keys = list(version.undertakings.values_list("key", flat=True))
    cards = (
        ProjectCard.objects.filter(undertakings__key__in=keys)
        .exclude(state__in=LEFT_OUT)
        .distinct()
        .prefetch_related("funding_sources")
    )
    counted = 0
    amounts: dict[str, list[tuple[int, Decimal]]] = defaultdict(list)
    for card in cards:
        counted += 1
        if card.measure_id and card.eu_pln:
            amounts[FEW_ZIT].append((card.pk, card.eu_pln))
        for source in card.funding_sources.all():
            amounts[source.kind].append((card.pk, source.grant_pln))
    for kind, items in amounts.items():
        for card_id, amount in items:
            for row in (card_rows[kind], strategy_rows[STRATEGY_KIND[kind]]):
                row.identified_pln += amount
                row.cards.add(card_id)
    return FrameComparison(version, list(strategy_rows.values()), list(card_rows.values()), counted)
