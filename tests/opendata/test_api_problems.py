"""Open data other sites can use: CORS on the API, the downloads, the DCAT catalogue, OGC API and the feeds
(and nowhere else), every API error as an RFC 9457 problem in the request's language, JSON 404 for unknown
/api/ paths, 422 for a filter value outside its allowed values, the errors and enums in the OpenAPI document,
the /api/v1/ landing the DCAT catalogue points at."""

from __future__ import annotations

import pytest
from django.urls import reverse

API = "/api/v1"
ORIGIN = "http://other-site.example"
PROBLEM = "application/problem+json; charset=utf-8"
OPEN_PATHS = [
    f"{API}/",
    f"{API}/projects",
    f"{API}/openapi.json",
    "/dane/projekty.csv",
    "/dane/gminy.geojson",
    "/dane/katalog.ttl",
    "/dane/katalog.rdf",
    "/dane/katalog.jsonld",
    "/ogc/collections",
    "/ogc/collections/gminas/items",
    "/projekty/kanal.atom",
]


def _preflight(client, path: str, headers: str = "if-none-match"):
    return client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def _no_cors(response) -> bool:
    return not any(name.lower().startswith("access-control-") for name in response.headers)


@pytest.mark.parametrize("path", OPEN_PATHS)
def test_a_preflight_to_the_open_data_is_answered(client, db, path):
    response = _preflight(client, path, "if-none-match, accept-language")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")} == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    allowed = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "accept-language"} <= allowed
    assert "Access-Control-Allow-Credentials" not in response  # never the visitor's cookies


@pytest.mark.parametrize("path", OPEN_PATHS)
def test_a_get_from_another_site_may_read_the_answer_and_its_etag(client, db, path):
    response = client.get(path, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200, path
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "link", "content-disposition"} <= exposed
    assert "Access-Control-Allow-Credentials" not in response
    if path.startswith(API):
        assert response["ETag"]


def test_a_head_and_an_error_from_another_site_are_readable_too(client, db):
    assert client.head(f"{API}/projects", HTTP_ORIGIN=ORIGIN)["Access-Control-Allow-Origin"] == "*"
    missing = client.get(f"{API}/projects/nie-ma", HTTP_ORIGIN=ORIGIN)
    assert missing.status_code == 404 and missing["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "name",
    ["accounts:dashboard", "accounts:login", "portal:contact", "portal:home", "monitoring:dashboard"],
)
def test_office_forms_and_pages_send_no_cors(client, db, name):
    path = reverse(name)
    assert _no_cors(client.get(path, HTTP_ORIGIN=ORIGIN))
    assert _no_cors(_preflight(client, path))
    assert _no_cors(client.post(path, {}, HTTP_ORIGIN=ORIGIN))


# --- problems -----------------------------------------------------------------------------------------------------


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert body["type"] == "about:blank" and body["status"] == status
    assert "Accept-Language" in response["Vary"]
    return body


def test_an_unknown_object_is_a_polish_problem_by_default(client, db):
    body = _problem(client.get(f"{API}/members/nie-ma-takiego"), 404)
    assert body == {
        "type": "about:blank",
        "title": "Nie znaleziono",
        "status": 404,
        "detail": "Nie ma takiego członka.",
        "instance": f"{API}/members/nie-ma-takiego",
    }


@pytest.mark.parametrize(
    "ask",
    [
        {"query": "?lang=en"},
        {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"},
        {"HTTP_ACCEPT_LANGUAGE": "de, en;q=0.5, pl;q=0.2"},
        {"cookie": "en"},
    ],
    ids=["lang", "accept-language", "accept-language-order", "chosen-language"],
)
def test_an_english_request_gets_the_same_problem_in_english(client, db, settings, ask):
    ask = dict(ask)
    query = ask.pop("query", "")
    if "cookie" in ask:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = ask.pop("cookie")
    response = client.get(f"{API}/members/nie-ma-takiego{query}", **ask)
    body = _problem(response, 404)
    assert (body["title"], body["detail"]) == ("Not Found", "No such member.")
    assert response["Content-Language"] == "en"

    refused = _problem(client.get(f"{API}/members?limit=0&kind=miasto{query.replace('?', '&')}", **ask), 422)
    assert refused["title"] == "Unprocessable Entity"
    assert refused["errors"] == [
        {"name": "kind", "in": "query", "detail": "give one of the values: city, powiat, gmina."},
        {"name": "limit", "in": "query", "detail": "give a number not smaller than 1."},
    ]
    assert refused["detail"] == "; ".join(f"{e['name']}: {e['detail']}" for e in refused["errors"])


def test_the_lang_parameter_outranks_the_chosen_language_and_that_outranks_the_browser(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _problem(client.get(f"{API}/members/x?lang=pl", HTTP_ACCEPT_LANGUAGE="en"), 404)["title"] == (
        "Nie znaleziono"
    )
    assert _problem(client.get(f"{API}/members/x", HTTP_ACCEPT_LANGUAGE="pl"), 404)["title"] == "Not Found"
    client.cookies.clear()
    polish = client.get(f"{API}/members/x", HTTP_ACCEPT_LANGUAGE="fr, de")  # neither spoken here: Polish
    assert _problem(polish, 404)["title"] == "Nie znaleziono" and polish["Content-Language"] == "pl"


def test_a_filter_value_outside_its_choices_is_422_as_the_guide_says(client, db):
    body = _problem(client.get(f"{API}/projects?status=nonsense"), 422)
    assert body["title"] == "Nieprawidłowe parametry"
    assert body["errors"] == [
        {
            "name": "status",
            "in": "query",
            "detail": "podaj jedną z wartości: listed, applying, selected, running, completed, terminated.",
        }
    ]
    assert body["instance"] == f"{API}/projects?status=nonsense"
    assert client.get(f"{API}/projects?status=running").status_code == 200


def _enum_filters() -> list[tuple[str, str, list[str]]]:
    """Every query parameter of the API with a closed list of values (read from the OpenAPI document)."""
    from zit.opendata.api import api

    found = []
    for path, operations in sorted(api.get_openapi_schema()["paths"].items()):
        for parameter in operations["get"]["parameters"]:
            schema = parameter["schema"]
            choices = schema.get("enum") or next(
                (s["enum"] for s in schema.get("anyOf", []) if "enum" in s), None
            )
            if choices and parameter["name"] != "lang":
                found.append((path, parameter["name"], choices))
    return found


ENUM_FILTERS = _enum_filters()


def test_the_filters_with_choices_are_read_from_the_document():
    names = {(path, name) for path, name, _ in ENUM_FILTERS}
    assert {
        (f"{API}/projects", "status"),
        (f"{API}/projects", "ordering"),
        (f"{API}/members", "kind"),
        (f"{API}/organisations", "kind"),
        (f"{API}/resolutions", "kind"),
        (f"{API}/strategy/undertakings", "kind"),
        (f"{API}/indicators/progress", "source"),
        (f"{API}/social-economy/entities", "kind"),
    } <= names


@pytest.mark.parametrize(("path", "name", "choices"), ENUM_FILTERS)
def test_every_filter_refuses_a_value_outside_its_choices(client, db, path, name, choices):
    body = _problem(client.get(path, {name: "nonsense"}), 422)
    assert body["errors"] == [
        {"name": name, "in": "query", "detail": f"podaj jedną z wartości: {', '.join(choices)}."}
    ]
    assert client.get(path, {name: choices[0]}).status_code in (200, 404)  # 404: e.g. no strategy yet


@pytest.mark.parametrize("path", [f"{API}/nie-ma", f"{API}/projects/a/b", "/api/v2/projects", "/api/"])
def test_an_unknown_api_path_is_a_json_404(client, db, path):
    body = _problem(client.get(path), 404)
    assert body["detail"] == "Nie ma takiego adresu w API. Spis adresów: /api/v1/docs"
    assert body["instance"] == path


def test_a_nul_character_is_refused_before_it_reaches_the_database(client, db):
    """PostgreSQL refuses NUL in any text (a 500 before): a 422 naming the parameters, a 404 in a path."""
    body = _problem(
        client.get(f"{API}/social-economy/entities", {"gmina": "30\x00", "q": "a\x00", "kind": "zaz"}), 422
    )
    assert [e["name"] for e in body["errors"]] == ["gmina", "q"]
    assert body["errors"][0]["detail"] == "nieprawidłowa wartość."
    _problem(client.get(f"{API}/projects/droga%00"), 404)
    assert client.get(f"{API}/projects", {"q": "droga"}).status_code == 200


def test_a_head_to_an_unknown_api_path_is_a_problem_without_a_body(client, db):
    response = client.head(f"{API}/nie-ma")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert response.content == b"" and int(response["Content-Length"]) > 0


def test_a_write_is_a_405_problem_with_the_allowed_methods(client, db):
    response = client.post(f"{API}/projects", {}, content_type="application/json")
    assert _problem(response, 405)["title"] == "Niedozwolona metoda"
    assert response["Allow"] == "GET"
    assert _problem(client.delete(f"{API}/resolutions/rada/2026/3"), 405)


def test_a_crash_is_a_500_problem_without_details(client, db, monkeypatch):
    from zit.opendata import api_projects

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api_projects, "projects_queryset", broken)
    client.raise_request_exception = False
    body = _problem(client.get(f"{API}/projects/any"), 500)
    assert body["title"] == "Błąd serwera" and "secret" not in body["detail"]


def test_pages_outside_the_api_keep_their_html_404(client, db):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


# --- the OpenAPI document and the landing -------------------------------------------------------------------------


def test_the_openapi_document_describes_every_error_limit_and_choice(client, db):
    document = client.get(f"{API}/openapi.json").json()
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "instance"}
    assert "errors" in problem["properties"]
    for path, operations in document["paths"].items():
        operation = operations["get"]
        responses = operation["responses"]
        assert responses["404"]["content"]["application/problem+json"], path
        if [p for p in operation["parameters"] if p["name"] != "lang"]:
            assert responses["422"]["content"]["application/problem+json"], path
        lang = next(p for p in operation["parameters"] if p["name"] == "lang")
        assert lang["schema"]["enum"] == ["pl", "en"]
    projects = {p["name"]: p["schema"] for p in document["paths"][f"{API}/projects"]["get"]["parameters"]}
    assert (projects["limit"]["minimum"], projects["limit"]["maximum"]) == (1, 500)
    assert (projects["offset"]["minimum"], projects["offset"]["maximum"]) == (0, 10_000_000)
    assert {
        "enum": ["listed", "applying", "selected", "running", "completed", "terminated"],
        "type": "string",
    } in (projects["status"]["anyOf"])


def test_the_api_address_in_the_catalogue_is_a_landing_with_its_description(client, db):
    response = client.get(f"{API}/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["openapi"] == f"http://testserver{API}/openapi.json"
    assert body["docs"] == f"http://testserver{API}/docs"
    assert body["catalogue"]["rdf_xml"] == "http://testserver/dane/katalog.rdf"
    assert f"http://testserver{API}/projects" in body["endpoints"]
    assert f'<{body["openapi"]}>; rel="service-desc"' in response["Link"]
    assert f'<{body["docs"]}>; rel="service-doc"' in response["Link"]
    for url in (body["openapi"], body["docs"], body["catalogue"]["rdf_xml"], *body["endpoints"]):
        assert client.get(url.removeprefix("http://testserver")).status_code in (200, 404), url
    assert client.get(body["openapi"].removeprefix("http://testserver")).status_code == 200
    assert client.get(API).status_code == 301  # the address without the slash leads to it
