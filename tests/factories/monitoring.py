from __future__ import annotations

import datetime as dt

import factory

from zit.monitoring.models import AnnualReport, IzIndicatorFigure

from .base import ValidFactory


class AnnualReportFactory(ValidFactory):
    class Meta:
        model = AnnualReport

    year = factory.Sequence(lambda n: 2000 + n)
    as_of = factory.LazyAttribute(lambda o: dt.date(o.year + 1, 3, 31))
    snapshot = factory.LazyAttribute(lambda o: {"year": o.year})
    created_by_label = "Biuro ZIT"


class IzIndicatorFigureFactory(ValidFactory):
    class Meta:
        model = IzIndicatorFigure

    code = "RCO76"
    value = factory.Sequence(lambda n: n + 1)
    as_of = dt.date(2025, 12, 31)
    source = factory.Sequence(lambda n: f"Pismo IZ nr DPR-{n:04d}/25")
    recorded_by_label = "Biuro ZIT"
