"""The public JSON API, version 1 (/api/v1/): read-only, no account needed, the same selectors and row
builders as the pages and the downloads (`opendata.rows`, `opendata.rows_registers`).

Conventions: list endpoints take `limit` and `offset` and answer {count, next, previous, limit, offset,
results}; the order is always on indexed columns with a unique last key, so deep pages stay fast and stable.
Every integer parameter is bounded (`Limit`, `Offset`, `Year`), so no number past the databases' 64-bit range
reaches a query, and every filter with a closed list of values is a Literal (`choice`); every error, refused
parameters included, is an RFC 9457 problem in the request's language (`api_problems`).
Objects are addressed by stable public identifiers: TERC codes, member slugs, measure numbers, catalogue keys,
strategy item keys, resolution numbers ("rada/2026/3"). Amounts are decimal strings ("1234.50") so no cent is
lost; dates are ISO 8601. Every GET answer carries an ETag and a repeated request with If-None-Match gets 304.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from zit.opendata import api_problems
from zit.opendata.api_problems import RefusedParameter
from zit.opendata.datasets import LICENCE, PUBLISHER

API_DESCRIPTION = f"""
Otwarte dane Stowarzyszenia Aglomeracji Konińskiej (ZIT): gminy i obszar, członkowie i organizacje,
program i koperty, strategia, projekty, postęp wskaźników, uchwały, podmioty ekonomii społecznej.

**Tylko do odczytu.** API nie przyjmuje żadnych zmian (zapis wymagałby osobistego tokenu API i tych samych
uprawnień co strony platformy; dziś nie ma takich operacji). Nie wymaga konta.

Listy: parametry `limit` (od 1 do 500) i `offset` (od 0 do 10000000); odpowiedź zawiera `count`, `next`
i `previous`.
Kwoty są napisami dziesiętnymi (`"1234.50"`), daty w formacie ISO 8601. Odpowiedzi GET mają nagłówek `ETag`:
ponowne zapytanie z `If-None-Match` dostaje 304, gdy dane się nie zmieniły.

**Błędy** mają jeden kształt, RFC 9457 (`application/problem+json`): `type`, `title`, `status`, `detail`,
`instance`, a przy 422 także `errors` (po jednym wpisie na odrzucony parametr). Błędny parametr (liczba spoza
zakresu, wartość spoza listy, np. `status`) daje 422, nieznany obiekt albo adres 404. Komunikaty są po
polsku, po angielsku z `?lang=en` albo `Accept-Language: en`.

**Z innych witryn**: API odpowiada każdej stronie (CORS, GET/HEAD/OPTIONS, bez ciasteczek), nagłówek `ETag`
jest czytelny dla skryptu.

Licencja danych: {LICENCE}, źródło: {PUBLISHER}. Pliki do pobrania: /dane/.

*Read-only open data API of the Konin Agglomeration ZIT; no writes, no account; errors as RFC 9457 problems
(Polish by default, English with `?lang=en` or `Accept-Language: en`); CORS for any origin; {LICENCE}.*
"""

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
# far past the longest list here, far inside both databases' 64-bit OFFSET (a larger one is a 500 from SQLite's
# "datatype mismatch" or PostgreSQL's "bigint out of range")
MAX_OFFSET = 10_000_000

# every list endpoint takes these; their bounds are checked before the view runs and shown in the OpenAPI document
Limit = Annotated[int, Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(0, ge=0, le=MAX_OFFSET)]
Year = Annotated[int | None, Query(None, ge=1, le=9999)]  # the years a date can have


def choice(values: Any) -> Any:
    """A filter's allowed values as a Literal: checked before the view runs (422 otherwise) and listed as an
    `enum` in the OpenAPI document."""
    return Literal[tuple(values)]


class OfflineSwagger(DocsBase):
    """Swagger UI from django-ninja's own files in our static files, never from a CDN; the online validator
    badge is off, so the page makes no request outside the site."""

    template = "opendata/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        import json

        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": False,  # with it, each path is a link inside the expand button (nested controls)
            "validatorUrl": None,
            "syntaxHighlight": {"activated": False},  # its colours fail contrast and its box takes no focus
            "supportedSubmitMethods": ["get", "head"],
        }
        return render(request, self.template, {"api": api, "swagger_settings": json.dumps(settings)})


class Utf8Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # "Ślesin", not "\\u015alesin"


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        """Ninja's document plus the problems every operation can answer and the `lang` parameter."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return api_problems.document(schema)


api = OpenDataAPI(
    renderer=Utf8Renderer(),
    title="API otwartych danych ZIT Aglomeracji Konińskiej",
    version="1",
    description=API_DESCRIPTION,
    urls_namespace="api-v1",
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


api_problems.install(api)


def not_found(message: str) -> HttpError:
    return HttpError(404, message)


def clamp(limit: int, offset: int) -> tuple[int, int]:
    """The bounds of `Limit` and `Offset` again, for a list whose endpoint declared plain ints."""
    if limit < 1:
        raise RefusedParameter("limit", _("podaj liczbę nie mniejszą niż %(min)s.") % {"min": 1})
    if limit > MAX_LIMIT:
        raise RefusedParameter("limit", _("podaj liczbę nie większą niż %(max)s.") % {"max": MAX_LIMIT})
    if offset < 0:
        raise RefusedParameter("offset", _("podaj liczbę nie mniejszą niż %(min)s.") % {"min": 0})
    if offset > MAX_OFFSET:
        raise RefusedParameter("offset", _("podaj liczbę nie większą niż %(max)s.") % {"max": MAX_OFFSET})
    return limit, offset


def page(request: HttpRequest, items: Any, *, limit: int, offset: int, row: Any) -> dict[str, Any]:
    """One page of a queryset or a list, with the total and links to the neighbouring pages."""
    limit, offset = clamp(limit, offset)
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    chunk = items[offset : offset + limit]

    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "limit": limit,
        "offset": offset,
        "results": [row(item) for item in chunk],
    }


def conditional(view):
    """ETag on every successful GET (a hash of the body) and 304 when the client already has it."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            return get_conditional_response(request, etag=etag, response=response)
        return response

    return wrapped


def _register() -> None:
    # the routers live in their own modules; importing them adds their operations to `api`
    from zit.opendata import (  # noqa: F401
        api_governance,
        api_landing,
        api_programme,
        api_projects,
        api_social_economy,
        api_territory,
    )

    api.add_router("", api_landing.router)
    api.add_router("/areas", api_territory.areas_router)
    api.add_router("/members", api_territory.members_router)
    api.add_router("/organisations", api_territory.organisations_router)
    api.add_router("/programme", api_programme.programme_router)
    api.add_router("/strategy", api_programme.strategy_router)
    api.add_router("/indicators", api_programme.indicators_router)
    api.add_router("/projects", api_projects.router)
    api.add_router("/resolutions", api_governance.router)
    api.add_router("/social-economy", api_social_economy.router)


_register()


def urlpatterns() -> tuple[list, str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = conditional(pattern.callback)
    return patterns, app_name, namespace
