"""The one reader of uploaded tables refuses hostile and malformed files quickly, in little memory, with a
message in Polish naming the limit, and reads good files as before.

Memory is asserted with tracemalloc and wide margins; the deterministic proof is where the refusal comes from
(the declared range, the package's sizes, the cell's row and column)."""

from __future__ import annotations

import datetime as dt
import io
import random
import string
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import _text, read_table, read_workbook, stream_table

from .hostile import (
    GOOD_ROWS,
    MAIN,
    billion_laughs,
    cell,
    declaring,
    one_long_cell,
    random_bytes,
    rows,
    sheet,
    xlsx,
    zip_bomb,
)

MB = 1024 * 1024


def refusal(call, *args, **kwargs) -> list:
    with pytest.raises(ImportRejected) as exc:
        call(*args, **kwargs)
    return exc.value.report.problems


def plain(problem) -> str:
    return problem.message.replace("\u00a0", " ")


def peak_bytes(call, *args) -> int:
    tracemalloc.start()
    try:
        call(*args)
    except ImportRejected:
        pass
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def stream_all(name, source):
    table = stream_table(name, source, ImportReport())
    return table, list(table.rows)


# --- the declared dimension --------------------------------------------------------------------------------


def test_a_sheet_declaring_two_million_rows_is_refused_before_a_row_is_read(tmp_path):
    content = xlsx(sheet(GOOD_ROWS + rows(["x", "y", "z"], first=2_000_000), dimension="A1:C2000000"))
    assert len(content) < 2_000
    problems = refusal(read_table, "lista.xlsx", content)
    assert len(problems) == 1
    message = plain(problems[0])
    assert "A1:C2000000" in message and "limit wierszy: 200 000, limit kolumn: 500" in message
    assert peak_bytes(read_table, "lista.xlsx", content) < 50 * MB
    path = tmp_path / "lista.xlsx"
    path.write_bytes(content)
    # the streamed reader refuses it before handing out the header, let alone a row
    assert "A1:C2000000" in plain(refusal(stream_table, "lista.xlsx", path, ImportReport())[0])


def test_the_small_file_declaring_every_column_is_refused_at_once():
    content = xlsx(sheet(GOOD_ROWS + rows(["x"], first=1500), dimension="A1:XFD1500"))
    message = plain(refusal(read_table, "pes.xlsx", content)[0])
    assert "A1:XFD1500" in message and "limit kolumn: 500" in message
    assert peak_bytes(read_table, "pes.xlsx", content) < 50 * MB


def test_a_declared_range_within_the_limits_is_not_used_to_pad_rows_or_columns():
    # 500 columns (A…SF) and 3,000 rows declared, three columns and two rows written
    content = xlsx(
        sheet(
            rows(["nazwa", "nip", "kwota"]) + rows(["Fundacja", "1", "2"], first=3000), dimension="A1:SF3000"
        )
    )
    table = read_table("pes.xlsx", content)
    assert table.columns == ["nazwa", "nip", "kwota"]
    assert table.rows == [(3000, {"nazwa": "Fundacja", "nip": "1", "kwota": "2"})]


def test_a_row_past_the_limit_is_refused_when_the_sheet_declares_nothing(tmp_path):
    content = xlsx(sheet(GOOD_ROWS + rows(["x", "y", "z"], first=250_000)))
    problems = refusal(read_table, "lista.xlsx", content)
    assert problems[0].row == 250_000 and "200 000" in plain(problems[0])
    path = tmp_path / "lista.xlsx"
    path.write_bytes(content)
    report = ImportReport()
    with pytest.raises(ImportRejected):
        list(stream_table("lista.xlsx", path, report).rows)
    assert [p.row for p in report.problems] == [250_000]


# --- XML, the package -----------------------------------------------------------------------------------------


def test_a_doctype_with_entities_is_refused_unexpanded():
    content = billion_laughs()
    for call in (read_table, read_workbook):
        problems = refusal(call, "lista.xlsx", content)
        assert "DOCTYPE" in problems[0].message and "worksheets/sheet1.xml" in problems[0].message
    assert peak_bytes(read_table, "lista.xlsx", content) < 50 * MB


def test_a_doctype_in_the_shared_strings_is_refused_too():
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x "y">]><sst xmlns="{MAIN}"><si><t>&x;</t></si></sst>'
    )
    problems = refusal(read_table, "lista.xlsx", xlsx(shared_strings=strings))
    assert "DOCTYPE" in problems[0].message and "sharedStrings.xml" in problems[0].message


def test_a_zip_bomb_is_refused_from_its_recorded_sizes():
    content = zip_bomb(megabytes=200)
    assert len(content) < 1 * MB
    problems = refusal(read_table, "lista.xlsx", content)
    message = plain(problems[0])
    assert "razy większa niż spakowana" in message and "najwyżej 100 razy" in message
    assert peak_bytes(read_table, "lista.xlsx", content) < 20 * MB


def test_a_sheet_larger_than_the_unpacked_limit_is_refused(settings):
    settings.ZIT_IMPORT_MAX_UNPACKED_BYTES = 1 * MB
    rng = random.Random(5)
    body = rows(
        ["nazwa", "nip", "kwota"],
        *[["".join(rng.choices(string.ascii_letters, k=30)), str(i), str(i * 7)] for i in range(15_000)],
    )
    problems = refusal(read_table, "lista.xlsx", xlsx(sheet(body)))
    assert "Po rozpakowaniu arkusz zajmuje" in plain(problems[0]) and "1,0 MB" in plain(problems[0])


def test_random_bytes_and_a_broken_package_are_refused_as_not_xlsx():
    assert "To nie jest plik XLSX" in refusal(read_table, "lista.xlsx", random_bytes(4096))[0].message
    broken = xlsx()[:-200]  # the central directory cut off
    assert "To nie jest plik XLSX" in refusal(read_table, "lista.xlsx", broken)[0].message
    garbage = xlsx(b"<worksheet><sheetData><row><c><v>1</v></row>")
    assert "uszkodzony" in refusal(read_table, "lista.xlsx", garbage)[0].message


# --- cells ------------------------------------------------------------------------------------------------------


def test_a_cell_longer_than_the_limit_is_refused_where_it_is(settings):
    settings.ZIT_IMPORT_MAX_CELL_CHARS = 1_000
    long_row = f'<row r="2">{cell("A2", "Fundacja")}{cell("B2", "x" * 5_000)}</row>'
    problems = refusal(read_table, "pes.xlsx", xlsx(sheet(rows(["nazwa", "opis"]) + long_row)))
    assert (problems[0].row, problems[0].field) == (2, "B")
    assert "limit znaków w komórce: 1 000" in plain(problems[0])
    strings = f'<sst xmlns="{MAIN}"><si><t>' + "y" * 5_000 + "</t></si></sst>"
    shared = xlsx(
        sheet(rows(["nazwa"]) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'), shared_strings=strings
    )
    assert "limit znaków w komórce: 1 000" in plain(refusal(read_table, "pes.xlsx", shared)[0])
    csv = b"nazwa;opis\nFundacja;" + b"x" * 5_000 + b"\n"
    problems = refusal(read_table, "pes.csv", csv)
    assert problems[0].row == 2 and "limit znaków w komórce: 1 000" in plain(problems[0])


def test_a_hundred_megabyte_cell_is_refused_before_it_is_read_at_the_default_limits():
    content = one_long_cell(megabytes=100)
    assert len(content) < 1 * MB
    assert refusal(read_table, "pes.xlsx", content)
    assert peak_bytes(read_table, "pes.xlsx", content) < 50 * MB


def test_a_cell_is_counted_as_it_is_parsed_at_the_default_limits():
    # 200,000 random letters pack too poorly to look like a bomb: the cell's own count refuses it
    letters = "".join(random.Random(7).choices(string.ascii_letters, k=200_000))
    content = xlsx(sheet(rows(["nazwa", "opis"]) + f'<row r="2">{cell("B2", letters)}</row>'))
    problems = refusal(read_table, "pes.xlsx", content)
    assert (problems[0].row, problems[0].field) == (2, "B") and "limit znaków w komórce: 32 767" in plain(
        problems[0]
    )


def test_a_stretch_of_xml_longer_than_any_cell_is_refused_before_expat_holds_it(settings):
    settings.ZIT_IMPORT_MAX_CELL_CHARS = 1_000
    attribute = f'<row r="2"><c r="A2" x="{"a" * 200_000}"><v>1</v></c></row>'
    assert (
        "limit znaków w komórce"
        in refusal(read_table, "lista.xlsx", xlsx(sheet(GOOD_ROWS + attribute)))[0].message
    )


# --- size, rows, columns ----------------------------------------------------------------------------------------


class _UnreadableUpload:
    """An upload whose content must not be read: only its size may be asked."""

    name = "lista.csv"
    size = 2_000

    def read(self, *args):
        raise AssertionError("the content was read")

    def seek(self, *args):
        return 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings, tmp_path):
    from zit.core.tables import upload_bytes

    settings.ZIT_IMPORT_MAX_BYTES = 1_000
    message = plain(refusal(read_table, "lista.csv", _UnreadableUpload())[0])
    assert "Plik ma 2,0 KB" in message and "najwyżej 1000 bajtów" in message
    assert refusal(read_workbook, "lista.xlsx", b"x" * 2_000)
    assert refusal(upload_bytes, _UnreadableUpload())
    path = tmp_path / "lista.csv"
    path.write_bytes(b"a;b;c\n" * 400)
    assert "najwyżej 1000 bajtów" in plain(refusal(stream_table, "lista.csv", path, ImportReport())[0])


def test_too_many_columns_are_refused(settings):
    settings.ZIT_IMPORT_MAX_COLUMNS = 10
    header = ";".join(f"k{i}" for i in range(12)).encode()
    assert "limit kolumn: 10" in plain(refusal(read_table, "a.csv", header + b"\n")[0])
    wide = xlsx(sheet(GOOD_ROWS + f'<row r="3">{cell("L3", "x")}</row>'))
    problems = refusal(read_table, "a.xlsx", wide)
    assert problems[0].row == 3 and "limit kolumn: 10" in plain(problems[0])
    assert "A1:L3" in plain(refusal(read_table, "a.xlsx", declaring("A1:L3"))[0])


def test_too_many_csv_rows_are_refused_at_the_first_row_past_the_limit(settings, tmp_path):
    settings.ZIT_IMPORT_MAX_ROWS = 100
    content = b"a;b;c\n" + b"1;2;3\n" * 150
    problems = refusal(read_table, "a.csv", content)
    assert problems[0].row == 101 and "za dużo wierszy (można wczytać najwyżej 100)" in plain(problems[0])
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    report = ImportReport()
    table = stream_table("a.csv", path, report)
    with pytest.raises(ImportRejected):
        list(table.rows)
    assert [p.row for p in report.problems] == [101]


def test_a_csv_with_zero_bytes_is_refused_as_not_text(tmp_path):
    content = b"nazwa;nip;kwota\nFundacja;12\x0034;100\n"
    assert "bajty zerowe" in refusal(read_table, "pes.csv", content)[0].message
    # far into a streamed file: found where it is
    path = tmp_path / "lista.csv"
    path.write_bytes(b"a;b;c\n" + b"1;2;3\n" * 190_000 + b"1;\x00;3\n")  # past the first megabyte
    report = ImportReport()
    table = stream_table("lista.csv", path, report)
    with pytest.raises(ImportRejected):
        list(table.rows)
    assert report.problems[0].row == 190_002 and "bajty zerowe" in report.problems[0].message


def test_binary_garbage_and_a_renamed_xlsx_are_refused_as_not_csv():
    assert "nie jest tekstem" in refusal(read_table, "a.csv", random_bytes(4096))[0].message
    controls = b"a;b;c\n" + bytes(range(1, 9)) * 50
    assert "znaki sterujące" in refusal(read_table, "a.csv", controls)[0].message
    assert "To plik XLSX" in refusal(read_table, "a.csv", xlsx())[0].message


def test_a_csv_record_without_an_end_is_refused_at_a_million_characters():
    endless = b"a;b;c\n" + b"1;" * 600_000
    problems = refusal(read_table, "a.csv", endless)
    assert problems[0].row == 2 and "limit znaków w wierszu: 1 000 000" in plain(problems[0])
    unclosed = b'a;b;c\n1;"' + b"x" * 100_000
    assert "limit znaków w komórce: 32 767" in plain(refusal(read_table, "a.csv", unclosed)[0])


# --- good files read as before --------------------------------------------------------------------------------


def _trimmed(values) -> list[str]:
    values = list(values)
    while values and not values[-1]:
        values.pop()
    return values


def _openpyxl_texts(content: bytes) -> list[list[str]]:
    """What openpyxl's read-only mode gives, through the same text conversion, without its padding."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    texts = [_trimmed(_text(v) for v in row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return [row for row in texts if row]


def test_cells_read_as_openpyxl_reads_them():
    book = Workbook()
    sheet_ = book.active
    sheet_.append(["tekst", "liczba", "ułamek", "data", "czas", "prawda", "procent", "duża"])
    sheet_.append(
        ["Ślesin ", 1500000, 0.1, dt.date(2026, 3, 15), dt.datetime(2026, 3, 15, 12, 30), True, 0.85, 1e20]
    )
    sheet_["D2"].number_format = "dd.mm.yyyy"
    sheet_["G2"].number_format = "0.00%"
    sheet_.append([None, None, "luka"])
    sheet_.append([])
    sheet_.append(["po pustym wierszu", "=1+1"])
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    table = read_table("a.xlsx", content)
    expected = _openpyxl_texts(content)
    header = expected[0]
    assert table.columns == header
    assert [_trimmed(row.values()) for _n, row in table.rows] == expected[1:]
    assert [n for n, _row in table.rows] == [2, 3, 5]
    assert table.rows[0][1]["data"] == "2026-03-15" and table.rows[0][1]["ułamek"] == "0.1"


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_rich_text_shared_strings_dates_and_types_of_a_hand_written_sheet():
    strings = (
        f'<sst xmlns="{MAIN}"><si><t>nazwa</t></si><si><r><t>Gmina </t></r><r><rPr/><t>Golina</t></r>'
        '<rPh sb="0" eb="1"><t>ごりな</t></rPh></si></sst>'
    )
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
        '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>'
    )
    body = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>data</t></is></c>'
        '<c r="C1" t="str"><v>wzór</v></c><c r="D1" t="inlineStr"><is><t>typ</t></is></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>46096</v></c>'
        '<c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="b"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" s="2"><v>46096.5</v></c>'
        '<c r="C3"><f>A1</f></c><c r="D3" t="d"><v>2026-03-15T00:00:00</v></c></row>'
    )

    def writer(archive):
        archive.writestr("xl/worksheets/sheet1.xml", sheet(body))
        archive.writestr("xl/styles.xml", styles)

    content = xlsx(shared_strings=strings, writer=writer)
    content = _with_styles_relationship(content)
    table = read_table("a.xlsx", content)
    assert table.rows == [
        (2, {"nazwa": "Gmina Golina", "data": "2026-03-15", "wzór": "2", "typ": "True"}),
        (3, {"nazwa": "#N/A", "data": "2026-03-15T12:00:00", "wzór": "", "typ": "2026-03-15"}),
    ]
    assert _openpyxl_texts(content)[1:] == [
        ["Gmina Golina", "2026-03-15", "2", "True"],
        ["#N/A", "2026-03-15T12:00:00", "", "2026-03-15"],
    ]


def _with_styles_relationship(content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/styles" Target="styles.xml"/></Relationships>',
                )
            archive.writestr(info.filename, data)
    return out.getvalue()


def test_every_sheet_of_a_workbook_by_its_name():
    book = Workbook()
    book.active.title = "Cele"
    book.active.append(["kod", "nazwa"])
    book.active.append(["C1", "Gospodarka"])
    other = book.create_sheet("Wskaźniki")
    other.append([])
    other.append(["kod", "wartość"])
    other.append(["W1", 3.5])
    book.create_sheet("Pusty")
    out = io.BytesIO()
    book.save(out)
    tables = read_workbook("strategia.xlsx", out.getvalue())
    assert set(tables) == {"cele", "wskaźniki"}
    assert tables["wskaźniki"].rows == [(3, {"kod": "W1", "wartość": "3.5"})]
    assert tables["cele"].file == "strategia.xlsx / Cele"


def test_a_windows_1250_csv_with_semicolons_keeps_its_row_numbers(tmp_path):
    content = "Nazwa;Gmina\r\n\r\nŁódzka Spółdzielnia;Ślesin\r\n".encode("cp1250")
    table = read_table("pes.csv", content)
    assert table.columns == ["nazwa", "gmina"]
    assert table.rows == [(3, {"nazwa": "Łódzka Spółdzielnia", "gmina": "Ślesin"})]
