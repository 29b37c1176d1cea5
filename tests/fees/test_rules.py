"""Fee rules: the computation explained line by line, the stop on a missing population, adoption."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent
from zit.fees import rules as fees
from zit.fees.models import FeeAssessment, FeeRule


def test_gmina_pays_per_inhabitant_plus_fixed_amount(rule_2026, members, population):
    population("golina", 12345)
    result = fees.compute(rule_2026, members["golina"])
    assert result.amount == Decimal("7172.50")
    text = " | ".join(result.lines)
    assert "12\u00a0345 mieszkańców" in text
    assert "× 0,50\u00a0zł = 6\u00a0172,50\u00a0zł" in text
    assert "kwota stała 1\u00a0000,00\u00a0zł" in text
    assert "razem 7\u00a0172,50\u00a0zł" in text
    assert "minimum 5\u00a0000,00\u00a0zł: nie dotyczy" in text


def test_minimum_applies_to_a_small_gmina(rule_2026, members, population):
    population("grodziec", 5000)  # 2 500 + 1 000 = 3 500 < 5 000
    result = fees.compute(rule_2026, members["grodziec"])
    assert result.amount == Decimal("5000.00")
    assert any("stosujemy minimum" in line for line in result.lines)


def test_county_and_city_have_their_own_rates(rule_2026, members):
    county = fees.compute(rule_2026, members["powiat-koninski"])  # fixed 20 000 only
    assert county.amount == Decimal("20000.00")
    assert county.population is None
    city = fees.compute(rule_2026, members["konin"])  # 71 427 (2021 figure) × 1,00 zł
    assert city.amount == Decimal("71427.00")
    assert city.population_date == dt.date(2021, 12, 31)
    assert "miasto na prawach powiatu" in city.lines[0]


def test_rounding_once_half_up_to_the_grosz(rule_2026, members, population):
    rule_2026.per_inhabitant = Decimal("0.3333")
    rule_2026.fixed_amount = Decimal("0")
    rule_2026.minimum = None
    population("golina", 12345)  # 12 345 × 0,3333 = 4 114,5885 → 4 114,59
    result = fees.compute(rule_2026, members["golina"])
    assert result.amount == Decimal("4114.59")
    assert any("4\u00a0114,5885\u00a0zł" in line for line in result.lines)  # the line shows the exact product


def test_population_is_the_latest_on_or_before_the_rule_day(rule_2026, members, population):
    population("golina", 11000, dt.date(2024, 12, 31))
    population("golina", 13000, dt.date(2026, 6, 30))  # after the rule's day: not used
    result = fees.compute(rule_2026, members["golina"])
    assert result.population == Decimal(11000)  # newer than the bundled 2019 figure, not after the day
    assert result.population_date == dt.date(2024, 12, 31)


def test_missing_population_stops_with_the_member_named_until_entered(rule_2026, members, decision, office):
    rule = fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=decision())
    with pytest.raises(ValidationError) as caught:
        fees.assessments_generate(actor=office, rule=rule)
    message = " ".join(caught.value.messages)
    assert "Gmina Kramsk" in message and "Gmina Krzymów" in message and "Gmina Skulsk" in message
    assert not FeeAssessment.objects.exists()
    preview = {c.member.slug: c for c in fees.compute_all(rule)}
    assert "Gmina Kramsk: brak liczby mieszkańców na dzień 31 grudnia 2025" in preview["kramsk"].error

    for slug, value in (("kramsk", 10800), ("krzymow", 7750), ("skulsk", 6202)):
        fees.member_population_enter(
            actor=office,
            member=members[slug],
            value=Decimal(value),
            reference_date=dt.date(2025, 12, 31),
            source_url="https://powiat.konin.pl/",
        )
    created = fees.assessments_generate(actor=office, rule=rule)
    assert len(created) == 16
    kramsk = FeeAssessment.objects.get(member=members["kramsk"])
    assert kramsk.amount == Decimal("6400.00") and kramsk.population_source == "https://powiat.konin.pl/"
    assert kramsk.reference == "SKL/2026/10"


def test_population_needs_a_source(members, office):
    with pytest.raises(ValidationError) as caught:
        fees.member_population_enter(
            actor=office, member=members["kramsk"], value=Decimal(100), reference_date=dt.date(2025, 12, 31)
        )
    assert "source_url" in caught.value.error_dict


def test_adoption_supersedes_the_earlier_rule_of_the_year(rule_2026, decision, office):
    first = fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=decision("1/2025"))
    assert first.status == FeeRule.Status.ADOPTED and first.adopted_by.number == "1/2025"
    second = fees.fee_rule_save(
        actor=office, year=2026, fixed_amount=Decimal("1500"), per_inhabitant=Decimal("0.5")
    )
    fees.fee_rule_adopt(actor=office, rule=second, decision=decision("2/2026"))
    first.refresh_from_db()
    assert first.status == FeeRule.Status.SUPERSEDED
    assert AuditEvent.objects.filter(action="fees.rule_adopt").count() == 2
    with pytest.raises(ValidationError):
        fees.fee_rule_save(actor=office, rule=second, note="zmiana")  # adopted rules do not change


@pytest.mark.parametrize("role", ["board_member", "audit_committee", "body_secretary"])
def test_adoption_is_denied_without_fees_manage(rule_2026, decision, user_for_role, role):
    with pytest.raises(PermissionDenied):
        fees.fee_rule_adopt(actor=user_for_role(role), rule=rule_2026, decision=decision())
    rule_2026.refresh_from_db()
    assert rule_2026.status == FeeRule.Status.DRAFT


def test_manual_adoption_records_the_resolution(rule_2026, office):
    rule = fees.fee_rule_adopt_manual(
        actor=office, rule=rule_2026, decision_fields={"number": "XV/12/2025", "date": dt.date(2025, 12, 1)}
    )
    assert rule.adopted_by.number == "XV/12/2025" and rule.adopted_by.issuer_name == "Rada Stowarzyszenia"
    with pytest.raises(ValidationError) as caught:
        fees.fee_rule_adopt_manual(actor=office, rule=rule_2026, decision_fields={"number": ""})
    assert "number" in caught.value.error_dict


def test_assessments_only_from_an_adopted_rule(rule_2026, all_populated):
    with pytest.raises(ValidationError):
        fees.assessments_generate(actor=None, rule=rule_2026)


def test_regenerating_keeps_history(adopted_2026, decision, office):
    first = FeeAssessment.objects.get(member__slug="golina")
    new_rule = fees.fee_rule_save(
        actor=office,
        year=2026,
        fixed_amount=Decimal("2000"),
        per_inhabitant=Decimal("0.50"),
        minimum=Decimal("5000"),
    )
    fees.fee_rule_adopt(actor=office, rule=new_rule, decision=decision("3/2026"))
    fees.assessments_generate(actor=office, rule=new_rule)
    first.refresh_from_db()
    assert first.status == FeeAssessment.Status.SUPERSEDED
    current = FeeAssessment.objects.get(member__slug="golina", status="current")
    assert current.amount == first.amount + Decimal("1000.00")
    assert current.reference == first.reference


def test_member_joining_mid_year_pays_by_months(rule_2026, members, population):
    from zit.association.models import MembershipPeriod

    golina = members["golina"]
    golina.periods.all().delete()
    MembershipPeriod.objects.create(member=golina, start=dt.date(2026, 7, 15))
    population("golina", 12345)
    by_months = {m.slug: months for m, months in fees.assessed_members(rule_2026)}
    assert by_months["golina"] == 6
    result = fees.compute(rule_2026, golina, months=6)
    assert result.amount == Decimal("3586.25")  # 7 172,50 × 6 / 12
    rule_2026.proration = FeeRule.Proration.FULL  # members on 1 January only, full fee
    assert "golina" not in {m.slug for m, _months in fees.assessed_members(rule_2026)}
