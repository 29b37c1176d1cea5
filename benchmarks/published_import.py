"""The streamed import of the official list of projects, 100,000 rows, on a throw-away SQLite database.

Writes the list as XLSX (openpyxl write-only) and as CSV in the official layout, then runs each case in a fresh
Python process so its peak memory is its own: CSV import (new rows), CSV import again (every row unchanged),
XLSX import (the platform's streaming reader, the product path) and, for comparison only, reading the XLSX with calamine
without writing anything. Prints wall time, rows/s, peak RSS and the increase over the process's RSS after
Django setup (the baseline: Django, openpyxl and calamine loaded, nothing read yet).

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
GMINAS = ("Konin (gmina miejska)", "Golina (gmina miejsko-wiejska)", "Kramsk (gmina wiejska)", "Ślesin")


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
        )


def write_inputs(folder: Path, count: int) -> tuple[Path, Path, Path]:
    csv_path = folder / "bench.csv"
    with open(csv_path, "wb") as handle:
        handle.writelines(csv_lines(projects(count)))
    changed_path = folder / "bench-changed.csv"
    with open(changed_path, "wb") as handle:
        handle.writelines(csv_lines(projects(count, changed=True)))
    xlsx_path = folder / "bench.xlsx"
    xlsx_file(projects(count), folder).rename(xlsx_path)
    return csv_path, changed_path, xlsx_path


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
    if case == "calamine":
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


# --- the run --------------------------------------------------------------------------------------------------


def main(count: int) -> None:
    work = Path(settings.VAR_DIR)
    try:
        call_command("migrate", verbosity=0)
        connection.close()
        database = Path(settings.DATABASES["default"]["NAME"])

        start = time.perf_counter()
        csv_path, changed_path, xlsx_path = write_inputs(work, count)
        print(
            f"wrote {count:,} rows in {time.perf_counter() - start:.1f} s: "
            f"CSV {csv_path.stat().st_size / 2**20:.1f} MB, XLSX {xlsx_path.stat().st_size / 2**20:.1f} MB"
        )

        csv_db, xlsx_db = work / "db-csv", work / "db-xlsx"
        copy_database(database, csv_db)
        copy_database(database, xlsx_db)
        cases = [
            ("CSV import (new rows)", "import", csv_path, csv_db, {"created": count}),
            ("CSV import again (unchanged)", "import", csv_path, csv_db, {"unchanged": count}),
            ("CSV import, every row changed", "import", changed_path, csv_db, {"updated": count}),
            ("XLSX import, streamed", "import", xlsx_path, xlsx_db, {"created": count}),
            ("XLSX read only, calamine", "calamine", xlsx_path, xlsx_db, {}),
        ]
        print()
        print(f"{'case':<32} {'rows':>8} {'s':>7} {'rows/s':>8} {'peak RSS MB':>12} {'+ over base MB':>15}")
        for label, case, path, var_dir, expected in cases:
            result = spawn(case, path, var_dir)
            for key, value in expected.items():
                assert result["summary"][key] == value, (label, result["summary"])
            print(
                f"{label:<32} {result['rows']:>8,} {result['seconds']:>7.1f} "
                f"{result['rows'] / result['seconds']:>8,.0f} {result['peak_mb']:>12.0f} "
                f"{result['peak_mb'] - result['baseline_mb']:>15.0f}"
            )
        print(f"\nbaseline RSS after Django setup: {result['baseline_mb']:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if CHILD:
        print(json.dumps(run_case(sys.argv[2], Path(sys.argv[3]))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
