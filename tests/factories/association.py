from __future__ import annotations

import datetime as dt

import factory

from zit.association.models import Body, Mandate, Member, MembershipPeriod, Person, Representation
from zit.organisations.models import Organisation

from .base import ValidFactory, seq
from .organisations import OrganisationFactory
from .territory import gmina


class MemberFactory(ValidFactory):
    """A member gmina of the association, on a real gmina of the loaded area."""

    class Meta:
        model = Member

    number = factory.Sequence(lambda n: 100 + n)
    name = seq("Gmina Testowa {n}")
    kind = Member.Kind.GMINA
    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.LOCAL_GOVERNMENT)
    territory = factory.Sequence(gmina)
    slug = seq("gmina-testowa-{n}")


class MembershipPeriodFactory(ValidFactory):
    class Meta:
        model = MembershipPeriod

    member = factory.SubFactory(MemberFactory)
    start = dt.date(2015, 1, 1)


class PersonFactory(ValidFactory):
    class Meta:
        model = Person

    first_name = "Anna"
    last_name = seq("Testowa {n}")
    email = factory.Sequence(lambda n: f"osoba{n + 1}@example.pl")


class RepresentationFactory(ValidFactory):
    class Meta:
        model = Representation

    person = factory.SubFactory(PersonFactory)
    member = factory.SubFactory(MemberFactory)
    function = Representation.Function.DELEGATE
    start = dt.date(2024, 5, 1)


class BodyFactory(ValidFactory):
    class Meta:
        model = Body

    name = seq("Komisja testowa {n}")
    slug = seq("komisja-testowa-{n}")
    kind = Body.Kind.ADVISORY


class MandateFactory(ValidFactory):
    class Meta:
        model = Mandate

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    start = dt.date(2024, 6, 1)
