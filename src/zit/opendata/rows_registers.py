"""The rows of the public registers: the catalogue of projects, the resolutions and the social economy
entities (see `rows.py` for the shape of a dataset)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings

from zit.opendata.rows import CHUNK, column

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
        "location_precision": project.location_precision or None,
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
    column("key", "Identyfikator", width=24),
    column("title", "Tytuł projektu", width=60),
    column("beneficiary", "Beneficjent", width=36),
    column("status", "Kod stanu", width=10),
    column("status_label", "Stan", width=24),
    column("fund", "Fundusz", width=8),
    column("measure", "Działanie", width=8),
    column("measure_name", "Nazwa działania", width=40),
    column("contract_number", "Numer umowy", width=24),
    column("year", "Rok rozpoczęcia", "int", 8),
    column("starts_on", "Początek realizacji", "date"),
    column("ends_on", "Koniec realizacji", "date"),
    column("total_pln", "Wartość projektu (PLN)", "decimal", 18),
    column("eu_pln", "Dofinansowanie UE (PLN)", "decimal", 18),
    column("spent_pln", "Wydatki rozliczone (PLN)", "decimal", 18),
    column("place", "Miejsce realizacji", width=30),
    column("gminas", "Gminy (kody TERC)", width=20),
    column("goals", "Cele strategii", width=12),
    column("lon", "Długość geograficzna", "decimal", 12),
    column("lat", "Szerokość geograficzna", "decimal", 12),
    column("summary", "Opis", width=60),
    column("is_demo", "Dane demonstracyjne", "bool"),
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
    column("id", "Identyfikator", width=18),
    column("number", "Numer", width=10),
    column("body_name", "Organ", width=30),
    column("adopted_on", "Data podjęcia", "date"),
    column("kind_label", "Rodzaj sprawy", width=24),
    column("subject", "W sprawie", width=60),
    column("votes_for", "Głosy za", "int", 8),
    column("votes_against", "Głosy przeciw", "int", 8),
    column("abstentions", "Wstrzymujące się", "int", 8),
    column("present", "Obecni", "int", 8),
    column("url", "Strona w rejestrze", width=40),
    column("is_demo", "Dane demonstracyjne", "bool"),
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
    column("id", "Identyfikator", "int", 8),
    column("name", "Nazwa", width=40),
    column("kind", "Rodzaj (kod)", width=18),
    column("kind_label", "Rodzaj", width=30),
    column("social_enterprise", "Przedsiębiorstwo społeczne", "bool"),
    column("social_enterprise_since", "Status przedsiębiorstwa społecznego od", "date"),
    column("nip", "NIP", width=12),
    column("regon", "REGON", width=14),
    column("krs", "KRS", width=12),
    column("street", "Ulica i numer", width=24),
    column("postal_code", "Kod pocztowy", width=8),
    column("city", "Miejscowość", width=18),
    column("gmina_terc", "Gmina (TERC)", width=10),
    column("gmina_name", "Gmina", width=18),
    column("website", "Strona internetowa", width=30),
    column("description", "O podmiocie", width=50),
    column("services", "Usługi", width=50),
    column("products", "Produkty", width=50),
    column("contact_name", "Osoba do kontaktu", width=24),
    column("contact_email", "E-mail", width=28),
    column("contact_phone", "Telefon", width=16),
    column("lon", "Długość geograficzna", "decimal"),
    column("lat", "Szerokość geograficzna", "decimal"),
    column("url", "Strona w katalogu", width=40),
    column("is_demo", "Dane demonstracyjne", "bool"),
)
