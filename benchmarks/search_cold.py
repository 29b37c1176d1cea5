"""The first catalogue search in a freshly started process against the searches after it.

Each case is a fresh interpreter on a throw-away SQLite database holding the catalogue table alone (the Polish
dictionary, not the database, is what differs between the cases), started through a small launcher that
reads its peak memory (`ru_maxrss` of its child). Cases:

- web process: imports `zit.config.wsgi` as gunicorn does (the dictionary is read at start-up);
- any other process: `django.setup()` only, so the first search reads the dictionary itself;
- the dictionary of Python objects (how the search read it before): `simplemma.lemmatize(word, lang="pl")`,
  read on the first search.

Prints, per case: start-up seconds, the first search in ms, the median of 20 later searches (each with words not
seen before) in ms, their ratio, and the peak RSS in MB. `ROUNDS` (default 3) fresh processes per case.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ROUNDS", "3"))

STARTS = {
    "web process (zit.config.wsgi)": "from zit.config.wsgi import application",
    "any other process (django.setup)": "import django\ndjango.setup()",
    "before: dictionary of Python objects": (
        "import django\ndjango.setup()\nfrom simplemma import Lemmatizer\nfrom zit.opendata import search as s\n"
        "s._lemmatizer = Lemmatizer()"
    ),
}

PROBE = """
import importlib, json, statistics, time
started = time.perf_counter()
{start}
startup = time.perf_counter() - started
from django.db import connection
from zit.opendata.models import CatalogueProject

with connection.schema_editor() as editor:
    editor.create_model(CatalogueProject)
    for statement in importlib.import_module("zit.opendata.migrations.0001_catalogue").SQLITE:
        editor.execute(statement)
connection.disable_constraint_checking()
for n, text in enumerate(["przebudowa droga gminny slesin", "termomodernizacja szkola kleczew",
                          "rewitalizacja centrum konin"]):
    CatalogueProject.objects.create(key=f"k{{n}}", title=text, search_lemmas=text, beneficiary="gmina",
                                    status="running", fund="EFRR", measure="1", year=2026)
CatalogueProject.objects.count()

from zit.opendata.search import search

def timed(query):
    started = time.perf_counter()
    len(search(CatalogueProject.objects.all(), query))
    return time.perf_counter() - started

first = timed("drogi w Ślesinie")
others = ["szkoły w Kleczewie", "rewitalizacji Konina", "drodze gminnej", "szkół podstawowych",
          "termomodernizacji budynków", "ścieżki rowerowej", "centrum miasta", "przebudowy ulic",
          "oświetlenia ulicznego", "kanalizacji sanitarnej", "boiska sportowego", "domu kultury",
          "parku miejskiego", "żłobka gminnego", "przedszkola publicznego", "świetlicy wiejskiej",
          "remontu chodników", "odnawialnych źródeł", "pomp ciepła", "wodociągu gminnego"]
warm = statistics.median(timed(query) for query in others)
print(json.dumps({{"startup": startup, "first": first, "warm": warm}}))
"""

LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", sys.argv[1]], capture_output=True, text=True)
sys.stdout.write(done.stdout)
sys.stderr.write(done.stderr[-3000:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


def run(start: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_", "DATABASE_"))} | {
        "DJANGO_SETTINGS_MODULE": "zit.config.settings",
        "ZIT_VAR_DIR": tempfile.mkdtemp(prefix="zit-bench-search-"),
        "ZIT_SECRET_KEY": "bench-only-" + "k" * 50,
        "ZIT_ALLOWED_HOSTS": "localhost",
        "PYTHONPATH": str(ROOT / "src"),
    }
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, PROBE.format(start=start)], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr)
    *_, figures, peak_kb = done.stdout.strip().splitlines()
    return json.loads(figures) | {"peak_mb": int(peak_kb) / 1024}


def main() -> None:
    print(f"{ROUNDS} fresh processes per case; medians")
    print("| process | start-up s | first search ms | later searches ms | ratio | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, start in STARTS.items():
        rounds = [run(start) for _ in range(ROUNDS)]
        median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        first, warm = median["first"] * 1000, median["warm"] * 1000
        print(
            f"| {label} | {median['startup']:.1f} | {first:,.1f} | {warm:.2f} | {first / warm:,.0f} "
            f"| {median['peak_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
