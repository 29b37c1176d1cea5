"""Every error of the JSON API as an RFC 9457 problem (`application/problem+json`), in one shape and in the
visitor's language:

    {"type": "about:blank", "title": "Nieprawidłowe parametry", "status": 422,
     "detail": "offset: podaj liczbę nie większą niż 10000000.", "instance": "/api/v1/projects?offset=…",
     "errors": [{"name": "offset", "in": "query", "detail": "podaj liczbę nie większą niż 10000000."}]}

`type` is always "about:blank": a problem means no more than its HTTP status, `title` names the status and
`detail` says what went wrong with this request; `errors` (only for 422) lists each refused parameter. The
refusals of django-ninja (`ValidationError`, `HttpError`, `Http404`) are answered here; what Django answers
for an /api/ path outside the API's views (an unknown path, a method the route does not take, a server error)
is reshaped by `middleware.ApiMiddleware` with `problem_for_status`.

The language: `?lang=pl|en`, else the language chosen on the site (the language cookie), else the first of
Polish and English in the request's `Accept-Language`, else Polish (`api_language`).
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja.errors import HttpError, ValidationError

PROBLEM_TYPE = "application/problem+json"

# `title` names the status: in English the HTTP reason phrase itself (as RFC 9457 advises for "about:blank"),
# in Polish these
POLISH_TITLES = {
    400: "Nieprawidłowe żądanie",
    403: "Brak dostępu",
    404: "Nie znaleziono",
    405: "Niedozwolona metoda",
    422: "Nieprawidłowe parametry",
    429: "Zbyt wiele zapytań",
    500: "Błąd serwera",
    503: "Usługa chwilowo niedostępna",
}


def title(status: int) -> str:
    phrase = HTTPStatus(status).phrase
    return POLISH_TITLES.get(status, phrase) if translation.get_language() == "pl" else phrase


class RefusedParameter(HttpError):
    """A parameter the view itself refuses (the schema let it through): a 422 naming it."""

    def __init__(self, name: str, text: str, where: str = "query") -> None:
        super().__init__(422, f"{name}: {text}")
        self.name, self.text, self.where = name, text, where


def api_language(request: HttpRequest) -> str:
    """The language of an API answer: `?lang`, the chosen language (cookie), `Accept-Language`, Polish."""
    supported = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in supported:
        return asked
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported:
        return chosen
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        primary = tag.split("-")[0].lower()
        if primary in supported:
            return primary
    return settings.LANGUAGE_CODE


def problem(
    request: HttpRequest, status: int, detail: str, *, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    """One problem document; `errors` only for refused parameters."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title(status),
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
    }
    if errors is not None:
        body["errors"] = errors
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=f"{PROBLEM_TYPE}; charset=utf-8"
    )


def problem_for_status(request: HttpRequest, status: int) -> HttpResponse:
    """The problem for a status Django answered without the API's views (unknown path, method, crash)."""
    if status == 404:
        detail = _("Nie ma takiego adresu w API. Spis adresów: %(docs)s") % {"docs": "/api/v1/docs"}
    elif status == 405:
        detail = _("API tylko udostępnia dane: przyjmuje zapytania GET, HEAD i OPTIONS.")
    elif status >= 500:
        detail = _("Wystąpił błąd po stronie serwera. Spróbuj ponownie później.")
    else:
        detail = title(status)
    return problem(request, status, detail)


def refused_characters(request: HttpRequest) -> HttpResponse | None:
    """A NUL character in the path or a parameter can never match anything, and PostgreSQL refuses it in
    any text it is given (a 500): a 404 for the path, a 422 naming the parameters, before any view runs."""
    if "\x00" in request.path:
        return problem_for_status(request, 404)
    names = sorted({name for name, values in request.GET.lists() if any("\x00" in v for v in values)})
    if not names:
        return None
    return _refused(
        request, [{"name": n, "in": "query", "detail": _("nieprawidłowa wartość.")} for n in names]
    )


def explained(error: dict[str, Any]) -> str:
    """What to send instead of one refused value, in the visitor's language."""
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return _("podaj liczbę całkowitą.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("podaj liczbę nie mniejszą niż %(min)s.") % {"min": context.get("ge", context.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("podaj liczbę nie większą niż %(max)s.") % {"max": context.get("le", context.get("lt"))}
    if kind in ("bool_parsing", "bool_type"):
        return _("podaj true albo false.")
    if kind in ("literal_error", "enum"):
        choices = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return _("podaj jedną z wartości: %(choices)s.") % {"choices": choices}
    if kind == "missing":
        return _("podaj wartość.")
    return _("nieprawidłowa wartość.")


def _refused(request: HttpRequest, errors: list[dict[str, str]]) -> HttpResponse:
    detail = "; ".join(f"{e['name']}: {e['detail']}" if e["name"] else e["detail"] for e in errors)
    return problem(request, 422, detail, errors=errors)


def _on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc") or ()]
        where = location[0] if location and location[0] in ("query", "path", "header") else "query"
        # a Literal | None refusal is reported once per branch of the union: keep the first for each name
        name = location[1] if len(location) > 1 else (location[-1] if location else "")
        if any(e["name"] == name for e in errors):
            continue
        errors.append({"name": name, "in": where, "detail": explained(error)})
    return _refused(request, errors)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, RefusedParameter):
        return _refused(request, [{"name": exc.name, "in": exc.where, "detail": exc.text}])
    return problem(request, exc.status_code, str(exc))


def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, _("Nie ma takiego obiektu w otwartych danych."))


def install(api) -> None:
    """Answer ninja's refusals as problems."""
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, _on_not_found)


# --- the OpenAPI document -----------------------------------------------------------------------------------------

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details (application/problem+json).",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "enum": ["about:blank"]},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "in", "detail"],
                "properties": {
                    "name": {"type": "string"},
                    "in": {"type": "string", "enum": ["query", "path", "header"]},
                    "detail": {"type": "string"},
                },
            },
        },
    },
}
LANG_PARAMETER = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Język opisów i komunikatów o błędach (domyślnie polski; także nagłówek Accept-Language). "
    "Language of labels and error messages (Polish by default; Accept-Language is read too).",
    "schema": {"type": "string", "enum": ["pl", "en"]},
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the errors to every operation of the API's OpenAPI document, both as problems: 404 (an unknown
    object, or data not yet published, such as the strategy before its first version) and 422 where a
    parameter can be refused; and the `lang` parameter."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.setdefault("parameters", [])
            responses = operation.setdefault("responses", {})
            responses["404"] = _problem_response("Nie znaleziono / Not Found")
            if parameters:
                responses["422"] = _problem_response("Nieprawidłowe parametry / Unprocessable Content")
            parameters.append(LANG_PARAMETER)
    return schema
