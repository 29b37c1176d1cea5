"""Fixtures of the open-data tests.

- The platform's demo data loaded once per test module (inside a transaction rolled back at the module's end,
  so other tests never see it), plus a project typed into the catalogue by the tests (API and downloads).
- Catalogue rows for the OGC API tests: points on a diagonal, two lines, a row with only its map point and
  two projects without a place (which are not features).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from projects.conftest import *  # noqa: F403  (cards for the refresh test)

SLESIN = "3010123"
SETUP = (
    ("load_area", "konin"),
    ("load_association",),
    ("load_funding",),
    ("load_demo", "--i-know-this-is-not-production"),
    ("load_strategy",),
    ("load_projects",),
    ("load_assessment",),
    ("load_governance",),
    ("load_public_information",),
    ("load_social_economy",),
    ("refresh_catalogue",),
)


@pytest.fixture(scope="module")
def platform(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for command in SETUP:  # what `make setup` runs
                call_command(*command, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()


@pytest.fixture
def data(platform, db):
    return platform


@pytest.fixture
def road(data):
    """A project of the test's own in the catalogue, in Ślesin, serving goal C1."""
    from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
    from zit.opendata.refresh import derive_columns
    from zit.opendata.search import index_text
    from zit.territory.models import AdministrativeUnit

    title = "Przebudowa drogi gminnej w Ślesinie"
    project = CatalogueProject.objects.create(
        key="umowa-test-droga-slesin",
        title=title,
        summary="Nawierzchnia, chodniki i oświetlenie; łączy osiedle z rynkiem.",
        beneficiary="Gmina Ślesin",
        status=CatalogueProject.Status.RUNNING,
        fund="EFRR",
        measure="9.9",
        measure_name="9.9 Drogi testowe",
        contract_number="FEWP.09.09-IZ.00-0001/26",
        year=2031,
        total_pln=Decimal("1234567.89"),
        eu_pln=Decimal("987654.32"),
        place="Ślesin",
        lon=18.3,
        lat=52.37,
        search_lemmas=index_text(title, "Gmina Ślesin", "Ślesin"),
    )
    CatalogueGmina.objects.create(project=project, unit=AdministrativeUnit.objects.get(terc=SLESIN))
    CatalogueGoal.objects.create(project=project, code="C9", title="Cel testowy")
    derive_columns(project, gmina_tercs=[SLESIN], goal_codes=["C9"])
    project.save()
    return project


@pytest.fixture
def personal_data(data):
    """Every e-mail address and phone number of a person (and of accounts) the platform holds."""
    from django.contrib.auth import get_user_model

    from zit.association.models import Person

    values = set()
    for email, phone in Person.objects.values_list("email", "phone"):
        values |= {v for v in (email, phone) if v}
    values |= {e for e in get_user_model().objects.values_list("email", flat=True) if e}
    from zit.social_economy.models import ListingRequest

    # who sent a request to the PES directory (the demo loader adds some): never in a public output
    for row in ListingRequest.objects.values_list("contact_name", "contact_email", "contact_phone"):
        values |= {v for v in row if v}
    assert any("@" in v for v in values), "the demo data should hold people's e-mails to check against"
    return values


# a query box that takes points 3–6, line "crossing" and the bare point, but not line "corner", whose box
# overlaps it while the line itself passes below
QUERY_BBOX = (18.25, 52.1, 18.65, 52.3)
EXPECTED_IN_QUERY = {"punkt-03", "punkt-04", "punkt-05", "punkt-06", "linia-przez", "punkt-bez-geometrii"}


def _project(key: str, geometry: dict | None = None, lon=None, lat=None, gminas=(), **extra):
    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import _point, derive_columns

    if geometry:
        lon, lat = _point(geometry)  # as the refresh does: the point, or the line's middle vertex
    project = CatalogueProject(
        key=key,
        title=f"Projekt {key} (demo)",
        beneficiary="Gmina Przykład (demo)",
        status=CatalogueProject.Status.RUNNING,
        fund="EFRR",
        measure="FEWP.06.04",
        lon=lon,
        lat=lat,
        geometry=geometry,
        is_demo=True,
        **extra,
    )
    derive_columns(project, gmina_tercs=list(gminas), goal_codes=[])
    return project


@pytest.fixture
def ogc_catalogue(area):
    """15 located projects (12 points, 2 lines, 1 row with a point but no geometry) and 2 without a place."""
    from decimal import Decimal

    from zit.opendata.models import CatalogueGmina, CatalogueProject
    from zit.territory.models import AdministrativeUnit

    rows = []
    for i in range(12):
        point = {"type": "Point", "coordinates": [round(18.0 + 0.1 * i, 6), round(52.0 + 0.05 * i, 6)]}
        rows.append(
            _project(
                f"punkt-{i:02d}",
                point,
                year=2022 + i % 4,
                starts_on=dt.date(2022 + i % 4, 1, 1),
                ends_on=dt.date(2023 + i % 4, 12, 31),
                total_pln=Decimal("1234567.89"),
                gminas=["3062011"] if i == 0 else [],
            )
        )
    rows.append(
        _project("linia-przez", {"type": "LineString", "coordinates": [[18.2, 52.35], [18.7, 52.05]]})
    )
    rows.append(_project("linia-w-rogu", {"type": "LineString", "coordinates": [[18.0, 52.2], [18.3, 52.0]]}))
    rows.append(_project("punkt-bez-geometrii", lon=18.5, lat=52.12))
    rows.append(_project("bez-miejsca-1"))
    rows.append(_project("bez-miejsca-2"))
    created = CatalogueProject.objects.bulk_create(rows)
    konin = AdministrativeUnit.objects.get(terc="3062011")
    CatalogueGmina.objects.create(project=created[0], unit=konin)
    return created
