"""Notes on where the bundled reference data comes from, shown on the pages that use the data."""

from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class SourceNote:
    key: str
    title: str
    path: Path
    summary: str

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8")


SOURCE_NOTES = {
    note.key: note
    for note in [
        SourceNote(
            "granice",
            _("Granice gmin, powiatu i województwa"),
            DATA_DIR / "konin" / "SOURCE-boundaries.md",
            _("Państwowy Rejestr Granic (GUGiK), stan z sierpnia 2025 r., uogólnione; domena publiczna."),
        ),
        SourceNote(
            "statystyki",
            _("Podstawowe dane o gminach"),
            DATA_DIR / "konin" / "SOURCE-statistics.md",
            _(
                "Powierzchnia, ludność i sołectwa z publicznych stron (m.in. powiat.konin.pl, dane GUS); "
                "każda wartość ma własną datę i źródło."
            ),
        ),
    ]
}
