from decimal import Decimal

import pytest

from zit.core.money import Money, round_cents, to_decimal


@pytest.mark.parametrize(
    "value, expected",
    [
        (Decimal("0.005"), Decimal("0.01")),
        (Decimal("0.0049"), Decimal("0.00")),
        (Decimal("2.675"), Decimal("2.68")),  # a float would give 2.67
        (Decimal("-0.005"), Decimal("-0.01")),  # half away from zero
        (Decimal("1234567.894999"), Decimal("1234567.89")),
    ],
)
def test_rounding_to_the_grosz_is_half_up(value, expected):
    assert round_cents(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234,56", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        ("19\u00a0800\u00a0000,00", Decimal("19800000.00")),
        ("1.234,56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        (7, Decimal(7)),
    ],
)
def test_amounts_read_as_people_write_them(text, expected):
    assert to_decimal(text) == expected


def test_floats_and_garbage_are_refused():
    with pytest.raises(TypeError):
        Money(0.1, "EUR")
    with pytest.raises(ValueError):
        to_decimal("dużo")
    with pytest.raises(ValueError):
        to_decimal("NaN")
    with pytest.raises(ValueError):
        Money("1", "USD")


def test_money_adds_only_in_one_currency():
    assert Money("1.10", "EUR") + Money("2.20", "EUR") == Money("3.30", "EUR")
    assert Money("5", "PLN") - Money("7.5", "PLN") == Money("-2.5", "PLN")
    with pytest.raises(ValueError):
        Money("1", "EUR") + Money("1", "PLN")
