"""Importing PES from a CSV or XLSX file: every row is checked (NIP and REGON checksums, KRS format, a known
kind and a gmina of the area), then tried against the directory's own rules without writing, so the preview
lists every problem by row and column and says what each row will do. Nothing is written until the user
confirms a clean file; rows are matched by NIP, so importing the same file again updates instead of adding."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core.exports import csv_bytes, spreadsheet_row
from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import cell_date, header_key, read_table
from zit.organisations.validators import normalise_krs, normalise_nip, normalise_postal_code, normalise_regon
from zit.social_economy import services
from zit.social_economy.models import PesKind

# column in the file → field of the services, with what the template's help says of it
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("nazwa", "name", "Pełna nazwa podmiotu (wymagana)."),
    (
        "nip",
        "nip",
        "NIP, 10 cyfr, z myślnikami lub bez (wymagany: po nim rozpoznajemy podmiot przy ponownym imporcie).",
    ),
    ("regon", "regon", "REGON, 9 lub 14 cyfr."),
    ("krs", "krs", "Numer KRS, 10 cyfr z zerami na początku."),
    (
        "rodzaj",
        "kind",
        "Rodzaj PES: spółdzielnia socjalna, WTZ, ZAZ, CIS, KIS, spółdzielnia pracy, fundacja, stowarzyszenie, "
        "koło gospodyń wiejskich, spółka non-profit albo inna organizacja pozarządowa (wymagany).",
    ),
    ("gmina", "gmina", "Gmina siedziby: nazwa albo 7-cyfrowy kod TERC gminy obszaru ZIT."),
    ("ulica", "street", "Ulica i numer."),
    ("kod_pocztowy", "postal_code", "Kod pocztowy 00-000."),
    ("miejscowosc", "city", "Miejscowość."),
    ("strona_www", "website", "Adres strony, z https://."),
    ("przedsiebiorstwo_spoleczne", "social_enterprise", "tak albo nie: status przedsiębiorstwa społecznego."),
    (
        "status_od",
        "social_enterprise_since",
        "Data nadania statusu przedsiębiorstwa społecznego (np. 15.03.2024).",
    ),
    ("opis", "description", "Kilka zdań o podmiocie."),
    ("uslugi", "services", "Usługi."),
    ("produkty", "products", "Produkty."),
    ("osoba_kontaktowa", "contact_name", "Osoba do kontaktu, jeśli zgodziła się na publikację."),
    ("email", "contact_email", "E-mail do publikacji w katalogu."),
    ("telefon", "contact_phone", "Telefon do publikacji w katalogu."),
    ("dlugosc", "lon", "Długość geograficzna (np. 18,2512)."),
    ("szerokosc", "lat", "Szerokość geograficzna (np. 52,2231)."),
)
REQUIRED = ("nazwa", "nip", "rodzaj")
YES = {"tak", "t", "1", "yes", "y", "x", "prawda", "true"}
NO = {"nie", "n", "0", "no", "", "fałsz", "false"}
MAX_SIZE = 5 * 1024 * 1024


def _plain(text: str) -> str:
    """Lower case without Polish letters and punctuation: "Spółdzielnia  socjalna" → "spoldzielnia socjalna"."""
    text = text.lower().replace("ł", "l")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def _kind_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for value, label in PesKind.choices:
        names[_plain(value)] = value
        names[_plain(str(label))] = value
        names[_plain(str(label).split("(")[0])] = value
    names |= {
        "wtz": PesKind.WTZ,
        "zaz": PesKind.ZAZ,
        "cis": PesKind.CIS,
        "kis": PesKind.KIS,
        "spoldzielnia pracy": PesKind.WORK_COOPERATIVE,
        "spoldzielnia inwalidow": PesKind.WORK_COOPERATIVE,
        "spoldzielnia niewidomych": PesKind.WORK_COOPERATIVE,
        "kgw": PesKind.RURAL_WOMEN_CIRCLE,
        "ngo": PesKind.OTHER_NGO,
        "organizacja pozarzadowa": PesKind.OTHER_NGO,
    }
    return names


def _gminas() -> tuple[dict[str, Any], dict[str, Any]]:
    from zit.territory.diagnosis import area_gminas

    units = area_gminas()
    by_terc = {u.terc: u for u in units}
    by_name: dict[str, Any] = {}
    for unit in units:
        key = _plain(unit.name)
        # Konin the city and a rural gmina may share a name: a name that is not unique needs the TERC code
        by_name[key] = None if key in by_name else unit
    return by_terc, by_name


def _decimal_degrees(text: str) -> float | None:
    value = text.strip().replace(",", ".")
    return float(value) if value else None


@dataclass
class Row:
    row: int
    fields: dict[str, Any]
    action: str = ""  # create, link, update, unchanged
    name: str = ""


@dataclass
class Preview:
    file: str
    rows: list[Row] = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def template_csv() -> bytes:
    """The header and one example row (labelled as an example), as a Polish Excel opens it."""
    return csv_bytes(
        [c[0] for c in COLUMNS],
        [
            [
                "Przykładowa Spółdzielnia Socjalna (przykład – usuń ten wiersz)",
                "123-456-32-18",
                "",
                "",
                "spółdzielnia socjalna",
                "Konin",
                "ul. Przykładowa 1",
                "62-500",
                "Konin",
                "",
                "tak",
                "15.03.2024",
                "Opis podmiotu.",
                "Catering, sprzątanie",
                "",
                "",
                "kontakt@example.org",
                "",
                "18,2512",
                "52,2231",
            ]
        ],
    )


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "podmioty"
    sheet.append(spreadsheet_row(c[0] for c in COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = book.create_sheet("instrukcja")
    help_sheet.append(spreadsheet_row(["Kolumna", "Co wpisać"]))
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column, _name, text in COLUMNS:
        help_sheet.append(spreadsheet_row([column, text]))
    help_sheet.append([])
    help_sheet.append(
        spreadsheet_row(
            [
                "",
                "Każdy wiersz to jeden podmiot. Podmiot o NIP-ie, który jest już w katalogu, zostanie zaktualizowany; "
                "nowy trafi do katalogu jako wpis roboczy, który trzeba jeszcze opublikować.",
            ]
        )
    )
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse(name: str, content: bytes, *, actor: Any = None) -> Preview:
    """Read and check the file; raises ImportRejected only when it cannot be read at all."""
    report = ImportReport()
    if len(content) > MAX_SIZE:
        report.add(name, None, "", _("Plik jest większy niż 5 MB; podziel go."))
        raise ImportRejected(report)
    table = read_table(name, content)
    columns = {header_key(c).replace(" ", "_"): c for c in table.columns if c}
    missing = [c for c in REQUIRED if c not in columns]
    for column in missing:
        report.add(name, 1, column, _("Brak kolumny „%(c)s” w nagłówku; pobierz wzór pliku.") % {"c": column})
    if missing:
        raise ImportRejected(report)
    kinds = _kind_names()
    by_terc, by_name = _gminas()
    preview = Preview(name)
    seen: dict[str, int] = {}
    for number, raw in table.rows:
        cells = {
            column: raw.get(columns[column], "").strip() for column, _f, _h in COLUMNS if column in columns
        }
        fields: dict[str, Any] = {}
        before = len(report.problems)

        def problem(column: str, message: str, number: int = number) -> None:
            report.add(name, number, column, message)

        for column, field_name, _help in COLUMNS:
            if column not in cells:
                continue
            value = cells[column]
            try:
                if field_name == "nip":
                    if not value:
                        problem(column, _("Podaj NIP: po nim rozpoznajemy podmiot przy kolejnym imporcie."))
                        continue
                    value = normalise_nip(value)
                    if value in seen:
                        problem(column, _("Ten sam NIP jest już w wierszu %(n)d.") % {"n": seen[value]})
                    seen.setdefault(value, number)
                elif field_name == "regon" and value:
                    value = normalise_regon(value)
                elif field_name == "krs" and value:
                    value = normalise_krs(value)
                elif field_name == "postal_code" and value:
                    value = normalise_postal_code(value)
                elif field_name == "name" and not value:
                    problem(column, _("Podaj nazwę podmiotu."))
                    continue
                elif field_name == "kind":
                    found = kinds.get(_plain(value))
                    if found is None:
                        problem(
                            column,
                            _("Nieznany rodzaj PES „%(v)s”; wpisz jeden z rodzajów z instrukcji we wzorze.")
                            % {"v": value},
                        )
                        continue
                    value = found
                elif field_name == "gmina":
                    if not value:
                        value = None
                    else:
                        unit = by_terc.get(value) or by_name.get(_plain(value))
                        if unit is None:
                            problem(
                                column,
                                _(
                                    "Nieznana gmina „%(v)s”: wpisz nazwę lub kod TERC gminy obszaru ZIT "
                                    "(gdy nazwy się powtarzają, np. Konin, użyj kodu TERC)."
                                )
                                % {"v": value},
                            )
                            continue
                        value = unit
                elif field_name == "social_enterprise":
                    if _plain(value) not in YES | NO:
                        problem(column, _("Wpisz „tak” albo „nie”."))
                        continue
                    value = _plain(value) in YES
                elif field_name == "social_enterprise_since":
                    try:
                        value = cell_date(value)
                    except ValueError:
                        problem(column, _("Nie rozumiem daty „%(v)s”; wpisz np. 15.03.2024.") % {"v": value})
                        continue
                elif field_name in ("lon", "lat"):
                    try:
                        value = _decimal_degrees(value)
                    except ValueError:
                        problem(column, _("Wpisz liczbę stopni, np. 52,2231."))
                        continue
                elif field_name == "contact_email" and value:
                    validate_email(value)
                elif field_name == "website" and value:
                    URLValidator()(value)
            except ValidationError as exc:
                problem(column, " ".join(exc.messages))
                continue
            fields[field_name] = value
        if len(report.problems) == before:
            preview.rows.append(Row(number, fields, name=fields.get("name", "")))
    if preview.rows:
        _dry_run(preview, report, actor)
    report.problems.sort(key=lambda p: p.row or 0)
    preview.problems = report.problems
    return preview


class _Rollback(Exception):
    pass


_FIELD_COLUMN = {f: c for c, f, _h in COLUMNS}


def _dry_run(preview: Preview, report: ImportReport, actor: Any) -> None:
    """Say what each row would do and find what only the directory's rules catch (a NIP of a public body, a
    published entry losing its gmina), writing nothing."""
    for row in preview.rows:
        existing = services.find_organisation(row.fields.get("nip", ""))
        if existing is None:
            row.action = "create"
        elif hasattr(existing, "social_economy_entity"):
            row.action = "update"
        else:
            row.action = "link"
    try:
        with transaction.atomic():
            for row in preview.rows:
                try:
                    with transaction.atomic():
                        services.entities_import(actor=actor, rows=[{"row": row.row, "fields": row.fields}])
                except ValidationError as exc:
                    for messages in exc.message_dict.values():
                        for message in messages:
                            field_name, _sep, text = message.partition(": ")
                            column = _FIELD_COLUMN.get(field_name, "")
                            report.add(preview.file, row.row, column, text if column else message)
            raise _Rollback
    except _Rollback:
        pass


def confirm(*, actor: Any, name: str, content: bytes) -> dict[str, int]:
    """Check the file again and write it; raises ImportRejected when anything is wrong (nothing written)."""
    preview = parse(name, content, actor=actor)
    if not preview.ok:
        report = ImportReport(list(preview.problems))
        raise ImportRejected(report)
    try:
        return services.entities_import(
            actor=actor, rows=[{"row": r.row, "fields": r.fields} for r in preview.rows]
        )
    except ValidationError as exc:
        report = ImportReport()
        for row, messages in exc.message_dict.items():
            for message in messages:
                report.add(name, int(row) if row.isdigit() else None, "", message)
        raise ImportRejected(report) from exc
