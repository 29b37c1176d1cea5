"""Meetings and resolutions of the association's bodies (loaded with `association_data`)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from zit.association.models import Body
from zit.governance.models import (
    AdvisoryOpinion,
    AssociationYear,
    Meeting,
    PublicDocument,
    Resolution,
    VotingRule,
)

from .association import BodyFactory
from .base import ValidFactory, seq
from .monitoring import AnnualReportFactory


def assembly() -> Body:
    found = Body.objects.filter(kind=Body.Kind.ASSEMBLY).order_by("pk").first()
    assert found, "load the association first (the `association_data` fixture)"
    return found


class MeetingFactory(ValidFactory):
    class Meta:
        model = Meeting

    class Params:
        published = factory.Trait(published_at=factory.LazyFunction(timezone.now))

    body = factory.LazyFunction(assembly)
    starts_at = factory.Sequence(
        lambda n: timezone.make_aware(dt.datetime(2031, 1, 10, 10)) + dt.timedelta(days=7 * n)
    )
    place = "Konin, ul. Zakładowa 4"


class ResolutionFactory(ValidFactory):
    """A draft resolution; `adopted=True` numbers it, `published=True` also puts it in the public register."""

    class Meta:
        model = Resolution

    class Params:
        adopted = factory.Trait(
            status=Resolution.Status.ADOPTED,
            year=2031,
            sequence=factory.Sequence(lambda n: n + 1),
            adopted_on=dt.date(2031, 3, 1),
        )
        published = factory.Trait(adopted=True, published_at=factory.LazyFunction(timezone.now))

    body = factory.LazyFunction(assembly)
    subject = seq("sprawy testowej {n}")
    text = "§ 1. Postanawia się.\n\n§ 2. Uchwała wchodzi w życie z dniem podjęcia."


class PublicDocumentFactory(ValidFactory):
    """A document of the public register; `published=True` to show it there."""

    class Meta:
        model = PublicDocument

    class Params:
        published = factory.Trait(published_at=factory.LazyFunction(timezone.now))

    title = seq("Dokument testowy {n}")
    category = PublicDocument.Category.ANNOUNCEMENT
    file = factory.django.FileField(filename="dokument.pdf", data=b"%PDF-1.4 test")


class VotingRuleFactory(ValidFactory):
    """The majority a body's resolutions of a kind need (one rule per body and kind: a new body each)."""

    class Meta:
        model = VotingRule

    body = factory.SubFactory(BodyFactory)
    kind = "annual_report"
    majority = "simple"


class AssociationYearFactory(ValidFactory):
    """A reporting year (a distinct past year each) with its financial statement in the register."""

    class Meta:
        model = AssociationYear

    year = factory.Sequence(lambda n: 2001 + n)
    financial_statement = factory.SubFactory(
        PublicDocumentFactory, published=True, category=PublicDocument.Category.BUDGET
    )


def advisory_body() -> Body:
    found = Body.objects.filter(kind=Body.Kind.ADVISORY).order_by("pk").first()
    assert found, "load the association first (the `association_data` fixture)"
    return found


class AdvisoryOpinionFactory(ValidFactory):
    """The working group's opinion on an annual report."""

    class Meta:
        model = AdvisoryOpinion

    body = factory.LazyFunction(advisory_body)
    annual_report = factory.SubFactory(AnnualReportFactory)
    given_on = factory.LazyFunction(timezone.localdate)
    outcome = AdvisoryOpinion.Outcome.REMARKS
    text = seq("Uwaga grupy roboczej {n}")
