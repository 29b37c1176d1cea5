from __future__ import annotations

from decimal import Decimal

import factory

from zit.strategy.models import Comment, Goal, Strategy, StrategyVersion, TargetIndicator, Undertaking

from .base import ValidFactory, seq
from .funding import IndicatorFactory


class StrategyFactory(ValidFactory):
    class Meta:
        model = Strategy

    title = "Strategia ZIT testowa"


def strategy() -> Strategy:
    """The loaded strategy if there is one (`load_strategy`), else a new one."""
    return Strategy.objects.order_by("pk").first() or StrategyFactory()


class StrategyVersionFactory(ValidFactory):
    class Meta:
        model = StrategyVersion

    strategy = factory.LazyFunction(strategy)
    number = factory.Sequence(lambda n: 50 + n)
    label = seq("wersja testowa {n}")


class GoalFactory(ValidFactory):
    class Meta:
        model = Goal

    version = factory.SubFactory(StrategyVersionFactory)
    code = seq("C{n}")
    title = seq("Cel testowy {n}")
    dimension = Goal.Dimension.SOCIAL


class UndertakingFactory(ValidFactory):
    class Meta:
        model = Undertaking

    version = factory.SubFactory(StrategyVersionFactory)
    code = seq("P{n}")
    title = seq("Przedsięwzięcie testowe {n}")
    kind = Undertaking.Kind.INVESTMENT


class CommentFactory(ValidFactory):
    class Meta:
        model = Comment

    version = factory.SubFactory(StrategyVersionFactory)
    target_label = "Całość dokumentu"
    text = seq("Uwaga testowa {n}")
    author_name = "Jan Uwagowy"


class TargetIndicatorFactory(ValidFactory):
    """An indicator of the catalogue set on a goal of the version, with its baseline and target."""

    class Meta:
        model = TargetIndicator

    version = factory.SubFactory(StrategyVersionFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    goal = factory.SubFactory(GoalFactory, version=factory.SelfAttribute("..version"))
    baseline_value = Decimal("10")
    baseline_year = 2023
    target_value = Decimal("25")
    target_year = 2030
