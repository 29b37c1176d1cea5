"""Reading an area from GeoJSON (boundaries) and CSV (statistics), checking everything before anything is
written. Every problem names its file, row (feature number in GeoJSON) and field.

The CSV is read by `core.tables` within the import limits; a GeoJSON file is parsed only up to
`MAX_GEOJSON_BYTES`, and one nested too deep for the parser is a problem, not a crash."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import read_table
from zit.core.terc import terc_level

MAX_GEOJSON_BYTES = 20 * 1024 * 1024  # the boundaries of every gmina in Poland, simplified, fit in less

REQUIRED_COLUMNS = ("teryt", "name")
STATISTIC_COLUMNS = {"area_km2": "area_km2", "population": "population", "solectwa": "solectwa"}
GMINA_KINDS = {
    "gmina miejska": "1",
    "gmina wiejska": "2",
    "gmina miejsko-wiejska": "3",
    "urban": "1",
    "rural": "2",
    "urban-rural": "3",
}
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}


@dataclass
class ParsedStatistic:
    variable: str
    value: Decimal
    reference_date: dt.date | None
    precision: str
    source_url: str
    source_note: str


@dataclass
class ParsedUnit:
    terc: str
    level: str
    name: str
    seat: str = ""
    gmina_type: str = ""
    geometry: dict[str, Any] | None = None
    bbox: tuple[float, float, float, float] | None = None
    statistics: list[ParsedStatistic] = field(default_factory=list)


@dataclass
class ParsedArea:
    units: dict[str, ParsedUnit]

    @property
    def gminas(self) -> list[ParsedUnit]:
        return [u for u in self.units.values() if u.level == "gmina"]


def _decode(name: str, data: bytes, report: ImportReport) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(name, None, "", _("Plik musi być zapisany w kodowaniu UTF-8."))
        return None


def _parse_geometry(name: str, row: int, raw: Any, report: ImportReport) -> tuple[dict, tuple] | None:
    if not isinstance(raw, dict) or raw.get("type") not in {"Polygon", "MultiPolygon"}:
        report.add(name, row, "geometry", _("Granica gminy musi być typu Polygon albo MultiPolygon."))
        return None
    try:
        geom = shape(raw)
    except Exception as exc:  # shapely reports malformed coordinate arrays in many ways
        report.add(name, row, "geometry", _("Nie da się odczytać współrzędnych: %(err)s") % {"err": exc})
        return None
    if geom.is_empty:
        report.add(name, row, "geometry", _("Granica jest pusta."))
        return None
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        report.add(
            name,
            row,
            "geometry",
            _(
                "Współrzędne (np. %(x).0f, %(y).0f) nie są długością i szerokością geograficzną w WGS84 "
                "(EPSG:4326); przelicz plik, np. z układu EPSG:2180."
            )
            % {"x": min_lon, "y": min_lat},
        )
        return None
    if not geom.is_valid:
        report.add(
            name, row, "geometry", _("Niepoprawna geometria: %(why)s.") % {"why": explain_validity(geom)}
        )
        return None
    return raw, (min_lon, min_lat, max_lon, max_lat)


def parse_geojson(name: str, data: bytes, report: ImportReport) -> dict[str, ParsedUnit]:
    units: dict[str, ParsedUnit] = {}
    if len(data) > MAX_GEOJSON_BYTES:
        report.add(
            name,
            None,
            "",
            _("Plik GeoJSON ma %(size)s, a można wgrać najwyżej %(limit)s. Uprość granice albo podziel plik.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(MAX_GEOJSON_BYTES)},
        )
        return units
    text = _decode(name, data, report)
    if text is None:
        return units
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        report.add(
            name,
            None,
            "",
            _("To nie jest poprawny JSON (wiersz %(line)d): %(msg)s") % {"line": exc.lineno, "msg": exc.msg},
        )
        return units
    except RecursionError:
        report.add(name, None, "", _("To nie jest GeoJSON: nawiasy są zagnieżdżone zbyt głęboko."))
        return units
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        report.add(name, None, "type", _("Plik GeoJSON musi być kolekcją obiektów (FeatureCollection)."))
        return units
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name")
    if crs_name and crs_name not in WGS84_NAMES:
        report.add(
            name,
            None,
            "crs",
            _("Układ współrzędnych %(crs)s nie jest obsługiwany; potrzebny jest WGS84 (EPSG:4326).")
            % {"crs": crs_name},
        )
        return units
    features = doc.get("features")
    if not isinstance(features, list):
        report.add(name, None, "features", _("Brak listy obiektów (features)."))
        return units
    for index, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            report.add(
                name,
                index,
                "properties",
                _("Obiekt nr %(n)d nie jest obiektem GeoJSON z właściwościami teryt i name.") % {"n": index},
            )
            continue
        terc = str(props.get("teryt") or props.get("terc") or "").strip()
        try:
            level = terc_level(terc)
        except ValidationError as exc:
            report.add(name, index, "teryt", exc.messages[0])
            continue
        if terc in units:
            report.add(name, index, "teryt", _("Kod TERC %(code)s powtarza się w pliku.") % {"code": terc})
            continue
        unit_name = str(props.get("name") or "").strip()
        if not unit_name:
            report.add(name, index, "name", _("Brak nazwy jednostki."))
        parsed = _parse_geometry(name, index, feature.get("geometry"), report)
        unit = ParsedUnit(terc=terc, level=level, name=unit_name)
        if parsed:
            unit.geometry, unit.bbox = parsed
        units[terc] = unit
    if not units and report.ok:
        report.add(name, None, "features", _("Plik nie zawiera żadnej jednostki."))
    return units


def _decimal(text: str) -> Decimal:
    value = Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


def _date(text: str) -> tuple[dt.date | None, str]:
    if not text:
        return None, "day"
    if len(text) == 4 and text.isascii() and text.isdigit():
        return dt.date(int(text), 12, 31), "year"
    return dt.date.fromisoformat(text), "day"


def parse_statistics_csv(name: str, data: bytes, report: ImportReport) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    try:
        table = read_table(name, data, kind="csv")
    except ImportRejected as exc:
        for problem in exc.report.problems:
            report.add(name, problem.row, problem.field, problem.message)
        return rows
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        report.add(
            name, 1, ", ".join(missing), _("Brak wymaganych kolumn: %(cols)s.") % {"cols": ", ".join(missing)}
        )
        return rows
    for line, row in table.rows:
        terc = row["teryt"]
        try:
            level = terc_level(terc)
        except ValidationError as exc:
            report.add(name, line, "teryt", exc.messages[0])
            continue
        if terc in rows:
            report.add(name, line, "teryt", _("Kod TERC %(code)s powtarza się w pliku.") % {"code": terc})
            continue
        stats: list[ParsedStatistic] = []
        try:
            reference_date, precision = _date(row.get("population_date", ""))
        except ValueError:
            report.add(
                name,
                line,
                "population_date",
                _("Data „%(v)s” nie jest rokiem (RRRR) ani datą (RRRR-MM-DD).")
                % {"v": row["population_date"]},
            )
            reference_date, precision = None, "day"
        for column, variable in STATISTIC_COLUMNS.items():
            raw = row.get(column, "")
            if not raw:
                continue  # no value is "brak danych", never a stand-in
            try:
                value = _decimal(raw)
            except InvalidOperation:
                report.add(name, line, column, _("„%(v)s” nie jest liczbą.") % {"v": raw})
                continue
            if value < 0 or (column in {"population", "solectwa"} and value != value.to_integral_value()):
                report.add(
                    name,
                    line,
                    column,
                    _("„%(v)s” nie jest nieujemną liczbą całkowitą.") % {"v": raw}
                    if column != "area_km2"
                    else _("Powierzchnia nie może być ujemna."),
                )
                continue
            dated = column == "population"
            stats.append(
                ParsedStatistic(
                    variable=variable,
                    value=value,
                    reference_date=reference_date if dated else None,
                    precision=precision if dated else "day",
                    source_url=row.get(f"source_{column.removesuffix('_km2')}", "")[:500],
                    source_note=row.get("notes", ""),
                )
            )
        kind = row.get("kind", "").lower()
        rows[terc] = {
            "line": line,
            "level": level,
            "name": row["name"],
            "seat": row.get("seat", ""),
            "gmina_type": GMINA_KINDS.get(kind, terc[-1] if level == "gmina" and terc[-1] in "123" else ""),
            "statistics": stats,
        }
    return rows


def parse_area(files: list[tuple[str, bytes]], csv_file: tuple[str, bytes] | None) -> ParsedArea:
    """Check all files and merge them; raise ImportRejected listing every problem if anything is wrong."""
    report = ImportReport()
    units: dict[str, ParsedUnit] = {}
    csv_lines: dict[str, int] = {}
    for name, data in files:
        for terc, unit in parse_geojson(name, data, report).items():
            if terc in units:
                report.add(
                    name,
                    None,
                    "teryt",
                    _("Kod TERC %(code)s występuje w więcej niż jednym pliku.") % {"code": terc},
                )
            units[terc] = unit
    if csv_file is not None:
        csv_name, csv_data = csv_file
        from_geojson = set(units)
        for terc, row in parse_statistics_csv(csv_name, csv_data, report).items():
            csv_lines[terc] = row["line"]
            unit = units.get(terc)
            if unit is None:
                unit = units[terc] = ParsedUnit(terc=terc, level=row["level"], name=row["name"])
            unit.seat = row["seat"]
            unit.gmina_type = row["gmina_type"]
            unit.statistics = row["statistics"]
            unit.name = unit.name or row["name"]
        for terc, unit in units.items():
            if unit.level == "gmina" and terc not in from_geojson:
                report.add(
                    csv_name,
                    csv_lines.get(terc),
                    "teryt",
                    _("Gmina %(code)s ma wiersz w pliku CSV, ale nie ma granicy w pliku GeoJSON.")
                    % {"code": terc},
                )
    if report.ok and not any(u.level == "gmina" for u in units.values()):
        report.add(
            files[0][0] if files else "", None, "teryt", _("Obszar musi obejmować co najmniej jedną gminę.")
        )
    if not report.ok:
        raise ImportRejected(report)
    return ParsedArea(units=units)
