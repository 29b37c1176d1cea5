"""API: the landing document at /api/v1/ (the DCAT catalogue's `dcat:endpointURL` of the API): where the
OpenAPI description, the docs, the catalogue and the downloads are, also as `Link` headers (RFC 8631)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from zit.opendata.datasets import DATASETS, LICENCE, LICENCE_URL, PUBLISHER

router = Router(tags=["API"])


class Catalogue(Schema):
    turtle: str
    rdf_xml: str
    json_ld: str


class Landing(Schema):
    title: str
    description: str
    openapi: str
    docs: str
    catalogue: Catalogue
    downloads: str
    ogc: str
    licence: str
    licence_url: str
    publisher: str
    endpoints: list[str]


@router.get("/", response=Landing, summary="Opis API: gdzie są dokumentacja, opis OpenAPI i katalog")
def landing(request: HttpRequest, response: HttpResponse):
    """Adres usługi z katalogu DCAT (`dcat:endpointURL`). Nagłówki `Link`: `service-desc` (opis OpenAPI)
    i `service-doc` (dokumentacja)."""
    from zit.opendata.api import api

    def url(path: str) -> str:
        return request.build_absolute_uri(path)

    base = reverse("api-v1:api-root")
    openapi, docs = url(reverse("api-v1:openapi-json")), url(reverse("api-v1:openapi-view"))
    response["Link"] = (
        f'<{openapi}>; rel="service-desc"; type="application/vnd.oai.openapi+json;version=3.1", '
        f'<{docs}>; rel="service-doc"; type="text/html"'
    )
    catalogue = reverse("opendata_dcat:catalogue", args=["ttl"])[: -len("ttl")]
    return {
        "title": api.title,
        "description": "Otwarte dane ZIT Aglomeracji Konińskiej, tylko do odczytu. "
        "Read-only open data of the Konin Agglomeration ZIT.",
        "openapi": openapi,
        "docs": docs,
        "catalogue": {
            "turtle": url(catalogue + "ttl"),
            "rdf_xml": url(catalogue + "rdf"),
            "json_ld": url(catalogue + "jsonld"),
        },
        "downloads": url(reverse("opendata:datasets")),
        "ogc": url(reverse("ogc:landing")),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "publisher": PUBLISHER,
        "endpoints": sorted({url(f"{base}{d.api_path}") for d in DATASETS}),
    }
