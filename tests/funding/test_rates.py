import datetime as dt
from decimal import Decimal

import pytest

from zit.core.money import Money
from zit.funding.catalogues import rate_rule_save, rate_save
from zit.funding.models import ExchangeRate, RateRule, RateSeries
from zit.funding.rates import NoRate, convert

pytestmark = pytest.mark.django_db

EC, NBP = RateSeries.EC_MONTHLY, RateSeries.NBP_A


def _rate(series, day, value):
    return ExchangeRate.objects.create(series=series, rate_date=day, rate=Decimal(value))


def test_eur_to_pln_multiplies_and_rounds_once_half_up():
    _rate(EC, dt.date(2025, 3, 1), "4.1839")
    conversion = convert(Money("0.12", "EUR"), to="PLN", on=dt.date(2025, 3, 15))
    # 0.12 × 4.1839 = 0.502068 → 0.50
    assert conversion.result == Money("0.50", "PLN")
    conversion = convert(Money("19800000", "EUR"), to="PLN", on=dt.date(2025, 3, 15))
    assert conversion.result == Money("82841220.00", "PLN")
    assert (conversion.rate, conversion.rate_date, conversion.series) == (
        Decimal("4.1839"),
        dt.date(2025, 3, 1),
        EC,
    )
    assert not conversion.fallback_used


def test_pln_to_eur_divides_and_rounds_to_the_cent():
    _rate(EC, dt.date(2025, 3, 1), "4.1839")
    # 100 / 4.1839 = 23.9011...
    assert convert(Money("100", "PLN"), to="EUR", on=dt.date(2025, 3, 31)).result == Money("23.90", "EUR")
    # 1 000 000 / 4.1839 = 239011.448...
    assert convert(Money("1000000", "PLN"), to="EUR", on=dt.date(2025, 3, 2)).result == Money(
        "239011.45", "EUR"
    )


def test_ec_rate_holds_for_its_calendar_month_only():
    RateRule.objects.create(purpose=RateRule.Purpose.DEFAULT, series=EC, fallback_series="")
    _rate(EC, dt.date(2025, 3, 1), "4.18")
    assert convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 3, 31)).rate == Decimal("4.18")
    with pytest.raises(NoRate):
        convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 4, 1))


def test_nbp_takes_the_last_rate_published_on_or_before_the_date():
    RateRule.objects.create(purpose=RateRule.Purpose.DEFAULT, series=NBP)
    _rate(NBP, dt.date(2025, 3, 28), "4.1800")
    _rate(NBP, dt.date(2025, 3, 31), "4.1839")
    assert convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 3, 30)).rate_date == dt.date(2025, 3, 28)
    assert convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 3, 31)).rate_date == dt.date(2025, 3, 31)
    with pytest.raises(NoRate):
        convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 3, 27))


def test_default_rule_falls_back_from_ec_to_nbp_and_says_so():
    _rate(NBP, dt.date(2023, 10, 3), "4.6147")
    conversion = convert(Money("19800000", "EUR"), to="PLN", on=dt.date(2023, 10, 3))
    assert conversion.fallback_used and conversion.series == NBP
    assert conversion.result == Money("91371060.00", "PLN")
    record = conversion.as_record()
    assert record["rate"] == "4.614700" and record["rate_date"] == "2023-10-03" and record["series"] == NBP


def test_purpose_rule_overrides_the_default(user_for_role):
    staff = user_for_role("office_staff")
    _rate(EC, dt.date(2025, 3, 1), "4.20")
    _rate(NBP, dt.date(2025, 3, 14), "4.10")
    rate_rule_save(actor=staff, purpose=RateRule.Purpose.DEFAULT, series=EC, fallback_series=NBP)
    rate_rule_save(actor=staff, purpose=RateRule.Purpose.EXPENDITURE, series=NBP)
    day = dt.date(2025, 3, 15)
    assert convert(Money("10", "EUR"), to="PLN", on=day).result == Money("42.00", "PLN")
    assert convert(Money("10", "EUR"), to="PLN", on=day, purpose="expenditure").result == Money(
        "41.00", "PLN"
    )
    # a purpose without its own rule follows the default
    assert convert(Money("10", "EUR"), to="PLN", on=day, purpose="project").series == EC


def test_nbp_rate_is_stale_after_two_working_days():
    RateRule.objects.create(purpose=RateRule.Purpose.DEFAULT, series=NBP)
    _rate(NBP, dt.date(2025, 3, 28), "4.1839")  # a Friday
    # Monday and Tuesday are one and two working days later: still current (the weekend does not count)
    assert not convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 4, 1)).stale
    late = convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 4, 2))
    assert late.stale
    assert "dni robocze od jej publikacji: 3 (dopuszczamy 2)" in late.stale_reason
    assert convert(Money("1", "EUR"), to="PLN", on=dt.date(2026, 11, 26)).stale


def test_nbp_staleness_skips_public_holidays():
    from zit.funding.rates import is_stale

    # 24 December is a public holiday since 2025; with the 25th, the 26th and the weekend, Monday the 29th is the
    # first working day after Tuesday the 23rd
    assert not is_stale(NBP, dt.date(2025, 12, 23), dt.date(2025, 12, 29))
    assert not is_stale(NBP, dt.date(2025, 12, 22), dt.date(2025, 12, 29))
    assert is_stale(NBP, dt.date(2025, 12, 19), dt.date(2025, 12, 29))


def test_ec_rate_is_stale_when_it_is_not_the_month_asked_for():
    from zit.funding.rates import is_stale

    assert not is_stale(EC, dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert is_stale(EC, dt.date(2026, 11, 1), dt.date(2026, 12, 1))


def test_rate_note_names_series_table_date_and_warns_when_stale():
    from zit.funding.rates import rate_note

    RateRule.objects.create(purpose=RateRule.Purpose.DEFAULT, series=NBP)
    ExchangeRate.objects.create(
        series=NBP, rate_date=dt.date(2025, 3, 31), rate=Decimal("4.1839"), table="062/A/NBP/2025"
    )
    fresh = convert(Money("1", "EUR"), to="PLN", on=dt.date(2025, 3, 31))
    assert rate_note(fresh) == (
        "Kurs 1 EUR = 4,1839 zł: kurs średni NBP, tabela A, 31 marca 2025 r. (tabela 062/A/NBP/2025)."
    )
    old = convert(Money("1", "EUR"), to="PLN", on=dt.date(2026, 12, 7))
    assert rate_note(old).startswith("Kurs 1 EUR = 4,1839 zł")
    assert "Kurs NBP jest nieaktualny: tabela z 31 marca 2025" in rate_note(old)
    # the record stored beside a converted amount gives the same sentence
    assert rate_note(old.as_record()) == rate_note(old)


def test_rule_needs_a_different_fallback_and_staff(user_for_role):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        rate_rule_save(
            actor=user_for_role("office_staff"), purpose="default", series=NBP, fallback_series=NBP
        )
    with pytest.raises(PermissionDenied):
        rate_rule_save(actor=user_for_role("board_member"), purpose="default", series=NBP)
    assert not RateRule.objects.exists()


def test_ec_rate_is_stored_for_its_month_and_a_second_entry_corrects_it(user_for_role):
    from django.core.exceptions import ValidationError

    from zit.core.models import AuditEvent

    staff = user_for_role("office_staff")
    rate_save(actor=staff, series=EC, rate_date=dt.date(2025, 3, 17), rate=Decimal("4.18"))
    rate_save(actor=staff, series=EC, rate_date=dt.date(2025, 3, 2), rate=Decimal("4.19"))
    assert list(ExchangeRate.objects.values_list("rate_date", "rate")) == [
        (dt.date(2025, 3, 1), Decimal("4.19"))
    ]
    assert AuditEvent.objects.filter(action="funding.rate_update").count() == 1
    with pytest.raises(ValidationError):
        rate_save(actor=staff, series=EC, rate_date=dt.date(2025, 4, 1), rate=Decimal("418"))
