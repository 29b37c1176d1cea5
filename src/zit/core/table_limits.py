"""The limits every uploaded table is read within, and the refusal that names the one a file broke.

The limits are Django settings (`ZIT_IMPORT_MAX_*`, read from the environment). A refusal carries a message in
Polish that says what is wrong and what the limit is, and where in the file when that is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from zit.core.formatting import format_number

# A package part that unpacks to more than this many times its packed size is a zip bomb, not a spreadsheet:
# the sheets of real workbooks pack 5–30 times. Apache POI refuses the same ratio. Small parts are let through.
MAX_PACKING_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# An XLSX has a few dozen parts; a central directory with more is not worth reading.
MAX_ZIP_ENTRIES = 10_000
# The workbook, relationship and style parts: kilobytes in real files, whose entries are kept as objects.
MAX_SMALL_PART_BYTES = 10 * 1024 * 1024
# One CSV record (a row, possibly over several lines inside quotes), in characters.
MAX_RECORD_CHARS = 1_000_000


@dataclass(frozen=True)
class TableLimits:
    max_bytes: int
    max_unpacked_bytes: int
    max_rows: int
    max_columns: int
    max_cell_chars: int

    @classmethod
    def from_settings(cls) -> TableLimits:
        return cls(
            max_bytes=settings.ZIT_IMPORT_MAX_BYTES,
            max_unpacked_bytes=settings.ZIT_IMPORT_MAX_UNPACKED_BYTES,
            max_rows=settings.ZIT_IMPORT_MAX_ROWS,
            max_columns=settings.ZIT_IMPORT_MAX_COLUMNS,
            max_cell_chars=settings.ZIT_IMPORT_MAX_CELL_CHARS,
        )


class TableRefused(Exception):
    """A file the reader will not (or cannot) read, with the reason for the person who sent it."""

    def __init__(self, message: str, *, row: int | None = None, column: str = ""):
        self.message = str(message)
        self.row = row
        self.column = column
        super().__init__(self.message)


def n(value: int) -> str:
    return format_number(value)


# The refusals, worded once.


def too_large(size: int, limit: int) -> TableRefused:
    return TableRefused(
        _("Plik ma %(size)s, a można wgrać najwyżej %(limit)s. Podziel go na mniejsze pliki.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    )


def too_many_rows(row: int, limit: int) -> TableRefused:
    return TableRefused(
        _("Plik ma za dużo wierszy (można wczytać najwyżej %(limit)s). Podziel go na mniejsze pliki.")
        % {"limit": n(limit)},
        row=row,
    )


def declared_too_large(sheet: str, ref: str, limits: TableLimits) -> TableRefused:
    return TableRefused(
        _(
            "Arkusz „%(sheet)s” ma zapisany zakres %(ref)s, a to więcej, niż można wczytać (limit wierszy: "
            "%(max_rows)s, limit kolumn: %(max_columns)s). Jeśli danych jest mniej, usuń puste wiersze i kolumny "
            "za tabelą (także ich formatowanie) i zapisz plik ponownie."
        )
        % {"sheet": sheet, "ref": ref, "max_rows": n(limits.max_rows), "max_columns": n(limits.max_columns)}
    )


def too_many_columns(limit: int, *, row: int | None) -> TableRefused:
    return TableRefused(
        _("Wiersz ma za dużo kolumn (limit kolumn: %(limit)s).") % {"limit": n(limit)}, row=row
    )


def cell_too_long(limit: int, *, row: int | None, column: str = "") -> TableRefused:
    return TableRefused(
        _("Komórka ma za dużo znaków (limit znaków w komórce: %(limit)s).") % {"limit": n(limit)},
        row=row,
        column=column,
    )


def record_too_long(limit: int, *, row: int | None) -> TableRefused:
    return TableRefused(
        _(
            "Wiersz jest za długi (limit znaków w wierszu: %(limit)s). Czy w pliku nie brakuje zamykającego "
            "cudzysłowu?"
        )
        % {"limit": n(limit)},
        row=row,
    )


def unpacked_too_large(size: int, limit: int) -> TableRefused:
    return TableRefused(
        _(
            "Po rozpakowaniu arkusz zajmuje %(size)s, a można wczytać najwyżej %(limit)s. Podziel plik na "
            "mniejsze albo wgraj go jako CSV."
        )
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    )


def zip_bomb(part: str, ratio: int) -> TableRefused:
    return TableRefused(
        _(
            "Część „%(part)s” pliku XLSX po rozpakowaniu jest %(ratio)s razy większa niż spakowana, a w arkuszach "
            "Excela najwyżej %(limit)s razy: plik jest uszkodzony albo spreparowany i nie zostanie wczytany."
        )
        % {"part": part, "ratio": n(ratio), "limit": n(MAX_PACKING_RATIO)}
    )


def not_xlsx() -> TableRefused:
    return TableRefused(
        _(
            "To nie jest plik XLSX. Zapisz arkusz w Excelu jako „Skoroszyt programu Excel (*.xlsx)” albo jako "
            "CSV i wgraj go ponownie."
        )
    )


def damaged_xlsx(part: str) -> TableRefused:
    return TableRefused(
        _("Plik XLSX jest uszkodzony (nie da się odczytać części „%(part)s”). Zapisz go w Excelu ponownie.")
        % {"part": part}
    )


def xml_declarations(part: str) -> TableRefused:
    return TableRefused(
        _(
            "Część „%(part)s” pliku XLSX zawiera deklarację DOCTYPE albo encje XML, których arkusze Excela nie "
            "mają; ze względów bezpieczeństwa taki plik nie jest wczytywany."
        )
        % {"part": part}
    )
