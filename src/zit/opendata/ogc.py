"""OGC API – Features, Part 1: Core, at /ogc/: the gminas of the area and the catalogue's projects as GeoJSON,
readable by QGIS and GDAL (`OAPIF:https://…/ogc`). JSON by default and with `?f=json`; a plain HTML page for
people when the browser asks for text/html or with `?f=html`. Collections and query parsing are in
`ogc_sources.py`."""

from __future__ import annotations

from decimal import Decimal
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.core.formatting import format_amount
from zit.opendata.ogc_sources import (
    CRS84,
    MAX_LIMIT,
    OgcError,
    collection,
    collections,
    parse_bbox,
    parse_datetime,
    parse_limit,
    parse_offset,
)

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
)


def _wants_html(request: HttpRequest) -> bool:
    chosen = request.GET.get("f")
    if chosen in ("json", "geojson"):
        return False
    if chosen == "html":
        return True
    if chosen is not None:
        raise OgcError(400, "InvalidParameterValue", _("f: podaj json albo html."))
    return request.get_preferred_type([JSON, GEOJSON, HTML]) == HTML


def _url(request: HttpRequest, name: str, *args, **query) -> str:
    """The absolute address of a named view, with the current query changed by `query` (None removes)."""
    params = request.GET.copy() if query.pop("keep_query", False) else request.GET.__class__(mutable=True)
    for key, value in query.items():
        params.pop(key, None)
        if value is not None:
            params[key] = str(value)
    path = reverse(f"ogc:{name}", args=args)
    return request.build_absolute_uri(path + (f"?{params.urlencode(safe=',/:')}" if params else ""))


def _link(href: str, rel: str, type_: str, title: str) -> dict:
    return {"href": href, "rel": rel, "type": type_, "title": title}


def _self_links(request: HttpRequest, name: str, *args, json_type: str = JSON, **query) -> list[dict]:
    html = _wants_html(request)
    return [
        _link(
            _url(request, name, *args, f="json", **query),
            "alternate" if html else "self",
            json_type,
            _("ten dokument jako JSON"),
        ),
        _link(
            _url(request, name, *args, f="html", **query),
            "self" if html else "alternate",
            HTML,
            _("ten dokument jako strona HTML"),
        ),
    ]


def ogc_view(view):
    """GET/HEAD only; OGC errors as JSON (or a page for people); open to any origin, varying by Accept."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except OgcError as error:
            try:
                html = _wants_html(request)
            except OgcError:
                html = False
            if html and error.status == 404:
                raise Http404(error.description) from error
            if html:
                response = render(request, "opendata/ogc/error.html", {"error": error}, status=error.status)
            else:
                response = JsonResponse(
                    {"code": error.code, "description": error.description},
                    status=error.status,
                    json_dumps_params={"ensure_ascii": False},
                )
        response["Access-Control-Allow-Origin"] = "*"
        patch_vary_headers(response, ["Accept"])
        return response

    return wrapper


def _respond(request, data: dict, template: str, content_type: str = JSON, **context) -> HttpResponse:
    if _wants_html(request):
        return render(request, f"opendata/ogc/{template}", {"data": data, **context})
    return JsonResponse(data, content_type=content_type, json_dumps_params={"ensure_ascii": False})


@ogc_view
def landing(request: HttpRequest) -> HttpResponse:
    data = {
        "title": _("Dane przestrzenne ZIT Aglomeracji Konińskiej"),
        "description": _(
            "Gminy obszaru ZIT i projekty z ich położeniem w standardzie OGC API – Features "
            "(GeoJSON, układ WGS84). Adres usługi można dodać w QGIS jako warstwę OGC API – Features."
        ),
        "links": [
            *_self_links(request, "landing"),
            _link(_url(request, "api"), "service-desc", OPENAPI, _("opis interfejsu (OpenAPI 3.0)")),
            _link(_url(request, "conformance"), "conformance", JSON, _("zgodność ze standardami")),
            _link(_url(request, "collections"), "data", JSON, _("kolekcje danych")),
        ],
    }
    return _respond(request, data, "landing.html", service_url=_url(request, "landing"))


@ogc_view
def conformance(request: HttpRequest) -> HttpResponse:
    return _respond(request, {"conformsTo": list(CONFORMANCE)}, "conformance.html")


def _collection_data(request: HttpRequest, coll) -> dict:
    return {
        "id": coll.id,
        "title": coll.title,
        "description": coll.description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": coll.extent(),
        "links": [
            _link(_url(request, "collection", coll.id, f="json"), "self", JSON, coll.title),
            _link(_url(request, "collection", coll.id, f="html"), "alternate", HTML, coll.title),
            _link(_url(request, "items", coll.id, f="json"), "items", GEOJSON, _("obiekty jako GeoJSON")),
            _link(_url(request, "items", coll.id, f="html"), "items", HTML, _("obiekty jako strona HTML")),
        ],
    }


@ogc_view
def collection_list(request: HttpRequest) -> HttpResponse:
    data = {
        "links": _self_links(request, "collections"),
        "collections": [_collection_data(request, coll) for coll in collections()],
    }
    return _respond(request, data, "collections.html")


@ogc_view
def collection_detail(request: HttpRequest, collection_id: str) -> HttpResponse:
    coll = collection(collection_id)
    return _respond(request, _collection_data(request, coll), "collection.html")


@ogc_view
def items(request: HttpRequest, collection_id: str) -> HttpResponse:
    coll = collection(collection_id)
    limit = parse_limit(request.GET.get("limit"))
    offset = parse_offset(request.GET.get("offset"))
    bbox = parse_bbox(request.GET.get("bbox"), request.GET.get("bbox-crs"))
    interval = parse_datetime(request.GET.get("datetime"))
    queryset = coll.filter(coll.queryset(), bbox, interval)
    matched = queryset.count()
    features = [coll.feature(obj, request) for obj in queryset[offset : offset + limit]]
    links = _self_links(request, "items", coll.id, json_type=GEOJSON, keep_query=True)
    links.append(_link(_url(request, "collection", coll.id, f="json"), "collection", JSON, coll.title))
    pages = {}
    if offset + len(features) < matched:
        pages["next"] = offset + limit
    if offset > 0:
        pages["prev"] = max(offset - limit, 0)
    titles = {"next": _("następna strona"), "prev": _("poprzednia strona")}
    for rel, page_offset in pages.items():
        href = _url(request, "items", coll.id, keep_query=True, offset=page_offset, limit=limit, f="json")
        links.append(_link(href, rel, GEOJSON, titles[rel]))
    data = {
        "type": "FeatureCollection",
        "features": features,
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "links": links,
    }
    if not _wants_html(request):
        return _respond(request, data, "items.html", content_type=GEOJSON)
    html_pages = {
        rel: _url(request, "items", coll.id, keep_query=True, offset=page_offset, limit=limit, f="html")
        for rel, page_offset in pages.items()
    }
    rows = [
        {
            "id": f["id"],
            "cells": [_shown(f["properties"].get(key)) for key in coll.columns],
            "demo": f["properties"].get("demo", False),
        }
        for f in features
    ]
    return _respond(
        request,
        data,
        "items.html",
        collection=coll,
        headers=[coll.labels[key] for key in coll.columns],
        rows=rows,
        first=offset + 1,
        last=offset + len(features),
        next_url=html_pages.get("next"),
        prev_url=html_pages.get("prev"),
        json_url=_url(request, "items", coll.id, keep_query=True, f="json"),
    )


@ogc_view
def item(request: HttpRequest, collection_id: str, feature_id: str) -> HttpResponse:
    coll = collection(collection_id)
    obj = coll.get(feature_id)
    if obj is None:
        raise OgcError(404, "NotFound", _("W kolekcji nie ma obiektu „%(id)s”.") % {"id": feature_id})
    data = coll.feature(obj, request)
    data["links"] = [
        *_self_links(request, "item", coll.id, feature_id, json_type=GEOJSON),
        _link(_url(request, "collection", coll.id, f="json"), "collection", JSON, coll.title),
    ]
    if not _wants_html(request):
        return _respond(request, data, "item.html", content_type=GEOJSON)
    properties = [(coll.labels.get(k, k), _shown(v)) for k, v in data["properties"].items()]
    return _respond(request, data, "item.html", collection=coll, properties=properties)


def _shown(value) -> str:
    """A property as people read it on the HTML pages."""
    if value is None or value == "" or value == []:
        return _("brak danych")
    if isinstance(value, bool):
        return _("tak") if value else _("nie")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return format_amount(Decimal(str(value)))  # only amounts are floats
    return str(value)


@ogc_view
def api(request: HttpRequest) -> HttpResponse:
    from zit.opendata.ogc_openapi import openapi

    return JsonResponse(
        openapi(server=_url(request, "landing"), max_limit=MAX_LIMIT),
        content_type=OPENAPI,
        json_dumps_params={"ensure_ascii": False},
    )
