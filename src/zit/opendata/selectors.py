"""Reads of the catalogue for the office (the public reads are in `portal.catalogue`, the API and exports)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet

from zit.opendata.models import CatalogueProject


def catalogue_unplaced() -> QuerySet[CatalogueProject]:
    """Imported rows whose place has parts that name no unit we know: the office corrects them in the list
    and imports it again (or leaves a place outside the area as it is). Their gminas are shown beside them."""
    return (
        CatalogueProject.objects.exclude(unplaced_places=[])
        .prefetch_related("gmina_links__unit")
        .only("key", "title", "contract_number", "place", "unplaced_places", "is_demo")
        .order_by("contract_number", "key")
    )


def catalogue_refreshed_at() -> dt.datetime | None:
    """When the catalogue was last rebuilt (every row is written anew)."""
    return CatalogueProject.objects.aggregate(last=Max("updated_at"))["last"]
