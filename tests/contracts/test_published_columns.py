# ruff: noqa: F811 - pytest fixtures imported from the list's other tests
"""The list in the columns of art. 49(3) of Regulation 2021/1060, each row located, and its four-month update."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts import published
from zit.contracts.models import PublishedImport, PublishedProject
from zit.contracts.published_columns import COLUMNS, LETTERS, is_stale, published_updated_on, update_due
from zit.territory.models import AdministrativeUnit
from zit.territory.points import unit_point

from .test_contracts import _sign, selected  # noqa: F401 - fixtures
from .test_published import _csv, _import, _row, media  # noqa: F401 - fixtures


def test_the_columns_answer_every_letter_of_article_49_3_that_applies():
    # (c) is the fishing vessel's number of EMFAF operations, which the ZIT does not fund
    assert set(LETTERS.values()) - {""} == {"a–b", "a", "d", "e", "f", "g", "h", "i", "j", "k", "l", "n"}
    fields = [name for name, _header, _width in COLUMNS]
    for name in (
        "specific_objective",
        "intervention_type",
        "lat",
        "lon",
        "precision",
        "country",
        "contractor",
    ):
        assert name in fields
    # the order of the regulation: the code, the beneficiary, the operation, its dates, its cost
    assert fields[:8] == [
        "contract_number",
        "beneficiary",
        "contractor",
        "title",
        "summary",
        "starts_on",
        "ends_on",
        "total_pln",
    ]


def test_the_export_has_the_2021_headers_and_the_location(media, office, area):
    _import(office, _csv([_row("U/1", **{"Miejsce realizacji (gminy)": "Gmina Kramsk"})]))
    text = b"".join(published.csv_lines(PublishedProject.objects.all())).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = dict(zip(header, row, strict=True))
    lon, lat = unit_point(AdministrativeUnit.objects.get(name="Kramsk", level="gmina").geometry)
    assert cells["Cel szczegółowy"] == "RSO2.1" and cells["Rodzaj interwencji"] == "045"
    assert cells["Szerokość geograficzna"] == f"{lat:.5f}".replace(".", ",")
    assert cells["Długość geograficzna"] == f"{lon:.5f}".replace(".", ",")
    assert cells["Rodzaj lokalizacji"] == "przybliżona – punkt gminy" and cells["Kraj"] == "Polska"


def test_an_imported_row_stands_on_its_coordinates_or_its_gminas_point(media, office, area):
    rows = [
        _row("U/1", **{"Szerokość geograficzna": "52,22340", "Długość geograficzna": "18,25120"}),
        _row("U/2", **{"Miejsce realizacji (gminy)": "3010123"}),  # Ślesin by its TERC code
        _row(
            "U/3",
            **{
                "Szerokość geograficzna": "52,1",
                "Długość geograficzna": "18,1",
                "Rodzaj lokalizacji": "przybliżona – punkt gminy",
                "Miejsce realizacji (gminy)": "Golina",
            },
        ),
        _row("U/4", **{"Miejsce realizacji (gminy)": "Poznań"}),
    ]
    batch, summary = _import(office, _csv(rows))
    exact, slesin, golina, nowhere = PublishedProject.objects.order_by("contract_number")
    assert (exact.lat, exact.lon, exact.precision) == (52.2234, 18.2512, "exact")
    point = unit_point(AdministrativeUnit.objects.get(terc="3010123").geometry)
    assert (slesin.lon, slesin.lat, slesin.precision, slesin.located_in) == (*point, "gmina", "Ślesin")
    # an approximate point exported before is recomputed from the place, never taken as exact
    assert golina.precision == "gmina" and golina.located_in == "Golina" and golina.lat != 52.1
    assert nowhere.lon is None and nowhere.precision == ""
    batch.refresh_from_db()
    assert batch.notices[0].startswith("Wiersze bez lokalizacji: 1.")


def test_a_contracts_row_takes_the_cards_point_else_its_gminas(selected, office, media):  # noqa: F811
    contract = _sign(office, selected)
    row = PublishedProject.objects.get(contract=contract)
    gminas = sorted(selected.gminas.all(), key=lambda unit: unit.terc)
    assert row.precision == "gmina" and row.located_in == gminas[0].name
    assert (row.lon, row.lat) == unit_point(gminas[0].geometry)
    from shapely.geometry import shape

    inside = shape(gminas[0].geometry).representative_point()
    line = {"type": "LineString", "coordinates": [[inside.x, inside.y], [inside.x + 0.001, inside.y]]}
    type(selected).objects.filter(pk=selected.pk).update(location=line)
    row = published.published_refresh(contract)
    assert row.precision == "exact" and row.geometry == line and row.lon == inside.x + 0.001


def test_the_update_is_due_four_months_later():
    assert update_due(dt.date(2026, 10, 31)) == dt.date(2027, 2, 28)
    assert not is_stale(dt.date(2026, 8, 7), today=dt.date(2026, 12, 7))
    assert is_stale(dt.date(2026, 8, 6), today=dt.date(2026, 12, 7))
    assert not is_stale(None, today=dt.date(2026, 12, 7))


def test_the_list_says_when_it_was_updated_and_warns_after_four_months(client, media, office):
    _import(office, _csv([_row("U/1")]))
    page = client.get(reverse("published:list")).content.decode()
    today = timezone.localdate()
    assert f"Zaktualizowano dnia {today.day}" in page and "od ponad czterech miesięcy" not in page
    long_ago = timezone.now() - dt.timedelta(days=130)
    PublishedProject.objects.update(updated_at=long_ago)
    PublishedImport.objects.update(created_at=long_ago)
    assert published_updated_on() == timezone.localdate(long_ago)
    page = client.get(reverse("published:list")).content.decode()
    assert "Wykaz nie był aktualizowany od ponad czterech miesięcy" in page
    assert "art. 49 ust. 3 rozporządzenia 2021/1060" in page.replace("Art.", "art.")
    client.force_login(office)
    office_page = client.get(reverse("contracts:published_imports")).content.decode()
    assert "Wykaz nie był aktualizowany od ponad czterech miesięcy" in office_page


def test_the_page_names_the_columns_and_the_location_note(client, media, office):
    _import(office, _csv([_row("U/1", **{"Miejsce realizacji (gminy)": "Gmina Kramsk"})]))
    page = client.get(reverse("published:list")).content.decode()
    assert "Cel szczegółowy – lit. j" in page and "Rodzaj interwencji – lit. n" in page
    assert "lokalizacja przybliżona – punkt gminy Kramsk" in page
    assert "RSO2.1" in page and "045" in page
