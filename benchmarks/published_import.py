"""The streamed import of the official list of projects, 100,000 synthetic rows, on a throw-away SQLite database
with the Konin area loaded (its gminas' boundaries give the rows without coordinates their gmina's point).

Writes the list as XLSX (openpyxl write-only) and as CSV in the columns of art. 49(3) of Regulation 2021/1060
(specific objective, type of intervention, coordinates for every tenth row, the others located by their gmina),
and the same rows as CSV in the 2014–2020 layout. Runs each case in a fresh Python process so its peak memory is
its own: reading the CSV with the csv module alone (the reference of the run), CSV import in the 2014–2020
layout, CSV import in the 2021–2027 columns (new rows), the same again (every row unchanged), every row
changed, XLSX import (the platform's streaming reader, the product path) and, for comparison only, reading the
XLSX with calamine without writing anything. Prints wall time, rows/s, the ratio to the reference's time
(the machine's speed and load cancel out of it), peak RSS and the increase over the process's RSS after Django
setup (the baseline: Django, openpyxl and calamine loaded, nothing read yet).

    .venv/bin/python benchmarks/published_import.py [ROWS]
"""

import datetime as dt
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
CHILD = len(sys.argv) > 1 and sys.argv[1] == "--case"
if CHILD and "ZIT_VAR_DIR" not in os.environ:
    sys.exit("--case runs only under the benchmark, with its ZIT_VAR_DIR")
if not CHILD:
    # always a fresh directory: the benchmark writes 100,000 rows and must never meet a real database
    os.environ["ZIT_VAR_DIR"] = tempfile.mkdtemp(prefix="zit-bench-import-")
    os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zit.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from zit.contracts.models import PublishedImport, PublishedProject  # noqa: E402
from zit.contracts.published import csv_lines, published_import, xlsx_file  # noqa: E402

ROWS = 100_000
FUNDS = ("EFRR", "EFS+", "FST")
GMINAS = (
    "Konin (gmina miejska)",
    "Golina (gmina miejsko-wiejska)",
    "Kramsk (gmina wiejska)",
    "Ślesin",
    "3010043",
)
OBJECTIVES = ("RSO2.1", "RSO2.8", "RSO4.5", "RSO5.1")
INTERVENTIONS = ("045", "081", "083", "166")
# the 2014–2020 layout: (header, field)
OLD_LAYOUT = [
    ("Tytuł projektu", "title"),
    ("Krótki opis projektu", "summary"),
    ("Numer umowy", "contract_number"),
    ("Nazwa beneficjenta", "beneficiary"),
    ("Fundusz", "fund"),
    ("Program", "programme"),
    ("Priorytet", "priority"),
    ("Działanie", "measure"),
    ("Wartość projektu (PLN)", "total_pln"),
    ("Wydatki kwalifikowalne (PLN)", "eligible_pln"),
    ("Dofinansowanie UE (PLN)", "eu_pln"),
    ("Poziom dofinansowania UE (%)", "cofinancing_rate"),
    ("Miejsce realizacji projektu", "place"),
    ("Data rozpoczęcia projektu", "starts_on"),
    ("Data zakończenia projektu", "ends_on"),
]


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# --- the input ------------------------------------------------------------------------------------------------


def projects(count: int, changed: bool = False):
    """Valid rows of the official list: eu = eligible × 0.85 to the grosz, eligible ≤ total, start < end."""
    rate = Decimal("0.85")
    first = dt.date(2024, 1, 1)
    for i in range(count):
        eligible = Decimal(50_000 + (i * 7_919) % 9_950_000) + Decimal(i % 100) / 100
        total = eligible + Decimal((i * 104_729) % 1_000_000) + Decimal((i * 7) % 100) / 100
        starts_on = first + dt.timedelta(days=i % 700)
        yield PublishedProject(
            title=f"Projekt benchmarkowy {i} – modernizacja infrastruktury{' po aneksie' if changed else ''} (demo)",
            summary="Przebudowa drogi gminnej wraz z budową ścieżki rowerowej i oświetlenia (demo).",
            contract_number=f"BENCH.01.01-IZ.00-{i:06d}/25",
            beneficiary=f"Gmina benchmarkowa {i % 500}",
            fund=FUNDS[i % len(FUNDS)],
            programme="Fundusze Europejskie dla Wielkopolski 2021-2027",
            priority="Priorytet benchmarkowy (demo)",
            measure="Działanie benchmarkowe (demo)",
            total_pln=total,
            eligible_pln=eligible,
            eu_pln=(eligible * rate).quantize(Decimal("0.01")),
            cofinancing_rate=rate,
            place=GMINAS[i % len(GMINAS)],
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=365 + i % 400),
            specific_objective=OBJECTIVES[i % len(OBJECTIVES)],
            intervention_type=INTERVENTIONS[i % len(INTERVENTIONS)],
            lat=round(52.1 + (i % 300) / 1000, 5) if i % 10 == 0 else None,
            lon=round(18.0 + (i % 500) / 1000, 5) if i % 10 == 0 else None,
            precision="exact" if i % 10 == 0 else "",
        )


def old_layout_lines(rows):
    """The same rows in the 2014–2020 layout: no specific objective, no type of intervention, no coordinates."""
    import csv

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff".encode()
    yield writer.writerow([header for header, _field in OLD_LAYOUT]).encode()
    for row in rows:
        cells = []
        for _header, field in OLD_LAYOUT:
            value = getattr(row, field)
            if field == "cofinancing_rate":
                value = f"{value * 100:.2f}%".replace(".", ",")
            elif isinstance(value, Decimal):
                value = format(value, "f").replace(".", ",")
            elif isinstance(value, dt.date):
                value = value.isoformat()
            cells.append(value)
        yield writer.writerow(cells).encode()


def write_inputs(folder: Path, count: int) -> tuple[Path, Path, Path, Path]:
    old_path = folder / "bench-2014.csv"
    with open(old_path, "wb") as handle:
        handle.writelines(old_layout_lines(projects(count)))
    csv_path = folder / "bench.csv"
    with open(csv_path, "wb") as handle:
        handle.writelines(csv_lines(projects(count)))
    changed_path = folder / "bench-changed.csv"
    with open(changed_path, "wb") as handle:
        handle.writelines(csv_lines(projects(count, changed=True)))
    xlsx_path = folder / "bench.xlsx"
    xlsx_file(projects(count), folder).rename(xlsx_path)
    return old_path, csv_path, changed_path, xlsx_path


def copy_database(source: Path, target: Path) -> None:
    """The migrated empty database, copied with SQLite's backup (the WAL included)."""
    target.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target / source.name)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


# --- one case, in its own process -----------------------------------------------------------------------------


def run_case(case: str, path: Path) -> dict:
    import openpyxl  # noqa: F401  (loaded before the baseline in every case, so the increase is data, not code)
    from python_calamine import CalamineWorkbook

    connection.ensure_connection()
    baseline = _max_rss_mb()
    result: dict = {}
    start = time.perf_counter()
    if case == "read":
        import csv

        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for _row in csv.reader(handle, delimiter=";")) - 1
    elif case == "calamine":
        rows = 0
        workbook = CalamineWorkbook.from_path(str(path))
        for _row in workbook.get_sheet_by_index(0).iter_rows():
            rows += 1
        rows -= 1  # the header
    else:
        batch = PublishedImport.objects.create(
            file_name=path.name, file_sha256="", created_by_label="bench", is_demo=True
        )
        summary = published_import(actor=None, batch=batch, path=path)
        rows = summary.rows_read
        result["summary"] = summary.as_dict()
    result.update(
        seconds=time.perf_counter() - start,
        rows=rows,
        baseline_mb=baseline,
        peak_mb=_max_rss_mb(),
    )
    return result


def spawn(case: str, path: Path, var_dir: Path) -> dict:
    env = os.environ | {"ZIT_VAR_DIR": str(var_dir)}
    done = subprocess.run(
        [sys.executable, __file__, "--case", case, str(path)], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"case {case} on {path.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check_located(var_dir: Path) -> None:
    """Every row of the imported list stands on the map: its own point (every tenth) or its gmina's."""
    db = sqlite3.connect(var_dir / Path(settings.DATABASES["default"]["NAME"]).name)
    try:
        kinds = dict(
            db.execute(
                "SELECT precision, COUNT(*) FROM contracts_publishedproject GROUP BY precision"
            ).fetchall()
        )
    finally:
        db.close()
    print(f"\nlocation of the imported rows: {kinds}")
    assert set(kinds) == {"exact", "gmina"}, kinds


# --- the run --------------------------------------------------------------------------------------------------


def main(count: int) -> None:
    work = Path(settings.VAR_DIR)
    try:
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as devnull:
            call_command("load_area", "konin", stdout=devnull)  # the gminas' boundaries, for their points
        connection.close()
        database = Path(settings.DATABASES["default"]["NAME"])

        start = time.perf_counter()
        old_path, csv_path, changed_path, xlsx_path = write_inputs(work, count)
        print(
            f"wrote {count:,} synthetic rows in {time.perf_counter() - start:.1f} s: "
            f"CSV {csv_path.stat().st_size / 2**20:.1f} MB, XLSX {xlsx_path.stat().st_size / 2**20:.1f} MB"
        )

        old_db, csv_db, xlsx_db = work / "db-2014", work / "db-csv", work / "db-xlsx"
        for folder in (old_db, csv_db, xlsx_db):
            copy_database(database, folder)
        located = {"created": count}
        cases = [
            ("CSV read only (reference)", "read", csv_path, csv_db, {}),
            ("CSV import, 2014-2020 layout", "import", old_path, old_db, located),
            ("CSV import, 2021-2027 (new)", "import", csv_path, csv_db, located),
            ("CSV import again (unchanged)", "import", csv_path, csv_db, {"unchanged": count}),
            ("CSV import, every row changed", "import", changed_path, csv_db, {"updated": count}),
            ("XLSX import, streamed", "import", xlsx_path, xlsx_db, located),
            ("XLSX read only, calamine", "calamine", xlsx_path, xlsx_db, {}),
        ]
        print()
        print(
            f"{'case':<32} {'rows':>8} {'s':>7} {'rows/s':>8} {'x ref':>7} {'peak RSS MB':>12} "
            f"{'+ over base MB':>15}"
        )
        reference = None
        for label, case, path, var_dir, expected in cases:
            result = spawn(case, path, var_dir)
            for key, value in expected.items():
                assert result["summary"][key] == value, (label, result["summary"])
            reference = reference or result["seconds"]
            print(
                f"{label:<32} {result['rows']:>8,} {result['seconds']:>7.1f} "
                f"{result['rows'] / result['seconds']:>8,.0f} {result['seconds'] / reference:>7.1f} "
                f"{result['peak_mb']:>12.0f} {result['peak_mb'] - result['baseline_mb']:>15.0f}"
            )
        check_located(csv_db)
        print(f"\nbaseline RSS after Django setup: {result['baseline_mb']:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if CHILD:
        print(json.dumps(run_case(sys.argv[2], Path(sys.argv[3]))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
