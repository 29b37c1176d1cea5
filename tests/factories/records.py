"""Records: disposal lists and retention holds."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.contenttypes.models import ContentType

from zit.records.models import DisposalList, FilePlanEntry, RetentionHold

from .base import ValidFactory, seq


class DisposalListFactory(ValidFactory):
    class Meta:
        model = DisposalList

    year = 2026
    number = seq("BR.2026.{n}")
    cutoff = dt.date(2025, 12, 31)


class RetentionHoldFactory(ValidFactory):
    """A hold on one file-plan entry's row, standing in for any object."""

    class Meta:
        model = RetentionHold

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(FilePlanEntry))
    object_id = factory.LazyFunction(lambda: FilePlanEntry.objects.order_by("pk").first().pk)
    label = seq("Projekt wstrzymany {n}")
    reason = seq("Postępowanie sądowe nr {n}")
    placed_on = dt.date(2026, 1, 5)
