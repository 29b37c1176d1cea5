from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from zit.assessment.models import Assignment, CriteriaSet, Criterion, Declaration

from .accounts import UserFactory
from .base import ValidFactory, seq
from .projects import ProjectCardFactory, RoundFactory


class CriteriaSetFactory(ValidFactory):
    class Meta:
        model = CriteriaSet

    round = factory.SubFactory(RoundFactory, scoring=True)
    pass_threshold = Decimal("60")
    third_share = Decimal("0.30")


class CriterionFactory(ValidFactory):
    class Meta:
        model = Criterion

    criteria_set = factory.SubFactory(CriteriaSetFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = seq("Kryterium testowe {n}")
    kind = Criterion.Kind.SCORED
    weight = Decimal("1")
    max_score = 10


class AssignmentFactory(ValidFactory):
    class Meta:
        model = Assignment

    card = factory.SubFactory(ProjectCardFactory)
    assessor = factory.SubFactory(UserFactory, roles=[("assessor", None)])


class DeclarationFactory(ValidFactory):
    """An assessor's signed declaration of impartiality for a round (without ties)."""

    class Meta:
        model = Declaration

    round = factory.SubFactory(RoundFactory, scoring=True)
    assessor = factory.SubFactory(UserFactory, roles=[("assessor", None)])
    text = "Oświadczam, że nie pozostaję w związku z wnioskodawcami."
    signed_at = factory.LazyFunction(timezone.now)
