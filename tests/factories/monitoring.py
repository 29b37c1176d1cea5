from __future__ import annotations

import datetime as dt

import factory

from zit.monitoring.models import AnnualReport

from .base import ValidFactory


class AnnualReportFactory(ValidFactory):
    class Meta:
        model = AnnualReport

    year = factory.Sequence(lambda n: 2000 + n)
    as_of = factory.LazyAttribute(lambda o: dt.date(o.year + 1, 3, 31))
    snapshot = factory.LazyAttribute(lambda o: {"year": o.year})
    created_by_label = "Biuro ZIT"
