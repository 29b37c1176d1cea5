"""Every DOCX and XLSX the platform generates opens in LibreOffice (as in the office, where it is edited and
signed): each is converted to PDF by one headless LibreOffice run and read back with poppler (pdfinfo,
pdftotext): it has pages, not too many, the text a reader expects with its Polish letters, no "###" of a column
too narrow for its number; each DOCX declares Polish (pl-PL) in its styles. Every generated document, the PDFs
and e-mails too, writes dates for people in words ("6 grudnia 2026 r."), never in ISO ("2026-12-06") or as
"06.12.2026". The kinds of documents are listed in tests/support/generated_documents.py.

LibreOffice (packages libreoffice-writer-nogui, libreoffice-calc-nogui) and poppler-utils come with the test
set of scripts/ensure-system-packages.sh; without them this module fails, it never skips."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from support.generated_documents import Generated, generate, load

pytestmark = pytest.mark.django_db  # so that the test database is set up for the module's fixture

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = (
    "LibreOffice (soffice) is not installed: the generated DOCX and XLSX cannot be checked. Install the system "
    "packages of the tests: scripts/ensure-system-packages.sh (libreoffice-writer-nogui, libreoffice-calc-nogui)"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?")
DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{2}\.\d{4}\b")
MONTHS = "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
WORDS_WITHOUT_YEAR_MARK = re.compile(
    rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}(?! r\.)"
)  # "6 grudnia 2026" without "r."
POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def _run(*command: str, timeout: int = 60) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=timeout).stdout


def _flat(text: str) -> str:
    """Text with its line breaks and spaces (non-breaking ones too) as single spaces: a phrase broken across
    lines or table cells is still found."""
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, tuple[Generated, Path]]:
    """Every generated document, written to a folder; the DOCX and XLSX converted to PDF beside them by one
    LibreOffice run with its own profile (workers running in parallel do not share one). The demo data is
    rolled back afterwards."""
    from zit.accounts.models import User

    if SOFFICE is None:
        pytest.fail(MISSING)
    folder = tmp_path_factory.mktemp("documents")
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        translation.override("pl"),
        transaction.atomic(),
    ):
        load()
        generated = generate(User.objects.get(username="biuro"))
        transaction.set_rollback(True)
    for document in generated:
        (folder / document.name).write_bytes(document.content)
    office = [str(folder / d.name) for d in generated if d.kind in ("docx", "xlsx")]
    converted = folder / "pdf"
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    _run(
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(converted),
        *office,
        timeout=300,
    )
    return {
        d.name: (d, converted / f"{Path(d.name).stem}.pdf" if d.kind in ("docx", "xlsx") else folder / d.name)
        for d in generated
    }


def _pdf_text(path: Path) -> str:
    return _run("pdftotext", "-layout", str(path), "-")


def _readable_text(document: Generated, path: Path) -> str:
    """What a person reads: the converted or generated PDF's text, the e-mail's text."""
    return path.read_text() if document.kind == "txt" else _pdf_text(path)


def test_libreoffice_is_installed():
    assert SOFFICE is not None, MISSING


def test_the_registry_has_every_kind_of_document(documents):
    kinds = {d.kind for d, _path in documents.values()}
    assert kinds == {"docx", "xlsx", "pdf", "txt"}
    stems = [Path(name).stem for name, (d, _path) in documents.items() if d.kind in ("docx", "xlsx")]
    assert len(stems) == len(set(stems))  # LibreOffice names each PDF after its file's stem
    assert sum(1 for d, _path in documents.values() if d.kind == "docx") >= 13
    assert sum(1 for d, _path in documents.values() if d.kind == "xlsx") >= 10


# functions named like a document builder that make no document of their own
NOT_DOCUMENTS = {
    "check_pdf": "reads an uploaded PDF's signature",
    "not_xlsx": "an import's refusal",
    "damaged_xlsx": "an import's refusal",
    "sample_pdf": "the demo's stand-in for a signed scan",
    "tables_xlsx": "the sheets of report_xlsx",
}


def test_the_registry_calls_every_document_builder():
    """Each `…_docx`, `…_xlsx` and `…_pdf` function of the platform is called by the registry (or named above)."""
    source = Path(__file__).resolve().parents[2] / "src" / "zit"
    registry = (Path(__file__).resolve().parents[1] / "support" / "generated_documents.py").read_text()
    builders = {
        match.group(1)
        for module in source.rglob("*.py")
        if "/migrations/" not in str(module) and not module.name.startswith("views")
        for match in re.finditer(r"^def (\w+_(?:docx|xlsx|pdf))\(", module.read_text(), re.MULTILINE)
    }
    missing = sorted(b for b in builders - set(NOT_DOCUMENTS) if not re.search(rf"\b{b}\(", registry))
    assert not missing, f"add them to tests/support/generated_documents.py: {missing}"


def test_every_docx_and_xlsx_opens_with_sensible_pages_and_its_polish_text(documents):
    problems = []
    for name, (document, pdf) in sorted(documents.items()):
        if document.kind not in ("docx", "xlsx"):
            continue
        if not pdf.exists():
            problems.append(f"{name}: LibreOffice did not open it")
            continue
        pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.MULTILINE).group(1))
        if not 1 <= pages <= document.max_pages:
            problems.append(f"{name}: {pages} pages")
        text = _flat(_pdf_text(pdf))
        problems += [f"{name}: no “{e}”" for e in document.expected if _flat(e) not in text]
        written = (
            _docx_words(document.content) if document.kind == "docx" else _spreadsheet_words(document.content)
        )
        if POLISH_LETTERS.search(written) and not POLISH_LETTERS.search(text) or "\ufffd" in text:
            problems.append(f"{name}: Polish letters lost")
        if document.kind == "xlsx" and "###" in text:
            problems.append(f"{name}: a column too narrow for its value (###)")
    assert not problems, "\n".join(problems)


def test_every_docx_is_in_polish(documents):
    for name, (document, _pdf) in sorted(documents.items()):
        if document.kind != "docx":
            continue
        with zipfile.ZipFile(io.BytesIO(document.content)) as archive:
            styles = archive.read("word/styles.xml").decode()
        assert 'w:lang w:val="pl-PL"' in styles and "en-US" not in styles, name


def test_the_generated_pdfs_and_emails_read_in_polish(documents):
    for name, (document, path) in sorted(documents.items()):
        if document.kind in ("pdf", "txt"):
            text = _flat(_readable_text(document, path))
            assert POLISH_LETTERS.search(text), name
            assert all(_flat(e) in text for e in document.expected), name
            if document.kind == "pdf":
                assert int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1)) >= 1


def _docx_words(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _spreadsheet_words(content: bytes) -> str:
    """The text cells of a workbook (headings, notes, labels); cells holding real dates and numbers are data,
    shown in the cell's number format."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        cell
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    )


def test_no_document_writes_dates_in_iso_or_with_dots(documents):
    found = []
    for name, (document, path) in sorted(documents.items()):
        if document.data:
            continue
        if document.kind == "xlsx":
            text = _spreadsheet_words(document.content)
        else:
            text = _readable_text(document, path)
        text = re.sub(r"https?://\S+", "", text)  # an address may carry a date
        found += [f"{name}: {m.group(0)}" for m in ISO_DATE.finditer(text)]
        if document.kind != "xlsx":
            found += [f"{name}: {m.group(0)}" for m in DOTTED_DATE.finditer(text)]
        found += [f"{name}: {m.group(0)} (no “r.”)" for m in WORDS_WITHOUT_YEAR_MARK.finditer(_flat(text))]
    assert not found, (
        "dates in documents are written in words, “6 grudnia 2026 r.” (document_date):\n" + "\n".join(found)
    )
