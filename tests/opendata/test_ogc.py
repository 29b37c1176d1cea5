"""OGC API – Features at /ogc/: the JSON of every endpoint, paging, bbox and datetime filters, errors, HTML."""

from __future__ import annotations

import pytest
from shapely.geometry import box, shape

from opendata.conftest import EXPECTED_IN_QUERY, QUERY_BBOX

# The paths are the ones OGC API – Features prescribes: written out, not reversed from URL names.
pytestmark = pytest.mark.django_db

GEOJSON = "application/geo+json"


def _get(client, url, **headers):
    return client.get(url, headers=headers)


def _links(doc):
    return {link["rel"]: link for link in doc["links"]}


def _all_ids(client, url):
    """Follow the next links from `url` and collect every feature id."""
    ids, pages = [], 0
    while url:
        doc = client.get(url).json()
        ids += [f["id"] for f in doc["features"]]
        url = _links(doc).get("next", {}).get("href")
        pages += 1
        assert pages < 50
    return ids, pages


def test_landing_page_links_to_conformance_collections_and_api(client, area):
    response = _get(client, "/ogc/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    doc = response.json()
    links = _links(doc)
    assert {"self", "alternate", "conformance", "data", "service-desc"} <= set(links)
    assert links["self"]["type"] == "application/json"
    assert links["alternate"]["type"] == "text/html"
    assert links["data"]["href"] == "http://testserver/ogc/collections"
    assert links["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    for rel in ("conformance", "data", "service-desc"):
        assert client.get(links[rel]["href"]).status_code == 200, rel


def test_conformance_declares_core_and_geojson(client):
    conforms = _get(client, "/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_openapi_definition_describes_items_and_limit(client):
    response = _get(client, "/ogc/api")
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    doc = response.json()
    assert doc["openapi"].startswith("3.0")
    assert "/collections/{collectionId}/items" in doc["paths"]
    assert doc["components"]["parameters"]["limit"]["schema"]["maximum"] == 1000
    assert doc["components"]["parameters"]["offset"]["schema"]["maximum"] == 10_000_000
    assert doc["components"]["parameters"]["collectionId"]["schema"]["enum"] == ["gminas", "projects"]


def test_collections_with_extent_from_the_data(client, area, ogc_catalogue):
    doc = _get(client, "/ogc/collections").json()
    by_id = {c["id"]: c for c in doc["collections"]}
    assert list(by_id) == ["gminas", "projects"]
    projects = by_id["projects"]
    assert projects["title"] == "Projekty ZIT Aglomeracji Konińskiej"
    # points run from (18.0, 52.0) to (19.1, 52.55); the line "crossing" reaches 52.35 only
    assert projects["extent"]["spatial"]["bbox"] == [[18.0, 52.0, 19.1, 52.55]]
    assert projects["extent"]["spatial"]["crs"] == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    assert projects["extent"]["temporal"]["interval"] == [["2022-01-01T00:00:00Z", "2026-12-31T23:59:59Z"]]
    items = [link for link in projects["links"] if link["rel"] == "items"]
    assert {link["type"] for link in items} == {GEOJSON, "text/html"}

    gminas = _get(client, "/ogc/collections/gminas").json()
    west, south, east, north = gminas["extent"]["spatial"]["bbox"][0]
    bounds = [shape(u.geometry).bounds for u in area.gminas.all()]
    assert (west, south, east, north) == pytest.approx(
        (
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        )
    )


def test_items_are_a_feature_collection_with_counts_and_links(client, ogc_catalogue):
    response = _get(client, "/ogc/collections/projects/items")
    assert response.status_code == 200
    assert response["Content-Type"] == GEOJSON
    doc = response.json()
    assert doc["type"] == "FeatureCollection"
    assert doc["numberMatched"] == 15  # the two projects without a place are not features
    assert doc["numberReturned"] == len(doc["features"]) == 10  # the default limit
    assert doc["timeStamp"].endswith("Z")
    links = _links(doc)
    assert {"self", "alternate", "collection", "next"} <= set(links)
    assert "prev" not in links
    assert "offset=10" in links["next"]["href"] and links["next"]["type"] == GEOJSON
    feature = doc["features"][0]
    assert feature["id"] == "linia-przez"  # ordered by key
    assert feature["geometry"]["type"] == "LineString"
    assert feature["properties"]["demo"] is True


def test_offset_paging_visits_every_feature_once(client, ogc_catalogue):
    ids, pages = _all_ids(client, "/ogc/collections/projects/items?limit=4")
    located = {p.key for p in ogc_catalogue if p.lon is not None or p.geometry}
    assert pages == 4
    assert len(ids) == len(set(ids)) == 15
    assert set(ids) == located

    second = _get(client, "/ogc/collections/projects/items?limit=4&offset=4").json()
    assert second["numberReturned"] == 4
    assert "offset=0" in _links(second)["prev"]["href"]
    last = _get(client, "/ogc/collections/projects/items?limit=4&offset=12").json()
    assert last["numberReturned"] == 3 and "next" not in _links(last)


def test_limit_above_the_maximum_is_served_as_the_maximum(client, ogc_catalogue):
    doc = _get(client, "/ogc/collections/projects/items?limit=5000").json()
    assert doc["numberReturned"] == 15
    assert "next" not in _links(doc)


def test_bbox_returns_the_features_that_touch_it(client, ogc_catalogue):
    bbox = ",".join(str(v) for v in QUERY_BBOX)
    doc = _get(client, f"/ogc/collections/projects/items?bbox={bbox}&limit=100").json()
    assert {f["id"] for f in doc["features"]} == EXPECTED_IN_QUERY
    assert doc["numberMatched"] == len(EXPECTED_IN_QUERY)
    # paging keeps the filter
    ids, _pages = _all_ids(client, f"/ogc/collections/projects/items?bbox={bbox}&limit=2")
    assert set(ids) == EXPECTED_IN_QUERY and len(ids) == len(EXPECTED_IN_QUERY)


def test_bbox_on_gminas_matches_their_shapes(client, area):
    query = (18.2, 52.18, 18.3, 52.26)  # around Konin
    doc = _get(
        client, "/ogc/collections/gminas/items?bbox=" + ",".join(map(str, query)) + "&limit=100"
    ).json()
    expected = {u.terc for u in area.gminas.all() if shape(u.geometry).intersects(box(*query))}
    assert "3062011" in expected and len(expected) < area.gminas.count()
    assert {f["id"] for f in doc["features"]} == expected
    assert doc["numberMatched"] == len(expected)


def test_every_gmina_of_the_area_is_a_feature(client, area):
    ids, _pages = _all_ids(client, "/ogc/collections/gminas/items?limit=1000")
    assert sorted(ids) == sorted(area.gminas.values_list("terc", flat=True))


@pytest.mark.parametrize(
    "query",
    [
        "bbox=18,52,19",
        "bbox=a,b,c,d",
        "bbox=19,52,18,53",
        "bbox=18,-95,19,52",
        "bbox=18,52,19,53&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326",
        "limit=0",
        "limit=ten",
        "offset=-1",
        "datetime=yesterday",
        "datetime=2026-12-31/2026-01-01",
        "f=xml",
    ],
)
def test_bad_parameters_are_refused_with_an_ogc_error(client, area, query):
    response = _get(client, f"/ogc/collections/projects/items?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()
    assert error["code"] == "InvalidParameterValue"
    assert error["description"].split(":")[0] in query


def test_datetime_keeps_projects_running_then(client, ogc_catalogue):
    def ids(value):
        return {
            f["id"]
            for f in _get(client, f"/ogc/collections/projects/items?datetime={value}").json()["features"]
        }

    assert ids("2022-06-01") == {"punkt-00", "punkt-04", "punkt-08"}
    assert ids("../2022-12-31") == {"punkt-00", "punkt-04", "punkt-08"}
    assert ids("2025-01-01T00:00:00Z/..") == {f"punkt-{i:02d}" for i in (2, 3, 6, 7, 10, 11)}


def test_single_features(client, ogc_catalogue):
    response = _get(client, "/ogc/collections/projects/items/punkt-00")
    assert response.status_code == 200
    assert response["Content-Type"] == GEOJSON
    feature = response.json()
    assert feature["type"] == "Feature" and feature["id"] == "punkt-00"
    assert feature["geometry"] == {"type": "Point", "coordinates": [18.0, 52.0]}
    assert feature["properties"]["gminas"] == ["3062011"]
    assert feature["properties"]["total_pln"] == 1234567.89
    assert feature["properties"]["starts_on"] == "2022-01-01"
    assert {"self", "alternate", "collection"} <= set(_links(feature))

    bare = _get(client, "/ogc/collections/projects/items/punkt-bez-geometrii").json()
    assert bare["geometry"] == {"type": "Point", "coordinates": [18.5, 52.12]}

    gmina = _get(client, "/ogc/collections/gminas/items/3062011").json()
    assert gmina["id"] == "3062011"
    assert gmina["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert gmina["properties"]["name"] == "Konin"
    assert gmina["properties"]["url"] == "http://testserver/gminy/3062011/"


@pytest.mark.parametrize(
    "url",
    [
        "/ogc/collections/rivers",
        "/ogc/collections/rivers/items",
        "/ogc/collections/projects/items/no-such-project",
        "/ogc/collections/projects/items/bez-miejsca-1",  # a project without a place is not a feature
        "/ogc/collections/gminas/items/3064011",  # a gmina outside the area (powiat słupecki)
    ],
)
def test_unknown_collections_and_features_are_404(client, ogc_catalogue, url):
    response = _get(client, url)
    assert response.status_code == 404
    assert response.json()["code"] == "NotFound"


def _collection_ids() -> list[str]:
    from zit.opendata.ogc_sources import collections

    return [c.id for c in collections()]


NOT_BELOW_ZERO = "offset: podaj liczbę całkowitą nie mniejszą niż 0."
NOT_ABOVE_MAXIMUM = "offset: podaj liczbę całkowitą nie większą niż 10000000."


@pytest.mark.parametrize(
    ("offset", "description"),
    [
        ("99999999999999999999", NOT_ABOVE_MAXIMUM),  # past the 64-bit range of both databases
        ("10000001", NOT_ABOVE_MAXIMUM),
        ("-1", NOT_BELOW_ZERO),
        ("dziesięć", NOT_BELOW_ZERO),
    ],
    ids=["huge", "one-too-many", "negative", "word"],
)
@pytest.mark.parametrize("collection_id", _collection_ids())
def test_an_offset_out_of_range_is_an_ogc_error_on_every_collection(
    client, ogc_catalogue, collection_id, offset, description
):
    response = _get(client, f"/ogc/collections/{collection_id}/items?offset={offset}")
    assert response.status_code == 400  # the standard's status for an invalid parameter value
    assert response.json() == {"code": "InvalidParameterValue", "description": description}
    page = _get(client, f"/ogc/collections/{collection_id}/items?f=html&offset={offset}")
    assert page.status_code == 400 and description in page.content.decode()


def test_the_deepest_offset_is_an_empty_page_and_a_huge_limit_the_maximum(client, ogc_catalogue):
    deepest = _get(client, "/ogc/collections/projects/items?offset=10000000").json()
    assert deepest["numberReturned"] == 0 and deepest["numberMatched"] == 15
    huge = _get(client, "/ogc/collections/projects/items?limit=99999999999999999999").json()
    assert huge["numberReturned"] == 15


def test_people_get_html_pages(client, ogc_catalogue):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    landing = _get(client, "/ogc/", Accept=browser)
    assert landing["Content-Type"].startswith("text/html")
    assert "http://testserver/ogc/" in landing.content.decode()

    page = _get(client, "/ogc/collections/projects/items?f=html&limit=5").content.decode()
    assert "Obiekty 1–5 z 15" in page
    assert 'href="/ogc/collections/projects/items/linia-przez?f=html"' in page
    assert "offset=5" in page and "dane demonstracyjne" in page

    item = _get(client, "/ogc/collections/gminas/items/3062011?f=html").content.decode()
    assert "<h1>Konin</h1>" in item

    assert _get(client, "/ogc/collections/rivers", Accept=browser).status_code == 404
    bad = _get(client, "/ogc/collections/projects/items?f=html&bbox=1,2")
    assert bad.status_code == 400 and "minx,miny,maxx,maxy" in bad.content.decode()

    json_again = _get(client, "/ogc/collections/projects/items?f=json", Accept=browser)
    assert json_again["Content-Type"] == GEOJSON


def test_refresh_fills_the_bounding_box(db):
    from zit.opendata.refresh import geometry_bbox

    line = {"type": "LineString", "coordinates": [[18.3, 52.1], [18.1, 52.4], [18.2, 52.2]]}
    assert geometry_bbox(line) == (18.1, 52.1, 18.3, 52.4)
    assert geometry_bbox({"type": "Point", "coordinates": [18.2, 52.2]}) == (18.2, 52.2, 18.2, 52.2)
    assert geometry_bbox(None, 18.5, 52.5) == (18.5, 52.5, 18.5, 52.5)
    assert geometry_bbox(None) == (None, None, None, None)


def test_refresh_boxes_a_line_so_a_bbox_query_finds_it_by_its_end(client, card):
    from zit.opendata.models import CatalogueProject
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.models import ProjectCard

    line = {"type": "LineString", "coordinates": [[18.0, 52.25], [18.05, 52.26], [18.1, 52.3]]}
    # a card on the list with a line (set directly: the refresh, not the card's checks, is under test)
    ProjectCard.objects.filter(pk=card.pk).update(state=ProjectCard.State.LISTED_MAIN, location=line)
    catalogue_refresh()
    project = CatalogueProject.objects.get(card=card)
    assert (project.lon, project.lat) == (18.05, 52.26)  # the map point is the middle vertex
    assert (project.min_lon, project.min_lat, project.max_lon, project.max_lat) == (18.0, 52.25, 18.1, 52.3)
    near_the_end = _get(client, "/ogc/collections/projects/items?bbox=18.09,52.29,18.11,52.31").json()
    assert [f["id"] for f in near_the_end["features"]] == [project.key]
    assert near_the_end["features"][0]["geometry"] == line
