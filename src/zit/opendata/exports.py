"""The public datasets as rows: one row builder per dataset (`TABLES`), written by every format from the same
rows: CSV (UTF-8, commas, decimal points: for programs), the CSV a Polish Excel opens (UTF-8 with a byte-order
mark, semicolons, decimal commas), XLSX (openpyxl write-only) and GeoJSON for the spatial datasets.

Rows are plain dicts keyed by column name; a spatial row also carries its GeoJSON geometry under "geometry"
(not a column). The per-object row functions (`project_row`, `resolution_row`, ...) are what the JSON API
returns too, so a field means the same in the API and in a download. Nothing here holds personal data of
people: organisations appear with their public registry fields only, resolutions with vote tallies only.

CSV and GeoJSON are generated line by line (the projects can be 100,000 rows); an XLSX is written to a temporary
file first (a ZIP cannot be streamed as it grows) and kept until the data change (`xlsx_path`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone, translation

from zit.core.exports import CELL_RULE, spreadsheet_cell, spreadsheet_row

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    name: str  # machine name: CSV header, GeoJSON property, API field
    title: str  # Polish header for Excel and XLSX
    kind: str = "text"  # text | int | decimal | date | bool
    width: int = 16  # XLSX column width


@dataclass(frozen=True)
class Table:
    key: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[dict[str, Any]]]
    sheet: str  # XLSX sheet name (at most 31 characters)
    sources: tuple[str, ...] = ()  # audit object types whose events change the dataset

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        # downloads are Polish data whatever language the visitor chose for the interface
        with translation.override("pl"):
            yield from self.rows()


def _c(name: str, title: str, kind: str = "text", width: int = 16) -> Column:
    return Column(name, title, kind, width)


# --- gminy --------------------------------------------------------------------------------------------------------


def _latest_observations(code: str, units: list) -> dict[int, Any]:
    from django.db.models import F

    from zit.territory.models import Observation

    result: dict[int, Any] = {}
    observations = (
        Observation.objects.filter(variable__code=code, unit__in=units)
        .exclude(value=None)
        .order_by("unit_id", F("reference_date").desc(nulls_last=True), "-id")
    )
    for obs in observations:
        result.setdefault(obs.unit_id, obs)
    return result


def gmina_rows() -> Iterator[dict[str, Any]]:
    from zit.territory.selectors import area_current_version, area_gminas

    units = list(area_gminas(version=area_current_version()).select_related("parent").order_by("terc"))
    population = _latest_observations("population", units)
    area = _latest_observations("area_km2", units)
    for unit in units:
        people = population.get(unit.pk)
        yield {
            "terc": unit.terc,
            "name": unit.name,
            "kind": unit.kind_label,
            "powiat": unit.parent.name if unit.parent_id and unit.parent.level == "powiat" else "",
            "city_with_county_rights": unit.city_with_county_rights,
            "seat": unit.seat,
            "population": int(people.value) if people else None,
            "population_on": people.reference_date if people else None,
            "area_km2": area[unit.pk].value if unit.pk in area else None,
            "geometry": unit.geometry,
        }


GMINY = (
    _c("terc", "Kod TERC", width=10),
    _c("name", "Nazwa", width=24),
    _c("kind", "Rodzaj", width=24),
    _c("powiat", "Powiat", width=18),
    _c("city_with_county_rights", "Miasto na prawach powiatu", "bool"),
    _c("seat", "Siedziba", width=18),
    _c("population", "Liczba ludności", "int"),
    _c("population_on", "Ludność według stanu na", "date"),
    _c("area_km2", "Powierzchnia (km²)", "decimal"),
)

# --- członkowie -----------------------------------------------------------------------------------------------

# kinds of organisation that are never a natural person; others are public only with a KRS entry
PUBLIC_ORGANISATION_KINDS = (
    "local_government",
    "municipal_unit",
    "municipal_company",
    "institution",
    "association",
)


def organisation_row(organisation) -> dict[str, Any]:
    """The registry fields of an organisation; e-mail and phone are left out (they may name a person)."""
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "kind": organisation.kind,
        "kind_label": str(organisation.get_kind_display()),
        "nip": organisation.nip,
        "regon": organisation.regon,
        "krs": organisation.krs,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "gmina_terc": organisation.gmina.terc if organisation.gmina_id else None,
        "website": organisation.website,
        "is_demo": organisation.is_demo,
    }


def member_row(member, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    periods = sorted(member.periods.all(), key=lambda p: p.start)
    ended = [p.end for p in periods if p.end]
    return {
        "slug": member.slug,
        "number": member.number,
        "name": member.name,
        "kind": member.kind,
        "kind_label": str(member.get_kind_display()),
        "terc": member.territory.terc,
        "organisation_id": member.organisation_id,
        "organisation_name": member.organisation.name,
        "nip": member.organisation.nip,
        "regon": member.organisation.regon,
        "member_since": periods[0].start if periods else None,
        "member_until": max(ended) if periods and len(ended) == len(periods) else None,
        "is_member": any(p.covers(today) for p in periods),
        "periods": [{"start": p.start, "end": p.end} for p in periods],
    }


def member_rows() -> Iterator[dict[str, Any]]:
    from zit.association.selectors import members_all

    today = timezone.localdate()
    for member in members_all().order_by("number"):
        row = member_row(member, today)
        row["periods"] = "; ".join(
            f"{p['start'].isoformat()}–{p['end'].isoformat() if p['end'] else ''}" for p in row["periods"]
        )
        yield row


CZLONKOWIE = (
    _c("number", "Numer", "int", 8),
    _c("slug", "Identyfikator", width=18),
    _c("name", "Nazwa członka", width=30),
    _c("kind_label", "Rodzaj", width=24),
    _c("terc", "Kod TERC", width=10),
    _c("organisation_name", "Urząd", width=36),
    _c("nip", "NIP", width=12),
    _c("regon", "REGON", width=12),
    _c("member_since", "Członek od", "date"),
    _c("member_until", "Członek do", "date"),
    _c("is_member", "Obecnie członkiem", "bool"),
    _c("periods", "Okresy członkostwa", width=30),
)

# --- koperty ------------------------------------------------------------------------------------------------------


def envelope_rows() -> Iterator[dict[str, Any]]:
    from zit.funding.selectors import agreement_current, allocation_summary

    agreement = agreement_current()
    if agreement is None:
        return
    summary = allocation_summary(agreement=agreement)
    for row in summary.by_measure:
        measure = row.measure
        yield {
            "measure": measure.number,
            "measure_name": measure.name_pl,
            "priority": measure.priority.number if measure.priority_id else "",
            "fund": row.fund.code if row.fund else "",
            "amount_eur": row.eur,
            "share": round(row.share, 6),
            "amount_pln": row.pln,
            "rate": summary.conversion.rate if summary.conversion else None,
            "rate_date": summary.conversion.rate_date if summary.conversion else None,
            "agreement": agreement.title,
            "is_demo": row.is_demo,
        }


KOPERTY = (
    _c("measure", "Działanie", width=10),
    _c("measure_name", "Nazwa działania", width=50),
    _c("priority", "Priorytet", width=10),
    _c("fund", "Fundusz", width=10),
    _c("amount_eur", "Alokacja ZIT (EUR)", "decimal", 18),
    _c("share", "Udział w alokacji", "decimal", 12),
    _c("amount_pln", "Alokacja ZIT (PLN, szacunek)", "decimal", 18),
    _c("rate", "Kurs EUR/PLN", "decimal", 10),
    _c("rate_date", "Data kursu", "date"),
    _c("agreement", "Porozumienie", width=40),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

# --- strategia ----------------------------------------------------------------------------------------------------


def strategy_version():
    from zit.strategy.selectors import public_version, strategy_current

    return public_version(strategy_current())


def strategy_rows() -> Iterator[dict[str, Any]]:
    """The strategy in force as one flat table: goals, operational goals, directions, undertakings and
    indicators, each with its stable key and the code of what it belongs to."""
    from zit.strategy.models import Direction, Goal, OperationalGoal, TargetIndicator, Undertaking

    version = strategy_version()
    if version is None:
        return
    base = {"version": version.number, "version_status": version.status}

    def row(kind: str, item, parent: str, **extra) -> dict[str, Any]:
        return (
            base
            | {
                "kind": kind,
                "key": item.key,
                "code": getattr(item, "code", ""),
                "title": getattr(item, "title", ""),
                "parent": parent,
                "unit": "",
                "baseline_value": None,
                "baseline_year": None,
                "target_value": None,
                "target_year": None,
                "estimated_cost_pln": None,
                "is_demo": item.is_demo,
            }
            | extra
        )

    for goal in Goal.objects.filter(version=version).order_by("order", "code"):
        yield row("goal", goal, "")
    for item in (
        OperationalGoal.objects.filter(version=version).select_related("goal").order_by("order", "code")
    ):
        yield row("operational_goal", item, item.goal.code if item.goal_id else "")
    directions = Direction.objects.filter(version=version).select_related("operational_goal")
    for item in directions.order_by("order", "code"):
        yield row("direction", item, item.operational_goal.code if item.operational_goal_id else "")
    undertakings = Undertaking.objects.filter(version=version).prefetch_related("directions")
    for item in undertakings.order_by("order", "code"):
        parents = ", ".join(sorted(d.code for d in item.directions.all()))
        yield row("undertaking", item, parents, estimated_cost_pln=item.estimated_cost_pln)
    indicators = TargetIndicator.objects.filter(version=version).select_related(
        "indicator", "goal", "operational_goal", "undertaking"
    )
    for item in indicators.order_by("order", "id"):
        owner = item.owner
        yield row(
            "indicator",
            item,
            owner.code if owner else "",
            code=item.indicator.code or "",
            title=str(item.indicator),
            unit=item.indicator.unit_pl,
            baseline_value=item.baseline_value,
            baseline_year=item.baseline_year,
            target_value=item.target_value,
            target_year=item.target_year,
        )


STRATEGIA = (
    _c("version", "Wersja strategii", "int", 8),
    _c("kind", "Rodzaj pozycji", width=16),
    _c("key", "Klucz", width=14),
    _c("code", "Oznaczenie", width=12),
    _c("title", "Nazwa", width=60),
    _c("parent", "Należy do", width=12),
    _c("unit", "Jednostka", width=10),
    _c("baseline_value", "Wartość bazowa", "decimal"),
    _c("baseline_year", "Rok bazowy", "int", 8),
    _c("target_value", "Wartość docelowa", "decimal"),
    _c("target_year", "Rok docelowy", "int", 8),
    _c("estimated_cost_pln", "Szacowany koszt (PLN)", "decimal", 18),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

# --- projekty -----------------------------------------------------------------------------------------------------


def project_geometry(project) -> dict | None:
    if project.geometry:
        return project.geometry
    if project.lon is not None and project.lat is not None:
        return {"type": "Point", "coordinates": [project.lon, project.lat]}
    return None


def project_row(project) -> dict[str, Any]:
    """A catalogue project; its gminas and goals come from the codes the row carries (no link is read)."""
    return {
        "key": project.key,
        "title": project.title,
        "summary": project.summary,
        "beneficiary": project.beneficiary,
        "status": project.status,
        "status_label": str(project.get_status_display()),
        "fund": project.fund,
        "measure": project.measure,
        "measure_name": project.measure_name,
        "contract_number": project.contract_number,
        "year": project.year,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "total_pln": project.total_pln,
        "eu_pln": project.eu_pln,
        "spent_pln": project.spent_pln,
        "place": project.place,
        "gminas": project.gmina_codes.split(),
        "goals": project.goal_codes.split(),
        "lon": project.lon,
        "lat": project.lat,
        "is_demo": project.is_demo,
        "updated_at": project.updated_at,
    }


def projects_queryset():
    from zit.opendata.models import CatalogueProject

    return CatalogueProject.objects.all()


PROJECT_FIELDS = [
    "id",
    "key",
    "title",
    "summary",
    "beneficiary",
    "status",
    "fund",
    "measure",
    "measure_name",
    "contract_number",
    "year",
    "starts_on",
    "ends_on",
    "total_pln",
    "eu_pln",
    "spent_pln",
    "place",
    "lon",
    "lat",
    "geometry",
    "is_demo",
    "updated_at",
]


def project_rows() -> Iterator[dict[str, Any]]:
    """Every catalogue project, in chunks walked by key (an index range each, however deep), with plain
    values rather than model objects: 100,000 rows in seconds, in flat memory."""
    from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject

    labels = {value: str(label) for value, label in CatalogueProject.Status.choices}
    last = ""
    while True:
        chunk = list(
            CatalogueProject.objects.filter(key__gt=last).order_by("key").values(*PROJECT_FIELDS)[:CHUNK]
        )
        if not chunk:
            return
        ids = [row["id"] for row in chunk]
        gminas: dict[int, list[str]] = {}
        for project_id, terc in (
            CatalogueGmina.objects.filter(project_id__in=ids)
            .order_by("id")
            .values_list("project_id", "unit__terc")
        ):
            gminas.setdefault(project_id, []).append(terc)
        goals: dict[int, list[str]] = {}
        for project_id, code in (
            CatalogueGoal.objects.filter(project_id__in=ids).order_by("id").values_list("project_id", "code")
        ):
            goals.setdefault(project_id, []).append(code)
        for row in chunk:
            project_id = row.pop("id")
            geometry = row["geometry"]
            if not geometry and row["lon"] is not None and row["lat"] is not None:
                geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            row |= {
                "status_label": labels.get(row["status"], row["status"]),
                "gminas": ",".join(gminas.get(project_id, [])),
                "goals": ",".join(goals.get(project_id, [])),
                "geometry": geometry,
            }
            yield row
        last = chunk[-1]["key"]


PROJEKTY = (
    _c("key", "Identyfikator", width=24),
    _c("title", "Tytuł projektu", width=60),
    _c("beneficiary", "Beneficjent", width=36),
    _c("status", "Kod stanu", width=10),
    _c("status_label", "Stan", width=24),
    _c("fund", "Fundusz", width=8),
    _c("measure", "Działanie", width=8),
    _c("measure_name", "Nazwa działania", width=40),
    _c("contract_number", "Numer umowy", width=24),
    _c("year", "Rok rozpoczęcia", "int", 8),
    _c("starts_on", "Początek realizacji", "date"),
    _c("ends_on", "Koniec realizacji", "date"),
    _c("total_pln", "Wartość projektu (PLN)", "decimal", 18),
    _c("eu_pln", "Dofinansowanie UE (PLN)", "decimal", 18),
    _c("spent_pln", "Wydatki rozliczone (PLN)", "decimal", 18),
    _c("place", "Miejsce realizacji", width=30),
    _c("gminas", "Gminy (kody TERC)", width=20),
    _c("goals", "Cele strategii", width=12),
    _c("lon", "Długość geograficzna", "decimal", 12),
    _c("lat", "Szerokość geograficzna", "decimal", 12),
    _c("summary", "Opis", width=60),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

# --- wskaźniki ----------------------------------------------------------------------------------------------------


def indicator_progress_rows() -> Iterator[dict[str, Any]]:
    """Public figures of the indicator progress: the rolled-up values against the strategy's and the
    agreement's targets, never a single project's report."""
    from zit.monitoring import indicators

    sums = indicators.rollups()
    _version, strategy = indicators.strategy_progress(sums=sums)
    sources = [("strategy", item) for item in strategy]
    sources += [("agreement", item) for item in indicators.agreement_progress(sums=sums)]
    for source, item in sources:
        yield {
            "source": source,
            "indicator_code": item.indicator.code or "",
            "indicator": item.label,
            "unit": item.indicator.unit_pl,
            "target_of": item.owner,
            "baseline_value": item.baseline,
            "baseline_year": item.baseline_year,
            "target_value": item.target,
            "target_year": item.target_year,
            "value": item.value.quantize(Decimal("0.001")) if item.value is not None else None,
            "summed": bool(item.rollup and item.rollup.summed),
            "projects": len(item.rollup.projects) if item.rollup else 0,
            "status": item.status or "",
            "status_label": item.status_label,
            "is_demo": item.is_demo,
        }


WSKAZNIKI = (
    _c("source", "Cel z", width=10),
    _c("indicator_code", "Kod wskaźnika", width=14),
    _c("indicator", "Wskaźnik", width=50),
    _c("unit", "Jednostka", width=10),
    _c("target_of", "Dotyczy", width=36),
    _c("baseline_value", "Wartość bazowa", "decimal"),
    _c("baseline_year", "Rok bazowy", "int", 8),
    _c("target_value", "Wartość docelowa", "decimal"),
    _c("target_year", "Rok docelowy", "int", 8),
    _c("value", "Wartość osiągnięta", "decimal"),
    _c("summed", "Suma z projektów", "bool"),
    _c("projects", "Liczba projektów", "int", 8),
    _c("status", "Kod oceny", width=10),
    _c("status_label", "Ocena", width=18),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

# --- uchwały ------------------------------------------------------------------------------------------------------


def resolution_id(resolution) -> str:
    return f"{resolution.body.slug}/{resolution.year}/{resolution.sequence}"


def resolution_row(resolution) -> dict[str, Any]:
    """A published resolution with its vote tally; who voted how is on the register's page, not here."""
    from django.urls import reverse

    from zit.governance.resolutions import full_title

    vote = getattr(resolution, "vote", None)
    closed = vote is not None and vote.is_closed
    return {
        "id": resolution_id(resolution),
        "number": resolution.number,
        "body": resolution.body.slug,
        "body_name": resolution.body.name,
        "year": resolution.year,
        "sequence": resolution.sequence,
        "adopted_on": resolution.adopted_on,
        "kind": resolution.kind,
        "kind_label": str(resolution.get_kind_display()),
        "subject": resolution.subject,
        "title": full_title(resolution),
        "votes_for": vote.votes_for if closed else None,
        "votes_against": vote.votes_against if closed else None,
        "abstentions": vote.abstentions if closed else None,
        "present": vote.present if closed else None,
        "published_at": resolution.published_at,
        "url": reverse(
            "register:resolution", args=[resolution.body.slug, resolution.year, resolution.sequence]
        ),
        "is_demo": resolution.is_demo,
    }


def resolutions_queryset(filters: dict[str, Any] | None = None):
    from zit.governance.register import published_resolutions

    return published_resolutions(filters=filters).select_related("vote")


def resolution_rows() -> Iterator[dict[str, Any]]:
    for resolution in resolutions_queryset():
        row = resolution_row(resolution)
        row["url"] = settings.ZIT_SITE_URL.rstrip("/") + row["url"]
        yield row


UCHWALY = (
    _c("id", "Identyfikator", width=18),
    _c("number", "Numer", width=10),
    _c("body_name", "Organ", width=30),
    _c("adopted_on", "Data podjęcia", "date"),
    _c("kind_label", "Rodzaj sprawy", width=24),
    _c("subject", "W sprawie", width=60),
    _c("votes_for", "Głosy za", "int", 8),
    _c("votes_against", "Głosy przeciw", "int", 8),
    _c("abstentions", "Wstrzymujące się", "int", 8),
    _c("present", "Obecni", "int", 8),
    _c("url", "Strona w rejestrze", width=40),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

# --- podmioty ekonomii społecznej ---------------------------------------------------------------------------------


def social_economy_row(entity) -> dict[str, Any]:
    """A published PES entry: registry data, offer and the contact the entity itself gave for publication
    (the person who sent the listing request is never here). Expects `organisation__gmina` selected."""
    org = entity.organisation
    return {
        "id": entity.pk,
        "name": org.name,
        "kind": entity.kind,
        "kind_label": str(entity.get_kind_display()),
        "social_enterprise": entity.social_enterprise,
        "social_enterprise_since": entity.social_enterprise_since,
        "nip": org.nip,
        "regon": org.regon,
        "krs": org.krs,
        "street": org.street,
        "postal_code": org.postal_code,
        "city": org.city,
        "gmina_terc": org.gmina.terc if org.gmina_id else None,
        "gmina_name": org.gmina.name if org.gmina_id else None,
        "website": org.website,
        "description": entity.description,
        "services": entity.services,
        "products": entity.products,
        "contact_name": entity.contact_name,
        "contact_email": entity.contact_email,
        "contact_phone": entity.contact_phone,
        "lon": entity.lon,
        "lat": entity.lat,
        "url": settings.ZIT_SITE_URL.rstrip("/") + f"/ekonomia-spoleczna/{entity.pk}/",
        "is_demo": org.is_demo,
        "updated_at": entity.updated_at,
    }


def social_economy_rows() -> Iterator[dict[str, Any]]:
    from zit.social_economy.selectors import entities_public

    for entity in entities_public().order_by("pk"):
        row = social_economy_row(entity)
        if entity.lon is not None and entity.lat is not None:
            row["geometry"] = {"type": "Point", "coordinates": [entity.lon, entity.lat]}
        yield row


PODMIOTY_ES = (
    _c("id", "Identyfikator", "int", 8),
    _c("name", "Nazwa", width=40),
    _c("kind", "Rodzaj (kod)", width=18),
    _c("kind_label", "Rodzaj", width=30),
    _c("social_enterprise", "Przedsiębiorstwo społeczne", "bool"),
    _c("social_enterprise_since", "Status przedsiębiorstwa społecznego od", "date"),
    _c("nip", "NIP", width=12),
    _c("regon", "REGON", width=14),
    _c("krs", "KRS", width=12),
    _c("street", "Ulica i numer", width=24),
    _c("postal_code", "Kod pocztowy", width=8),
    _c("city", "Miejscowość", width=18),
    _c("gmina_terc", "Gmina (TERC)", width=10),
    _c("gmina_name", "Gmina", width=18),
    _c("website", "Strona internetowa", width=30),
    _c("description", "O podmiocie", width=50),
    _c("services", "Usługi", width=50),
    _c("products", "Produkty", width=50),
    _c("contact_name", "Osoba do kontaktu", width=24),
    _c("contact_email", "E-mail", width=28),
    _c("contact_phone", "Telefon", width=16),
    _c("lon", "Długość geograficzna", "decimal"),
    _c("lat", "Szerokość geograficzna", "decimal"),
    _c("url", "Strona w katalogu", width=40),
    _c("is_demo", "Dane demonstracyjne", "bool"),
)

TABLES: dict[str, Table] = {
    t.key: t
    for t in (
        Table(
            "gminy",
            GMINY,
            gmina_rows,
            "Gminy",
            ("territory.administrativeunit", "territory.observation", "territory.areaversion"),
        ),
        Table(
            "czlonkowie",
            CZLONKOWIE,
            member_rows,
            "Członkowie",
            ("association.member", "association.membershipperiod", "organisations.organisation"),
        ),
        Table(
            "koperty",
            KOPERTY,
            envelope_rows,
            "Koperty",
            ("funding.agreement", "funding.allocationline", "funding.measure", "funding.exchangerate"),
        ),
        Table(
            "strategia",
            STRATEGIA,
            strategy_rows,
            "Strategia",
            ("strategy.strategyversion", "strategy.goal", "strategy.undertaking", "strategy.targetindicator"),
        ),
        Table("projekty", PROJEKTY, project_rows, "Projekty", ("opendata.catalogueproject",)),
        Table(
            "wskazniki",
            WSKAZNIKI,
            indicator_progress_rows,
            "Wskaźniki",
            (
                "contracts.progressreport",
                "contracts.contract",
                "strategy.targetindicator",
                "funding.obligation",
            ),
        ),
        Table(
            "uchwaly",
            UCHWALY,
            resolution_rows,
            "Uchwały",
            ("governance.resolution",),
        ),
        Table(
            "podmioty-ekonomii-spolecznej",
            PODMIOTY_ES,
            social_economy_rows,
            "Podmioty ekonomii społecznej",
            ("social_economy.entity", "organisations.organisation"),
        ),
    )
}


def last_modified(key: str) -> dt.datetime | None:
    """When the dataset last changed: the newest audit event on its sources (every write records one), or
    for the projects the catalogue's own stamp."""
    from zit.core.models import AuditEvent

    table = TABLES[key]
    stamps = [AuditEvent.objects.filter(object_type__in=table.sources).aggregate(at=Max("created_at"))["at"]]
    if key == "projekty":
        from zit.opendata.models import CatalogueProject

        stamps.append(CatalogueProject.objects.aggregate(at=Max("updated_at"))["at"])
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


# --- writers ------------------------------------------------------------------------------------------------------


def _plain(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _excel(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, Decimal | float):
        # no thousands separator, so Excel keeps it a number
        return (format(value, "f") if isinstance(value, Decimal) else repr(value)).replace(".", ",")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table, *, excel: bool = False) -> Iterator[bytes]:
    """One line at a time. Plain: UTF-8, commas, decimal points, machine names in the header. Excel:
    UTF-8 with a byte-order mark, semicolons, decimal commas and Polish headers."""
    writer = csv.writer(
        _Echo(), delimiter=";" if excel else ",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    cell = _excel if excel else _plain
    if excel:
        yield "\ufeff".encode()
    yield writer.writerow(spreadsheet_row(c.title if excel else c.name for c in table.columns)).encode()
    batch: list[str] = []
    for row in table.iter_rows():
        batch.append(
            writer.writerow([cell(spreadsheet_cell(row.get(c.name)), c.kind) for c in table.columns])
        )
        if len(batch) >= 500:  # fewer, larger chunks stream faster
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # a JSON number for GIS programs; amounts have two decimal places
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def geojson_lines(table: Table) -> Iterator[bytes]:
    """A FeatureCollection (RFC 7946, WGS84), written feature by feature; rows without a location have a
    null geometry."""
    yield b'{"type":"FeatureCollection","features":['
    first = True
    for row in table.iter_rows():
        properties = {c.name: row.get(c.name) for c in table.columns}
        feature = {"type": "Feature", "geometry": row.get("geometry"), "properties": properties}
        text = json.dumps(feature, ensure_ascii=False, default=_json_default, separators=(",", ":"))
        yield (text if first else "," + text).encode()
        first = False
    yield b"]}"


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


XLSX_FORMATS = {"decimal": "#,##0.00", "date": "yyyy-mm-dd"}


def xlsx_write(table: Table, target: Any) -> None:
    """A write-only workbook (rows go straight to the file, memory stays flat) saved to `target`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.sheet[:31])
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=spreadsheet_cell(column.title))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.iter_rows():
        cells: list[Any] = []
        for column in table.columns:
            value = spreadsheet_cell(row.get(column.name))
            if value is not None and column.kind in XLSX_FORMATS and not isinstance(value, float):
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                cell.number_format = XLSX_FORMATS[column.kind]
                cells.append(cell)
            else:
                cells.append(_xlsx_value(value))
        sheet.append(cells)
    book.save(target)


def xlsx_path(key: str) -> Path:
    """The dataset's workbook, built once per change of the data and reused until the next change."""
    stamp = last_modified(key)
    # the day too: indicator statuses and the PLN of the envelopes depend on the date
    state = f"{key}:{stamp.isoformat() if stamp else '-'}:{timezone.localdate().isoformat()}:{CELL_RULE}"
    marker = hashlib.sha256(state.encode()).hexdigest()[:16]
    directory = Path(settings.MEDIA_ROOT) / "opendata"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key}-{marker}.xlsx"
    if stamp is None or not path.exists():
        descriptor, temporary = tempfile.mkstemp(prefix=f"{key}-", suffix=".xlsx", dir=directory)
        os.close(descriptor)
        xlsx_write(TABLES[key], temporary)
        os.replace(temporary, path)  # atomic: a parallel download never reads half a file
        for old in directory.glob(f"{key}-*.xlsx"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
