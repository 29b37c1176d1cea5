"""The house style of every DOCX the platform writes, so that an official can sign it without retyping:
A4, Polish as the language of every style (Word and LibreOffice check spelling in Polish, not US English), the
association's letterhead in the header, "strona X z Y" in the footer, tables sized to their content with rows
that never split across pages and headings kept with what follows them."""

from __future__ import annotations

import io
from typing import Any

from zit.core.docx_tables import fit_table

LANGUAGE = "pl-PL"


def house_document(
    title: str,
    *,
    letterhead: list[str],
    author: str = "",
    font: str = "Calibri",
    size: float = 11,
    margin_cm: float = 2.5,
    landscape: bool = False,
) -> Any:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(margin_cm)
    section.top_margin = section.bottom_margin = Cm(min(margin_cm, 2.0))
    doc.core_properties.title = title
    doc.core_properties.language = LANGUAGE
    doc.core_properties.author = author
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(size)
    _polish_everywhere(doc)
    _letterhead(section, letterhead)
    _page_numbers(section)
    return doc


def house_bytes(doc: Any) -> bytes:
    """Fit every table to the text width and keep headings with what follows; then the file's bytes."""
    section = doc.sections[-1]
    width_mm = (section.page_width - section.left_margin - section.right_margin) / 36000
    for table in doc.tables:
        fit_table(table, width_mm=width_mm)
    for paragraph in doc.paragraphs:
        if paragraph.style.name.startswith(("Heading", "Title")):
            paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_run_language(run: Any, tag: str) -> None:
    """Marks a run as written in `tag` (e.g. "en-GB": an English name in a Polish document), so that spelling
    checks and screen readers take it as that language."""
    _set_language(run._r.get_or_add_rPr(), tag)


def docx_language_tag(lang: str) -> str:
    return {"en": "en-GB", "pl": "pl-PL"}.get(lang, lang)


def _polish_everywhere(doc: Any) -> None:
    """The language lives in the run properties: the document defaults and every style that sets its own."""
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    targets = [run_defaults.find(qn("w:rPr"))] if run_defaults is not None else []
    targets += [style.get_or_add_rPr() for style in styles.findall(qn("w:style"))]
    for rpr in targets:
        if rpr is not None:
            _set_language(rpr, LANGUAGE, east_asia=True)


def _set_language(rpr: Any, tag: str, *, east_asia: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    if east_asia:
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), "ar-SA")


def _letterhead(section: Any, lines: list[str]) -> None:
    from docx.shared import Pt

    header = section.header
    paragraph = header.paragraphs[0]
    for number, line in enumerate(line for line in lines if line):
        if number:
            paragraph = header.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = Pt(10 if number == 0 else 8)
        run.font.bold = number == 0


def _page_numbers(section: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in ("strona ", "PAGE", " z ", "NUMPAGES"):
        if text.isupper():
            _field(paragraph, text)
        else:
            paragraph.add_run(text).font.size = Pt(9)


def _field(paragraph: Any, instruction: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = paragraph.add_run("1")
    run.font.size = Pt(9)
    paragraph._p.remove(run._r)
    field.append(run._r)
    paragraph._p.append(field)
