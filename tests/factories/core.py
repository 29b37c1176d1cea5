from __future__ import annotations

import datetime as dt

import factory

from zit.core.models import AuditEvent, DecisionReference, Job, Notice

from .base import ValidFactory, seq
from .organisations import OrganisationFactory


class JobFactory(ValidFactory):
    class Meta:
        model = Job

    kind = "core.clear_sessions"
    title = seq("Zadanie testowe {n}")
    status = Job.Status.SUCCEEDED
    progress = 100


class NoticeFactory(ValidFactory):
    """A notice of one person (`core.notices`)."""

    class Meta:
        model = Notice

    recipient = factory.SubFactory("factories.accounts.UserFactory")
    source = "test.things"
    key = seq("test.things:{n}")
    title = seq("Powiadomienie testowe {n}")
    url = "/biuro/"


class DecisionReferenceFactory(ValidFactory):
    """A resolution recorded as the basis of a decision (`core.services.decision_reference_create`)."""

    class Meta:
        model = DecisionReference

    issuer_kind = DecisionReference.IssuerKind.ASSOCIATION_BODY
    issuer_name = "Walne Zebranie Członków"
    number = seq("XII/{n}/2025")
    date = dt.date(2025, 12, 15)
    title = seq("Uchwała testowa {n}")


class AuditEventFactory(factory.django.DjangoModelFactory):
    """An event of the log as `core.audit.record` writes it (with its digest), about `obj`."""

    class Meta:
        model = AuditEvent

    actor = None
    action = "test.change"
    obj = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, actor=None, action="test.change", obj=None, **kwargs):
        from django.db import transaction

        from zit.core.audit import record

        with transaction.atomic():
            return record(actor=actor, action=action, obj=obj, **kwargs)
