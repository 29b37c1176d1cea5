"""The social economy dataset: the API (filters, pages, detail), the downloads in every format and the DCAT
entry; only published entries, and nothing of the people who sent listing requests."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from rdflib import Graph, Namespace, URIRef

from zit.social_economy.models import Entity, ListingRequest

DCAT = Namespace("http://www.w3.org/ns/dcat#")
KEY = "podmioty-ekonomii-spolecznej"
LINK = '=HYPERLINK("http://evil.example";"x")'


@pytest.fixture
def published(data):
    return Entity.objects.filter(state="published")


def test_the_api_lists_published_entries_with_filters_and_pages(client, published):
    body = client.get(reverse("api-v1:entities"), {"limit": 3}).json()
    assert body["count"] == published.count() == 9
    assert len(body["results"]) == 3 and body["next"]
    names = {r["name"] for r in client.get(reverse("api-v1:entities"), {"limit": 100}).json()["results"]}
    assert not names & set(
        Entity.objects.exclude(state="published").values_list("organisation__name", flat=True)
    )
    wtz = client.get(reverse("api-v1:entities"), {"kind": "wtz"}).json()
    assert wtz["count"] == 1 and wtz["results"][0]["kind"] == "wtz"
    slesin = client.get(reverse("api-v1:entities"), {"gmina": "3010123"}).json()
    assert {r["gmina_terc"] for r in slesin["results"]} == {"3010123"}
    assert client.get(reverse("api-v1:entities"), {"kind": "bank"}).status_code == 422
    enterprises = client.get(reverse("api-v1:entities"), {"social_enterprise": "true"}).json()
    assert enterprises["count"] and all(r["social_enterprise"] for r in enterprises["results"])


def test_the_api_detail_and_404_for_unpublished(client, published):
    entity = published.first()
    row = client.get(reverse("api-v1:entity", args=[entity.pk])).json()
    assert row["name"] == entity.organisation.name and row["is_demo"] is True
    draft = Entity.objects.filter(state="draft").first()
    assert client.get(reverse("api-v1:entity", args=[draft.pk])).status_code == 404


def _text(client, fmt: str) -> str:
    path = (
        reverse("opendata:download_excel", args=[KEY])
        if fmt == "csv-excel"
        else reverse("opendata:download", args=[KEY, fmt])
    )
    response = client.get(path)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row)
    return content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "csv-excel", "xlsx", "geojson"])
def test_downloads_hold_published_entries_only_and_no_requester(client, published, fmt):
    text = _text(client, fmt)
    for entity in published:
        assert entity.organisation.name in text
    for entity in Entity.objects.exclude(state="published"):
        assert entity.organisation.name not in text
    for name, email in ListingRequest.objects.values_list("contact_name", "contact_email"):
        assert name not in text and email not in text


def test_geojson_has_the_points(client, published):
    collection = json.loads(_text(client, "geojson"))
    with_point = [f for f in collection["features"] if f["geometry"]]
    assert len(with_point) == published.exclude(lon=None).count() > 0
    assert with_point[0]["geometry"]["type"] == "Point"


def test_the_dcat_catalogue_lists_the_dataset_with_its_files_and_the_api(client, data):
    from opendata.shacl import validate

    graph = Graph().parse(
        data=client.get(reverse("opendata_dcat:catalogue", args=["ttl"])).content.decode(), format="turtle"
    )
    dataset = URIRef(f"http://testserver/dane/#{KEY}")
    assert (dataset, None, DCAT.Dataset) in graph
    suffixes = {str(d).rsplit(KEY + "-", 1)[1] for d in graph.objects(dataset, DCAT.distribution)}
    assert suffixes == {"csv", "csv-excel", "xlsx", "geojson", "api"}
    conforms, text = validate(graph)
    assert conforms, text


# column -> what was typed into it: every way a spreadsheet starts a formula
TYPED = {
    "name": LINK,
    "services": "+ catering",
    "products": "-5",
    "description": "@SUMA(A1:A9)",
    "contact_name": "\t=1+1",
    "street": "\r=1+1",
}


@pytest.fixture
def formula_entity(data):
    """A published entry whose texts start like formulas (the tab and the carriage return, which a form
    strips, as an older import may have left them)."""
    from zit.organisations.models import Organisation
    from zit.social_economy import services
    from zit.social_economy.demo import demo_nip
    from zit.territory.models import AdministrativeUnit

    entity = services.entity_create(
        actor=None,
        name=LINK,
        nip=demo_nip(9001),
        kind="social_cooperative",
        gmina=AdministrativeUnit.objects.get(terc="3062011"),
        services=TYPED["services"],
        products=TYPED["products"],
        description=TYPED["description"],
    )
    Entity.objects.filter(pk=entity.pk).update(contact_name=TYPED["contact_name"], lat=52.2, lon=18.25)
    Organisation.objects.filter(pk=entity.organisation_id).update(street=TYPED["street"])
    return services.entity_publish(actor=None, entity=entity)


def _content(client, fmt: str) -> bytes:
    response = client.get(
        reverse("opendata:download_excel", args=[KEY])
        if fmt == "csv-excel"
        else reverse("opendata:download", args=[KEY, fmt])
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt", ["csv", "csv-excel"])
def test_texts_starting_like_formulas_stay_text_in_the_csv(client, formula_entity, fmt):
    from zit.opendata.exports import TABLES

    excel = fmt == "csv-excel"
    content = _content(client, fmt).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=";" if excel else ","))
    columns = [c.name for c in TABLES[KEY].columns]
    row = dict(zip(columns, next(r for r in rows if r[0] == str(formula_entity.pk)), strict=True))
    assert {name: row[name] for name in TYPED} == {name: "'" + text for name, text in TYPED.items()}
    assert (row["lat"], row["lon"]) == (("52,2", "18,25") if excel else ("52.2", "18.25"))


def test_texts_starting_like_formulas_stay_text_in_the_xlsx(client, formula_entity):
    from openpyxl import load_workbook

    from zit.opendata.exports import TABLES

    sheet = load_workbook(io.BytesIO(_content(client, "xlsx"))).worksheets[0]
    columns = [c.name for c in TABLES[KEY].columns]
    row = dict(
        zip(columns, next(r for r in sheet.iter_rows() if r[0].value == formula_entity.pk), strict=True)
    )
    assert {name: (row[name].data_type, row[name].value) for name in TYPED} == {
        name: ("s", "'" + text) for name, text in TYPED.items()
    }
    assert not [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]
    assert [(row[n].data_type, row[n].value) for n in ("id", "lat", "lon")] == [
        ("n", formula_entity.pk),
        ("n", 52.2),
        ("n", 18.25),
    ]
