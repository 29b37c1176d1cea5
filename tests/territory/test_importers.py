import datetime as dt
import json
from decimal import Decimal

import pytest

from zit.core.importing import ImportRejected
from zit.territory.areas import BUNDLED_AREAS
from zit.territory.importers import parse_area

SQUARE = [[18.0, 52.0], [18.1, 52.0], [18.1, 52.1], [18.0, 52.1], [18.0, 52.0]]
BOW_TIE = [[18.0, 52.0], [18.1, 52.1], [18.1, 52.0], [18.0, 52.1], [18.0, 52.0]]
EPSG_2180 = [[468000, 512000], [469000, 512000], [469000, 513000], [468000, 513000], [468000, 512000]]
CSV_HEADER = "teryt,name,kind,seat,area_km2,population,population_date,solectwa\n"


def feature(teryt, name="Gmina Testowa", ring=SQUARE):
    return {
        "type": "Feature",
        "properties": {"teryt": teryt, "name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def geojson(*features, **members) -> bytes:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)}).encode()


def csv(*rows: str) -> bytes:
    return (CSV_HEADER + "".join(r + "\n" for r in rows)).encode()


def problems(files, csv_file=None):
    with pytest.raises(ImportRejected) as exc:
        parse_area(files, csv_file)
    found = exc.value.report.problems
    assert str(exc.value) == "\n".join(str(p) for p in found)
    return found


def where(found):
    return [(p.file, p.row, p.field) for p in found]


def bundled_files():
    bundle = BUNDLED_AREAS["konin"]
    return [(p.name, p.read_bytes()) for p in bundle.geojson], (bundle.csv.name, bundle.csv.read_bytes())


def test_bundled_konin_files_parse():
    files, csv_file = bundled_files()
    parsed = parse_area(files, csv_file)
    assert len(parsed.gminas) == 15
    assert len(parsed.units) == 17
    assert {u.level for u in parsed.units.values()} == {"voivodeship", "powiat", "gmina"}
    assert all(g.geometry and g.bbox for g in parsed.gminas)
    konin = parsed.units["3062011"]
    assert konin.gmina_type == "1"
    population = next(s for s in konin.statistics if s.variable == "population")
    assert population.value == Decimal("71427")
    assert population.reference_date == dt.date(2021, 12, 31)
    assert population.precision == "year"


def test_bundled_kramsk_has_no_population_value():
    files, csv_file = bundled_files()
    kramsk = parse_area(files, csv_file).units["3010052"]
    assert {s.variable for s in kramsk.statistics} == {"area_km2", "solectwa"}


def test_small_valid_area():
    parsed = parse_area(
        [("g.geojson", geojson(feature("3010013", "Golina")))],
        ("s.csv", csv('3010013,Golina,gmina miejsko-wiejska,Golina,"99,05",12079,2019-12-31,18')),
    )
    golina = parsed.units["3010013"]
    assert golina.gmina_type == "3"
    assert golina.seat == "Golina"
    values = {s.variable: s.value for s in golina.statistics}
    assert values == {"area_km2": Decimal("99.05"), "population": Decimal("12079"), "solectwa": Decimal("18")}


def test_terc_of_wrong_length():
    found = problems([("g.geojson", geojson(feature("3010013"), feature("30100")))])
    assert where(found) == [("g.geojson", 2, "teryt")]
    assert "ma 5" in found[0].message


def test_bad_gmina_type_digit():
    found = problems([("g.geojson", geojson(feature("3010016")))])
    assert where(found) == [("g.geojson", 1, "teryt")]
    assert "kończy się na 6" in found[0].message


def test_duplicate_code_in_geojson():
    found = problems([("g.geojson", geojson(feature("3010013"), feature("3010022"), feature("3010013")))])
    assert where(found) == [("g.geojson", 3, "teryt")]
    assert "3010013" in found[0].message


def test_duplicate_code_in_csv():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", csv("3010013,Golina,,,,,,", "3010013,Golina,,,,,,")),
    )
    assert where(found) == [("s.csv", 3, "teryt")]


def test_invalid_bow_tie_geometry():
    found = problems([("g.geojson", geojson(feature("3010013"), feature("3010022", ring=BOW_TIE)))])
    assert where(found) == [("g.geojson", 2, "geometry")]
    assert "Self-intersection" in found[0].message


def test_coordinates_not_in_wgs84():
    found = problems([("g.geojson", geojson(feature("3010013", ring=EPSG_2180)))])
    assert where(found) == [("g.geojson", 1, "geometry")]
    assert "468000" in found[0].message
    assert "EPSG:4326" in found[0].message


def test_crs_member_naming_epsg_2180():
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2180"}}
    found = problems([("g.geojson", geojson(feature("3010013"), crs=crs))])
    assert where(found) == [("g.geojson", None, "crs")]
    assert "EPSG::2180" in found[0].message


def test_crs_member_naming_wgs84_is_accepted():
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    assert parse_area([("g.geojson", geojson(feature("3010013"), crs=crs))], None).units


def test_population_not_a_number():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", csv("3010013,Golina,,,99,abc,2020,18")),
    )
    assert where(found) == [("s.csv", 2, "population")]
    assert "abc" in found[0].message


def test_population_not_a_whole_number():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", csv("3010013,Golina,,,99,12079.5,2020,18")),
    )
    assert where(found) == [("s.csv", 2, "population")]


@pytest.mark.parametrize("date", ["31.12.2020", "2020-13-01", "dawno"])
def test_bad_population_date(date):
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", csv(f"3010013,Golina,,,99,12079,{date},18")),
    )
    assert where(found) == [("s.csv", 2, "population_date")]
    assert date in found[0].message


def test_not_json():
    found = problems([("g.geojson", b'{"type": "FeatureCollection",\n "features": [}')])
    assert where(found) == [("g.geojson", None, "")]
    assert "JSON" in found[0].message
    assert "wiersz 2" in found[0].message


def test_not_utf8():
    text = json.dumps(json.loads(geojson(feature("3010123", "Ślesin"))), ensure_ascii=False)
    found = problems([("g.geojson", text.encode("cp1250"))])
    assert where(found) == [("g.geojson", None, "")]
    assert "UTF-8" in found[0].message


@pytest.mark.parametrize("doc", [{"type": "Feature"}, [1, 2], {"features": []}])
def test_not_a_feature_collection(doc):
    found = problems([("g.geojson", json.dumps(doc).encode())])
    assert where(found) == [("g.geojson", None, "type")]


def test_feature_that_is_not_an_object_is_reported():
    """A malformed feature is a problem in the report, not a crash (AttributeError) of the importer."""
    found = problems([("g.geojson", geojson(feature("3010013"), "oops"))])
    assert [(p.file, p.row) for p in found] == [("g.geojson", 2)]


def test_csv_without_teryt_column():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", b"kod,name,population\n3010013,Golina,12079\n"),
    )
    assert where(found) == [("s.csv", 1, "teryt")]


def test_csv_gmina_row_without_boundary():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", csv("3010013,Golina,,,,,,", "3010022,Grodziec,,,,,,")),
    )
    assert [(p.file, p.field) for p in found] == [("s.csv", "teryt")]
    assert "3010022" in found[0].message
    assert found[0].row == 3  # the CSV line of Grodziec, which has no boundary


def test_every_problem_is_reported_at_once():
    found = problems(
        [("g.geojson", geojson(feature("30100"), feature("3010022", ring=BOW_TIE), feature("3010013")))],
        ("s.csv", csv("3010013,Golina,,,-5,abc,2020,1.5")),
    )
    assert where(found) == [
        ("g.geojson", 1, "teryt"),
        ("g.geojson", 2, "geometry"),
        ("s.csv", 2, "area_km2"),
        ("s.csv", 2, "population"),
        ("s.csv", 2, "solectwa"),
    ]


def test_code_in_two_files():
    found = problems([("a.geojson", geojson(feature("3010013"))), ("b.geojson", geojson(feature("3010013")))])
    assert [(p.file, p.field) for p in found] == [("b.geojson", "teryt")]


def test_area_without_gminas():
    found = problems([("p.geojson", geojson(feature("3010", "powiat koniński")))])
    assert where(found) == [("p.geojson", None, "teryt")]


def test_geojson_over_the_size_bound_is_refused_unparsed(monkeypatch):
    from zit.territory import importers

    monkeypatch.setattr(importers, "MAX_GEOJSON_BYTES", 1_000)
    found = problems([("g.geojson", geojson(*[feature(f"30100{i}3") for i in range(20)]))])
    assert where(found) == [("g.geojson", None, "")] and "najwyżej" in found[0].message


def test_geojson_nested_beyond_reason_is_a_problem_not_a_crash():
    deep = b'{"type": "FeatureCollection", "features": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    found = problems([("g.geojson", deep)])
    assert where(found) == [("g.geojson", None, "")] and "zagnieżdżon" in found[0].message


def test_a_statistics_csv_that_is_not_text_is_a_problem_not_a_crash():
    found = problems(
        [("g.geojson", geojson(feature("3010013")))],
        ("s.csv", CSV_HEADER.encode() + b"3010013,Golina,\x00,,,,,\n"),
    )
    assert [(p.file, p.row) for p in found] == [("s.csv", None)] and "bajty zerowe" in found[0].message


def test_a_statistics_csv_cell_beyond_the_limit_is_refused_where_it_is(settings):
    settings.ZIT_IMPORT_MAX_CELL_CHARS = 100
    found = problems(
        [("g.geojson", geojson(feature("3010013")))], ("s.csv", csv("3010013,Golina,,," + "9" * 500 + ",,,"))
    )
    assert [(p.file, p.row) for p in found] == [("s.csv", 2)] and "limit znaków w komórce: 100" in found[
        0
    ].message
