"""One rule for every CSV and every XLSX sheet the platform writes: the Excel CSV (BOM, `;`, decimal commas),
the plain CSV (no BOM, `,`, decimal points), and sheets named after what they hold, in names Excel accepts."""

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from zit.core.exports import csv_bytes, sheet_title, sheet_title_problem, table_response

SRC = Path(__file__).resolve().parents[2] / "src" / "zit"


def test_the_excel_csv_has_a_bom_semicolons_and_decimal_commas():
    data = csv_bytes(["Nazwa", "Kwota", "Udział", "Liczba"], [["Kleczew", Decimal("1234.5"), 0.25, 3]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["Nazwa;Kwota;Udział;Liczba", "Kleczew;1234,50;0,25;3"]


def test_the_plain_csv_has_no_bom_commas_and_decimal_points():
    data = csv_bytes(["name", "amount", "share"], [["Kleczew, gmina", Decimal("1234.5"), 0.25]], excel=False)
    assert not data.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(data.decode()))) == [
        ["name", "amount", "share"],
        ["Kleczew, gmina", "1234.50", "0.25"],
    ]


def test_no_module_writes_a_csv_of_its_own():
    """Every CSV is written through zit.core.exports (csv_writer, csv_bytes, csv_response, table_response),
    so no download can mix a byte-order mark with commas again. The IZ feed's hand-over to the reconciliation
    is an upload built in memory, not a download."""
    exempt = {SRC / "contracts" / "iz_import.py"}
    offenders = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "core" / "exports.py" or path in exempt:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "writer"
                and getattr(node.value, "id", "") == "csv"
            ):
                offenders.append(str(path.relative_to(SRC)))
            if isinstance(node, ast.Constant) and node.value == "\ufeff":
                offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Według kopert (działanie i fundusz)", "Według kopert (działanie i fund"),
        ("Rejestr: 2026/27 [wersja]*?", "Rejestr- 2026-27 -wersja---"),
        ("'cytat'", "cytat"),
        ("Sheet", "dane"),
        ("Sheet1", "dane"),
        ("", "dane"),
        ("  Podział   alokacji ", "Podział alokacji"),
    ],
)
def test_sheet_titles_are_made_acceptable_to_excel(text, expected):
    assert sheet_title(text) == expected
    assert sheet_title_problem(sheet_title(text)) == ""


@pytest.mark.parametrize("title", ["Sheet", "Sheet2", "x" * 32, "a/b", "a:b", "'a", ""])
def test_wrong_sheet_titles_are_named(title):
    assert sheet_title_problem(title)


def test_the_office_table_download_names_its_sheet():
    response = table_response(
        "monitoring-gminy-2026-12-07.xlsx", "xlsx", ["Gmina"], [["Kleczew"]], sheet="Gminy"
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Gminy"]
    response = table_response("podzial-alokacji.xlsx", "xlsx", ["Gmina"], [["Kleczew"]])
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["podzial-alokacji"]


def test_every_module_that_builds_a_workbook_is_exercised_by_a_test():
    """The check on sheet names runs on every workbook the platform's code saves during the tests
    (tests/conftest.py); this makes sure every module that builds one is called by some test."""
    tests = Path(__file__).resolve().parents[1]
    test_text = "\n".join(p.read_text(encoding="utf-8") for p in tests.rglob("test_*.py"))
    builders = {
        path: [n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if _builds_book(n)]
        for path in SRC.rglob("*.py")
        if "Workbook(" in path.read_text(encoding="utf-8")
    }
    missing = [
        f"{p.relative_to(SRC)}:{name}"
        for p, names in builders.items()
        for name in names
        if name not in test_text
    ]
    assert builders and missing == []


def _builds_book(node) -> bool:
    if not isinstance(node, ast.FunctionDef):
        return False
    return any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Workbook" for n in ast.walk(node))


def test_the_agreement_report_names_each_sheet_after_its_table():
    from zit.monitoring.agreement_reports import Table, tables_xlsx

    tables = [
        Table("Wskaźniki porozumienia: osiągnięte i prognozy", ["a"], [[1]]),
        Table("2. Kamienie milowe porozumienia", ["b"], [[2]]),
    ]
    book = load_workbook(io.BytesIO(tables_xlsx(tables, note="Stan na dziś.")))
    assert book.sheetnames == ["1. Wskaźniki porozumienia- osią", "2. Kamienie milowe porozumienia"]


@pytest.mark.django_db
def test_every_open_data_workbook_names_its_sheet(tmp_path):
    from zit.opendata.exports import TABLES, xlsx_write

    for key, table in TABLES.items():
        xlsx_write(table, tmp_path / f"{key}.xlsx")
        names = load_workbook(tmp_path / f"{key}.xlsx", read_only=True).sheetnames
        assert names == [sheet_title(table.sheet)] and not sheet_title_problem(names[0]), key
