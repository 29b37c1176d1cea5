from docx import Document
from docx.shared import Mm, Pt

from zit.core.docx_tables import TEXT_WIDTH_MM, fit_table


def _table(header, *rows):
    doc = Document()
    grid = doc.add_table(rows=1, cols=len(header))
    for target, text in zip(grid.rows[0].cells, header, strict=True):
        target.text = text
    for row in rows:
        for target, text in zip(grid.add_row().cells, row, strict=True):
            target.text = text
    return grid


def test_columns_share_the_text_width_by_what_they_hold():
    grid = _table(
        ["Kamień milowy", "Termin", "Stan"],
        [
            "Zakontraktowanie 40% alokacji ZIT (demo)",
            "31 grudnia 2026",
            "zagrożony: prognoza nie osiąga progu",
        ],
    )
    fit_table(grid)
    widths = [cell.width for cell in grid.rows[1].cells]
    assert abs(sum(widths) - Mm(TEXT_WIDTH_MM)) < Mm(1)
    # the column with "Zakontraktowanie" is wider than the one whose longest word is "grudnia"
    assert widths[0] > widths[1]
    assert all(width >= Mm(14) for width in widths)


def test_many_columns_get_smaller_type_a_bold_header_repeated_on_each_page():
    header = [f"Kolumna {i}" for i in range(8)]
    grid = _table(header, [str(i) for i in range(8)])
    fit_table(grid)
    sizes = {run.font.size for cell in grid.rows[1].cells for p in cell.paragraphs for run in p.runs}
    assert sizes == {Pt(8)}
    assert all(run.font.bold for cell in grid.rows[0].cells for p in cell.paragraphs for run in p.runs)
    assert grid.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_an_amount_is_one_piece_and_type_shrinks_before_words_break():
    amount = "33\u00a0136\u00a0488,00\u00a0zł"
    header = ["Kamień milowy", "Próg", "Osiągnięto", "Prognoza", "Brakuje", "Plan", "Umowy", "Stan"]
    grid = _table(header, ["Zakontraktowanie 40% alokacji", *[amount] * 6, "zagrożony"])
    fit_table(grid)
    size = grid.rows[1].cells[0].paragraphs[0].runs[0].font.size
    assert size == Pt(7)  # eight columns with six amounts do not fit at 8 pt
    char = 7 * 0.3528 * 0.5
    assert grid.rows[1].cells[1].width >= Mm(2.5 + char * len(amount)) - Mm(0.1)
