"""The public catalogue under load: 100,000 generated projects across the area, served by gunicorn with two
workers, and a load generator on the same machine sending a steady 30 requests per second.

Targets: the catalogue page with a search and two facets, the map data for the whole area, the API list of
projects; then a conditional request (If-Modified-Since) that must answer 304.
Needs PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/zit_bench_catalogue, created
and filled on the first run, kept for the next). Prints p50/p95 per target.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zit_bench_catalogue")
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zit.config.settings")
sys.path.insert(0, str(ROOT / "src"))

PROJECTS = int(os.environ.get("ZIT_BENCH_PROJECTS", "100000"))
RATE = 30  # requests per second, steady
SECONDS = int(os.environ.get("ZIT_BENCH_SECONDS", "20"))
PORT = int(os.environ.get("ZIT_BENCH_PORT", "8765"))

# what projects are about, and where: "Przebudowa drogi gminnej w Ślesinie"
WORKS = [
    "Przebudowa drogi gminnej",
    "Budowa ścieżki rowerowej",
    "Termomodernizacja szkoły podstawowej",
    "Modernizacja oświetlenia ulicznego",
    "Rewitalizacja rynku",
    "Budowa parkingu przesiadkowego",
    "Rozbudowa sieci wodociągowej",
    "Zakup autobusów elektrycznych",
    "Rekultywacja terenu poprzemysłowego",
    "Centrum usług społecznych",
]
PLACES = {  # gmina name → locative
    "Konin": "Koninie",
    "Golina": "Golinie",
    "Grodziec": "Grodźcu",
    "Kazimierz Biskupi": "Kazimierzu Biskupim",
    "Kleczew": "Kleczewie",
    "Kramsk": "Kramsku",
    "Krzymów": "Krzymowie",
    "Rychwał": "Rychwale",
    "Rzgów": "Rzgowie",
    "Skulsk": "Skulsku",
    "Sompolno": "Sompolnie",
    "Stare Miasto": "Starym Mieście",
    "Wierzbinek": "Wierzbinku",
    "Wilczyn": "Wilczynie",
    "Ślesin": "Ślesinie",
}
STATUSES = ["listed", "applying", "selected", "running", "completed", "terminated"]
FUNDS = [("EFRR", "3.2"), ("EFRR", "2.10"), ("FST", "10.4"), ("EFS+", "6.10"), ("EFRR", "1.3")]
GOALS = [("C1", "Gospodarka po transformacji węglowej"), ("C2", "Dostępna i niskoemisyjna aglomeracja")]


def setup_database() -> None:
    import django
    import psycopg

    name = DATABASE.rsplit("/", 1)[1]
    admin = DATABASE.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_area", "konin", verbosity=0)


def generate() -> None:
    from django.db import transaction

    from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
    from zit.opendata.search import index_text
    from zit.territory.diagnosis import area_gminas

    have = CatalogueProject.objects.filter(min_lon__isnull=False).count()
    if have >= PROJECTS:
        print(f"Catalogue: {have} projects already there.")
        return
    CatalogueProject.objects.all().delete()
    rng = random.Random(2026)
    units = [u for u in area_gminas() if u.min_lon is not None]
    started = time.perf_counter()
    batch = 5000
    for start in range(0, PROJECTS, batch):
        rows, places = [], []
        for i in range(start, min(start + batch, PROJECTS)):
            unit = rng.choice(units)
            name = unit.name.replace("Gmina ", "")
            place = PLACES.get(name, name)
            title = f"{rng.choice(WORKS)} w {place} ({i + 1})"
            fund, measure = rng.choice(FUNDS)
            eu = Decimal(rng.randrange(100_000, 20_000_000)) / 100
            goal = rng.choice(GOALS)
            lon = rng.uniform(unit.min_lon, unit.max_lon)
            lat = rng.uniform(unit.min_lat, unit.max_lat)
            rows.append(
                CatalogueProject(
                    key=f"bench-{i + 1}",
                    title=title,
                    summary="Projekt wygenerowany do pomiaru wydajności (dane demonstracyjne).",
                    beneficiary=unit.name,
                    status=rng.choice(STATUSES),
                    fund=fund,
                    measure=measure,
                    year=rng.randrange(2023, 2030),
                    eu_pln=eu,
                    total_pln=eu * 2,
                    place=name,
                    lon=lon,
                    lat=lat,
                    min_lon=lon,
                    min_lat=lat,
                    max_lon=lon,
                    max_lat=lat,
                    geometry={"type": "Point", "coordinates": [lon, lat]},
                    gmina_codes=unit.terc,
                    goal_codes=goal[0],
                    search_lemmas=index_text(title, unit.name),
                    is_demo=True,
                )
            )
            places.append((unit.pk, goal))
        with transaction.atomic():
            created = CatalogueProject.objects.bulk_create(rows)
            CatalogueGmina.objects.bulk_create(
                CatalogueGmina(project=p, unit_id=unit) for p, (unit, _g) in zip(created, places, strict=True)
            )
            CatalogueGoal.objects.bulk_create(
                CatalogueGoal(project=p, code=g[0], title=g[1])
                for p, (_u, g) in zip(created, places, strict=True)
            )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Catalogue: {PROJECTS} projects generated in {time.perf_counter() - started:.0f} s.")


def fetch(url: str, headers: dict | None = None) -> tuple[float, int]:
    request = urllib.request.Request(url, headers=headers or {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - started) * 1000, status


SEARCHES = [
    (word, terc)
    for word in (
        "drogi",
        "szkoły",
        "ścieżki",
        "oświetlenia",
        "rynku",
        "parkingu",
        "wodociągu",
        "autobusów",
        "terenu",
        "usług",
    )  # fmt: skip
    for terc in ("3010123", "3010043", "3062011")
]


def steady(url: str) -> list[tuple[float, int]]:
    """RATE requests a second for SECONDS, each sent on schedule whatever the previous ones do; a URL with
    {word} and {terc} cycles through different searches, each seen first uncached."""
    from urllib.parse import quote

    results = []
    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = []
        begin = time.perf_counter()
        for n in range(RATE * SECONDS):
            delay = begin + n / RATE - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            word, terc = SEARCHES[n % len(SEARCHES)]
            futures.append(pool.submit(fetch, url.format(word=quote(word), terc=terc)))
        results = [f.result() for f in futures]
    return results


def main() -> None:
    setup_database()
    generate()
    cache_url = os.environ.get("ZIT_CACHE_URL", "redis://127.0.0.1:6379/7")
    import redis

    redis.Redis.from_url(cache_url).flushdb()  # every run starts with nothing cached
    env = os.environ | {
        "PYTHONPATH": str(ROOT / "src"),
        "ZIT_DEBUG": "0",
        "ZIT_CACHE_URL": cache_url,
        "ZIT_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "zit.config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        targets = {
            "catalogue: search and two facets": "/projekty/?q=drogi+w+%C5%9Alesinie&fundusz=EFRR&rok=2026",
            "catalogue: 30 different searches": "/projekty/?q={word}&gmina={terc}",
            "catalogue: deep page": "/projekty/?strona=2000",
            "map data: whole area": "/mapa/punkty.json?bbox=17.5,51.9,18.9,52.7&zoom=9",
            "OGC items: a bbox": "/ogc/collections/projects/items?bbox=18.1,52.2,18.4,52.4&limit=100",
            "API: list of projects": "/api/v1/projects?limit=50",
        }
        only = os.environ.get("ZIT_BENCH_ONLY", "")  # e.g. "deep page": run the targets whose label has it
        targets = {label: path for label, path in targets.items() if only in label}
        print(f"{PROJECTS} projects; gunicorn, 2 workers; {RATE} requests/s for {SECONDS} s per target")
        print(f"{'target':36} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        for label, path in targets.items():
            # both workers past their first request (imports, templates, the lemmatiser's dictionary)
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(
                    pool.map(
                        fetch, [base + "/robots.txt?warm=1"] * 8 + [base + "/projekty/?q=rozgrzewka"] * 4
                    )
                )
            results = steady(base + path)
            times = sorted(t for t, _s in results)
            errors = sum(1 for _t, s in results if s >= 400)
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{label:36} {statistics.median(times):8.0f} {p95:8.0f} {errors:7d}")
        searched = base + "/projekty/?q=drogi+w+%C5%9Alesinie&fundusz=EFRR&rok=2026"
        stamp = urllib.request.urlopen(searched).headers.get("Last-Modified")
        _t, status = fetch(searched, {"If-Modified-Since": stamp or ""})
        print(f"conditional request with If-Modified-Since: HTTP {status}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
