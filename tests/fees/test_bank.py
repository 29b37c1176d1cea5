"""Files sent as bank statements that are not statements are refused with the reason, quickly, never with an
error page; good CSV and MT940 statements are read in `test_payments`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from core.hostile import random_bytes

from zit.core.importing import ImportRejected
from zit.fees.bank import parse_statement


def refusal(name: str, content: bytes):
    with pytest.raises(ImportRejected) as caught:
        parse_statement(name, content)
    return caught.value.report.problems


@pytest.mark.parametrize("name", ["wyciag.csv", "wyciag.sta", "wyciag.txt", "wyciag.mt940"])
def test_random_bytes_are_refused_as_not_text(name):
    problems = refusal(name, random_bytes(64 * 1024))
    assert len(problems) == 1 and "bajty zerowe" in problems[0].message
    without_zeros = random_bytes(64 * 1024).replace(b"\x00", b"")
    assert "znaki sterujące" in refusal(name, without_zeros)[0].message


def test_an_mt940_field_without_end_is_refused_at_the_cell_limit():
    endless = ":20:STMT\n:25:/PL61\n:61:2603120312C5954,00S051NONREF\n:86:" + "SKLADKA\n" * 500_000
    problems = refusal("wyciag.sta", endless.encode())
    assert problems[0].row == 4 and "limit znaków w komórce: 32\u00a0767" in problems[0].message


def test_an_mt940_field_on_one_endless_line_is_refused_too():
    content = ":20:STMT\n:61:2603120312C5954,00S051NONREF\n:86:" + "SKLADKA " * 100_000
    problems = refusal("wyciag.sta", content.encode())
    assert (problems[0].row, problems[0].field) == (3, ":86:")


def test_a_csv_statement_with_an_endless_cell_is_refused_where_it_is():
    content = b'Data operacji;Tytul;Kwota\n01.03.2026;"' + b"x" * 100_000 + b'";1,00\n'
    problems = refusal("wyciag.csv", content)
    assert problems[0].row == 2 and "limit znaków w komórce: 32\u00a0767" in problems[0].message


def test_a_statement_over_the_import_limit_is_refused(settings):
    settings.ZIT_IMPORT_MAX_BYTES = 1_000
    content = b"Data operacji;Tytul;Kwota\n" + b"01.03.2026;SKL/2026/03;1,00\n" * 100
    assert "najwyżej 1000 bajtów" in refusal("wyciag.csv", content)[0].message.replace("\u00a0", " ")


def test_an_entry_date_in_december_under_a_january_value_date_is_last_years():
    content = ":20:STMT\n:61:2601021230C100,00S051NONREF//BR1\n:86:^20SKLADKA\n"
    kind, lines = parse_statement("wyciag.sta", content.encode())
    assert kind == "mt940" and lines[0].booked_on == dt.date(2025, 12, 30)
    assert (lines[0].amount, lines[0].title, lines[0].bank_reference) == (Decimal("100.00"), "SKLADKA", "BR1")
