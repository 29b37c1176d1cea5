"""The public map: projects as points and lines, clustered on the server when many are in view, over the
gminas coloured by EU money per inhabitant; filtered like the catalogue, with a table as the text alternative."""

from __future__ import annotations

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, F, OuterRef, Subquery, Sum
from django.db.models.functions import Floor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from zit.core.maps import geojson_collection, svg_map
from zit.monitoring.geography import GminaRow, fills
from zit.opendata.models import CatalogueGmina
from zit.portal import catalogue
from zit.portal.views import unit_url
from zit.territory.diagnosis import area_gminas, population_by_unit, population_for

MAX_POINTS = 300  # beyond this many projects in view, the server sends clusters


def gmina_money(filters: catalogue.Filters) -> list[GminaRow]:
    """EU money of the projects shown, in equal parts over each project's gminas, per gmina."""
    projects = catalogue.projects_for_catalogue(filters).order_by()
    gminas_of_project = (
        CatalogueGmina.objects.filter(project=OuterRef("project"))
        .values("project")
        .annotate(n=Count("id"))
        .values("n")
    )
    sums = {
        row["unit"]: (row["eu"] or Decimal(0), row["projects"])
        for row in CatalogueGmina.objects.filter(project__in=projects.values("pk"))
        .values("unit")
        .annotate(
            eu=Sum(F("project__eu_pln") / Subquery(gminas_of_project)),
            projects=Count("project", distinct=True),
        )
    }
    units = list(area_gminas())
    populations = population_by_unit(units)
    rows = []
    for unit in units:
        eu, count = sums.get(unit.pk, (Decimal(0), 0))
        year, population = population_for(populations.get(unit.pk, []), timezone.localdate().year)
        rows.append(
            GminaRow(unit, Decimal(eu).quantize(Decimal("0.01")), Decimal(0), count, population, year)
        )
    return rows


@require_safe
@condition(last_modified_func=catalogue.last_change)
def map_page(request: HttpRequest) -> HttpResponse:
    filters = catalogue.Filters.from_query(request.GET)
    rows = catalogue.cached("gminas", filters, lambda: gmina_money(filters))
    colours, classes = fills(rows)
    units = [r.unit for r in rows if r.unit.geometry]
    collection = geojson_collection(units, url_for=unit_url)
    for feature in collection["features"]:
        colour, text = colours.get(feature["properties"]["terc"], ("#ffffff", ""))
        feature["properties"] |= {"fill": colour, "value": text}
    return render(
        request,
        "portal/map.html",
        {
            "filters": filters,
            "query_string": filters.query_string(),
            "rows": sorted(rows, key=lambda r: r.unit.name),
            "classes": classes,
            "area_geojson": collection,
            "svg": svg_map(
                units,
                url_for=unit_url,
                fills=colours,
                title=_("Dofinansowanie UE na mieszkańca w gminach"),
                description=_("Kolor gminy to klasa kwoty na mieszkańca; wartości są w tabeli pod mapą."),
            ),
            "points_url": reverse("portal:map_points"),
        },
    )


def _bbox(value: str) -> tuple[float, float, float, float] | None:
    try:
        minx, miny, maxx, maxy = (float(v) for v in value.split(","))
    except ValueError:
        return None
    if not (-180 <= minx < maxx <= 180 and -90 <= miny < maxy <= 90):
        return None
    return minx, miny, maxx, maxy


@require_safe
@condition(last_modified_func=catalogue.last_change)
def points(request: HttpRequest) -> HttpResponse:
    """GeoJSON of the projects in the view: each project, or clusters of a grid cell when there are many."""
    filters = catalogue.Filters.from_query(request.GET)
    projects = (
        catalogue.projects_for_catalogue(filters).order_by().filter(lon__isnull=False, lat__isnull=False)
    )
    box = _bbox(request.GET.get("bbox", ""))
    if request.GET.get("bbox") and box is None:
        return JsonResponse(
            {"error": _("Nieprawidłowy obszar: podaj bbox=minLon,minLat,maxLon,maxLat.")}, status=400
        )
    if box is not None:
        projects = projects.filter(lon__gte=box[0], lat__gte=box[1], lon__lte=box[2], lat__lte=box[3])
    raw_zoom = request.GET.get("zoom", "")
    zoom = min(int(raw_zoom), 18) if raw_zoom.isascii() and raw_zoom.isdigit() else 9  # "²" is a digit too
    key = catalogue.cache_key("map", zoom, box, filters.query_string(sortuj=""), get_language())
    data = cache.get(key)
    if data is None:
        data = _features(projects, zoom)
        cache.set(key, data, timeout=3600)
    return JsonResponse(data)


def _features(projects, zoom: int) -> dict:
    total = projects.count()
    features = []
    if total <= MAX_POINTS:
        approximate = _("lokalizacja przybliżona – punkt gminy")
        for p in projects.values("key", "title", "status", "lon", "lat", "geometry", "location_precision"):
            geometry = p["geometry"] or {"type": "Point", "coordinates": [p["lon"], p["lat"]]}
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {
                        "key": p["key"],
                        "title": p["title"],
                        "url": reverse("portal:project", args=[p["key"]]),
                        "point": [p["lon"], p["lat"]],
                        "note": approximate if p["location_precision"] == "gmina" else "",
                    },
                }
            )
    else:
        cell = 360 / (2 ** min(max(zoom, 1), 18)) / 4  # about a quarter of a map tile
        clusters = (
            projects.annotate(cx=Floor(F("lon") / cell), cy=Floor(F("lat") / cell))
            .values("cx", "cy")
            .annotate(n=Count("id"), lon=Avg("lon"), lat=Avg("lat"))
        )
        for c in clusters:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [c["lon"], c["lat"]]},
                    "properties": {"cluster": True, "count": c["n"]},
                }
            )
    return {"type": "FeatureCollection", "numberMatched": total, "features": features}
