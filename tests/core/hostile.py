"""Hostile and malformed table files, built in memory: small to upload, costly to read naively.

Each XLSX here is a complete package that Excel and openpyxl open; only the sheet (or the shared strings) is
crafted.
"""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="Arkusz1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS}">
<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
NO_STRINGS = f'<sst xmlns="{MAIN}" count="0" uniqueCount="0"></sst>'


def cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows(*values: list[str], first: int = 1) -> str:
    """Rows of inline strings from column A, numbered from `first`."""
    out = []
    for number, row in enumerate(values, start=first):
        cells = "".join(cell(f"{chr(65 + i)}{number}", text) for i, text in enumerate(row))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


GOOD_ROWS = rows(["nazwa", "nip", "kwota"], ["Fundacja", "1234563218", "100"])


def sheet(body: str = GOOD_ROWS, *, dimension: str | None = None, prolog: str = "") -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{body}</sheetData></worksheet>'
    ).encode()


def xlsx(sheet_xml: bytes | None = None, *, shared_strings: bytes | str = NO_STRINGS, writer=None) -> bytes:
    """A package around the first sheet; `writer(archive)` may write the sheet in pieces instead."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", shared_strings)
        if writer is not None:
            writer(archive)
        else:
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml if sheet_xml is not None else sheet())
    return out.getvalue()


def declaring(dimension: str) -> bytes:
    """A few bytes of data in a sheet that declares a huge range."""
    return xlsx(sheet(dimension=dimension))


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE lolz [{entities}]>"
    return xlsx(sheet(rows(["nazwa", "nip", "kwota"], ["&lol9;", "1", "2"]), prolog=prolog))


def streamed_sheet(head: bytes, filler: bytes, repeat: int, tail: bytes):
    """Write the sheet as `head`, `filler` × `repeat`, `tail`, without holding it whole."""

    def write(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as part:
            part.write(head)
            for _ in range(repeat):
                part.write(filler)
            part.write(tail)

    return write


def zip_bomb(megabytes: int) -> bytes:
    """A sheet that unpacks to `megabytes` MB of spaces between two rows: a few kB packed."""
    head = sheet(rows(["nazwa", "nip", "kwota"])).split(b"</sheetData>")[0]
    return xlsx(writer=streamed_sheet(head, b" " * (1 << 20), megabytes, b"</sheetData></worksheet>"))


def one_long_cell(megabytes: int) -> bytes:
    """A header row, then one cell of `megabytes` MB of letters."""
    head = (
        sheet(rows(["nazwa", "nip", "kwota"])).split(b"</sheetData>")[0]
        + b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    )
    tail = b"</t></is></c></row></sheetData></worksheet>"
    return xlsx(writer=streamed_sheet(head, b"a" * (1 << 20), megabytes, tail))


def random_bytes(size: int, seed: int = 18) -> bytes:
    """Bytes without any structure (a fixed seed, so a failure can be replayed)."""
    import random

    return random.Random(seed).randbytes(size)
