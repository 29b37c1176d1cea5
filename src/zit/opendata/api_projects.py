"""API: the public catalogue of projects (filters, Polish full-text search, ordering on indexed columns)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema

from zit.opendata.api import DEFAULT_LIMIT, Limit, Offset, Year, choice, not_found, page
from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
from zit.opendata.rows_registers import project_geometry, project_row, projects_queryset
from zit.opendata.search import search

router = Router(tags=["projekty"])
ProjectStatus = choice(CatalogueProject.Status.values)

# only indexed columns, each ending on the unique key, so a deep page is a cheap index walk
ORDERINGS = {
    "key": ("key",),
    "-key": ("-key",),
    "year": ("year", "key"),
    "-year": ("-year", "key"),
    "updated_at": ("updated_at", "key"),
    "-updated_at": ("-updated_at", "key"),
}


class Project(Schema):
    key: str
    title: str
    summary: str
    beneficiary: str
    status: str
    status_label: str
    fund: str
    measure: str
    measure_name: str
    contract_number: str
    year: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    total_pln: Decimal | None
    eu_pln: Decimal | None
    spent_pln: Decimal | None
    place: str
    gminas: list[str]
    goals: list[str]
    lon: float | None
    lat: float | None
    # "exact": the project's own point or line; "gmina": its gmina's point stands in; null: not located
    location_precision: Literal["exact", "gmina"] | None = None
    is_demo: bool
    updated_at: dt.datetime


class SocialClause(Schema):
    kind: str
    kind_label: str
    subject: str
    estimated_pln: Decimal
    planned_year: int
    planned_quarter: int
    state: str
    state_label: str
    announced_on: dt.date | None
    awarded_on: dt.date | None
    awarded_pln: Decimal | None
    contractor: str
    contractor_is_pes: bool


class PesPartner(Schema):
    name: str
    pes_kind: str
    pes_kind_label: str


class ProjectDetail(Project):
    geometry: dict | None
    pes_partners: list[PesPartner]
    social_clauses: list[SocialClause]


class ProjectPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Project]


@router.get("", response=ProjectPage, summary="Projekty z katalogu")
def projects(
    request,
    gmina: str = "",
    fund: str = "",
    measure: str = "",
    status: ProjectStatus | None = None,
    goal: str = "",
    year: Year = None,
    q: str = "",
    ordering: Literal["key", "-key", "year", "-year", "updated_at", "-updated_at"] | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """Filtry: `gmina` (kod TERC), `fund` (np. EFRR), `measure` (numer działania, np. 3.2), `status`
    (listed, applying, selected, running, completed, terminated), `goal` (oznaczenie celu strategii, np. C1),
    `year` (rok rozpoczęcia), `q` (wyszukiwanie po polsku: „drogi w Ślesinie” znajdzie „przebudowę drogi
    gminnej w Ślesinie”). Bez `ordering` wyniki wyszukiwania idą od najtrafniejszych, pozostałe według `key`."""
    found = CatalogueProject.objects.all()
    if gmina:
        found = found.filter(pk__in=CatalogueGmina.objects.filter(unit__terc=gmina).values("project_id"))
    if goal:
        found = found.filter(pk__in=CatalogueGoal.objects.filter(code=goal).values("project_id"))
    if fund:
        found = found.filter(fund=fund)
    if measure:
        found = found.filter(measure=measure)
    if status:
        found = found.filter(status=status)
    if year is not None:
        found = found.filter(year=year)
    if q.strip():
        found = search(found, q[:200])
        if ordering or not found.query.order_by:
            found = found.order_by(*ORDERINGS[ordering or "key"])
    else:
        found = found.order_by(*ORDERINGS[ordering or "key"])
    return page(request, found, limit=limit, offset=offset, row=project_row)


@router.get("/{key}", response=ProjectDetail, summary="Projekt po identyfikatorze (key)")
def project(request, key: str):
    found = projects_queryset().filter(key=key).first()
    if found is None:
        raise not_found(_("Nie ma takiego projektu w katalogu."))
    row: dict[str, Any] = project_row(found)
    return row | {"geometry": project_geometry(found), **_social(found.card_id)}


def _social(card_id: int | None) -> dict[str, list]:
    """The social dimension of a project from a card: PES partners and social clauses with their state."""
    if card_id is None:
        return {"pes_partners": [], "social_clauses": []}
    from zit.projects.models import CardPartner
    from zit.projects.models import SocialClause as Clause

    partners = CardPartner.objects.filter(
        card_id=card_id, organisation__social_economy_entity__isnull=False
    ).select_related("organisation__social_economy_entity")
    clauses = Clause.objects.filter(card_id=card_id).select_related(
        "contractor_organisation__social_economy_entity"
    )
    return {
        "pes_partners": [
            {
                "name": p.organisation.name,
                "pes_kind": p.organisation.social_economy_entity.kind,
                "pes_kind_label": p.organisation.social_economy_entity.get_kind_display(),
            }
            for p in partners
        ],
        "social_clauses": [
            {
                "kind": c.kind,
                "kind_label": c.get_kind_display(),
                "subject": c.subject,
                "estimated_pln": c.estimated_pln,
                "planned_year": c.planned_year,
                "planned_quarter": c.planned_quarter,
                "state": c.state,
                "state_label": c.get_state_display(),
                "announced_on": c.announced_on,
                "awarded_on": c.awarded_on,
                "awarded_pln": c.awarded_pln,
                "contractor": c.contractor,
                "contractor_is_pes": bool(
                    c.contractor_organisation_id
                    and hasattr(c.contractor_organisation, "social_economy_entity")
                ),
            }
            for c in clauses
        ],
    }
