"""The IZ's call schedule: versions read from CSV, XLSX or typed lines, bad files refused naming file, row and
column, a planned call contradicting a recorded one flagged and never merged, what changed between versions,
and which listed cards fall into which planned call."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories.accounts import UserFactory
from factories.projects import CallFactory, ProjectCardFactory, zit_measure
from openpyxl import Workbook

from zit.core.importing import ImportRejected
from zit.core.models import AuditEvent
from zit.core.tables import read_table
from zit.projects import schedule
from zit.projects.models import Call, ProjectCard, ScheduleVersion

S = ProjectCard.State
HEADER = "numer naboru;nazwa;działanie;tryb;początek;koniec;kwota"


@pytest.fixture
def office(db):
    return UserFactory(roles=[("office_staff", None)])


def _csv(*lines: str, name: str = "harmonogram.csv"):
    return read_table(name, "\n".join([HEADER, *lines]).encode("utf-8"))


def _version(office, *lines, published_on=dt.date(2031, 1, 15), **kw):
    return schedule.schedule_version_create(
        actor=office,
        published_on=published_on,
        source="https://iz.example/harmonogram",
        table=_csv(*lines),
        **kw,
    )


def test_a_version_keeps_planned_calls_with_dates_or_months(office, funding_data):
    measure = zit_measure()
    version = _version(
        office,
        f"FEWP.0{measure.number}-IZ.00-001/31;Mobilność;{measure.number};niekonkurencyjny;2031-03-02;2031-05-29;12 000 000,00",
        f";Nabór jesienny;{measure.number};konkurencyjny;wrzesień 2031;11.2031;",
    )
    first, second = version.entries.all()
    assert (first.opens_on, first.closes_on, first.by_month) == (
        dt.date(2031, 3, 2),
        dt.date(2031, 5, 29),
        False,
    )
    assert first.amount_pln == Decimal("12000000.00") and first.mode == Call.Mode.NON_COMPETITIVE
    assert (second.opens_on, second.closes_on, second.by_month) == (
        dt.date(2031, 9, 1),
        dt.date(2031, 11, 30),
        True,
    )
    assert second.amount_pln is None and second.mode == Call.Mode.COMPETITIVE
    assert AuditEvent.objects.filter(
        action="projects.schedule_version_create", object_id=str(version.pk)
    ).exists()


def test_an_xlsx_file_is_read_too(office, funding_data):
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Numer naboru",
            "Nazwa",
            "Działanie",
            "Tryb",
            "Planowany początek",
            "Planowany koniec",
            "Kwota (PLN)",
        ]
    )
    sheet.append(
        [
            "",
            "Nabór XLSX",
            zit_measure().number,
            "niekonkurencyjny",
            dt.datetime(2031, 4, 1),
            dt.datetime(2031, 6, 30),
            5000000,
        ]
    )
    data = io.BytesIO()
    book.save(data)
    version = schedule.schedule_version_create(
        actor=office,
        published_on=dt.date(2031, 2, 1),
        source="DPR-II.433.1.2031",
        table=read_table("h.xlsx", data.getvalue()),
    )
    [entry] = version.entries.all()
    assert entry.name == "Nabór XLSX" and entry.closes_on == dt.date(2031, 6, 30)
    assert entry.amount_pln == Decimal("5000000")


def test_a_wrong_file_names_file_row_and_column_and_saves_nothing(office, funding_data):
    with pytest.raises(ImportRejected) as exc:
        _version(
            office,
            ";Bez działania;9.9;niekonkurencyjny;2031-03-01;2031-04-01;",
            ";Zły tryb;3.2;otwarty;2031-03-01;2031-04-01;",
            ";Zła data;3.2;konkurencyjny;wiosna;2031-04-01;",
            ";Odwrócone daty;3.2;konkurencyjny;2031-05-01;2031-04-01;",
            ";Kwota;3.2;konkurencyjny;2031-03-01;2031-04-01;dużo",
        )
    text = [str(p) for p in exc.value.report.problems]
    assert (
        "harmonogram.csv, wiersz 2, pole „działanie”: Nie znamy działania „9.9”; wpisz numer, np. 3.2."
        in text
    )
    assert any(t.startswith("harmonogram.csv, wiersz 3, pole „tryb”") for t in text)
    assert any(t.startswith("harmonogram.csv, wiersz 4, pole „początek”") for t in text)
    assert any(t.startswith("harmonogram.csv, wiersz 5, pole „koniec”") and "wcześniejszy" in t for t in text)
    assert any(t.startswith("harmonogram.csv, wiersz 6, pole „kwota”") for t in text)
    assert not ScheduleVersion.objects.exists()


def test_missing_columns_and_missing_source_are_refused(office, funding_data):
    with pytest.raises(ImportRejected) as exc:
        schedule.schedule_version_create(
            actor=office,
            published_on=dt.date(2031, 1, 1),
            source="x",
            table=read_table("h.csv", b"nazwa;tryb\nA;konkurencyjny\n"),
        )
    text = [str(p) for p in exc.value.report.problems]
    assert "h.csv, wiersz 1, pole „działanie”: Brak kolumny „działanie” w nagłówku." in text
    with pytest.raises(ValidationError) as exc:
        schedule.schedule_version_create(actor=office, published_on=None, source=" ", table=_csv())
    assert set(exc.value.message_dict) == {"published_on", "source"}


def test_only_the_office_writes_the_schedule(funding_data):
    officer = UserFactory(roles=[("member_officer", ProjectCardFactory().beneficiary)])
    with pytest.raises(PermissionDenied):
        _version(officer, ";A;3.2;konkurencyjny;2031-03-01;2031-04-01;")


def test_a_planned_call_contradicting_a_recorded_one_is_flagged_not_merged(office, funding_data):
    call = CallFactory(
        number="FEWP.03.02-IZ.00-001/31", opens_on=dt.date(2031, 4, 1), closes_on=dt.date(2031, 6, 30)
    )
    measure = call.measure.number
    version = _version(
        office,
        f"FEWP.03.02-IZ.00-001/31;Mobilność;{measure};konkurencyjny;2031-05-01;2031-06-30;",
        f"FEWP.03.02-IZ.00-002/31;Zgodny;{measure};niekonkurencyjny;2031-04;2031-06;",
    )
    CallFactory(
        number="FEWP.03.02-IZ.00-002/31",
        measure=call.measure,
        opens_on=dt.date(2031, 4, 10),
        closes_on=dt.date(2031, 6, 20),
    )
    contradicting, agreeing = schedule.entry_rows(version)
    assert len(contradicting["conflicts"]) == 2  # the mode and the dates
    assert "tryb" in contradicting["conflicts"][0] and "terminy" in contradicting["conflicts"][1]
    assert agreeing["conflicts"] == []  # given by months: the recorded call's months agree
    call.refresh_from_db()
    assert (call.mode, call.opens_on) == (Call.Mode.NON_COMPETITIVE, dt.date(2031, 4, 1))  # not merged


def test_what_changed_between_versions(office, funding_data):
    m = zit_measure().number
    first = _version(
        office,
        f"A/31;Pierwszy;{m};niekonkurencyjny;2031-03-01;2031-04-30;1 000,00",
        f"B/31;Drugi;{m};konkurencyjny;2031-05-01;2031-06-30;",
    )
    second = _version(
        office,
        f"A/31;Pierwszy;{m};niekonkurencyjny;2031-03-15;2031-04-30;2 000,00",
        f"C/31;Trzeci;{m};konkurencyjny;2031-09;2031-10;",
        published_on=dt.date(2031, 3, 1),
    )
    assert schedule.previous_version(second) == first and schedule.schedule_current() == second
    found = {(c.kind, c.entry.call_number): c.fields for c in schedule.changes(second, first)}
    assert found == {
        ("changed", "A/31"): ("opens_on", "amount_pln"),
        ("added", "C/31"): (),
        ("removed", "B/31"): (),
    }
    assert schedule.changes(first, None) == []


def test_listed_cards_fall_into_the_planned_calls_of_their_measure_and_mode(office, funding_data):
    m = zit_measure().number
    main = ProjectCardFactory(state=S.LISTED_MAIN)
    reserve = ProjectCardFactory(state=S.LISTED_RESERVE)
    ProjectCardFactory(state=S.APPLICATION_FILED)  # already applied: waits for no call
    version = _version(
        office,
        f"NK/31;Niekonkurencyjny;{m};niekonkurencyjny;2031-03-01;2031-04-30;",
        f"K/31;Konkurencyjny;{m};konkurencyjny;2031-05-01;2031-06-30;",
    )
    by_card = {
        card.pk: [e.call_number for e in entries] for card, entries in schedule.cards_by_entry(version)
    }
    assert by_card == {main.pk: ["NK/31", "K/31"], reserve.pk: ["K/31"]}
    rows = {r["entry"].call_number: [c.pk for c in r["cards"]] for r in schedule.entry_rows(version)}
    assert rows == {"NK/31": [main.pk], "K/31": [main.pk, reserve.pk]}


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2031-05", (2031, 5)),
        ("05.2031", (2031, 5)),
        ("maj 2031", (2031, 5)),
        ("maja 2031", (2031, 5)),
        ("2031-13", None),
        ("2031-05-01", None),
    ],
)
def test_months_as_the_iz_writes_them(text, month):
    assert schedule.cell_month(text) == month


def test_headings_without_polish_letters_are_read(office, funding_data):
    table = read_table(
        "h.csv",
        f"numer;dzialanie;tryb;poczatek;koniec\nX/31;{zit_measure().number};konkurencyjny;2031-03;2031-04\n".encode(),
    )
    version = schedule.schedule_version_create(
        actor=office, published_on=dt.date(2031, 1, 1), source="DPR.1", table=table
    )
    assert version.entries.get().closes_on == dt.date(2031, 4, 30)


def test_the_english_pages_headings_and_modes_are_read(office, funding_data):
    table = read_table(
        "e.csv",
        f"call number;name;measure;mode;start;end;amount\nY/31;Mobility;{zit_measure().number};non-competitive;"
        "2031-03;2031-04;1000\n".encode(),
    )
    version = schedule.schedule_version_create(
        actor=office, published_on=dt.date(2031, 1, 1), source="DPR.2", table=table
    )
    entry = version.entries.get()
    assert (entry.call_number, entry.mode, entry.closes_on) == (
        "Y/31",
        "non_competitive",
        dt.date(2031, 4, 30),
    )
