"""The English interface is complete: every catalogue entry translated, and the compiled catalogue in use
matches the source."""

from pathlib import Path

import polib
from django.utils import translation

import zit

PO = Path(zit.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_missing_or_fuzzy_entries():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 300
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(PO))
    stale = []
    with translation.override("en"):
        for entry in catalogue.translated_entries():
            if entry.msgid_plural or entry.msgctxt:
                continue
            if translation.gettext(entry.msgid) != entry.msgstr:
                stale.append(entry.msgid)
    assert not stale, f"run `make messages`: {stale[:5]}"
