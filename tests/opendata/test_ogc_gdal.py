"""GDAL reads /ogc/ as OGC API – Features: Debian's gdal-bin (ogrinfo, ogr2ogr) against a live server.

These run on SQLite too: Django's live server shares the test's in-memory SQLite connection with its thread,
and GDAL sends one request at a time, so the rows the fixtures create are what GDAL reads. gdal-bin is a test
dependency (scripts/ensure-system-packages.sh); without it these tests fail, never skip."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess

import pytest

from opendata.conftest import EXPECTED_IN_QUERY, QUERY_BBOX


def _gdal(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} not found: install Debian's gdal-bin (scripts/ensure-system-packages.sh installs it "
            "with the other test packages: apt-get install gdal-bin)"
        )
    # no proxy for the local server; GDAL's HTTP cache off so every run reads this server
    env = {"PATH": "/usr/bin:/bin", "NO_PROXY": "*", "no_proxy": "*", "GDAL_HTTP_TIMEOUT": "60"}
    result = subprocess.run([path, *args], capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, f"{tool} {' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def service(transactional_db, live_server, ogc_catalogue):
    return f"OAPIF:{live_server.url}/ogc"


def _feature_count(output: str) -> int:
    match = re.search(r"^Feature Count: (\d+)$", output, re.M)
    assert match, output
    return int(match.group(1))


def test_ogrinfo_lists_the_collections(service):
    output = _gdal("ogrinfo", "-ro", "-so", service)
    layers = re.findall(r"^\d+: (\w+)", output, re.M)
    assert layers == ["gminas", "projects"]


def test_feature_counts_match_the_database(service, area):
    from zit.opendata.models import CatalogueProject

    located = CatalogueProject.objects.filter(lon__isnull=False).count()
    assert located == 15
    assert _feature_count(_gdal("ogrinfo", "-ro", "-al", "-so", service, "projects")) == located
    assert _feature_count(_gdal("ogrinfo", "-ro", "-al", "-so", service, "gminas")) == area.gminas.count()


def test_a_bbox_query_returns_the_right_subset(service):
    bbox = [str(v) for v in QUERY_BBOX]
    output = _gdal("ogrinfo", "-ro", "-al", "-geom=NO", "-spat", *bbox, service, "projects")
    keys = set(re.findall(r"^\s+key \(String\) = (.+)$", output, re.M))
    assert keys == EXPECTED_IN_QUERY


def test_ogr2ogr_copies_gminas_to_a_geopackage(service, area, tmp_path):
    target = tmp_path / "gminy.gpkg"
    _gdal("ogr2ogr", "-f", "GPKG", str(target), service, "gminas")
    with sqlite3.connect(target) as gpkg:
        tercs = sorted(row[0] for row in gpkg.execute("SELECT terc FROM gminas"))
        geometry_type = gpkg.execute(
            "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = 'gminas'"
        ).fetchone()[0]
    assert tercs == sorted(area.gminas.values_list("terc", flat=True))
    assert geometry_type in ("POLYGON", "MULTIPOLYGON", "GEOMETRY")
    assert _feature_count(_gdal("ogrinfo", "-ro", "-so", str(target), "gminas")) == len(tercs)


def test_ogr2ogr_copies_projects_with_their_properties(service, tmp_path):
    target = tmp_path / "projekty.gpkg"
    _gdal("ogr2ogr", "-f", "GPKG", str(target), service, "projects")
    with sqlite3.connect(target) as gpkg:
        rows = dict(gpkg.execute("SELECT key, total_pln FROM projects"))
    assert len(rows) == 15
    assert rows["punkt-00"] == 1234567.89
