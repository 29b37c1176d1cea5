"""The catalogue's rebuild from the imported official list: gminas from whole names and TERC codes, never from
a part of a word ("powiat koniński" is not the city of Konin), and the places it cannot read shown to the office
instead of guessed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from zit.contracts.models import PublishedProject
from zit.opendata.models import CatalogueProject
from zit.opendata.refresh import catalogue_refresh

KONIN, SLESIN, KLECZEW = "3062011", "3010123", "3010043"


def _listed(number: str, place: str) -> PublishedProject:
    return PublishedProject.objects.create(
        contract_number=f"FEWP.01.01-IZ.00-{number}/25",
        origin=PublishedProject.Origin.IMPORT,
        title=f"Projekt z wykazu {number}",
        beneficiary="Beneficjent z wykazu",
        fund="EFRR",
        programme="Fundusze Europejskie dla Wielkopolski 2021-2027",
        measure="1.3 Działanie",
        total_pln=Decimal("1000000.00"),
        eligible_pln=Decimal("800000.00"),
        eu_pln=Decimal("680000.00"),
        cofinancing_rate=Decimal("0.8500"),
        place=place,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 12, 31),
    )


def _entry(row: PublishedProject) -> CatalogueProject:
    return CatalogueProject.objects.get(published=row)


def _tercs(entry: CatalogueProject) -> list[str]:
    return sorted(entry.gmina_links.values_list("unit__terc", flat=True))


@pytest.mark.parametrize(
    ("place", "gminas"),
    [
        ("powiat koniński", []),
        ("Starostwo, powiat koniński", []),  # "Starostwo" is unplaced, and still no Konin
        ("Konin", [KONIN]),
        ("Miasto Konin", [KONIN]),
        ("Gmina Ślesin; Gmina Kleczew", [KLECZEW, SLESIN]),
        ("3010123", [SLESIN]),
        ("Poznań", []),
    ],
)
def test_the_refresh_gives_the_gminas_the_place_names_whole(area, place, gminas):
    row = _listed("0001", place)
    catalogue_refresh()
    entry = _entry(row)
    assert _tercs(entry) == gminas
    assert entry.gmina_codes == " ".join(gminas)  # what the facets count


def test_a_place_it_cannot_read_is_kept_for_the_office(area):
    poznan = _listed("0001", "Poznań")
    mixed = _listed("0002", "Konin, Poznań")
    placed = _listed("0003", "Gmina Ślesin; Gmina Kleczew")
    catalogue_refresh()
    assert _entry(poznan).unplaced_places == ["Poznań"]
    assert _entry(mixed).unplaced_places == ["Poznań"] and _tercs(_entry(mixed)) == [KONIN]
    assert _entry(placed).unplaced_places == []


def test_the_office_sees_the_projects_without_a_gmina_and_their_places(client, area, office, golina_user):
    poznan = _listed("0001", "Poznań")
    _listed("0002", "powiat koniński, Kleczwe")  # a typo
    _listed("0003", "Konin")
    catalogue_refresh()
    client.force_login(office)
    page = client.get(reverse("opendata_office:unplaced")).content.decode()
    assert "Projekty z miejscem realizacji, którego nie przypisaliśmy do gminy: 2." in page
    assert "<li>Poznań</li>" in page and "<li>Kleczwe</li>" in page
    assert poznan.contract_number in page and "Projekt z wykazu 0003" not in page
    imports = client.get(reverse("contracts:published_imports")).content.decode()
    assert "Projekty z miejscem realizacji, którego nie przypisaliśmy do gminy: 2." in imports
    assert 'href="/biuro/katalog/miejsca/"' in imports
    client.force_login(golina_user)
    assert client.get(reverse("opendata_office:unplaced")).status_code == 403


def test_the_public_sees_no_wrong_gmina(client, area):
    powiat = _listed("0001", "powiat koniński")
    poznan = _listed("0002", "Poznań")
    city = _listed("0003", "m. Konin")
    catalogue_refresh()
    for row in (powiat, poznan):
        assert client.get(reverse("api-v1:project", args=[_entry(row).key])).json()["gminas"] == []
    in_konin = client.get(f"{reverse('api-v1:projects')}?gmina={KONIN}").json()["results"]
    assert [p["key"] for p in in_konin] == [_entry(city).key]
    catalogue = client.get(f"{reverse('portal:projects')}?gmina={KONIN}").content.decode()
    assert "Projekt z wykazu 0003" in catalogue and "Projekt z wykazu 0001" not in catalogue
    assert "unplaced" not in str(client.get(reverse("api-v1:project", args=[_entry(poznan).key])).json())


def test_imported_rows_reach_the_map_the_api_and_ogc_api_with_their_kind_of_location(client, area):
    from zit.contracts.published_columns import Locator

    located = _listed("0001", "Gmina Ślesin")
    found = Locator().of_place(located.place)
    PublishedProject.objects.filter(pk=located.pk).update(
        lon=found.lon, lat=found.lat, precision=found.precision, located_in=found.located_in
    )
    exact = _listed("0002", "Konin")
    PublishedProject.objects.filter(pk=exact.pk).update(lon=18.25, lat=52.22, precision="exact")
    catalogue_refresh()
    entry = _entry(located)
    assert (entry.lon, entry.lat, entry.location_precision) == (found.lon, found.lat, "gmina")
    api = client.get(reverse("api-v1:project", args=[entry.key])).json()
    assert api["location_precision"] == "gmina" and api["geometry"]["coordinates"] == [found.lon, found.lat]
    items = client.get("/ogc/collections/projects/items").json()["features"]
    kinds = {f["id"]: f["properties"]["location_precision"] for f in items}
    assert kinds == {entry.key: "gmina", _entry(exact).key: "exact"}
    points = client.get(reverse("portal:map_points")).json()["features"]
    notes = {f["properties"]["key"]: f["properties"]["note"] for f in points}
    assert notes == {entry.key: "lokalizacja przybliżona – punkt gminy", _entry(exact).key: ""}
