"""The platform's demo data loaded once per test module (inside a transaction rolled back at the module's
end, so other tests never see it), plus a project typed into the catalogue by the tests."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

SLESIN = "3010123"
SETUP = (
    ("load_area", "konin"),
    ("load_association",),
    ("load_funding",),
    ("load_demo",),
    ("load_strategy",),
    ("load_projects",),
    ("load_assessment",),
    ("load_governance",),
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
    assert any("@" in v for v in values), "the demo data should hold people's e-mails to check against"
    return values
