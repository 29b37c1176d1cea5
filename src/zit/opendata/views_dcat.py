"""The DCAT-AP catalogue as Turtle or JSON-LD: public, no account needed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zit.opendata.dcat import catalogue_graph, serialise

MEDIA_TYPES = {"ttl": "text/turtle", "jsonld": "application/ld+json"}


@require_safe
@cache_control(public=True, max_age=3600)
def catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in MEDIA_TYPES:
        raise Http404
    graph = catalogue_graph(base=request.build_absolute_uri("/"))
    response = HttpResponse(serialise(graph, fmt), content_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="katalog.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # harvesters and browser tools read it from other sites
    return response
