"""Every endpoint of the API (filters, pages, stable identifiers, 404s), the OpenAPI document, the offline docs
page, ETags, and that no personal data of people leaves through the API.

One module, so the demo data loads once per test worker."""

from __future__ import annotations

import re

import pytest
from projects.test_demo_social import social_demo  # noqa: F401 - the fixture

from opendata.conftest import SLESIN

# The API's paths are its public contract: the tests write them out instead of reversing URL names.
API = "/api/v1"


def get(client, path: str, status: int = 200) -> dict | list:
    response = client.get(API + path)
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_gminas_are_the_area_by_terc_with_pages(client, data):
    first = get(client, "/areas/gminas?limit=5")
    assert first["count"] == 15
    assert len(first["results"]) == 5
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/areas/gminas?limit=5&offset=5")
    last = get(client, "/areas/gminas?limit=5&offset=10")
    assert last["next"] is None and "offset=5" in last["previous"]
    every = get(client, "/areas/gminas?limit=15")["results"]
    assert SLESIN in {g["terc"] for g in every}
    assert get(client, "/areas/gminas?q=śle")["count"] == 1


def test_one_gmina_has_statistics_and_its_member(client, data):
    slesin = get(client, f"/areas/gminas/{SLESIN}")
    assert slesin["name"] == "Ślesin"
    assert slesin["member"] == "slesin"
    population = next(s for s in slesin["statistics"] if s["code"] == "population")
    assert population["value"] is not None
    get(client, "/areas/gminas/9999999", 404)


def test_areas_with_versions(client, data):
    areas = get(client, "/areas")
    assert [a["code"] for a in areas] == ["konin"]
    assert SLESIN in areas[0]["versions"][0]["gminas"]
    assert get(client, "/areas/konin")["name"] == areas[0]["name"]
    get(client, "/areas/nieznany", 404)


def test_members_by_slug_and_filters(client, data):
    members = get(client, "/members?limit=100")
    assert members["count"] == 16
    slugs = [m["slug"] for m in members["results"]]
    assert slugs[0] == "konin"
    konin = get(client, "/members/konin")
    assert konin["terc"] == "3062011" and konin["is_member"] is True
    assert konin["periods"][0]["start"] == konin["member_since"]
    cities = get(client, "/members?kind=city")
    assert [m["slug"] for m in cities["results"]] == ["konin"]
    assert get(client, "/members?current=true")["count"] <= members["count"]
    get(client, "/members/nie-ma-takiego", 404)


def test_organisations_are_registry_fields_only(client, data):
    from zit.organisations.models import Organisation

    page = get(client, "/organisations?limit=500")
    assert page["count"] > 0
    fields = set(page["results"][0])
    assert not fields & {"email", "phone"}
    konin = Organisation.objects.get(member__slug="konin")
    assert get(client, f"/organisations/{konin.pk}")["name"] == konin.name
    assert get(client, "/organisations?q=Konin")["count"] >= 1
    # a business without a KRS entry may be a natural person: never listed
    private = Organisation.objects.create(
        name="Jan Kowalski Usługi Remontowe", kind="company", nip="1234563218"
    )
    get(client, f"/organisations/{private.pk}", 404)
    assert private.pk not in {o["id"] for o in get(client, "/organisations?limit=500")["results"]}


def test_programme_measures_by_number(client, data):
    programme = get(client, "/programme")
    assert programme["cci"]
    numbers = [m["number"] for m in programme["measures"]]
    assert "3.2" in numbers
    measure = get(client, "/programme/measures/3.2")
    assert measure["is_zit"] is True and measure["fund"] == "EFRR"
    get(client, "/programme/measures/99.99", 404)


def test_envelopes_are_the_agreement_split(client, data):
    from decimal import Decimal

    envelopes = get(client, "/programme/envelopes")
    assert envelopes["envelopes"], "the demo split has envelopes"
    total = sum(Decimal(e["amount_eur"]) for e in envelopes["envelopes"])
    assert total == Decimal(envelopes["total_eur"])  # the demo split is complete
    assert envelopes["split_complete"] is True
    assert {e["fund"] for e in envelopes["envelopes"]} == {f["fund"] for f in envelopes["by_fund"]}


def test_strategy_tree_undertakings_and_indicators(client, data):
    strategy = get(client, "/strategy")
    assert strategy["status"] in ("adopted", "consultation")
    codes = [g["code"] for g in strategy["goals"]]
    assert "C1" in codes
    undertakings = get(client, "/strategy/undertakings")
    assert undertakings["count"] >= 1
    first = undertakings["results"][0]
    assert get(client, f"/strategy/undertakings/{first['key']}")["code"] == first["code"]
    c1 = get(client, "/strategy/undertakings?goal=C1")
    assert c1["count"] >= 1 and all("C1" in u["goals"] for u in c1["results"])
    assert get(client, "/strategy/undertakings?goal=C99")["count"] == 0
    get(client, "/strategy/undertakings/nie-ma", 404)
    indicators = get(client, "/strategy/indicators")
    assert indicators and all(i["kind"] == "indicator" and i["title"] for i in indicators)


def test_indicator_progress_public_figures(client, data):
    progress = get(client, "/indicators/progress")
    assert progress["count"] >= 1
    row = progress["results"][0]
    assert set(row) >= {"indicator_code", "target_value", "value", "status"}
    assert "card_id" not in row and "number" not in row  # no single project's report
    only = get(client, "/indicators/progress?source=agreement")
    assert all(r["source"] == "agreement" for r in only["results"])


@pytest.mark.parametrize("limit", [0, 501])
def test_limit_out_of_range_is_refused(client, data, limit):
    response = client.get(f"{API}/members?limit={limit}")
    assert response.status_code == 422


def _operations() -> list[tuple[str, dict]]:
    """Every GET operation of the API, read from the routers' own OpenAPI description (so a new endpoint is
    checked without being listed here)."""
    from zit.opendata.api import api

    paths = api.get_openapi_schema()["paths"]
    return [(path, operations["get"]) for path, operations in sorted(paths.items()) if "get" in operations]


def _is_integer(parameter: dict) -> bool:
    schema = parameter["schema"]
    return schema.get("type") == "integer" or any(s.get("type") == "integer" for s in schema.get("anyOf", []))


LISTS = [
    path for path, operation in _operations() if "offset" in {p["name"] for p in operation["parameters"]}
]
INTEGER_QUERIES = [
    (path, p["name"])
    for path, operation in _operations()
    for p in operation["parameters"]
    if p["in"] == "query" and _is_integer(p)
]
INTEGER_PATHS = [
    path
    for path, operation in _operations()
    if any(p["in"] == "path" and _is_integer(p) for p in operation["parameters"])
]
HUGE = "99999999999999999999"  # past the 64-bit range of both databases


def test_the_endpoint_lists_are_read_from_the_api():
    assert len(LISTS) >= 8 and "/api/v1/projects" in LISTS and "/api/v1/members" in LISTS
    assert ("/api/v1/resolutions", "year") in INTEGER_QUERIES
    assert "/api/v1/organisations/{organisation_id}" in INTEGER_PATHS


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (HUGE, "offset: podaj liczbę nie większą niż 10000000."),
        ("10000001", "offset: podaj liczbę nie większą niż 10000000."),
        ("-1", "offset: podaj liczbę nie mniejszą niż 0."),
        ("dziesięć", "offset: podaj liczbę całkowitą."),
    ],
    ids=["huge", "one-too-many", "negative", "word"],
)
@pytest.mark.parametrize("path", LISTS)
def test_an_offset_out_of_range_is_refused_on_every_list(client, data, path, offset, message):
    response = client.get(path, {"offset": offset})
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json; charset=utf-8"
    name, text = message.split(": ")
    assert response.json() | {"instance": None} == {
        "type": "about:blank",
        "title": "Nieprawidłowe parametry",
        "status": 422,
        "detail": message,
        "instance": None,
        "errors": [{"name": name, "in": "query", "detail": text}],
    }


@pytest.mark.parametrize("path", LISTS)
def test_the_deepest_allowed_offset_is_an_empty_page(client, data, path):
    response = client.get(path, {"offset": "10000000"})
    assert response.status_code == 200
    assert response.json()["results"] == [] and response.json()["offset"] == 10_000_000


@pytest.mark.parametrize(("path", "name"), INTEGER_QUERIES)
def test_every_integer_parameter_past_the_database_range_is_refused(client, data, path, name):
    response = client.get(path, {name: HUGE})
    assert response.status_code == 422, response.content[:300]
    assert re.fullmatch(rf"{name}: podaj liczbę nie większą niż \d+\.", response.json()["detail"])


@pytest.mark.parametrize("path", INTEGER_PATHS)
def test_an_identifier_past_the_database_range_is_not_found(client, data, path):
    url = re.sub(r"\{[^}]+\}", lambda m: HUGE if m.group(0) != "{body}" else "rada", path)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Nie ma ")


def test_a_page_of_a_list_refuses_an_offset_past_the_maximum_itself(rf):
    """For a list whose endpoint declares plain ints: the page, not the database, refuses the offset."""
    from ninja.errors import HttpError

    from zit.opendata.api import MAX_OFFSET, page

    with pytest.raises(HttpError) as refused:
        page(rf.get("/api/v1/x"), [], limit=10, offset=MAX_OFFSET + 1, row=lambda r: r)
    assert refused.value.status_code == 422
    assert str(refused.value) == "offset: podaj liczbę nie większą niż 10000000."


def test_limit_and_a_wrong_choice_are_explained_in_polish(client, data):
    assert client.get(f"{API}/members?limit=0").json()["detail"] == "limit: podaj liczbę nie mniejszą niż 1."
    assert (
        client.get(f"{API}/members?limit={HUGE}").json()["detail"]
        == "limit: podaj liczbę nie większą niż 500."
    )
    assert client.get(f"{API}/members?current=może").json()["detail"] == "current: podaj true albo false."
    wrong = client.get(f"{API}/projects?ordering=title&offset=-1")
    assert wrong.status_code == 422
    assert wrong.json()["detail"].split("; ") == [
        "ordering: podaj jedną z wartości: key, -key, year, -year, updated_at, -updated_at.",
        "offset: podaj liczbę nie mniejszą niż 0.",
    ]


def test_polish_search_finds_the_road_in_slesin(client, road):
    found = get(client, "/projects?q=drogi w Ślesinie")
    assert found["count"] == 1
    assert found["results"][0]["title"] == "Przebudowa drogi gminnej w Ślesinie"
    assert found["results"][0]["key"] == "umowa-test-droga-slesin"
    assert get(client, "/projects?q=Ślesin rower")["count"] == 0


def test_project_filters(client, road):
    every = get(client, "/projects?limit=500")["count"]
    assert every >= 13  # the 12 demo projects and the road
    for query in (
        f"gmina={SLESIN}",
        "fund=EFRR&measure=9.9",
        "status=running&year=2031",
        "goal=C9",
    ):
        keys = [p["key"] for p in get(client, f"/projects?{query}&limit=500")["results"]]
        assert "umowa-test-droga-slesin" in keys, query
        assert len(keys) < every, query
    assert get(client, "/projects?year=1999")["count"] == 0
    assert get(client, "/projects?status=terminated&goal=C9")["count"] == 0


def test_projects_pages_are_stable_and_complete(client, road):
    total = get(client, "/projects?limit=500")["count"]
    seen = []
    url = f"{API}/projects?limit=4&ordering=-year"
    while url:
        page = client.get(url).json()
        assert page["count"] == total
        seen += [p["key"] for p in page["results"]]
        url = page["next"]
    assert len(seen) == total == len(set(seen))
    assert seen[0] == "umowa-test-droga-slesin"  # the newest year first
    by_key = [p["key"] for p in get(client, "/projects?limit=500")["results"]]
    assert by_key == sorted(by_key)
    assert client.get(f"{API}/projects?ordering=title").status_code == 422


def test_project_by_key_with_geometry(client, road):
    project = get(client, "/projects/umowa-test-droga-slesin")
    assert project["gminas"] == [SLESIN]
    assert project["eu_pln"] == "987654.32"
    assert project["geometry"] == {"type": "Point", "coordinates": [18.3, 52.37]}
    get(client, "/projects/nie-ma-takiego", 404)


def test_project_detail_has_pes_partners_and_social_clauses(client, social_demo):  # noqa: F811
    listed = client.get("/api/v1/projects/fiszka-1-2025-001").json()
    assert listed["pes_partners"] == [
        {
            "name": "Spółdzielnia Socjalna „Zielona Przystań” (demo)",
            "pes_kind": "social_cooperative",
            "pes_kind_label": "spółdzielnia socjalna",
        }
    ]
    running = client.get("/api/v1/projects/fiszka-1-2025-014").json()
    awarded = next(c for c in running["social_clauses"] if c["state"] == "awarded")
    assert awarded | {"kind_label": ""} == {
        "kind": "reserved",
        "kind_label": "",
        "subject": "Utrzymanie zieleni wzdłuż szlaku (demo)",
        "estimated_pln": "120000.00",
        "planned_year": 2026,
        "planned_quarter": 1,
        "state": "awarded",
        "state_label": "udzielone zamówienie",
        "announced_on": "2026-01-12",
        "awarded_on": "2026-02-20",
        "awarded_pln": "112800.00",
        "contractor": "Spółdzielnia Socjalna „Zielona Przystań” (demo)",
        "contractor_is_pes": True,
    }
    assert client.get("/api/v1/projects/fiszka-1-2025-002").json()["social_clauses"] == []


def test_resolutions_by_number_and_filters(client, data):
    from zit.governance.models import Resolution

    listed = get(client, "/resolutions")
    published = Resolution.objects.filter(published_at__isnull=False, status="adopted").count()
    assert listed["count"] == published > 0
    first = listed["results"][0]
    assert re.fullmatch(r"[a-z-]+/\d{4}/\d+", first["id"])
    again = get(client, f"/resolutions/{first['id']}")
    assert again["subject"] == first["subject"] and again["url"].startswith("/uchwaly/")
    assert get(client, f"/resolutions?year={first['year']}&body={first['body']}")["count"] >= 1
    assert get(client, "/resolutions?year=1990")["count"] == 0
    get(client, "/resolutions/rada/1990/1", 404)
    drafts = Resolution.objects.filter(published_at__isnull=True).exclude(sequence=None)
    for draft in drafts:
        get(client, f"/resolutions/{draft.body.slug}/{draft.year}/{draft.sequence}", 404)


def test_openapi_document_is_3_1_with_every_path(client, db):
    from zit.opendata.datasets import DATASETS

    document = get(client, "/openapi.json")
    assert re.fullmatch(r"3\.1\.\d+", document["openapi"])
    assert document["info"]["version"] == "1"
    assert "Tylko do odczytu" in document["info"]["description"]
    paths = document["paths"]
    for path in (
        "/api/v1/areas/gminas",
        "/api/v1/areas/gminas/{terc}",
        "/api/v1/members/{slug}",
        "/api/v1/organisations",
        "/api/v1/programme/envelopes",
        "/api/v1/strategy",
        "/api/v1/projects",
        "/api/v1/projects/{key}",
        "/api/v1/indicators/progress",
        "/api/v1/resolutions/{body}/{year}/{sequence}",
    ):
        assert path in paths, path
    for dataset in DATASETS:  # every dataset's API link resolves to a documented path
        assert f"/api/v1/{dataset.api_path}" in paths, dataset.key
    assert all(set(operations) == {"get"} for operations in paths.values()), "read-only"
    parameters = {p["name"] for p in paths["/api/v1/projects"]["get"]["parameters"]}
    assert parameters >= {
        "gmina",
        "fund",
        "measure",
        "status",
        "goal",
        "year",
        "q",
        "ordering",
        "limit",
        "offset",
    }


def test_docs_page_needs_no_outside_server(client, db):
    from django.contrib.staticfiles import finders

    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?(https?:)?//""", html)
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css"} <= set(assets)
    assert all(finders.find(asset) for asset in assets)  # served from our own static files
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise fetch a badge from swagger.io


def test_etag_gives_304_until_the_data_change(client, road):
    path = f"{API}/projects?ordering=-year&limit=2"  # the road (2031) comes first
    first = client.get(path)
    etag = first["ETag"]
    assert etag
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    road.title = "Przebudowa drogi powiatowej w Ślesinie"
    road.save()
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["results"][0]["title"] == road.title


def test_no_writes(client, data):
    assert client.post(f"{API}/projects", {}, content_type="application/json").status_code == 405
    assert client.delete(f"{API}/resolutions/rada/2026/3").status_code == 405


def test_no_personal_data_in_any_api_answer(client, road, personal_data):
    document = get(client, "/openapi.json")
    bodies = []
    for path, operations in document["paths"].items():
        if "{" in path:
            continue
        bodies.append(
            client.get(path + ("?limit=500" if "limit" in str(operations) else "")).content.decode()
        )
    member = get(client, "/members?limit=1")["results"][0]
    resolution = get(client, "/resolutions?limit=1")["results"][0]
    for path in (
        f"/areas/gminas/{SLESIN}",
        f"/members/{member['slug']}",
        f"/resolutions/{resolution['id']}",
        "/projects/umowa-test-droga-slesin",
    ):
        bodies.append(client.get(API + path).content.decode())
    text = "\n".join(bodies)
    assert "Ślesin" in text
    leaks = sorted(v for v in personal_data if v in text)
    assert not leaks, leaks
