"""The OpenAPI 3.0 definition of /ogc/ (the landing page's `service-desc`); GDAL reads the largest `limit`."""

from __future__ import annotations

from zit.opendata.ogc_sources import DEFAULT_LIMIT, MAX_OFFSET, collections


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _json(description: str, media: str = "application/json") -> dict:
    return {"description": description, "content": {media: {"schema": {"type": "object"}}}}


ERRORS = {
    "400": _json("Invalid parameter (code InvalidParameterValue)"),
    "404": _json("Unknown collection or feature (code NotFound)"),
}


def openapi(*, server: str, max_limit: int) -> dict:
    ids = [c.id for c in collections()]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "OGC API – Features: ZIT Aglomeracji Konińskiej",
            "version": "1.0",
            "description": "Gminas of the ITI area and the public catalogue of projects as GeoJSON (CRS84).",
        },
        "servers": [{"url": server.rstrip("/")}],
        "paths": {
            "/": {
                "get": {
                    "summary": "Landing page",
                    "parameters": [_ref("f")],
                    "responses": {"200": _json("Links")},
                }
            },
            "/conformance": {
                "get": {
                    "summary": "Conformance classes",
                    "parameters": [_ref("f")],
                    "responses": {"200": _json("conformsTo")},
                }
            },
            "/collections": {
                "get": {
                    "summary": "Feature collections",
                    "parameters": [_ref("f")],
                    "responses": {"200": _json("Collections")},
                }
            },
            "/collections/{collectionId}": {
                "get": {
                    "summary": "One collection with its extent",
                    "parameters": [_ref("collectionId"), _ref("f")],
                    "responses": {"200": _json("Collection"), **ERRORS},
                }
            },
            "/collections/{collectionId}/items": {
                "get": {
                    "summary": "Features, paged by limit and offset",
                    "parameters": [
                        _ref("collectionId"),
                        _ref("limit"),
                        _ref("offset"),
                        _ref("bbox"),
                        _ref("datetime"),
                        _ref("f"),
                    ],
                    "responses": {"200": _json("FeatureCollection", "application/geo+json"), **ERRORS},
                }
            },
            "/collections/{collectionId}/items/{featureId}": {
                "get": {
                    "summary": "One feature (TERC code of a gmina, catalogue key of a project)",
                    "parameters": [_ref("collectionId"), _ref("featureId"), _ref("f")],
                    "responses": {"200": _json("Feature", "application/geo+json"), **ERRORS},
                }
            },
        },
        "components": {
            "parameters": {
                "collectionId": {
                    "name": "collectionId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": ids},
                },
                "featureId": {
                    "name": "featureId",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                },
                "limit": {
                    "name": "limit",
                    "in": "query",
                    "required": False,
                    "style": "form",
                    "explode": False,
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": max_limit,
                        "default": DEFAULT_LIMIT,
                    },
                },
                "offset": {
                    "name": "offset",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
                },
                "bbox": {
                    "name": "bbox",
                    "in": "query",
                    "required": False,
                    "style": "form",
                    "explode": False,
                    "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
                },
                "datetime": {
                    "name": "datetime",
                    "in": "query",
                    "required": False,
                    "style": "form",
                    "explode": False,
                    "schema": {"type": "string"},
                },
                "f": {
                    "name": "f",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string", "enum": ["json", "html"], "default": "json"},
                },
            }
        },
    }
