"""The DCAT-AP 3 catalogue: served as Turtle and JSON-LD, the same graph in both, valid against the official
DCAT-AP 3.0.1 SHACL shapes (a copy in `tests/opendata/dcat-ap/`), with every dataset and format."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_isomorphic

from opendata.shacl import validate
from zit.opendata.datasets import DATASETS, FORMATS
from zit.opendata.dcat import VCARD
from zit.opendata.models import CatalogueProject

# open namespaces: pytest probes module attributes, which rdflib's closed ones warn about
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
BASE = "http://testserver"
CATALOGUE = URIRef(f"{BASE}/dane/#katalog")


@pytest.fixture
def projects(db):
    CatalogueProject.objects.create(
        key="rewitalizacja-plac",
        title="Rewitalizacja placu",
        beneficiary="Miasto Konin",
        status=CatalogueProject.Status.RUNNING,
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2026, 6, 30),
        total_pln=Decimal("1000000.00"),
        is_demo=True,
    )
    CatalogueProject.objects.create(
        key="sciezka-rowerowa",
        title="Ścieżka rowerowa",
        beneficiary="Gmina Stare Miasto",
        status=CatalogueProject.Status.LISTED,
        starts_on=dt.date(2025, 1, 1),
        is_demo=True,
    )


def _fetch(client, fmt: str, **extra) -> tuple[Graph, object]:
    response = client.get(reverse("opendata_dcat:catalogue", args=[fmt]), **extra)
    assert response.status_code == 200
    rdf_format = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}[fmt]
    return Graph().parse(data=response.content.decode(), format=rdf_format), response


def _assert_conforms(graph: Graph) -> None:
    conforms, text = validate(graph)
    if not conforms:
        print(text)
    assert conforms is True


@pytest.fixture
def association(association_data):
    association_data.email = "biuro@aglomeracja.example"
    association_data.save()
    return association_data


@pytest.fixture
def turtle(client, association, projects):
    return _fetch(client, "ttl")[0]


@pytest.mark.parametrize(
    "fmt,media_type",
    [("ttl", "text/turtle"), ("rdf", "application/rdf+xml"), ("jsonld", "application/ld+json")],
)
def test_both_serialisations_are_valid_dcat_ap(client, association_data, projects, fmt, media_type):
    graph, response = _fetch(client, fmt)
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert (CATALOGUE, RDF.type, DCAT.Catalog) in graph
    _assert_conforms(graph)


def test_turtle_rdf_xml_and_json_ld_are_the_same_graph(client, association_data, projects):
    turtle, _ = _fetch(client, "ttl")
    jsonld, response = _fetch(client, "jsonld")
    rdf_xml, _ = _fetch(client, "rdf")
    assert to_isomorphic(turtle) == to_isomorphic(jsonld) == to_isomorphic(rdf_xml)
    assert json.loads(response.content)["@context"]["dcat"] == str(DCAT)


@pytest.mark.parametrize(
    "accept,media_type,rdf_format",
    [
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml, text/html;q=0.8", "application/rdf+xml", "xml"),
    ],
)
def test_the_open_data_page_answers_rdf_to_a_client_that_asks_for_it(
    client, association_data, projects, accept, media_type, rdf_format
):
    response = client.get(reverse("opendata:datasets"), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert "Accept" in response["Vary"]
    fmt = {"xml": "rdf", "turtle": "ttl", "json-ld": "jsonld"}[rdf_format]
    assert response["Content-Location"] == f"{BASE}/dane/katalog.{fmt}"
    graph = Graph().parse(data=response.content.decode(), format=rdf_format)
    assert to_isomorphic(graph) == to_isomorphic(_fetch(client, "ttl")[0])
    _assert_conforms(graph)


@pytest.mark.parametrize("accept", ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*", ""])
def test_a_browser_or_any_client_gets_the_open_data_page(client, db, accept):
    response = client.get(reverse("opendata:datasets"), HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


def test_the_validation_catches_a_broken_catalogue(turtle):
    """The shapes really are applied: a dataset without a title is refused."""
    turtle.remove((URIRef(f"{BASE}/dane/#gminy"), DCTERMS.title, None))
    conforms, text = validate(turtle)
    assert conforms is False
    assert "Results (1)" in text and "MinCountConstraintComponent" in text and "/dane/#gminy" in text


def test_every_dataset_and_format_is_in_the_catalogue(turtle):
    datasets = set(turtle.objects(CATALOGUE, DCAT.dataset))
    assert datasets == {URIRef(f"{BASE}/dane/#{d.key}") for d in DATASETS}
    for d in DATASETS:
        iri = URIRef(f"{BASE}/dane/#{d.key}")
        downloads = {
            turtle.value(dist, DCAT.downloadURL): dist
            for dist in turtle.objects(iri, DCAT.distribution)
            if turtle.value(dist, DCAT.downloadURL)
        }
        expected = {
            fmt: URIRef(
                f"{BASE}/dane/{d.key}-excel.csv" if fmt == "csv-excel" else f"{BASE}/dane/{d.key}.{fmt}"
            )
            for fmt in d.formats
        }
        assert set(downloads) == set(expected.values()), d.key
        for fmt, url in expected.items():
            media_type, file_type = FORMATS[fmt]
            distribution = downloads[url]
            assert turtle.value(distribution, DCAT.accessURL) == url
            assert str(turtle.value(distribution, DCAT.mediaType)).endswith("/media-types/" + media_type)
            assert turtle.value(distribution, DCTERMS["format"]) == URIRef(file_type)
            assert turtle.value(distribution, DCTERMS.license) == URIRef(
                "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
            )
        themes = {str(t).rsplit(reverse("portal:home"), 1)[-1] for t in turtle.objects(iri, DCAT.theme)}
        assert themes == set(d.themes)
        assert {str(k) for k in turtle.objects(iri, DCAT.keyword)} == set(d.keywords)


def test_projects_and_resolutions_have_their_atom_feeds_as_distributions(turtle):
    feeds = {}
    for dist in turtle.subjects(
        DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/atom+xml")
    ):
        dataset = next(turtle.subjects(DCAT.distribution, dist))
        feeds[str(dataset).rsplit("#", 1)[-1]] = str(turtle.value(dist, DCAT.accessURL))
    assert feeds == {"projekty": f"{BASE}/projekty/kanal.atom", "uchwaly": f"{BASE}/uchwaly/kanal.atom"}


def test_the_api_serves_every_dataset_and_ogc_the_spatial_ones(turtle):
    api, ogc = URIRef(f"{BASE}/dane/#api"), URIRef(f"{BASE}/dane/#ogc")
    assert set(turtle.objects(CATALOGUE, DCAT.service)) == {api, ogc}
    assert turtle.value(api, DCAT.endpointURL) == URIRef(f"{BASE}/api/v1/")
    assert turtle.value(api, DCAT.endpointDescription) == URIRef(f"{BASE}/api/v1/openapi.json")
    assert len(set(turtle.objects(api, DCAT.servesDataset))) == len(DATASETS)
    assert turtle.value(ogc, DCAT.endpointURL) == URIRef(f"{BASE}/ogc/")
    assert turtle.value(ogc, DCAT.endpointDescription) == URIRef(f"{BASE}/ogc/api")
    assert URIRef("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") in set(
        turtle.objects(ogc, DCTERMS.conformsTo)
    )
    spatial = {URIRef(f"{BASE}/dane/#{d.key}") for d in DATASETS if d.ogc_collection}
    assert (
        set(turtle.objects(ogc, DCAT.servesDataset))
        == spatial
        == {
            URIRef(f"{BASE}/dane/#gminy"),
            URIRef(f"{BASE}/dane/#projekty"),
        }
    )
    # each dataset also has a distribution through the JSON API
    members_api = URIRef(f"{BASE}/dane/#czlonkowie-api")
    assert turtle.value(members_api, DCAT.accessService) == api
    assert turtle.value(members_api, DCAT.accessURL) == URIRef(f"{BASE}/api/v1/members")


def test_titles_and_descriptions_are_in_polish_and_english(turtle):
    subjects = [
        CATALOGUE,
        *turtle.subjects(RDF.type, DCAT.Dataset),
        *turtle.subjects(RDF.type, DCAT.DataService),
    ]
    assert len(subjects) == 1 + len(DATASETS) + 2
    for subject in subjects:
        for prop in (DCTERMS.title, DCTERMS.description):
            languages = sorted(lit.language for lit in turtle.objects(subject, prop))
            assert languages == ["en", "pl"], (subject, prop)
    gminy = URIRef(f"{BASE}/dane/#gminy")
    assert Literal("Gminy obszaru Aglomeracji Konińskiej", lang="pl") in set(
        turtle.objects(gminy, DCTERMS.title)
    )


def test_every_uri_is_absolute_and_on_the_requested_host(client, settings, association_data):
    settings.ALLOWED_HOSTS = ["dane.example.org"]
    graph, _ = _fetch(client, "ttl", HTTP_HOST="dane.example.org", secure=True)
    _assert_conforms(graph)
    uris = {node for triple in graph for node in triple if isinstance(node, URIRef)}
    assert all(str(u).startswith(("http://", "https://", "mailto:")) for u in uris)
    ours = {str(u) for u in uris if "example.org" in str(u)}
    assert "https://dane.example.org/dane/#katalog" in ours
    assert "https://dane.example.org/dane/gminy.geojson" in ours
    assert all(u.startswith("https://dane.example.org/") for u in ours)
    assert not any("testserver" in str(u) for u in uris)


def test_publisher_contact_area_and_time_come_from_the_platform(turtle, association):
    publisher = turtle.value(CATALOGUE, DCTERMS.publisher)
    assert str(turtle.value(publisher, FOAF.name)) == association.name
    assert turtle.value(publisher, DCTERMS.type) == URIRef(
        "http://purl.org/adms/publishertype/LocalAuthority"
    )
    projects = URIRef(f"{BASE}/dane/#projekty")
    contact = turtle.value(projects, DCAT.contactPoint)
    assert turtle.value(contact, VCARD.hasEmail) == URIRef("mailto:biuro@aglomeracja.example")
    bbox = str(turtle.value(turtle.value(projects, DCTERMS.spatial), DCAT.bbox))
    assert bbox.startswith("POLYGON((17.") and " 52." in bbox  # the loaded boundaries around Konin
    period = turtle.value(projects, DCTERMS.temporal)
    assert turtle.value(period, DCAT.startDate) == Literal(dt.date(2024, 3, 1))
    assert turtle.value(period, DCAT.endDate) == Literal(dt.date(2026, 6, 30))
    assert turtle.value(projects, DCTERMS.modified) is not None


def test_without_association_data_the_catalogue_is_still_valid(client, db):
    graph, _ = _fetch(client, "ttl")
    _assert_conforms(graph)
    contact = graph.value(URIRef(f"{BASE}/dane/#gminy"), DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) is None
    assert graph.value(contact, VCARD.hasURL) == URIRef(f"{BASE}/kontakt/")
    assert str(graph.value(graph.value(CATALOGUE, DCTERMS.publisher), FOAF.name)) == (
        "Stowarzyszenie Aglomeracji Konińskiej"
    )


def test_other_formats_are_not_found(client, db):
    assert client.get(reverse("opendata:download", args=["katalog", "xml"])).status_code == 404
    assert client.post(reverse("opendata_dcat:catalogue", args=["ttl"])).status_code == 405


def test_the_home_page_links_the_catalogue_and_the_feeds(client, association_data):
    html = client.get(reverse("portal:home")).content.decode()
    for path in (
        reverse("opendata_dcat:catalogue", args=["ttl"]),
        reverse("opendata_dcat:catalogue", args=["jsonld"]),
        reverse("opendata_dcat:catalogue", args=["rdf"]),
        reverse("opendata_dcat:projects_feed"),
        reverse("register:resolutions_feed"),
    ):
        assert f'href="{path}"' in html
    assert '<link rel="alternate" type="text/turtle"' in html


def test_without_a_general_email_the_contact_is_the_accessibility_address(association_data):
    from zit.opendata.dcat import gather_facts

    association_data.email = ""
    association_data.accessibility_email = "dostepnosc@aglomeracja.example"
    association_data.save()
    assert gather_facts().email == "dostepnosc@aglomeracja.example"
