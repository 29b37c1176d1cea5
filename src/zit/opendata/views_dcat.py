"""The DCAT-AP catalogue as Turtle, RDF/XML or JSON-LD: public, no account needed; also the answer of /dane/
to a client that asks for one of those types (`negotiated`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zit.opendata.dcat import catalogue_graph, serialise

MEDIA_TYPES = {"ttl": "text/turtle", "rdf": "application/rdf+xml", "jsonld": "application/ld+json"}
# /dane/ answers a page to browsers and the catalogue to clients that ask for RDF; HTML first, so a client
# that accepts anything (*/*) gets the page
NEGOTIATED = ("text/html", "application/rdf+xml", "text/turtle", "application/ld+json")


def _catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    graph = catalogue_graph(base=request.build_absolute_uri("/"))
    response = HttpResponse(serialise(graph, fmt), content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="katalog.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browser tools read it from other sites
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_safe
@cache_control(public=True, max_age=3600)
def catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in MEDIA_TYPES:
        raise Http404
    return _catalogue(request, fmt)


def negotiated(request: HttpRequest) -> HttpResponse | None:
    """The catalogue in the RDF type the request prefers over HTML, or None for the page."""
    preferred = request.get_preferred_type(NEGOTIATED)
    if preferred is None or preferred == "text/html":
        return None
    fmt = next(key for key, media_type in MEDIA_TYPES.items() if media_type == preferred)
    response = _catalogue(request, fmt)
    response["Content-Location"] = request.build_absolute_uri(f"/dane/katalog.{fmt}")
    return response
