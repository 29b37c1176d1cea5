"""Tables as downloads: the one place that decides how a CSV and an XLSX sheet of the platform look.

CSV comes in two variants and nothing in between: the Excel one (UTF-8 with a byte-order mark, `;` between
cells, decimal commas, every amount with its grosze), which a Polish Excel opens with its letters and numbers
intact, and the plain one (UTF-8 without a mark, `,` and decimal points), for programs. Every CSV the platform
writes goes through `csv_writer` and `csv_number` (or `csv_bytes`/`csv_response`, built on them).

XLSX sheets are named after what they hold (`sheet_title` makes a name Excel accepts); none is left "Sheet".
`widen_for_values` makes every column wide enough for its amounts and dates, which a spreadsheet shows as "###"
in a column too narrow for them.

`spreadsheet_cell` is the one rule for every cell any CSV or XLSX of the platform holds: text a spreadsheet would
run as a formula is kept as text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula (a tab or a carriage
# return is skipped before one), so a name typed as =HYPERLINK(...) would turn into a live link in a download.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Part of the name of every cached workbook: raised when the rule for cells changes, so that files written under
# the old rule are built again instead of being served until the data change.
CELL_RULE = "2"


def spreadsheet_cell(value: Any) -> Any:
    """The value as a CSV or XLSX cell may hold it: text starting like a formula gets a leading apostrophe (the
    spreadsheets' own mark for "this is text"; openpyxl then writes a string, not a formula). Only text is
    touched: numbers, dates, booleans and None come back as they are, so -12.50 from a Decimal stays a
    number, while "-5" typed by someone is text and is marked."""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, Promise):  # a lazy translation is text too
        return spreadsheet_cell(str(value))
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_cell(v) for v in values]


def from_spreadsheet(text: str) -> str:
    """A cell of an uploaded file without the apostrophe `spreadsheet_cell` put before a formula's first
    character, so that a file the platform wrote comes back as it was."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


@dataclass(frozen=True)
class CsvVariant:
    delimiter: str
    bom: bool
    decimal: str


CSV_EXCEL = CsvVariant(delimiter=";", bom=True, decimal=",")
CSV_PLAIN = CsvVariant(delimiter=",", bom=False, decimal=".")


def csv_variant(excel: bool) -> CsvVariant:
    return CSV_EXCEL if excel else CSV_PLAIN


def csv_writer(target: Any, variant: CsvVariant) -> Any:
    """A csv writer with the variant's separator; the caller writes `csv_start(variant)` first."""
    return csv.writer(target, delimiter=variant.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def csv_start(variant: CsvVariant) -> str:
    """What the file begins with: the byte-order mark for Excel, nothing for programs."""
    return "\ufeff" if variant.bom else ""


def csv_number(value: Decimal | float | int, variant: CsvVariant, places: int | None = None) -> str:
    """A number as the variant writes it: no thousands separator (so a spreadsheet keeps it a number), the
    variant's decimal mark; `places` rounds a Decimal to that many places."""
    if isinstance(value, Decimal):
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places))
        text = format(value, "f")
    else:
        text = repr(value) if isinstance(value, float) else str(value)
    return text.replace(".", variant.decimal)


def _csv_cell(value: Any, *, share: bool, variant: CsvVariant = CSV_EXCEL) -> str:
    value = spreadsheet_cell(value)
    if value is None:
        return ""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return csv_number(value, variant, 4 if share else (2 if isinstance(value, Decimal) else None))
    return str(value)


def csv_bytes(
    header: Sequence[Any],
    lines: Iterable[Sequence[Any]],
    *,
    excel: bool = True,
    shares: Sequence[int] = (),
    empty: str = "",
) -> bytes:
    """A whole CSV in the chosen variant: Decimals with two places (`shares` columns with four), empty cells
    as `empty`, every text cell through `spreadsheet_cell`."""
    variant = csv_variant(excel)
    out = io.StringIO()
    out.write(csv_start(variant))
    writer = csv_writer(out, variant)
    writer.writerow(spreadsheet_row(header))
    blank = spreadsheet_cell(empty)
    for line in lines:
        writer.writerow(
            [
                blank if v is None else _csv_cell(v, share=i in shares, variant=variant)
                for i, v in enumerate(line)
            ]
        )
    return out.getvalue().encode()


def csv_response(
    name: str, header: Sequence[Any], lines: Iterable[Sequence[Any]], **options: Any
) -> HttpResponse:
    response = HttpResponse(csv_bytes(header, lines, **options), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Excel refuses these in a sheet's name, and a name longer than 31 characters or starting or ending with an
# apostrophe.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31


def sheet_title_problem(title: str) -> str:
    """Why a sheet's name is wrong ("" when it is right): Excel's limits, and the default "Sheet" that says
    nothing of what the sheet holds."""
    if re.fullmatch(r"sheet\d*", title or "", flags=re.IGNORECASE):
        return f"the sheet is left with the default name {title!r}"
    if (
        not title
        or len(title) > SHEET_MAX
        or SHEET_FORBIDDEN.search(title)
        or title[0] == "'"
        or title[-1] == "'"
    ):
        return f"Excel does not accept the sheet name {title!r}"
    return ""


def widen_for_values(sheet: Any) -> None:
    """Every column of a sheet wide enough for its amounts, numbers and dates as the cell's format shows them
    (in a narrower column LibreOffice and Excel show "###"); text may overflow, so its columns stay as set."""
    import datetime as dt

    from openpyxl.utils import get_column_letter

    needed: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if value is None or isinstance(value, bool):
                continue
            if isinstance(value, dt.datetime):
                width = 20
            elif isinstance(value, dt.date):
                width = 12
            elif isinstance(value, (int, float, Decimal)):
                width = 10 if "%" in cell.number_format else len(f"{abs(value):,.2f}") + 4
            else:
                continue
            needed[cell.column] = max(needed.get(cell.column, 0), width)
    for column, width in needed.items():
        dimension = sheet.column_dimensions[get_column_letter(column)]
        if (dimension.width or 0) < width:
            dimension.width = width


def sheet_title(text: Any, fallback: str = "dane") -> str:
    """A sheet name Excel accepts, from what the sheet holds: the forbidden characters become "-", spaces are
    squeezed, at most 31 characters, no apostrophe at either end; never empty and never "Sheet"."""
    title = " ".join(SHEET_FORBIDDEN.sub("-", str(text)).split())[:SHEET_MAX].strip().strip("'").strip()
    if not title or re.fullmatch(r"sheet\d*", title, flags=re.IGNORECASE):
        return sheet_title(fallback) if fallback and fallback != text else "dane"
    return title


LONG_TEXT_WIDTH = 60


def wrap_long_text(sheet: Any, *, last_row: int) -> None:
    """Columns of long text (a register's purposes, its legal bases) as wide as their text up to a point, the
    rest wrapped in the cell: cut at the next column's edge, a printed sheet would lose it. Rows past
    `last_row` (a note under the table) stay as they are."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    lines: dict[int, int] = {}
    for column in sheet.iter_cols(min_row=1, max_row=last_row):
        texts = [cell for cell in column if isinstance(cell.value, str)]
        longest = max((len(line) for cell in texts for line in cell.value.splitlines()), default=0)
        letter = get_column_letter(column[0].column)
        width = sheet.column_dimensions[letter].width or 13
        if longest + 2 <= width:
            continue
        sheet.column_dimensions[letter].width = min(longest + 2, LONG_TEXT_WIDTH)
        if longest + 2 > LONG_TEXT_WIDTH:
            for cell in texts:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines[cell.row] = max(lines.get(cell.row, 1), _wrapped_lines(cell.value, LONG_TEXT_WIDTH - 2))
    # spreadsheet programs do not always grow a row to its wrapped text when they open a file: say its height
    for row, count in lines.items():
        if count > 1:
            sheet.row_dimensions[row].height = 15 * count
            for cell in sheet[row]:  # a tall row reads from its top, the short cells too
                if not cell.alignment.wrap_text:
                    cell.alignment = Alignment(vertical="top")


def _wrapped_lines(text: str, width: int) -> int:
    return sum(max(1, -(-len(line) // width)) for line in text.splitlines() or [""])


# a landscape A4 page holds about 130 characters at full size: up to this total width the sheet is scaled to
# the page, readable still; a wider one would print too small, so it runs across pages
FIT_TO_PAGE_WIDTH = 190


def fit_to_page_width(sheet: Any) -> None:
    """Printed, a sheet with many columns is landscape, and as wide as the page when that keeps it readable."""
    from openpyxl.utils import get_column_letter

    if sheet.max_column > 5:
        sheet.page_setup.orientation = "landscape"
    total = sum(
        sheet.column_dimensions[get_column_letter(n)].width or 13 for n in range(1, sheet.max_column + 1)
    )
    if total <= FIT_TO_PAGE_WIDTH:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0


def table_response(
    name: str,
    fmt: str,
    header: Sequence[str],
    lines: Sequence[Sequence[Any]],
    *,
    money: Sequence[int] = (),
    shares: Sequence[int] = (),
    empty: str = "",
    note: str = "",
    sheet: str = "",
) -> HttpResponse:
    """`money` and `shares` are the column indexes of amounts and of fractions (shown as percents in XLSX);
    `empty` stands in a CSV cell without a value; `note` goes under the XLSX table (the rate used, say);
    `sheet` names the XLSX sheet (by default the file's name without its extension). The CSV is the Excel
    variant."""
    if fmt == "csv":
        return csv_response(name, header, lines, shares=shares, empty=empty)
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        book = Workbook()
        page = book.active
        page.title = sheet_title(sheet or name.rsplit(".", 1)[0])
        page.append(spreadsheet_row(header))
        for cell in page[1]:
            cell.font = Font(bold=True)
        for line in lines:
            page.append(spreadsheet_row(line))
        for row in page.iter_rows(min_row=2):
            for index in money:
                row[index].number_format = "#,##0.00"
            for index in shares:
                row[index].number_format = "0.00%"
        for index in (*money, *shares):  # wide enough for 1 234 567,89: a narrow cell shows only ###
            if index:
                page.column_dimensions[get_column_letter(index + 1)].width = 16
        page.freeze_panes = "A2"
        if note:
            from zit.core.formatting import one_full_stop

            page.append([])
            page.append([spreadsheet_cell(one_full_stop(str(note)))])
        widen_for_values(page)
        wrap_long_text(page, last_row=len(lines) + 1)
        fit_to_page_width(page)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
