import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import cell_amount, cell_date, cell_rate, read_table, stream_table


def _stream(tmp_path, name, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    report = ImportReport()
    table = stream_table(name, path, report)
    return table, list(table.rows), report


def test_a_polish_excel_csv_with_a_title_and_decimal_commas_is_read_by_its_header(tmp_path):
    content = (
        "Zestawienie umów – stan na 31.10.2026\r\n\r\n"
        "Nr umowy;Wartość ogółem [PLN];Data rozpoczęcia;Status\r\n"
        "U/1;1 234 567,89;15.03.2026;W realizacji\r\n"
        "U/2;2 000,00;01.04.2026;Zakończony\r\n"
    ).encode("cp1250")
    table, rows, report = _stream(tmp_path, "iz.csv", content)
    assert table.header_row == 3
    assert table.columns == ["nr umowy", "wartość ogółem [pln]", "data rozpoczęcia", "status"]
    assert rows[0] == (
        4,
        {
            "nr umowy": "U/1",
            "wartość ogółem [pln]": "1 234 567,89",
            "data rozpoczęcia": "15.03.2026",
            "status": "W realizacji",
        },
    )
    assert [number for number, _cells in rows] == [4, 5] and report.ok


def test_commas_win_when_semicolons_hide_inside_quotes(tmp_path):
    content = (
        b'date,rate,note\n2023-01-31,4.7089,"table A; last day"\n2023-02-28,4.7170,"table A; last day"\n'
    )
    table, rows, _report = _stream(tmp_path, "rates.csv", content)
    assert table.columns == ["date", "rate", "note"]
    assert rows[0][1]["note"] == "table A; last day"
    assert read_table("rates.csv", content).rows[1][1]["rate"] == "4.7170"


def test_an_xlsx_streams_from_its_header_row(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Lista projektów"])
    sheet.append(["Numer umowy", "Wartość projektu", "Data zakończenia", "Tytuł"])
    sheet.append(["U/1", 1500000.5, dt.datetime(2027, 10, 31), "Ścieżka"])
    path = tmp_path / "lista.xlsx"
    book.save(path)
    report = ImportReport()
    table = stream_table("lista.xlsx", path, report)
    rows = list(table.rows)
    assert table.header_row == 2 and table.estimated_rows == 3
    assert rows == [
        (
            3,
            {
                "numer umowy": "U/1",
                "wartość projektu": "1500000.5",
                "data zakończenia": "2027-10-31",
                "tytuł": "Ścieżka",
            },
        )
    ]


def test_unreadable_files_are_refused_with_a_reason(tmp_path):
    with pytest.raises(ImportRejected) as exc:
        _stream(tmp_path, "lista.pdf", b"%PDF")
    assert "CSV lub XLSX" in str(exc.value)
    with pytest.raises(ImportRejected) as exc:
        _stream(tmp_path, "lista.xlsx", b"not a zip")
    assert "To nie jest plik XLSX" in str(exc.value)
    with pytest.raises(ImportRejected) as exc:
        _stream(tmp_path, "pusta.csv", b"tylko tytul\n\n")
    assert "nagłówka" in str(exc.value)


def test_a_row_longer_than_the_header_is_reported_and_skipped(tmp_path):
    _table, rows, report = _stream(tmp_path, "a.csv", b"a;b;c\n1;2;3\n1;2;3;4\n")
    assert [n for n, _c in rows] == [2]
    assert report.problems[0].row == 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234 567,89 zł", Decimal("1234567.89")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1234567.89", Decimal("1234567.89")),
        ("1\u00a0000 PLN", Decimal("1000")),
        ("", None),
        ("-", None),
    ],
)
def test_amounts_as_offices_type_them(text, expected):
    assert cell_amount(text) == expected


def test_what_is_not_an_amount_a_rate_or_a_date_raises():
    for parse, text in (
        (cell_amount, "sto złotych"),
        (cell_rate, "150%"),
        (cell_date, "31.02.2026"),
        (cell_date, "jutro"),
    ):
        with pytest.raises(ValueError):
            parse(text)


@pytest.mark.parametrize("text", ["85%", "85,00 %", "0,85", "85", "0.85"])
def test_rates_in_any_usual_form_are_a_fraction(text):
    assert cell_rate(text) == Decimal("0.8500")


@pytest.mark.parametrize(
    "text", ["2026-03-15", "15.03.2026", "15-03-2026", "15/03/2026", "2026-03-15 00:00:00"]
)
def test_dates_in_the_usual_forms(text):
    assert cell_date(text) == dt.date(2026, 3, 15)


def test_a_sheet_without_its_dimension_still_gets_a_row_estimate_for_the_progress_bar(tmp_path):
    book = Workbook(write_only=True)  # writes no <dimension>, like many exporting programs
    sheet = book.create_sheet("lista")
    sheet.append(["Numer umowy", "Tytuł", "Fundusz"])
    for i in range(500):
        sheet.append([f"U/{i}", f"Projekt {i}", "EFRR"])
    path = tmp_path / "lista.xlsx"
    book.save(path)
    table = stream_table("lista.xlsx", path, ImportReport())
    assert table.estimated_rows == 501 and len(list(table.rows)) == 500


@pytest.mark.parametrize(("fmt", "amount"), [("csv", "-1,50"), ("xlsx", "-1.5")])
def test_a_download_read_back_gives_formula_like_text_without_the_apostrophe(tmp_path, fmt, amount):
    from zit.core.exports import table_response

    names = ['=HYPERLINK("http://evil.example";"x")', "-5", "+48 600 100 200", "@x", "'tak'"]
    lines = [[name, Decimal("-1.5"), "=1"] for name in names]
    content = table_response(f"t.{fmt}", fmt, ["nazwa", "kwota", "uwagi"], lines).content
    if fmt == "csv":
        assert "\r\n\"'=HYPERLINK(" in content.decode("utf-8-sig")
    else:
        assert load_workbook(io.BytesIO(content)).active["A2"].value.startswith("'=HYPERLINK(")
    rows = [values for _row, values in read_table(f"t.{fmt}", content).rows]
    assert [(v["nazwa"], v["kwota"], v["uwagi"]) for v in rows] == [(n, amount, "=1") for n in names]
    _table, streamed, _report = _stream(tmp_path, f"t.{fmt}", content)
    assert [values["nazwa"] for _row, values in streamed] == names


@pytest.mark.parametrize("name", ["t.csv", "t.xlsx"])
def test_the_apostrophe_before_a_formula_like_text_is_not_part_of_the_value(tmp_path, name):
    cells = [
        ["nazwa", "telefon", "uwagi"],
        ['\'=HYPERLINK("http://evil.example";"x")', "'+48 600 100 200", "'tak'"],
    ]
    if name.endswith(".csv"):
        content = "\r\n".join(
            ";".join(c.replace('"', '""').join('""') for c in row) for row in cells
        ).encode()
    else:
        book = Workbook()
        for row in cells:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    expected = {
        "nazwa": '=HYPERLINK("http://evil.example";"x")',
        "telefon": "+48 600 100 200",
        "uwagi": "'tak'",
    }
    assert read_table(name, content).rows == [(2, expected)]
    _table, rows, _report = _stream(tmp_path, name, content)
    assert rows == [(2, expected)]
