"""API: the published resolutions of the association's bodies (the public register's data)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from zit.governance.models import ResolutionKind
from zit.opendata.api import DEFAULT_LIMIT, Limit, Offset, Year, choice, not_found, page
from zit.opendata.rows_registers import resolution_row, resolutions_queryset

router = Router(tags=["uchwały"])
Kind = choice(ResolutionKind.values)


class Resolution(Schema):
    id: str
    number: str
    body: str
    body_name: str
    year: int
    sequence: int
    adopted_on: dt.date | None
    kind: str
    kind_label: str
    subject: str
    title: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    present: int | None
    published_at: dt.datetime | None
    url: str
    is_demo: bool


class ResolutionPage(Schema):
    count: int
    next: str | None
    previous: str | None
    limit: int
    offset: int
    results: list[Resolution]


@router.get("", response=ResolutionPage, summary="Opublikowane uchwały")
def resolutions(
    request,
    body: str = "",
    year: Year = None,
    kind: Kind | None = None,
    q: str = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
):
    """`body`: identyfikator organu (np. rada, zarzad); `year`; `kind`: rodzaj sprawy; `q`: w treści lub numer
    („3/2026”). Od najnowszych. Wynik głosowania jako liczby głosów; imienne wyniki są w rejestrze uchwał."""
    found = resolutions_queryset({"body": body, "year": year, "kind": kind or "", "q": q})
    found = found.order_by("-adopted_on", "-year", "-sequence", "-id")
    return page(request, found, limit=limit, offset=offset, row=resolution_row)


@router.get("/{body}/{int:year}/{int:sequence}", response=Resolution, summary="Uchwała po numerze")
def resolution(request, body: str, year: int, sequence: int):
    """Identyfikator uchwały to `organ/rok/numer`, np. `rada/2026/3`."""
    found = resolutions_queryset().filter(body__slug=body, year=year, sequence=sequence).first()
    if found is None:
        raise not_found(_("Nie ma takiej opublikowanej uchwały."))
    return resolution_row(found)
