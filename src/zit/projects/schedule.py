"""The managing authority's call schedule (harmonogram naborów): versions read from a CSV or XLSX file or typed
as lines, what changed since the previous version, planned calls that contradict a call already recorded
(flagged, never merged into it), and which listed cards fall into which planned call."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, require_unless_system
from zit.core.tables import Table, cell_amount, cell_date, header_key, read_table
from zit.funding.models import Measure
from zit.projects.models import Call, ProjectCard, ScheduleEntry, ScheduleVersion

S = ProjectCard.State

# the file's columns (as header_key reads them) and the names people give them
COLUMNS = {
    "numer naboru": "number",
    "numer": "number",
    "nazwa naboru": "name",
    "nazwa": "name",
    "działanie": "measure",
    "tryb": "mode",
    "planowany początek": "opens",
    "początek": "opens",
    "planowany koniec": "closes",
    "koniec": "closes",
    "kwota": "amount",
    "kwota na nabór": "amount",
    # the same without Polish letters, as some spreadsheets write them
    "dzialanie": "measure",
    "planowany poczatek": "opens",
    "poczatek": "opens",
    "kwota na nabor": "amount",
    # the headers of the English page
    "call number": "number",
    "name": "name",
    "measure": "measure",
    "mode": "mode",
    "start": "opens",
    "end": "closes",
    "amount": "amount",
}
REQUIRED = {"measure": "działanie", "mode": "tryb", "opens": "początek", "closes": "koniec"}
HEADER_HINT = "numer naboru;nazwa;działanie;tryb;początek;koniec;kwota"

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("styczeń", "stycznia"),
            ("luty", "lutego"),
            ("marzec", "marca"),
            ("kwiecień", "kwietnia"),
            ("maj", "maja"),
            ("czerwiec", "czerwca"),
            ("lipiec", "lipca"),
            ("sierpień", "sierpnia"),
            ("wrzesień", "września"),
            ("październik", "października"),
            ("listopad", "listopada"),
            ("grudzień", "grudnia"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NUMERIC = re.compile(r"^(?:(\d{4})[-./](\d{1,2})|(\d{1,2})[-./](\d{4}))$")


def cell_month(text: str) -> tuple[int, int] | None:
    """A month as the IZ writes it: "2026-05", "05.2026", "maj 2026"; None when the text is not a month."""
    value = text.strip().lower()
    match = _MONTH_NUMERIC.match(value)
    if match:
        year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if 1 <= int(month) <= 12:
            return int(year), int(month)
        return None
    parts = value.split()
    if len(parts) == 2 and parts[0] in MONTHS and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1]), MONTHS[parts[0]]
    return None


def _planned_day(text: str, *, last: bool) -> tuple[dt.date, bool]:
    """A planned date, or a month (its first or last day, and True). ValueError when it is neither."""
    month = cell_month(text)
    if month is not None:
        year, number = month
        day = calendar.monthrange(year, number)[1] if last else 1
        return dt.date(year, number, day), True
    day = cell_date(text)
    if day is None:
        raise ValueError(text)
    return day, False


def _mode(text: str) -> str | None:
    value = text.strip().lower()
    if value.startswith(("niekonk", "non-comp", "non comp")) or value in {"nk", "niekonkurencyjny"}:
        return Call.Mode.NON_COMPETITIVE
    if value.startswith(("konk", "comp")) or value == "k":
        return Call.Mode.COMPETITIVE
    return None


def _measure(text: str) -> Measure | None:
    value = text.strip().removeprefix("FEWP.").strip()
    match = re.match(r"^0?(\d{1,2})\.0?(\d{1,2})$", value)
    if not match:
        return None
    number = f"{int(match.group(1))}.{int(match.group(2))}"
    found = list(Measure.objects.filter(number=number, is_zit=True)[:2]) or list(
        Measure.objects.filter(number=number)[:2]
    )
    return found[0] if len(found) == 1 else None


@dataclass
class EntryData:
    row: int
    number: str
    name: str
    measure: Measure
    mode: str
    opens_on: dt.date
    closes_on: dt.date
    by_month: bool
    amount_pln: Decimal | None


def parse_entries(table: Table) -> list[EntryData]:
    """Every row checked; any problem refuses the whole file, each problem naming the file, row and column."""
    report = ImportReport()
    names = {header_key(c): c for c in table.columns if c}
    columns = {COLUMNS[key]: original for key, original in names.items() if key in COLUMNS}
    for field, label in REQUIRED.items():
        if field not in columns:
            report.add(table.file, 1, label, _("Brak kolumny „%(c)s” w nagłówku.") % {"c": label})
    if "number" not in columns and "name" not in columns:
        report.add(table.file, 1, "numer naboru", _("Potrzebna jest kolumna „numer naboru” albo „nazwa”."))
    if not report.ok:
        raise ImportRejected(report)
    entries: list[EntryData] = []
    seen: dict[str, int] = {}
    for row, values in table.rows:

        def cell(field: str, values: dict[str, str] = values) -> str:
            return values.get(columns.get(field, ""), "").strip()

        def problem(field: str, message: str, row: int = row) -> None:
            report.add(table.file, row, header_key(columns.get(field, field)), message)

        number, name = cell("number"), cell("name")
        if not number and not name:
            problem("number", _("Podaj numer naboru albo jego nazwę."))
        if number and number in seen:
            problem(
                "number", _("Nabór %(n)s powtarza się (wiersz %(r)d).") % {"n": number, "r": seen[number]}
            )
        seen.setdefault(number, row) if number else None
        measure = _measure(cell("measure"))
        if measure is None:
            problem(
                "measure", _("Nie znamy działania „%(m)s”; wpisz numer, np. 3.2.") % {"m": cell("measure")}
            )
        mode = _mode(cell("mode"))
        if mode is None:
            problem("mode", _("Wpisz „konkurencyjny” albo „niekonkurencyjny”."))
        dates: list[tuple[dt.date, bool] | None] = []
        for field, last in (("opens", False), ("closes", True)):
            try:
                dates.append(_planned_day(cell(field), last=last))
            except ValueError:
                problem(
                    field, _("Wpisz datę (2026-05-04 albo 04.05.2026) albo miesiąc (2026-05 albo maj 2026).")
                )
                dates.append(None)
        if dates[0] and dates[1] and dates[1][0] < dates[0][0]:
            problem("closes", _("Koniec naboru nie może być wcześniejszy niż jego początek."))
        amount = None
        try:
            amount = cell_amount(cell("amount")) if "amount" in columns else None
        except (ValueError, ArithmeticError):
            problem("amount", _("Wpisz kwotę w złotych, np. 12 000 000,00."))
        if measure is None or mode is None or None in dates:
            continue
        entries.append(
            EntryData(
                row=row,
                number=number,
                name=name,
                measure=measure,
                mode=mode,
                opens_on=dates[0][0],
                closes_on=dates[1][0],
                by_month=dates[0][1] or dates[1][1],
                amount_pln=amount,
            )
        )
    if not report.ok:
        raise ImportRejected(report)
    if not entries:
        report.add(table.file, None, "", _("Plik nie ma żadnego naboru."))
        raise ImportRejected(report)
    return entries


def read_typed(text: str) -> Table:
    """Lines typed on the page read as a CSV file with its header (the first line)."""
    return read_table(str(_("wpisane wiersze")), text.strip().encode("utf-8"), kind="csv")


@transaction.atomic
def schedule_version_create(
    *,
    actor: Any,
    published_on: dt.date | None,
    source: str,
    table: Table,
    note: str = "",
    is_demo: bool = False,
) -> ScheduleVersion:
    """A new version of the schedule. The IZ's calls already recorded are never changed by it: an entry that
    contradicts one is kept and flagged (`conflicts`)."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    errors: dict[str, str] = {}
    if published_on is None:
        errors["published_on"] = _("Podaj datę publikacji harmonogramu przez IZ.")
    if not source.strip():
        errors["source"] = _("Podaj adres ogłoszenia IZ albo znak pisma, z którego pochodzi harmonogram.")
    if errors:
        raise ValidationError(errors)
    entries = parse_entries(table)
    version = ScheduleVersion.objects.create(
        published_on=published_on,
        source=source.strip(),
        note=note.strip(),
        file_name=table.file[:200],
        is_demo=is_demo,
        created_by_label=audit.actor_label(actor),
    )
    ScheduleEntry.objects.bulk_create(
        ScheduleEntry(
            version=version,
            order=i,
            call_number=e.number,
            name=e.name,
            measure=e.measure,
            mode=e.mode,
            opens_on=e.opens_on,
            closes_on=e.closes_on,
            by_month=e.by_month,
            amount_pln=e.amount_pln,
        )
        for i, e in enumerate(entries)
    )
    audit.record(
        actor=actor,
        action="projects.schedule_version_create",
        obj=version,
        after={"published_on": published_on, "source": version.source, "entries": len(entries)},
    )
    return version


# --- reading


def schedule_current() -> ScheduleVersion | None:
    return ScheduleVersion.objects.first()


def previous_version(version: ScheduleVersion) -> ScheduleVersion | None:
    return (
        ScheduleVersion.objects.filter(published_on__lte=version.published_on)
        .exclude(pk=version.pk)
        .exclude(published_on=version.published_on, pk__gt=version.pk)
        .first()
    )


def _same_period(entry: ScheduleEntry, opens: dt.date, closes: dt.date) -> bool:
    if entry.by_month:
        return (entry.opens_on.year, entry.opens_on.month) == (opens.year, opens.month) and (
            entry.closes_on.year,
            entry.closes_on.month,
        ) == (closes.year, closes.month)
    return entry.opens_on == opens and entry.closes_on == closes


def conflicts(entry: ScheduleEntry, calls: dict[str, Call] | None = None) -> list[str]:
    """How a planned call contradicts the IZ's call recorded under the same number (dates, measure, mode)."""
    if not entry.call_number:
        return []
    if calls is None:
        call = Call.objects.filter(number=entry.call_number).select_related("measure").first()
    else:
        call = calls.get(entry.call_number)
    if call is None:
        return []
    found = []
    if call.measure_id != entry.measure_id:
        found.append(
            _("działanie: w harmonogramie %(a)s, w zapisanym naborze %(b)s")
            % {"a": entry.measure.number, "b": call.measure.number}
        )
    if call.mode != entry.mode:
        found.append(
            _("tryb: w harmonogramie %(a)s, w zapisanym naborze %(b)s")
            % {"a": entry.get_mode_display(), "b": call.get_mode_display()}
        )
    if not _same_period(entry, call.opens_on, call.closes_on):
        found.append(
            _("terminy: w harmonogramie %(a)s – %(b)s, w zapisanym naborze %(c)s – %(d)s")
            % {
                "a": format_date(entry.opens_on),
                "b": format_date(entry.closes_on),
                "c": format_date(call.opens_on),
                "d": format_date(call.closes_on),
            }
        )
    return found


FIELDS = ("name", "measure_id", "mode", "opens_on", "closes_on", "by_month", "amount_pln")


@dataclass
class Change:
    kind: str  # "added", "removed", "changed"
    entry: ScheduleEntry
    before: ScheduleEntry | None = None
    fields: tuple[str, ...] = ()


def changes(version: ScheduleVersion, previous: ScheduleVersion | None) -> list[Change]:
    """What the version changed against the previous one: planned calls added, removed and changed."""
    if previous is None:
        return []
    now = {e.key: e for e in version.entries.select_related("measure")}
    before = {e.key: e for e in previous.entries.select_related("measure")}
    result = [Change("added", e) for key, e in now.items() if key not in before]
    for key, entry in now.items():
        old = before.get(key)
        if old is not None:
            differ = tuple(f for f in FIELDS if getattr(old, f) != getattr(entry, f))
            if differ:
                result.append(Change("changed", entry, old, differ))
    result += [Change("removed", e) for key, e in before.items() if key not in now]
    return result


def _takes(entry_mode: str, card: ProjectCard) -> bool:
    """A non-competitive call takes the main list; a competitive one also the reserve list."""
    if entry_mode == Call.Mode.NON_COMPETITIVE:
        return card.state == S.LISTED_MAIN
    return card.state in (S.LISTED_MAIN, S.LISTED_RESERVE)


def listed_cards() -> list[ProjectCard]:
    return list(
        ProjectCard.objects.filter(state__in=(S.LISTED_MAIN, S.LISTED_RESERVE))
        .select_related("beneficiary", "measure")
        .order_by("measure__number", "number")
    )


def cards_by_entry(version: ScheduleVersion) -> list[tuple[ProjectCard, list[ScheduleEntry]]]:
    """Each listed card with the planned calls of the version it may file its application in."""
    entries = list(version.entries.select_related("measure"))
    return [
        (card, [e for e in entries if e.measure_id == card.measure_id and _takes(e.mode, card)])
        for card in listed_cards()
    ]


def entry_rows(version: ScheduleVersion) -> list[dict[str, Any]]:
    entries = list(version.entries.select_related("measure"))
    numbers = [e.call_number for e in entries if e.call_number]
    calls = {c.number: c for c in Call.objects.filter(number__in=numbers).select_related("measure")}
    cards = listed_cards()
    return [
        {
            "entry": e,
            "call": calls.get(e.call_number),
            "conflicts": conflicts(e, calls),
            "cards": [c for c in cards if c.measure_id == e.measure_id and _takes(e.mode, c)],
        }
        for e in entries
    ]
