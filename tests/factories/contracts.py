"""The published list of co-funded projects (rows imported from the official list)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zit.contracts.models import PublishedProject

from .base import ValidFactory, seq


class PublishedProjectFactory(ValidFactory):
    """A row of the published list of co-financed projects (art. 49 of the CPR)."""

    class Meta:
        model = PublishedProject

    contract_number = seq("FEWP.TEST.00-{n:04d}/31")
    origin = PublishedProject.Origin.IMPORT
    title = seq("Projekt opublikowany {n}")
    beneficiary = "Gmina Testowa"
    fund = "EFRR"
    programme = "Fundusze Europejskie dla Wielkopolski 2021-2027"
    total_pln = Decimal("1000000.00")
    eligible_pln = Decimal("900000.00")
    eu_pln = Decimal("700000.00")
    cofinancing_rate = Decimal("0.7778")
    place = "Konin"
    starts_on = dt.date(2031, 1, 1)
    ends_on = dt.date(2032, 12, 31)
