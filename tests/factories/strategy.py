from __future__ import annotations

import factory

from zit.strategy.models import Comment, Goal, Strategy, StrategyVersion, Undertaking

from .base import ValidFactory, seq


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
