"""Public reads from the read replica, everything else from the primary. Two real databases stand in for the
primary and its replica, each with different rows, so a page shows which one it read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.urls import path, reverse

from zit.config import urls as site_urls
from zit.contracts.models import PublishedProject
from zit.core.replica import PRIMARY_COOKIE, ROUTER, ReplicaRouter, _Routing, _routing
from zit.organisations.models import Organisation

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


def _write_then_list(request):
    """A public form: writes, then shows what it reads."""
    Organisation.objects.create(name="Dopisana przez formularz", kind="institution")
    return HttpResponse(", ".join(Organisation.objects.order_by("name").values_list("name", flat=True)))


# the site's own patterns at the root (its i18n_patterns cannot sit inside an include())
urlpatterns = [path("formularz/", _write_then_list), *site_urls.urlpatterns]


@pytest.fixture
def routed(settings):
    """The router as DATABASE_REPLICA_URL configures it."""
    settings.DATABASE_ROUTERS = [ROUTER]


def _published(database: str, title: str) -> None:
    PublishedProject.objects.using(database).create(
        contract_number=f"FEWP.06.01-IZ.00-0001/{database}",
        origin="import",
        title=title,
        beneficiary="Gmina Testowa",
        fund="EFRR",
        programme="Fundusze Europejskie dla Wielkopolski 2021-2027",
        total_pln=Decimal("1000000.00"),
        eligible_pln=Decimal("900000.00"),
        eu_pln=Decimal("765000.00"),
        cofinancing_rate=Decimal("0.8500"),
        place="Konin",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )


@pytest.fixture
def two_databases(db):
    Organisation.objects.using("default").create(name="Instytucja z bazy głównej", kind="institution")
    Organisation.objects.using("replica").create(name="Instytucja z repliki", kind="institution")
    _published("default", "Droga z bazy głównej")
    _published("replica", "Droga z repliki")


def _api_names(client) -> list[str]:
    response = client.get(reverse("api-v1:organisations"))
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


def test_anonymous_public_pages_the_api_and_a_streamed_export_read_the_replica(routed, two_databases, client):
    assert _api_names(client) == ["Instytucja z repliki"]
    page = client.get(reverse("published:list")).content.decode()
    assert "Droga z repliki" in page and "Droga z bazy głównej" not in page
    export = b"".join(client.get(reverse("published:csv")).streaming_content).decode("utf-8-sig")
    assert "Droga z repliki" in export and "Droga z bazy głównej" not in export
    assert PRIMARY_COOKIE not in client.cookies  # reading wrote nothing


def test_the_office_and_signed_in_visitors_read_the_primary(routed, two_databases, client, user_for_role):
    client.force_login(user_for_role("office_admin"))
    office = client.get(reverse("association:organisations")).content.decode()
    assert "Instytucja z bazy głównej" in office and "Instytucja z repliki" not in office
    assert "Instytucja z bazy głównej" in _api_names(client) and "Instytucja z repliki" not in _api_names(
        client
    )
    page = client.get(reverse("published:list")).content.decode()
    assert "Droga z bazy głównej" in page and "Droga z repliki" not in page


def test_the_office_and_the_accounts_under_en_read_the_primary_too(rf):
    from django.contrib.auth.models import AnonymousUser

    from zit.core.replica import _public_read

    for address, public in (
        ("/en/biuro/organizacje/", False),
        ("/en/konto/logowanie/", False),
        ("/en/wykaz/", True),
    ):
        request = rf.get(address)
        request.user = AnonymousUser()
        assert _public_read(request) is public, address


def test_without_the_router_everything_reads_the_primary(two_databases, client):
    assert _api_names(client) == ["Instytucja z bazy głównej"]


def test_after_a_write_the_request_and_the_visitors_next_requests_read_the_primary(
    routed, two_databases, client, settings
):
    settings.ROOT_URLCONF = __name__
    response = client.get("/formularz/")  # a GET that writes, so that the routing would allow the replica
    assert response.content.decode() == "Dopisana przez formularz, Instytucja z bazy głównej"
    cookie = response.cookies[PRIMARY_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_MAX_LAG_SECONDS and cookie["httponly"]
    assert sorted(_api_names(client)) == ["Dopisana przez formularz", "Instytucja z bazy głównej"]
    client.cookies.pop(PRIMARY_COOKIE)
    assert _api_names(client) == ["Instytucja z repliki"]  # the lag has passed: the replica again


def test_the_router_sends_writes_and_migrations_to_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "projects") is True
    assert router.allow_migrate("replica", "projects") is False
    assert router.db_for_read(Organisation) == "default"  # outside a request: a job, a command
    token = _routing.set(_Routing(replica_allowed=True))
    try:
        assert router.db_for_read(Organisation) == "replica"
        assert router.db_for_write(Organisation) == "default"
        assert router.db_for_read(Organisation) == "default"  # from the first write on
    finally:
        _routing.reset(token)
    token = _routing.set(_Routing(replica_allowed=False))
    try:
        assert router.db_for_read(Organisation) == "default"
    finally:
        _routing.reset(token)
