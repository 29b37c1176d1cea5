"""Rebuilding the public catalogue from the platform: cards from the list of strategic projects onwards
(drafts and cards under assessment are not public), and the rows of the imported official list of projects
that the platform does not run itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from zit.contracts.models import PublishedProject
from zit.contracts.published_columns import Locator
from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
from zit.opendata.search import index_text
from zit.projects.models import ProjectCard
from zit.territory.models import AdministrativeUnit
from zit.territory.places import PlaceReader, place_reader

CARD_STATUS = {
    ProjectCard.State.LISTED_MAIN: CatalogueProject.Status.LISTED,
    ProjectCard.State.LISTED_RESERVE: CatalogueProject.Status.LISTED,
    ProjectCard.State.APPLICATION_FILED: CatalogueProject.Status.APPLYING,
    ProjectCard.State.OPINION_ISSUED: CatalogueProject.Status.APPLYING,
    ProjectCard.State.OPINION_NEGATIVE: CatalogueProject.Status.APPLYING,  # the IZ has not decided yet
    ProjectCard.State.SELECTED: CatalogueProject.Status.SELECTED,
    ProjectCard.State.CONTRACTED: CatalogueProject.Status.RUNNING,
    ProjectCard.State.TERMINATED: CatalogueProject.Status.TERMINATED,
}


def _point(geometry: dict | None) -> tuple[float | None, float | None]:
    """The map's point of a GeoJSON point or line: the point, or the line's middle vertex."""
    if not geometry:
        return None, None
    coordinates = geometry.get("coordinates")
    if geometry.get("type") == "Point":
        return coordinates[0], coordinates[1]
    if geometry.get("type") == "LineString" and coordinates:
        middle = coordinates[len(coordinates) // 2]
        return middle[0], middle[1]
    return None, None


def geometry_bbox(
    geometry: dict | None, lon: float | None = None, lat: float | None = None
) -> tuple[float | None, float | None, float | None, float | None]:
    """The bounding box of a GeoJSON point or line, else of the map point, else nothing."""
    coordinates = (geometry or {}).get("coordinates")
    if geometry and geometry.get("type") == "Point" and coordinates:
        points = [coordinates]
    elif geometry and geometry.get("type") == "LineString" and coordinates:
        points = coordinates
    elif lon is not None and lat is not None:
        points = [[lon, lat]]
    else:
        return None, None, None, None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def derive_columns(project: CatalogueProject, *, gmina_tercs: list[str], goal_codes: list[str]) -> None:
    """The columns the catalogue keeps for speed: the box of the geometry or point, whether it is a line, and
    the codes of its gminas and goals."""
    project.min_lon, project.min_lat, project.max_lon, project.max_lat = geometry_bbox(
        project.geometry, project.lon, project.lat
    )
    project.is_line = bool(project.geometry and project.geometry.get("type") == "LineString")
    project.gmina_codes = " ".join(sorted(set(gmina_tercs)))
    project.goal_codes = " ".join(sorted(set(goal_codes)))


def _goals_by_undertaking() -> dict[str, list[tuple[str, str]]]:
    from zit.projects.selectors import undertakings_by_key

    result: dict[str, list[tuple[str, str]]] = {}
    for key, undertaking in undertakings_by_key().items():
        goals = {}
        for direction in undertaking.directions.select_related("operational_goal__goal"):
            goal = direction.operational_goal.goal if direction.operational_goal else None
            if goal is not None:
                goals[goal.code] = goal.title
        result[key] = sorted(goals.items())
    return result


def _card_rows(
    today: dt.date, locator: Locator
) -> list[tuple[CatalogueProject, list[int], list[tuple[str, str]]]]:
    from zit.monitoring.finance import contract_rows, project_figures

    goals = _goals_by_undertaking()
    # what each contract commits now (after amendments and corrections) and what accepted reports settled
    money = {
        item.contract.card_id: (item.figures.contracted_pln, item.figures.spent_pln)
        for item in project_figures(contract_rows(on=today), on=today)
    }
    cards = (
        ProjectCard.objects.filter(state__in=CARD_STATUS)
        .select_related("beneficiary", "measure", "fund", "contract")
        .prefetch_related("gminas", "undertakings")
    )
    social = _social_card_ids()
    rows = []
    for card in cards:
        contract = getattr(card, "contract", None)
        status = CARD_STATUS[card.state]
        if status == CatalogueProject.Status.RUNNING and contract and contract.final_payment_on:
            status = CatalogueProject.Status.COMPLETED
        gminas = list(card.gminas.all())
        # the card's point or line; without one, the point of its first gmina stands in (approximate)
        location = locator.of_geometry(card.location) or locator.of_units(gminas)
        project = CatalogueProject(
            key=f"fiszka-{slugify(card.number.replace('/', '-'))}",
            card=card,
            title=card.title,
            summary=card.summary,
            beneficiary=str(card.beneficiary),
            status=status,
            fund=card.fund.code if card.fund_id else "",
            measure=card.measure.number if card.measure_id else "",
            measure_name=card.measure.name_pl if card.measure_id else "",
            contract_number=contract.number if contract else "",
            year=(card.starts_on or today).year,
            starts_on=card.starts_on,
            ends_on=card.ends_on,
            total_pln=card.total_pln,
            eu_pln=money[card.pk][0] if card.pk in money else card.eu_pln,
            spent_pln=money[card.pk][1] if card.pk in money else None,
            place=", ".join(g.name for g in gminas),
            lon=location.lon,
            lat=location.lat,
            geometry=location.geometry,
            location_precision=location.precision,
            social=card.pk in social,
            is_demo=card.is_demo,
        )
        card_goals = sorted({g for link in card.undertakings.all() for g in goals.get(link.key, [])})
        project.search_lemmas = index_text(
            card.title, card.summary, project.beneficiary, project.place, " ".join(t for _c, t in card_goals)
        )
        rows.append((project, [g.pk for g in gminas], card_goals))
    return rows


def _social_card_ids() -> set[int]:
    """Cards with a partner that is a social economy entity or a social clause not given up (two reads)."""
    from zit.projects.models import CardPartner, SocialClause

    partners = CardPartner.objects.filter(organisation__social_economy_entity__isnull=False)
    clauses = SocialClause.objects.exclude(state=SocialClause.State.CANCELLED)
    return set(partners.values_list("card_id", flat=True)) | set(clauses.values_list("card_id", flat=True))


def _list_rows(today: dt.date, places: PlaceReader) -> list[tuple[CatalogueProject, list[int], list]]:
    """Rows of the official list that are not the platform's own contracts. Their gminas are read from the
    place text by whole names and TERC codes (`territory.places`): "powiat koniński" is not the city of
    Konin; what names no known unit is kept in `unplaced_places` for the office, never guessed."""
    rows = []
    for row in PublishedProject.objects.filter(contract__isnull=True):
        placement = places.read(row.place)
        units = [unit.pk for unit in placement.gminas]
        status = CatalogueProject.Status.COMPLETED if row.ends_on < today else CatalogueProject.Status.RUNNING
        project = CatalogueProject(
            key=f"umowa-{slugify(row.contract_number.replace('/', '-').replace('.', '-'))}",
            published=row,
            title=row.title,
            summary=row.summary,
            beneficiary=row.beneficiary,
            status=status,
            fund=row.fund,
            measure=row.measure.split(" ", 1)[0] if row.measure else "",
            measure_name=row.measure.split(" ", 1)[1] if " " in row.measure else "",
            contract_number=row.contract_number,
            year=row.starts_on.year,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            total_pln=row.total_pln,
            eu_pln=row.eu_pln,
            place=row.place,
            lon=row.lon,
            lat=row.lat,
            geometry=row.geometry,
            location_precision=row.precision,
            unplaced_places=list(placement.unplaced),
            is_demo=row.is_demo,
        )
        project.search_lemmas = index_text(row.title, row.summary, row.beneficiary, row.place)
        rows.append((project, units, []))
    return rows


def catalogue_refresh(*, actor: Any = None, today: dt.date | None = None) -> int:
    """Rebuild the catalogue (a few thousand rows at most come from the platform; seconds).

    Everything slow happens before the write: reading the cards, contracts and the official list, and
    lemmatising their text for search (the first use in a process loads the lemmatiser's dictionary, seconds
    on its own). Only the swap of the old rows for the new ones is one transaction, so on SQLite, where a
    transaction holds the database's one write lock from its start, a sign-in or a form saved meanwhile
    waits for that swap only, never for the reading. Readers see the old catalogue or the new one, never a
    half-written one."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    today = today or timezone.localdate()
    rows = _card_rows(today, Locator()) + _list_rows(today, place_reader())
    terc_of = dict(AdministrativeUnit.objects.filter(level="gmina").values_list("pk", "terc"))
    for project, units, goals in rows:
        derive_columns(
            project, gmina_tercs=[terc_of[unit] for unit in units], goal_codes=[c for c, _t in goals]
        )
    with transaction.atomic():
        return _catalogue_replace(rows, actor=actor)


def _catalogue_replace(rows: list[tuple[CatalogueProject, list[int], list]], *, actor: Any) -> int:
    CatalogueProject.objects.all().delete()
    created = CatalogueProject.objects.bulk_create([project for project, _g, _c in rows])
    CatalogueGmina.objects.bulk_create(
        CatalogueGmina(project=project, unit_id=unit)
        for project, (_p, units, _c) in zip(created, rows, strict=True)
        for unit in units
    )
    CatalogueGoal.objects.bulk_create(
        CatalogueGoal(project=project, code=code, title=title)
        for project, (_p, _u, goals) in zip(created, rows, strict=True)
        for code, title in goals
    )
    audit.record(
        actor=actor,
        action="opendata.catalogue_refresh",
        obj=None,
        collection=CatalogueProject,
        after={"projects": len(created)},
    )
    return len(created)
