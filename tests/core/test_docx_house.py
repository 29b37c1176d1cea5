import io
import zipfile

from docx import Document

from zit.core.docx_house import house_bytes, house_document


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")}


def test_every_style_speaks_polish_and_none_us_english():
    doc = house_document("Uchwała", letterhead=["Stowarzyszenie", "ul. Wojska Polskiego 10, 62-510 Konin"])
    doc.add_heading("Rozdział", level=1)
    doc.add_paragraph("Treść")
    styles = _parts(house_bytes(doc))["word/styles.xml"]
    assert 'w:val="pl-PL"' in styles
    assert "en-US" not in styles


def test_letterhead_in_the_header_and_page_x_of_y_in_the_footer():
    doc = house_document(
        "Sprawozdanie", letterhead=["Stowarzyszenie Aglomeracji Konińskiej", "62-510 Konin", ""]
    )
    reread = Document(io.BytesIO(house_bytes(doc)))
    section = reread.sections[0]
    assert [p.text for p in section.header.paragraphs] == [
        "Stowarzyszenie Aglomeracji Konińskiej",
        "62-510 Konin",
    ]
    parts = _parts(house_bytes(doc))
    footer = next(text for name, text in parts.items() if name.startswith("word/footer"))
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer and "strona " in footer
    assert reread.core_properties.language == "pl-PL"


def test_tables_fit_the_landscape_page_rows_do_not_split_and_headings_keep_with_them():
    doc = house_document("Raport", letterhead=["S"], landscape=True, margin_cm=1.5)
    doc.add_heading("Uwagi", level=1)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Lp.", "Uwaga"
    reread = Document(io.BytesIO(house_bytes(doc)))
    [grid] = reread.tables
    width = sum(cell.width for cell in grid.rows[0].cells)
    section = reread.sections[0]
    assert section.page_width > section.page_height
    assert abs(width - (section.page_width - section.left_margin - section.right_margin)) < 36000  # 1 mm
    assert grid.rows[0]._tr.trPr.xpath("./w:cantSplit")
    assert reread.paragraphs[0].paragraph_format.keep_with_next is True
