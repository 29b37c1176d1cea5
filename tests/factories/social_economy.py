from __future__ import annotations

import factory
from django.utils import timezone

from zit.organisations.models import Organisation
from zit.social_economy.models import Entity, ListingRequest, PesKind, SupportOffer

from .base import ValidFactory, seq
from .organisations import OrganisationFactory
from .territory import gmina


class EntityFactory(ValidFactory):
    """A social-economy entity; `published=True` for one in the public directory."""

    class Meta:
        model = Entity

    class Params:
        published = factory.Trait(
            state=Entity.State.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=Organisation.Kind.SOCIAL_ECONOMY,
        gmina=factory.Sequence(gmina),
    )
    kind = PesKind.SOCIAL_COOPERATIVE
    description = "Usługi porządkowe i catering."
    contact_email = factory.Sequence(lambda n: f"pes{n + 1}@example.pl")


class ListingRequestFactory(ValidFactory):
    class Meta:
        model = ListingRequest

    name = seq("Spółdzielnia Socjalna Test {n}")
    kind = PesKind.SOCIAL_COOPERATIVE
    contact_name = "Ewa Zgłaszająca"
    contact_email = factory.Sequence(lambda n: f"zgloszenie{n + 1}@example.pl")
    consent_at = factory.LazyFunction(timezone.now)


class SupportOfferFactory(ValidFactory):
    class Meta:
        model = SupportOffer

    title = seq("Doradztwo {n}")
    body = "Bezpłatne doradztwo dla podmiotów ekonomii społecznej."
    position = factory.Sequence(lambda n: n)
    is_published = True
