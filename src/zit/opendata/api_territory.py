"""API: gminas and the functional area, members of the association, organisations (registry fields only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from zit.association.models import Member as MemberModel
from zit.opendata import exports
from zit.opendata.api import DEFAULT_LIMIT, Limit, Offset, choice, not_found, page
from zit.opendata.rows import PUBLIC_ORGANISATION_KINDS, member_row, organisation_row
from zit.organisations.models import Organisation as OrganisationModel

areas_router = Router(tags=["gminy i obszar"])
members_router = Router(tags=["członkowie"])
organisations_router = Router(tags=["organizacje"])
MemberKind = choice(MemberModel.Kind.values)
OrganisationKind = choice(OrganisationModel.Kind.values)


class Gmina(Schema):
    terc: str
    name: str
    kind: str
    powiat: str
    city_with_county_rights: bool
    seat: str
    population: int | None
    population_on: dt.date | None
    area_km2: Decimal | None
    url: str


class Statistic(Schema):
    code: str
    name: str
    unit: str
    value: Decimal | None
    reference_date: dt.date | None
    source: str


class GminaDetail(Gmina):
    member: str | None
    statistics: list[Statistic]
    geometry: dict | None


class GminaPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Gmina]


class AreaVersion(Schema):
    number: int
    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str
    gminas: list[str]


class Area(Schema):
    code: str
    name: str
    description: str
    versions: list[AreaVersion]


def _gmina(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"url": reverse("portal:gmina", args=[row["terc"]])}


@areas_router.get("/gminas", response=GminaPage, summary="Gminy obszaru ZIT (wersja obowiązująca)")
def gminas(request, q: str = "", limit: Limit = DEFAULT_LIMIT, offset: Offset = 0):
    rows = [_gmina(r) for r in exports.TABLES["gminy"].iter_rows()]
    if q:
        rows = [r for r in rows if q.lower() in r["name"].lower()]
    return page(request, rows, limit=limit, offset=offset, row=lambda r: r)


@areas_router.get("/gminas/{terc}", response=GminaDetail, summary="Gmina po kodzie TERC")
def gmina(request, terc: str):
    from zit.association.selectors import member_for_territory
    from zit.territory.models import AdministrativeUnit
    from zit.territory.selectors import unit_statistics

    row = next((r for r in exports.TABLES["gminy"].iter_rows() if r["terc"] == terc), None)
    if row is None:
        raise not_found(_("Nie ma gminy obszaru ZIT o tym kodzie TERC."))
    unit = AdministrativeUnit.objects.get(terc=terc)
    member = member_for_territory(terc=terc)
    statistics = [
        {
            "code": s.variable.code,
            "name": s.variable.name,
            "unit": s.variable.unit,
            "value": s.observation.value if s.observation else None,
            "reference_date": s.observation.reference_date if s.observation else None,
            "source": s.variable.source,
        }
        for s in unit_statistics(unit=unit)
    ]
    return _gmina(row) | {"member": member.slug if member else None, "statistics": statistics}


def _area(area) -> dict[str, Any]:
    return {
        "code": area.code,
        "name": area.name,
        "description": area.description,
        "versions": [
            {
                "number": v.number,
                "valid_from": v.valid_from,
                "valid_to": v.valid_to,
                "legal_basis": str(v.legal_basis),
                "gminas": sorted(g.terc for g in v.gminas.all()),
            }
            for v in area.versions.all()
        ],
    }


def _areas():
    from django.db.models import Prefetch

    from zit.territory.models import AreaVersion as AreaVersionModel
    from zit.territory.models import FunctionalArea

    versions = AreaVersionModel.objects.select_related("legal_basis").prefetch_related("gminas")
    return FunctionalArea.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by("code")


@areas_router.get("", response=list[Area], summary="Obszary funkcjonalne z wersjami")
def areas(request):
    return [_area(a) for a in _areas()]


@areas_router.get("/{code}", response=Area, summary="Obszar funkcjonalny po kodzie")
def area(request, code: str):
    found = _areas().filter(code=code).first()
    if found is None:
        raise not_found(_("Nie ma obszaru o tym kodzie."))
    return _area(found)


# --- members ------------------------------------------------------------------------------------------------------


class Period(Schema):
    start: dt.date
    end: dt.date | None


class Member(Schema):
    slug: str
    number: int
    name: str
    kind: str
    kind_label: str
    terc: str
    organisation_id: int
    organisation_name: str
    nip: str
    regon: str
    member_since: dt.date | None
    member_until: dt.date | None
    is_member: bool
    periods: list[Period]
    url: str


class MemberPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Member]


def _member(member) -> dict[str, Any]:
    return member_row(member) | {"url": reverse("portal:member", args=[member.slug])}


@members_router.get("", response=MemberPage, summary="Członkowie Stowarzyszenia")
def members(
    request,
    kind: MemberKind | None = None,
    current: bool | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """`current=true`: tylko obecni członkowie; `kind`: city, powiat, gmina."""
    from zit.association.selectors import members_all, members_current

    found = members_current() if current else members_all()
    if kind:
        found = found.filter(kind=kind)
    if current is False:
        found = found.exclude(pk__in=members_current().values("pk"))
    found = found.prefetch_related("periods").order_by("number")
    return page(request, found, limit=limit, offset=offset, row=_member)


@members_router.get("/{slug}", response=Member, summary="Członek po identyfikatorze (slug)")
def member(request, slug: str):
    from zit.association.selectors import members_all

    found = members_all().filter(slug=slug).first()
    if found is None:
        raise not_found(_("Nie ma takiego członka."))
    return _member(found)


# --- organisations ------------------------------------------------------------------------------------------------


class Organisation(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    nip: str
    regon: str
    krs: str
    street: str
    postal_code: str
    city: str
    gmina_terc: str | None
    website: str
    is_demo: bool


class OrganisationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Organisation]


def public_organisations():
    """Organisations that are legal persons of public record: the public sector, and others only with a KRS
    entry (a business without one may be a natural person, whose data we do not publish)."""
    return (
        OrganisationModel.objects.filter(Q(kind__in=PUBLIC_ORGANISATION_KINDS) | ~Q(krs=""))
        .select_related("gmina")
        .order_by("id")
    )


@organisations_router.get("", response=OrganisationPage, summary="Organizacje (dane rejestrowe)")
def organisations(
    request,
    kind: OrganisationKind | None = None,
    gmina: str = "",
    q: str = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """Bez adresów e-mail i telefonów. `gmina`: kod TERC gminy siedziby; `q`: część nazwy, NIP lub REGON."""
    found = public_organisations()
    if kind:
        found = found.filter(kind=kind)
    if gmina:
        found = found.filter(gmina__terc=gmina)
    if q:
        found = found.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(nip=q) | Q(regon=q))
    return page(request, found, limit=limit, offset=offset, row=organisation_row)


@organisations_router.get("/{int:organisation_id}", response=Organisation, summary="Organizacja po id")
def organisation(request, organisation_id: int):
    found = public_organisations().filter(pk=organisation_id).first()
    if found is None:
        raise not_found(_("Nie ma takiej organizacji w otwartych danych."))
    return organisation_row(found)
