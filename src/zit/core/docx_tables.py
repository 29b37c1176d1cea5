"""Tables in generated DOCX documents that read well on an A4 page: columns as wide as their content needs
(so a Polish word is not broken in the middle of a narrow cell), smaller type when a table has many columns,
a bold header row repeated on every page, rows that do not split across pages."""

from __future__ import annotations

from typing import Any

TEXT_WIDTH_MM = 170  # A4 less two 20 mm margins
NARROWEST_MM = 14


def fit_table(grid: Any, *, width_mm: float = TEXT_WIDTH_MM) -> None:
    """Size a python-docx table already filled with text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    rows = [[cell.text for cell in row.cells] for row in grid.rows]
    columns = len(rows[0]) if rows else 0
    if not columns:
        return
    points = 8 if columns > 6 else 9 if columns > 3 else 10
    while points > 7 and sum(least_widths(rows, points=points)) > width_mm:
        points -= 1  # smaller type before breaking words
    size = Pt(points)
    widths = column_widths(rows, points=points, width_mm=width_mm)
    grid.autofit = False
    # LibreOffice reads the table grid, Word the cells: set both
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for row_number, row in enumerate(grid.rows):
        keep = OxmlElement("w:cantSplit")  # a row never splits across pages: no figure without its label
        keep.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(keep)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = size
                    run.font.bold = True if row_number == 0 else run.font.bold
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)


def column_widths(rows: list[list[str]], *, points: int, width_mm: float) -> list[float]:
    """Each column first gets room for its longest unbreakable piece (an amount with its non-breaking spaces
    is one piece), the rest of the width goes by how much text a column holds."""
    columns = list(zip(*rows, strict=True))
    least = least_widths(rows, points=points)
    if sum(least) >= width_mm:
        return [width * width_mm / sum(least) for width in least]
    wants = [max(min(len(text), 60) for text in texts) or 1 for texts in columns]
    spare = width_mm - sum(least)
    return [width + spare * want / sum(wants) for width, want in zip(least, wants, strict=True)]


def least_widths(rows: list[list[str]], *, points: int) -> list[float]:
    char_mm = points * 0.3528 * 0.5  # an average glyph of the document's serif face

    def longest(text: str, bold: bool) -> float:
        return max((len(piece) for piece in text.split(" ")), default=1) * (1.15 if bold else 1)

    return [
        max(NARROWEST_MM, 2.5 + char_mm * max(longest(text, n == 0) for n, text in enumerate(texts)))
        for texts in zip(*rows, strict=True)
    ]
