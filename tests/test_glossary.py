"""The English translation follows docs/glossary.md: where a message holds a Polish term of the glossary, its
English uses the term the glossary fixes (for the rows marked **required**) and none of the variants it rules
out. A row without a Polish stem rules its variants out of every message."""

from __future__ import annotations

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
PO = ROOT / "src" / "zit" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def terms() -> list[tuple[str | None, list[str], bool, list[str]]]:
    """(Polish stem or None, English forms, required, ruled-out variants) for every row of the table."""
    rows = []
    for line in GLOSSARY.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("Polish", "---"):
            continue
        polish, english, ruled_out, _definition = cells
        stem = re.search(r"`([^`]+)`", polish)
        forms = [re.sub(r" \(.*", "", f).strip() for f in english.replace("**required**", "").split(",")]
        variants = [v.strip() for v in ruled_out.split(",") if v.strip()]
        rows.append((stem.group(1) if stem else None, forms, "**required**" in english, variants))
    return rows


def _has(variant: str, text: str) -> bool:
    flags = re.IGNORECASE if variant == variant.lower() else 0  # "MA" is a variant, "ma" is not
    return re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", text, flags) is not None


def test_the_glossary_has_its_terms():
    rows = terms()
    assert len(rows) >= 30
    assert ("ZIT", ["ZIT"], True, ["ITI"]) in rows


def test_the_english_translation_follows_the_glossary():
    wrong = []
    for entry in polib.pofile(str(PO)):
        if not entry.msgstr or entry.obsolete:
            continue
        for stem, forms, required, variants in terms():
            if stem and not re.search(rf"(?<!\w){stem}", entry.msgid, re.IGNORECASE):
                continue
            if required and not any(form.lower() in entry.msgstr.lower() for form in forms):
                wrong.append(f"{entry.msgid!r}: {entry.msgstr!r} lacks “{forms[0]}”")
            wrong += [
                f"{entry.msgid!r}: {entry.msgstr!r} says “{v}”" for v in variants if _has(v, entry.msgstr)
            ]
    assert not wrong, f"{len(wrong)} translations off the glossary:\n" + "\n".join(wrong)
