"""Where the bundled programme data comes from, shown on the public sources pages."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from zit.territory.sources import SourceNote

DATA_DIR = Path(__file__).resolve().parent / "data" / "few"

SOURCE_NOTES = {
    "program": SourceNote(
        "program",
        _("Program FEW 2021+, alokacja ZIT, kursy NBP i wspólne wskaźniki UE"),
        DATA_DIR / "SOURCE.md",
        _(
            "Struktura programu i kwoty funduszy ze stron samorządu województwa i ARR Konin; kwota ZIT ze strony "
            "Stowarzyszenia; kursy średnie NBP (tabela A); wskaźniki z rozporządzeń UE 2021/1058 i 2021/1057."
        ),
    )
}
