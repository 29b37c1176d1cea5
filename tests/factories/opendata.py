from __future__ import annotations

from decimal import Decimal

from zit.opendata.models import CatalogueProject

from .base import ValidFactory, seq


class CatalogueProjectFactory(ValidFactory):
    """A row of the public project catalogue (as the catalogue refresh writes it)."""

    class Meta:
        model = CatalogueProject

    key = seq("projekt-testowy-{n}")
    title = seq("Projekt w katalogu {n}")
    beneficiary = "Gmina Testowa"
    status = CatalogueProject.Status.RUNNING
    fund = "EFRR"
    year = 2031
    total_pln = Decimal("1000000.00")
    eu_pln = Decimal("700000.00")
