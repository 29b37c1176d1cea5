"""The first search after a restart: a web or worker process that has just started answers it like any other,
and stays small.

Before, the Polish dictionary was read on the first lemma of the process, inside that request: several
seconds (over a minute on a busy server) and 420 MB more, so the first searches after a deploy timed out. Each
case starts a fresh interpreter the way the server starts the platform, runs the first search and then a series
of other searches (each with words not seen before), and compares: the first may not cost more than a few
times the whole series. Memory is the process's peak (`ru_maxrss`), read by a small launcher process so that
the size of the test runner itself does not count. The database is a throw-away SQLite file with the catalogue
table alone: the dictionary, not the database, is what is measured, whichever database the suite runs on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

STARTS = {
    # gunicorn (and runserver) import the WSGI module before a worker takes its first request
    "web": "from zit.config.wsgi import application",
    # the background worker, started as `manage.py db_worker` (or the platform's `run_worker`)
    "worker": "import sys\nsys.argv = ['manage.py', 'db_worker']\nimport django\ndjango.setup()",
}

PROBE = """
import importlib, json, sys, time
VIEWS = "zit.portal.catalogue" in sys.modules  # the catalogue's view, loaded before any request?
from django.db import connection
from zit.opendata.models import CatalogueProject

with connection.schema_editor() as editor:
    editor.create_model(CatalogueProject)
    for statement in importlib.import_module("zit.opendata.migrations.0001_catalogue").SQLITE:
        editor.execute(statement)
connection.disable_constraint_checking()
for n, text in enumerate(["przebudowa droga gminny slesin", "termomodernizacja szkola kleczew",
                          "rewitalizacja centrum konin"]):
    CatalogueProject.objects.create(key=f"k{n}", title=text, search_lemmas=text, beneficiary="gmina",
                                    status="running", fund="EFRR", measure="1", year=2026)
CatalogueProject.objects.count()  # the connection is open, as it is for a request

from zit.opendata.search import search

def timed(query):
    started = time.perf_counter()
    found = len(search(CatalogueProject.objects.all(), query))
    return time.perf_counter() - started, found

first, found = timed("drogi w Ślesinie")
others = ["szkoły w Kleczewie", "rewitalizacji Konina", "drodze gminnej", "szkół podstawowych",
          "termomodernizacji budynków", "ścieżki rowerowej", "centrum miasta", "przebudowy ulic",
          "oświetlenia ulicznego", "kanalizacji sanitarnej", "boiska sportowego", "domu kultury",
          "parku miejskiego", "żłobka gminnego", "przedszkola publicznego", "świetlicy wiejskiej",
          "remontu chodników", "odnawialnych źródeł", "pomp ciepła", "wodociągu gminnego"]
series = sum(timed(query)[0] for query in others)
print(json.dumps({"first": first, "found": found, "series": series, "views_loaded_before": VIEWS}))
"""

# runs the probe as its own child and reports that child's peak memory
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", sys.argv[1]], capture_output=True, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


def cold_start(start: str, var_dir) -> tuple[dict, float]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_", "DATABASE_"))}
    env = clean | {
        "DJANGO_SETTINGS_MODULE": "zit.config.settings",
        "ZIT_VAR_DIR": str(var_dir),
        "ZIT_SECRET_KEY": "k" * 60,
        "ZIT_ALLOWED_HOSTS": "zit.example.pl",
    }
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, f"{STARTS[start]}\n{PROBE}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    *_, figures, peak_kb = done.stdout.strip().splitlines()
    return json.loads(figures), int(peak_kb) / 1024


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """Each way of starting, run once for the tests of this module."""
    return {start: cold_start(start, tmp_path_factory.mktemp(start)) for start in STARTS}


@pytest.mark.parametrize("start", sorted(STARTS))
def test_the_first_search_after_a_restart_does_not_wait_for_the_dictionary(start, started):
    figures, peak_mb = started[start]

    assert figures["found"] == 1  # "drogi w Ślesinie" found its project: the search really ran
    # the first search costs no more than a few times twenty other searches (reading the dictionary in the
    # request made it thousands of times one search)
    assert figures["first"] < 5 * figures["series"], figures
    assert peak_mb < 400, f"peak {peak_mb:.0f} MB"


def test_the_web_server_loads_the_views_before_the_first_request(started):
    """The first request of a fresh gunicorn worker used to import every view (and the libraries they use:
    PDF, maps, spreadsheets) inside the request, seconds on a busy server."""
    figures, _peak = started["web"]

    assert figures["views_loaded_before"] is True
