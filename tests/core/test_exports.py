"""The cell rule of every download (text that starts like a formula stays text) and the office's table
downloads in CSV and XLSX."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from zit.core.exports import from_spreadsheet, spreadsheet_cell, spreadsheet_row, table_response

LINK = '=HYPERLINK("http://evil.example";"x")'
FORMULA_LIKE = [LINK, "+48 600 100 200", "-5", "@SUMA(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_text_starting_like_a_formula_gets_an_apostrophe(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Spółdzielnia Socjalna „Razem”", "", "5 – 6", "'już z apostrofem", "a=b", "x-1"],
)
def test_other_text_is_left_as_it_is(value):
    assert spreadsheet_cell(value) == value


@pytest.mark.parametrize(
    "value",
    [
        Decimal("-12.50"),
        Decimal("1234.56"),
        -5,
        0,
        -0.25,
        dt.date(2026, 3, 1),
        dt.datetime(2026, 3, 1, 12, 30),
        True,
        None,
    ],
)
def test_numbers_dates_booleans_and_none_are_not_touched(value):
    assert spreadsheet_cell(value) is value


def test_a_lazy_translation_is_text_too():
    assert spreadsheet_cell(gettext_lazy("-5")) == "'-5"
    assert spreadsheet_row([gettext_lazy("Nazwa"), Decimal("-1"), "=1"]) == ["Nazwa", Decimal("-1"), "'=1"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_the_apostrophe_comes_off_when_a_file_comes_back(text):
    assert from_spreadsheet(spreadsheet_cell(text)) == text


def test_an_apostrophe_of_the_value_itself_stays():
    assert from_spreadsheet("'tak'") == "'tak'" and from_spreadsheet("'") == "'"


HEADER = ["Nazwa", "Kwota", "Udział", "Data"]
LINES = [
    [LINK, Decimal("1234.5"), Decimal("0.25"), dt.date(2026, 3, 1)],
    ["-5", Decimal("-12.50"), None, None],
    ["+48 600 100 200", 7, Decimal("-0.1"), None],
    ["@SUMA(A1:A9)", None, None, None],
    ["\t=1+1", None, None, None],
    ["\r=1+1", None, None, None],
]


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_csv_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    rows = _rows(table_response("t.csv", "csv", HEADER, LINES, money=(1,), shares=(2,), empty="brak"))
    names = [r[0] for r in rows[1:]]
    assert names == ["'" + line[0] for line in LINES]
    assert rows[1][1:] == ["1234,50", "0,2500", "2026-03-01"]
    assert rows[2][1:] == ["-12,50", "brak", "brak"]
    assert rows[3][1:3] == ["7", "-0,1000"]


def test_the_xlsx_holds_strings_not_formulas_and_numbers_as_numbers():
    response = table_response("t.xlsx", "xlsx", HEADER, LINES, money=(1,), shares=(2,), note="=NOTE()")
    sheet = load_workbook(io.BytesIO(response.content)).active
    for row, line in enumerate(LINES, start=2):
        cell = sheet.cell(row, 1)
        assert (cell.data_type, cell.value) == ("s", "'" + line[0])
    assert (sheet["B2"].data_type, sheet["B2"].value) == ("n", 1234.5)
    assert (sheet["B3"].data_type, sheet["B3"].value) == ("n", -12.5)
    assert (sheet["C4"].data_type, sheet["C4"].value) == ("n", -0.1)
    assert sheet["D2"].is_date
    note = sheet.cell(sheet.max_row, 1)
    assert (note.data_type, note.value) == ("s", "'=NOTE()")
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_a_column_of_long_text_is_widened_and_wrapped_so_a_printed_sheet_keeps_it():
    long = "Rozpatrzenie wniosku o udostępnienie informacji publicznej i udzielenie odpowiedzi " * 2
    response = table_response(
        "rejestr.xlsx",
        "xlsx",
        ["Lp.", "Krótko", "Cel"],
        [[1, "tak", long], [2, "nie", "krótki"]],
        note="Uwaga " * 30,
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.column_dimensions["C"].width == 60
    assert sheet["C2"].alignment.wrap_text and sheet["C2"].value == long
    assert sheet.row_dimensions[2].height >= 30  # the row is as tall as its wrapped text
    assert not sheet["B2"].alignment.wrap_text  # short text stays on one line
    assert sheet.column_dimensions["B"].width < 60
    assert not sheet["A5"].alignment.wrap_text  # the note under the table is not a column's text


def test_a_wide_sheet_prints_landscape_as_wide_as_the_page():
    header = ["Lp.", "Nazwa", "Cel", "Podstawa", "Odbiorcy", "Okres"]
    response = table_response(
        "rejestr.xlsx", "xlsx", header, [[1, "Wnioski", "Cel", "art. 6", "nikt", "5 lat"]]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.column_dimensions["A"].width < 15  # "Lp." takes little room


def test_a_sheet_too_wide_to_read_on_one_page_is_not_shrunk_to_it():
    header = [f"Kolumna {n}" for n in range(12)]
    response = table_response(
        "szeroki.xlsx", "xlsx", header, [["Bardzo długi opis celu przetwarzania " * 3] * 12]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.page_setup.orientation == "landscape"
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
