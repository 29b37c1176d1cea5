"""Every dataset in every format: the files parse back with the right rows and Polish characters, the CSV for
Excel is what a Polish Excel expects, the /dane/ page lists everything, and no personal data leaks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from opendata.conftest import SLESIN
from zit.opendata.datasets import DATASETS
from zit.opendata.exports import TABLES


def body(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def url(key: str, fmt: str) -> str:
    return (
        reverse("opendata:download_excel", args=[key])
        if fmt == "csv-excel"
        else reverse("opendata:download", args=[key, fmt])
    )


def expected_rows(key: str) -> int:
    return sum(1 for _row in TABLES[key].iter_rows())


@pytest.mark.parametrize("key", [d.key for d in DATASETS])
def test_csv_parses_back(client, road, key):
    response = client.get(url(key, "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{key}.csv"' in response["Content-Disposition"]
    content = body(response)
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert len(rows) == expected_rows(key) > 0


@pytest.mark.parametrize("key", [d.key for d in DATASETS])
def test_xlsx_parses_back(client, road, key):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body(client.get(url(key, "xlsx")))), read_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.title for c in TABLES[key].columns]
    assert len(rows) - 1 == expected_rows(key)


def test_projects_in_every_format_hold_the_road(client, road):
    from openpyxl import load_workbook

    plain = list(
        csv.DictReader(
            io.StringIO(body(client.get(reverse("opendata:download", args=["projekty", "csv"]))).decode())
        )
    )
    row = next(r for r in plain if r["key"] == "umowa-test-droga-slesin")
    assert row["title"] == "Przebudowa drogi gminnej w Ślesinie"
    assert row["eu_pln"] == "987654.32" and row["gminas"] == SLESIN

    book = load_workbook(
        io.BytesIO(body(client.get(reverse("opendata:download", args=["projekty", "xlsx"])))), read_only=True
    )
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    found = next(r for r in rows if r[0] == "umowa-test-droga-slesin")
    assert "Przebudowa drogi gminnej w Ślesinie" in found
    assert float(found[rows[0].index("Dofinansowanie UE (PLN)")]) == pytest.approx(987654.32)

    collection = json.loads(body(client.get(reverse("opendata:download", args=["projekty", "geojson"]))))
    assert collection["type"] == "FeatureCollection"
    feature = next(f for f in collection["features"] if f["properties"]["key"] == "umowa-test-droga-slesin")
    assert feature["geometry"] == {"type": "Point", "coordinates": [18.3, 52.37]}
    assert feature["properties"]["title"] == "Przebudowa drogi gminnej w Ślesinie"
    assert len(collection["features"]) == expected_rows("projekty")


def test_excel_csv_has_bom_semicolons_and_decimal_commas(client, road):
    response = client.get(reverse("opendata:download_excel", args=["projekty"]))
    assert 'filename="projekty-excel.csv"' in response["Content-Disposition"]
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Identyfikator", "Tytuł projektu"]
    row = next(r for r in rows if r[0] == "umowa-test-droga-slesin")
    assert row[1] == "Przebudowa drogi gminnej w Ślesinie"
    assert row[header.index("Dofinansowanie UE (PLN)")] == "987654,32"
    assert row[header.index("Dane demonstracyjne")] == "nie"


def test_gminas_geojson_has_the_boundaries(client, data):
    collection = json.loads(body(client.get(reverse("opendata:download", args=["gminy", "geojson"]))))
    assert len(collection["features"]) == 15
    slesin = next(f for f in collection["features"] if f["properties"]["terc"] == SLESIN)
    assert slesin["properties"]["name"] == "Ślesin"
    assert slesin["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_unknown_dataset_or_format_is_404(client, data):
    assert client.get(reverse("opendata:download", args=["nieznane", "csv"])).status_code == 404
    assert (
        client.get(reverse("opendata:download", args=["uchwaly", "geojson"])).status_code == 404
    )  # not spatial
    assert client.get(reverse("opendata:download", args=["gminy", "pdf"])).status_code == 404
    assert (
        client.get(reverse("opendata:download", args=["gminy", "csv-excel"])).status_code == 404
    )  # that one is /dane/gminy-excel.csv


def test_datasets_page_lists_every_dataset(client, data):
    from django.urls import reverse

    response = client.get(reverse("opendata:datasets"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Licencja:" in html and "CC BY 4.0" in html and "Stowarzyszenie Aglomeracji Konińskiej" in html
    for dataset in DATASETS:
        assert dataset.title in html
        assert f"/api/v1/{dataset.api_path}" in html
        for fmt in dataset.formats:
            assert url(dataset.key, fmt) in html
    assert html.count("<time datetime=") == len(DATASETS)  # every dataset has a date of its last change


def test_no_personal_data_in_any_download(client, road, personal_data):
    texts = []
    for dataset in DATASETS:
        for fmt in dataset.formats:
            content = body(client.get(url(dataset.key, fmt)))
            if fmt == "xlsx":
                from openpyxl import load_workbook

                book = load_workbook(io.BytesIO(content), read_only=True)
                content = "\n".join(
                    str(cell) for row in book.worksheets[0].iter_rows(values_only=True) for cell in row
                ).encode()
            texts.append(content.decode("utf-8-sig"))
    text = "\n".join(texts)
    assert "Ślesin" in text
    leaks = sorted(v for v in personal_data if v in text)
    assert not leaks, leaks


def test_every_dataset_has_a_table_and_real_sources(db):
    from django.apps import apps

    assert set(TABLES) == {d.key for d in DATASETS}
    for table in TABLES.values():
        assert table.sources
        for label in table.sources:
            apps.get_model(label)  # raises LookupError for a misspelt model: its changes would go unnoticed


LINK = '=HYPERLINK("http://evil.example";"x")'
# column -> what someone typed into it: every way a spreadsheet starts a formula
TYPED = {
    "title": LINK,
    "beneficiary": "+48 600 100 200",
    "place": "-5",
    "summary": "@SUMA(A1:A9)",
    "measure_name": "\t=1+1",
    "contract_number": "\r=1+1",
}


@pytest.fixture
def formula_project(data):
    """A catalogue project whose texts start like formulas; one of its amounts is negative (the writers do
    not judge amounts: a number stays a number)."""
    from decimal import Decimal

    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import derive_columns

    project = CatalogueProject(
        key="umowa-test-formuly",
        status=CatalogueProject.Status.RUNNING,
        fund="EFRR",
        measure="9.9",
        year=2031,
        total_pln=Decimal("1234567.89"),
        spent_pln=Decimal("-12.50"),
        **TYPED,
    )
    derive_columns(project, gmina_tercs=[SLESIN], goal_codes=[])
    project.save()
    return project


@pytest.mark.parametrize("fmt", ["csv", "csv-excel"])
def test_project_texts_starting_like_formulas_stay_text_in_the_csv(client, formula_project, fmt):
    excel = fmt == "csv-excel"
    content = body(client.get(url("projekty", fmt))).decode("utf-8-sig" if excel else "utf-8")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";" if excel else ","))
    columns = [c.name for c in TABLES["projekty"].columns]
    row = dict(zip(columns, next(r for r in rows if r[0] == "umowa-test-formuly"), strict=True))
    assert {name: row[name] for name in TYPED} == {name: "'" + text for name, text in TYPED.items()}
    assert (row["total_pln"], row["spent_pln"]) == (
        ("1234567,89", "-12,50") if excel else ("1234567.89", "-12.50")
    )


def test_project_texts_starting_like_formulas_stay_text_in_the_xlsx(client, formula_project):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body(client.get(url("projekty", "xlsx"))))).worksheets[0]
    columns = [c.name for c in TABLES["projekty"].columns]
    row = dict(
        zip(columns, next(r for r in sheet.iter_rows() if r[0].value == "umowa-test-formuly"), strict=True)
    )
    assert {name: (row[name].data_type, row[name].value) for name in TYPED} == {
        name: ("s", "'" + text) for name, text in TYPED.items()
    }
    assert (row["total_pln"].data_type, row["total_pln"].value) == ("n", pytest.approx(1234567.89))
    assert (row["spent_pln"].data_type, row["spent_pln"].value) == ("n", -12.5)
    assert (row["year"].data_type, row["year"].value) == ("n", 2031)
