"""The deadline arithmetic of requests for public information (KPA art. 57 with the 1951 act's days off)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from zit.public_information import deadlines as d

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, D(2000, 4, 23)),
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2028, D(2028, 4, 16)),
        (2038, D(2038, 4, 25)),  # the latest possible date
        (2285, D(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday(year, easter):
    assert d.easter_sunday(year) == easter


def test_the_holidays_of_2026_with_the_movable_feasts():
    holidays = d.polish_holidays(2026)
    assert len(holidays) == 14
    assert holidays[D(2026, 4, 6)] == "Poniedziałek Wielkanocny"
    assert holidays[D(2026, 5, 24)] == "Zielone Świątki"
    assert holidays[D(2026, 6, 4)] == "Boże Ciało"
    assert D(2026, 12, 24) in holidays


def test_christmas_eve_is_a_day_off_from_2025_only():
    assert D(2024, 12, 24) not in d.polish_holidays(2024)
    assert len(d.polish_holidays(2024)) == 13
    assert d.why_day_off(D(2025, 12, 24)) == "Wigilia Bożego Narodzenia"


def test_plain_fourteen_days_exclude_the_day_of_receipt():
    assert d.answer_deadline(D(2026, 3, 2)) == D(2026, 3, 16)  # Monday to Monday


def test_receipt_on_a_saturday_counts_from_that_saturday_and_the_last_day_moves_to_monday():
    # an e-mail of Saturday 7 March 2026: the 14th day is Saturday 21 March, so the deadline is Monday 23
    assert d.answer_deadline(D(2026, 3, 7)) == D(2026, 3, 23)


def test_last_day_on_a_sunday_moves_to_monday():
    assert d.answer_deadline(D(2026, 3, 8)) == D(2026, 3, 23)


def test_last_day_on_independence_day_moves_to_the_next_day():
    assert d.answer_deadline(D(2025, 10, 28)) == D(2025, 11, 12)
    assert d.days_off_skipped(D(2025, 11, 11)) == [(D(2025, 11, 11), "Narodowe Święto Niepodległości")]


def test_last_day_on_easter_monday_moves_to_tuesday():
    assert d.answer_deadline(D(2026, 3, 23)) == D(2026, 4, 7)


def test_last_day_on_christmas_eve_2025_moves_past_christmas_and_the_weekend():
    assert d.answer_deadline(D(2025, 12, 10)) == D(2025, 12, 29)
    assert [why for _day, why in d.days_off_skipped(D(2025, 12, 24))] == [
        "Wigilia Bożego Narodzenia",
        "Boże Narodzenie (pierwszy dzień)",
        "Boże Narodzenie (drugi dzień)",
        "sobota",
        "niedziela",
    ]


def test_on_an_english_page_the_days_off_are_named_in_english():
    from django.utils import translation

    with translation.override("en"):
        skipped = [why for _day, why in d.days_off_skipped(D(2025, 12, 24))]
    assert skipped[0] == "Christmas Eve" and skipped[-2:] == ["Saturday", "Sunday"]
    assert "Wigilia" not in " ".join(skipped)


def test_christmas_eve_2024_was_a_working_day():
    assert d.answer_deadline(D(2024, 12, 10)) == D(2024, 12, 24)


def test_a_holiday_on_a_saturday_moves_the_end_to_monday():
    assert d.answer_deadline(D(2026, 8, 1)) == D(2026, 8, 17)  # 15 August 2026 is a Saturday


def test_days_off_inside_the_period_are_counted():
    # 1 to 3 May 2026 and a weekend lie inside; the 14th day (Thursday 7 May) is a working day
    assert d.answer_deadline(D(2026, 4, 23)) == D(2026, 5, 7)


@pytest.mark.parametrize(
    ("received", "nominal", "limit"),
    [
        (D(2025, 8, 31), D(2025, 10, 31), D(2025, 10, 31)),  # 31 October exists; a Friday
        (D(2025, 12, 31), D(2026, 2, 28), D(2026, 3, 2)),  # no 31 February; 28th is a Saturday
        (D(2023, 12, 31), D(2024, 2, 29), D(2024, 2, 29)),  # leap year
        (D(2026, 7, 31), D(2026, 9, 30), D(2026, 9, 30)),  # no 31 September
        (D(2026, 3, 15), D(2026, 5, 15), D(2026, 5, 15)),  # the corresponding day
        (D(2026, 9, 1), D(2026, 11, 1), D(2026, 11, 2)),  # All Saints' Day, a Sunday
    ],
)
def test_two_months_end_on_the_corresponding_day_or_the_month_end(received, nominal, limit):
    assert d.add_months(received, 2) == nominal
    assert d.extension_limit(received) == limit


def test_months_roll_over_the_year():
    assert d.add_months(D(2026, 11, 30), 2) == D(2027, 1, 30)
    assert d.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)


def test_working_days_between_and_after():
    friday = D(2026, 3, 6)
    assert d.working_days_between(friday, D(2026, 3, 9)) == 1  # over the weekend
    assert d.working_days_between(friday, friday) == 0
    assert d.working_days_between(D(2026, 3, 11), friday) == -3
    assert d.add_working_days(friday, 3) == D(2026, 3, 11)
    assert d.add_working_days(D(2026, 4, 3), 1) == D(2026, 4, 7)  # Easter Monday skipped
    assert d.add_working_days(friday, 0) == friday


def test_fee_period_is_fourteen_days_from_the_notice():
    assert d.fee_period_end(D(2026, 3, 2)) == D(2026, 3, 16)


# Art. 1 of the act of 18 January 1951 on days free from work (Dz.U. 2025 poz. 296, with 24 December from
# 2025 by the amendment of 6 December 2024), written out by hand with the year's Easter Sunday: the days the
# `holidays` library must give, and the names the office's pages show.
EASTER = {
    2019: D(2019, 4, 21),
    2024: D(2024, 3, 31),
    2025: D(2025, 4, 20),
    2026: D(2026, 4, 5),
    2027: D(2027, 3, 28),
    2028: D(2028, 4, 16),
    2030: D(2030, 4, 21),
}


def _statutory(year: int, easter: dt.date | None = None) -> dict[dt.date, str]:
    easter = easter or EASTER[year]
    days = {
        D(year, 1, 1): "Nowy Rok",
        D(year, 1, 6): "Święto Trzech Króli",
        easter: "Wielkanoc",
        easter + dt.timedelta(days=1): "Poniedziałek Wielkanocny",
        D(year, 5, 1): "Święto Pracy",
        D(year, 5, 3): "Święto Konstytucji 3 Maja",
        easter + dt.timedelta(days=49): "Zielone Świątki",
        easter + dt.timedelta(days=60): "Boże Ciało",
        D(year, 8, 15): "Wniebowzięcie Najświętszej Maryi Panny",
        D(year, 11, 1): "Wszystkich Świętych",
        D(year, 11, 11): "Narodowe Święto Niepodległości",
        D(year, 12, 25): "Boże Narodzenie (pierwszy dzień)",
        D(year, 12, 26): "Boże Narodzenie (drugi dzień)",
    }
    if year >= 2025:
        days[D(year, 12, 24)] = "Wigilia Bożego Narodzenia"
    return days


@pytest.mark.parametrize("year", sorted(EASTER))
def test_the_library_gives_the_days_off_of_the_1951_act(year):
    assert set(holidays.country_holidays("PL", years=year)) == set(_statutory(year))
    assert d.polish_holidays(year) == _statutory(year)
    assert d.easter_sunday(year) == EASTER[year]


def test_the_one_off_day_off_of_2018_is_a_day_off_too():
    # 12 November 2018 was free from work by the act of 9 November 2018: the library knows it, the 1951 act not
    statutory = _statutory(2018, easter=D(2018, 4, 1))
    assert set(d.polish_holidays(2018)) == set(statutory) | {D(2018, 11, 12)}
    assert d.is_day_off(D(2018, 11, 12))
