"""Rounds and project cards (the rows the project pages, the assessment and the catalogue start from)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from zit.funding.models import Agreement, Measure
from zit.projects.models import (
    Call,
    CardPartner,
    CardTransition,
    ListEntry,
    ListVersion,
    ProjectCard,
    Round,
    SocialClause,
)

from .base import ValidFactory, seq
from .organisations import OrganisationFactory
from .social_economy import EntityFactory


def zit_measure() -> Measure:
    found = Measure.objects.filter(is_zit=True, fund__isnull=False).order_by("sort_key").first()
    assert found, "load the programme layer first (the `funding_data` fixture)"
    return found


class RoundFactory(ValidFactory):
    class Meta:
        model = Round

    number = factory.Sequence(lambda n: f"{n + 1}/2031")
    title = seq("Nabór testowy {n}")
    opens_on = dt.date(2031, 1, 1)
    closes_on = dt.date(2031, 12, 31)

    @factory.post_generation
    def measures(self, create, extracted, **kwargs):
        self.measures.set(extracted if extracted is not None else [zit_measure()])


class ProjectCardFactory(ValidFactory):
    class Meta:
        model = ProjectCard

    round = factory.SubFactory(RoundFactory)
    # the next number in the round, as the service gives it (1/2026/001, 1/2026/002, …)
    number = factory.LazyAttribute(lambda o: f"{o.round.number}/{o.round.cards.count() + 1:03d}")
    title = seq("Projekt testowy {n}")
    summary = "Przebudowa drogi i ścieżka rowerowa."
    beneficiary = factory.SubFactory(OrganisationFactory)
    measure = factory.LazyFunction(zit_measure)
    fund = factory.LazyAttribute(lambda o: o.measure.fund)
    total_pln = Decimal("1000000.00")
    eligible_pln = Decimal("900000.00")
    eu_pln = Decimal("700000.00")


class CardPartnerFactory(ValidFactory):
    class Meta:
        model = CardPartner

    card = factory.SubFactory(ProjectCardFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class CardTransitionFactory(ValidFactory):
    """A step of the card's history (the card's state itself is not changed)."""

    class Meta:
        model = CardTransition

    card = factory.SubFactory(ProjectCardFactory)
    name = "submit"
    from_state = "draft"
    to_state = "submitted"
    actor_label = "test"

    @factory.post_generation
    def at(self, create, extracted, **kwargs):
        if extracted is not None:  # `at` is set on insert: a given moment is written after it
            CardTransition.objects.filter(pk=self.pk).update(at=extracted)
            self.at = extracted


class CallFactory(ValidFactory):
    """A call for applications of the managing authority."""

    class Meta:
        model = Call

    number = seq("FEWP.TEST-IZ.00-{n:03d}/31")
    measure = factory.LazyFunction(zit_measure)
    mode = Call.Mode.NON_COMPETITIVE
    opens_on = dt.date(2031, 4, 1)
    closes_on = dt.date(2031, 6, 30)


class ListVersionFactory(ValidFactory):
    """A version of the list of projects of the agreement."""

    class Meta:
        model = ListVersion

    agreement = factory.LazyFunction(lambda: Agreement.objects.order_by("pk").first())
    number = factory.Sequence(lambda n: 100 + n)
    rate_date = dt.date(2031, 1, 31)


class ListEntryFactory(ValidFactory):
    class Meta:
        model = ListEntry

    version = factory.SubFactory(ListVersionFactory)
    card = factory.SubFactory(ProjectCardFactory)
    position = ListEntry.Position.MAIN
    order = factory.Sequence(lambda n: n + 1)
    eu_pln = Decimal("430000.00")
    eu_eur = Decimal("100000.00")


def _contracted_card() -> ProjectCard:
    from .contracts import ContractFactory  # the contracts' factories build on these

    return ContractFactory().card


class SocialClauseFactory(ValidFactory):
    """A reserved contract planned on a card; `awarded=True`: awarded to a social-economy entity of the
    registry, on the card of a signed contract (`projects.social.social_clause_outcome` records outcomes only
    after signing)."""

    class Meta:
        model = SocialClause

    class Params:
        awarded = factory.Trait(
            card=factory.LazyFunction(_contracted_card),
            state=SocialClause.State.AWARDED,
            announced_on=dt.date(2026, 4, 1),
            awarded_on=dt.date(2026, 5, 4),
            awarded_pln=Decimal("93500.00"),
            contractor_organisation=factory.LazyFunction(lambda: EntityFactory().organisation),
            contractor=factory.LazyAttribute(lambda o: o.contractor_organisation.name),
            outcome_by_label="Beneficjent",
            outcome_at=factory.LazyFunction(timezone.now),
        )

    card = factory.SubFactory(ProjectCardFactory)
    kind = SocialClause.Kind.RESERVED
    subject = seq("Utrzymanie zieleni {n}")
    estimated_pln = Decimal("100000.00")
    planned_year = 2026
    planned_quarter = 2
