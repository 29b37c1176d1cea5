"""The feature collections OGC API Features serves, and the parsing of its query parameters.

Each collection is a dataset of `opendata.datasets` with an `ogc_collection` id. Spatial queries use indexed
bounding-box columns (the gminas' and the catalogue's), then test the few candidates whose box only overlaps
the query box with shapely, so `numberMatched` and paging by offset stay exact and in SQL."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Max, Min, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from shapely.geometry import box, shape

from zit.opendata.datasets import DATASETS, Dataset
from zit.opendata.models import CatalogueProject
from zit.territory.models import AdministrativeUnit
from zit.territory.selectors import area_current_version, area_gminas

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
# far past any collection here, far inside both databases' 64-bit OFFSET (the JSON API's bound too)
MAX_OFFSET = 10_000_000


class OgcError(Exception):
    """A request the API refuses; `code` is the OGC exception code, `description` Polish for people."""

    def __init__(self, status: int, code: str, description: str):
        super().__init__(description)
        self.status, self.code, self.description = status, code, description


@dataclass(frozen=True)
class BBox:
    minx: float
    miny: float
    maxx: float
    maxy: float

    def contains_q(self) -> Q:
        """Rows whose box lies wholly inside this one: they certainly intersect it."""
        return Q(
            min_lon__gte=self.minx, max_lon__lte=self.maxx, min_lat__gte=self.miny, max_lat__lte=self.maxy
        )

    def overlaps_q(self) -> Q:
        return Q(
            min_lon__lte=self.maxx, max_lon__gte=self.minx, min_lat__lte=self.maxy, max_lat__gte=self.miny
        )


def _bad(name: str, description: str) -> OgcError:
    return OgcError(400, "InvalidParameterValue", f"{name}: {description}")


def parse_bbox(raw: str | None, crs: str | None = None) -> BBox | None:
    """minx,miny,maxx,maxy in CRS84 (six numbers with heights are accepted; heights are ignored)."""
    if raw is None:
        return None
    if crs and crs != CRS84:
        raise _bad(
            "bbox-crs",
            _("obsługiwany jest tylko układ %(crs)s (długość i szerokość WGS84).") % {"crs": CRS84},
        )
    parts = raw.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) not in (4, 6) or not all(math.isfinite(n) for n in numbers):
        raise _bad(
            "bbox",
            _(
                "podaj cztery liczby oddzielone przecinkami: minx,miny,maxx,maxy "
                "(długość i szerokość geograficzna WGS84), np. 17.9,52.0,18.6,52.5."
            ),
        )
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    minx, miny, maxx, maxy = numbers
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= 90 and -90 <= maxy <= 90):
        raise _bad("bbox", _("długość musi leżeć między -180 a 180, a szerokość między -90 a 90."))
    if minx > maxx or miny > maxy:
        raise _bad(
            "bbox", _("najpierw róg południowo-zachodni (minx,miny), potem północno-wschodni (maxx,maxy).")
        )
    return BBox(minx, miny, maxx, maxy)


def parse_int(raw: str | None, name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise _bad(name, _("podaj liczbę całkowitą nie mniejszą niż %(min)d.") % {"min": minimum})
    if maximum is not None and value > maximum:
        raise _bad(name, _("podaj liczbę całkowitą nie większą niż %(max)d.") % {"max": maximum})
    return value


def parse_limit(raw: str | None) -> int:
    # larger limits are served as the maximum, as the standard permits
    return min(parse_int(raw, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT)


def parse_offset(raw: str | None) -> int:
    return parse_int(raw, "offset", 0, 0, MAX_OFFSET)


def _parse_instant(text: str) -> dt.date | None:
    if text in ("", ".."):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise _bad(
            "datetime",
            _(
                "podaj datę (2026-05-01), przedział (2026-01-01/2026-12-31) lub przedział otwarty (../2026-12-31)."
            ),
        ) from None


def parse_datetime(raw: str | None) -> tuple[dt.date | None, dt.date | None] | None:
    """An instant or an interval of RFC 3339 dates or date-times ("..": open); projects are kept by the day."""
    if raw is None:
        return None
    if "/" in raw:
        start_text, end_text = raw.split("/", 1)
    elif raw in ("", ".."):
        start_text = end_text = "-"  # an instant must be a date
    else:
        start_text = end_text = raw
    start, end = _parse_instant(start_text), _parse_instant(end_text)
    if start and end and start > end:
        raise _bad("datetime", _("początek przedziału jest późniejszy niż koniec."))
    return start, end


def _number(value: Decimal | None) -> float | None:
    # JSON numbers for GIS tools; amounts below 10^13 PLN with grosze survive the float exactly as text
    return None if value is None else float(value)


def _refine(queryset: QuerySet, bbox: BBox, uncertain: Q, geometry_of) -> QuerySet:
    """Drop the rows whose box overlaps the query box but whose shape does not touch it."""
    query_box = box(bbox.minx, bbox.miny, bbox.maxx, bbox.maxy)
    misses = [
        row.pk
        for row in queryset.filter(uncertain)
        .exclude(bbox.contains_q())
        .select_related(None)
        .prefetch_related(None)
        .only("pk", "geometry")
        if not shape(geometry_of(row)).intersects(query_box)
    ]
    return queryset.exclude(pk__in=misses) if misses else queryset


class Collection:
    id: str
    labels: dict[str, Any]  # property → label for the HTML pages
    columns: tuple[str, ...]  # the properties in the HTML table

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    @property
    def title(self) -> str:
        return self.dataset.title_en if get_language() == "en" else self.dataset.title

    @property
    def description(self) -> str:
        return self.dataset.description_en if get_language() == "en" else self.dataset.description

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def filter(self, queryset: QuerySet, bbox: BBox | None, interval) -> QuerySet:
        raise NotImplementedError

    def get(self, feature_id: str):
        raise NotImplementedError

    def feature(self, obj, request) -> dict:
        raise NotImplementedError

    def extent(self) -> dict:
        raise NotImplementedError


class GminaCollection(Collection):
    id = "gminas"
    labels = {
        "terc": gettext_lazy("kod TERC"),
        "name": gettext_lazy("nazwa"),
        "type": gettext_lazy("rodzaj (kod TERYT)"),
        "type_label": gettext_lazy("rodzaj"),
        "city_with_county_rights": gettext_lazy("miasto na prawach powiatu"),
        "seat": gettext_lazy("siedziba"),
        "powiat": gettext_lazy("powiat"),
        "boundary_source": gettext_lazy("źródło granicy"),
        "url": gettext_lazy("strona gminy"),
    }
    columns = ("name", "type_label", "powiat", "seat")

    def queryset(self) -> QuerySet[AdministrativeUnit]:
        return area_gminas(version=area_current_version()).select_related("parent").order_by("terc")

    def filter(self, queryset, bbox, interval):
        if interval is not None:
            # the area's gminas carry no time: none intersects a requested time (the standard's rule)
            return queryset.none()
        if bbox is None:
            return queryset
        queryset = queryset.filter(bbox.overlaps_q())
        return _refine(queryset, bbox, Q(), lambda unit: unit.geometry)

    def get(self, feature_id: str) -> AdministrativeUnit | None:
        return self.queryset().filter(terc=feature_id).first()

    def feature(self, unit: AdministrativeUnit, request) -> dict:
        return {
            "type": "Feature",
            "id": unit.terc,
            "geometry": unit.geometry,
            "properties": {
                "terc": unit.terc,
                "name": unit.name,
                "type": unit.gmina_type,
                "type_label": unit.kind_label,
                "city_with_county_rights": unit.city_with_county_rights,
                "seat": unit.seat,
                "powiat": unit.parent.name if unit.parent else "",
                "boundary_source": unit.geometry_source,
                "url": request.build_absolute_uri(reverse("portal:gmina", args=[unit.terc])),
            },
        }

    def extent(self) -> dict:
        box_ = self.queryset().aggregate(
            a=Min("min_lon"), b=Min("min_lat"), c=Max("max_lon"), d=Max("max_lat")
        )
        bbox = [box_["a"], box_["b"], box_["c"], box_["d"]]
        return {"spatial": {"bbox": [bbox] if None not in bbox else [], "crs": CRS84}}


class ProjectCollection(Collection):
    id = "projects"
    labels = {
        "key": gettext_lazy("identyfikator"),
        "title": gettext_lazy("tytuł"),
        "summary": gettext_lazy("opis"),
        "beneficiary": gettext_lazy("beneficjent"),
        "status": gettext_lazy("stan (kod)"),
        "status_label": gettext_lazy("stan"),
        "fund": gettext_lazy("fundusz"),
        "measure": gettext_lazy("działanie"),
        "measure_name": gettext_lazy("nazwa działania"),
        "contract_number": gettext_lazy("numer umowy"),
        "year": gettext_lazy("rok rozpoczęcia"),
        "starts_on": gettext_lazy("początek realizacji"),
        "ends_on": gettext_lazy("koniec realizacji"),
        "total_pln": gettext_lazy("wartość projektu (PLN)"),
        "eu_pln": gettext_lazy("dofinansowanie UE (PLN)"),
        "spent_pln": gettext_lazy("wydatki rozliczone (PLN)"),
        "place": gettext_lazy("miejsce realizacji"),
        "gminas": gettext_lazy("gminy (kody TERC)"),
        "goals": gettext_lazy("cele strategii"),
        "location_precision": gettext_lazy(
            "lokalizacja: exact – dokładna, gmina – przybliżona (punkt gminy)"
        ),
        "demo": gettext_lazy("dane demonstracyjne"),
    }
    columns = ("title", "beneficiary", "status_label", "year")

    def queryset(self) -> QuerySet[CatalogueProject]:
        # only projects with a place on the map are features; the refresh gives every located project a box
        # (a point's box is the point)
        return CatalogueProject.objects.filter(min_lon__isnull=False).order_by("key")

    def filter(self, queryset, bbox, interval):
        if interval is not None:
            start, end = interval
            queryset = queryset.filter(Q(starts_on__isnull=False) | Q(ends_on__isnull=False))
            if end is not None:
                queryset = queryset.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=end))
            if start is not None:
                queryset = queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        if bbox is None:
            return queryset
        # a point's box is exact; only lines can overlap the box without touching it
        return _refine(queryset.filter(bbox.overlaps_q()), bbox, Q(is_line=True), self.geometry)

    def get(self, feature_id: str) -> CatalogueProject | None:
        return self.queryset().filter(key=feature_id).first()

    @staticmethod
    def geometry(project: CatalogueProject) -> dict | None:
        if project.geometry:
            return project.geometry
        if project.lon is not None and project.lat is not None:
            return {"type": "Point", "coordinates": [project.lon, project.lat]}
        return None

    def feature(self, project: CatalogueProject, request) -> dict:
        return {
            "type": "Feature",
            "id": project.key,
            "geometry": self.geometry(project),
            "properties": {
                "key": project.key,
                "title": project.title,
                "summary": project.summary,
                "beneficiary": project.beneficiary,
                "status": project.status,
                "status_label": project.get_status_display(),
                "fund": project.fund,
                "measure": project.measure,
                "measure_name": project.measure_name,
                "contract_number": project.contract_number,
                "year": project.year,
                "starts_on": project.starts_on.isoformat() if project.starts_on else None,
                "ends_on": project.ends_on.isoformat() if project.ends_on else None,
                "total_pln": _number(project.total_pln),
                "eu_pln": _number(project.eu_pln),
                "spent_pln": _number(project.spent_pln),
                "place": project.place,
                "gminas": project.gmina_codes.split(),
                "goals": project.goal_codes.split(),
                "location_precision": project.location_precision or None,
                "demo": project.is_demo,
            },
        }

    def extent(self) -> dict:
        queryset = self.queryset()
        box_ = queryset.aggregate(a=Min("min_lon"), b=Min("min_lat"), c=Max("max_lon"), d=Max("max_lat"))
        bbox = [box_["a"], box_["b"], box_["c"], box_["d"]]
        dates = queryset.aggregate(start=Min("starts_on"), end=Max("ends_on"))
        extent: dict = {"spatial": {"bbox": [bbox] if None not in bbox else [], "crs": CRS84}}
        if dates["start"] or dates["end"]:
            extent["temporal"] = {
                "interval": [
                    [
                        f"{dates['start'].isoformat()}T00:00:00Z" if dates["start"] else None,
                        f"{dates['end'].isoformat()}T23:59:59Z" if dates["end"] else None,
                    ]
                ],
                "trs": GREGORIAN,
            }
        return extent


_KINDS = {"gminas": GminaCollection, "projects": ProjectCollection}


def collections() -> list[Collection]:
    return [_KINDS[d.ogc_collection](d) for d in DATASETS if d.ogc_collection in _KINDS]


def collection(collection_id: str) -> Collection:
    found = next((c for c in collections() if c.id == collection_id), None)
    if found is None:
        raise OgcError(404, "NotFound", _("Nie ma kolekcji „%(id)s”.") % {"id": collection_id})
    return found
