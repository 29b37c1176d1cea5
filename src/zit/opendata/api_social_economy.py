"""API: the published entries of the social economy directory (PES)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from zit.opendata.api import DEFAULT_LIMIT, Limit, Offset, choice, not_found, page
from zit.opendata.rows_registers import social_economy_row
from zit.social_economy.models import PesKind

router = Router(tags=["ekonomia społeczna"])
Kind = choice(PesKind.values)


class Entity(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    social_enterprise: bool
    social_enterprise_since: dt.date | None
    nip: str
    regon: str
    krs: str
    street: str
    postal_code: str
    city: str
    gmina_terc: str | None
    gmina_name: str | None
    website: str
    description: str
    services: str
    products: str
    contact_name: str
    contact_email: str
    contact_phone: str
    lon: float | None
    lat: float | None
    url: str
    is_demo: bool
    updated_at: dt.datetime


class EntityPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Entity]


@router.get("/entities", response=EntityPage, summary="Podmioty ekonomii społecznej (opublikowane)")
def entities(
    request,
    kind: Kind | None = None,
    gmina: str = "",
    q: str = "",
    social_enterprise: bool | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """`kind`: rodzaj PES (np. `social_cooperative`, `wtz`, `zaz`, `cis`, `kis`); `gmina`: kod TERC gminy
    siedziby; `q`: część nazwy, usług lub produktów; `social_enterprise=true`: tylko przedsiębiorstwa społeczne.
    Kontakt jest taki, jaki podmiot podał do publikacji."""
    from zit.social_economy.selectors import Filters, entities_public

    found = entities_public(Filters(q=q.strip()[:100], kind=kind or "", gmina=gmina)).order_by("pk")
    if social_enterprise is not None:
        found = found.filter(social_enterprise=social_enterprise)
    return page(request, found, limit=limit, offset=offset, row=social_economy_row)


@router.get("/entities/{int:entity_id}", response=Entity, summary="Podmiot ekonomii społecznej po id")
def entity(request, entity_id: int):
    from zit.social_economy.selectors import entity_public

    found = entity_public(entity_id)
    if found is None:
        raise not_found(_("Nie ma takiego podmiotu w katalogu (albo nie jest opublikowany)."))
    return social_economy_row(found)
