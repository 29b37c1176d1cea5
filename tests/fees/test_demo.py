"""The demo fees: a draft rule first, assessments and payments after the demo resolution adopts it."""

from __future__ import annotations

import pytest

from zit.fees.demo import DEMO_MT940, generate_demo_assessments_and_payments, load_fees_demo
from zit.fees.models import BankStatement, FeeAssessment, FeePayment, FeeRule
from zit.fees.rules import fee_rule_adopt
from zit.fees.statements import statement_import


def test_demo_rule_is_a_draft_and_loading_twice_changes_nothing(association_data):
    rule = load_fees_demo()
    assert (rule.status, rule.is_demo, rule.year) == (FeeRule.Status.DRAFT, True, 2026)
    assert "Dane demonstracyjne" in rule.note
    assert load_fees_demo() == rule and FeeRule.objects.count() == 1
    with pytest.raises(RuntimeError):
        generate_demo_assessments_and_payments()  # not adopted yet


def test_after_adoption_the_demo_assesses_and_books_payments_once(association_data, decision):
    rule = fee_rule_adopt(actor=None, rule=load_fees_demo(), decision=decision())
    result = generate_demo_assessments_and_payments()
    assert result["assessments"] == 16 and result["new_payments"] == 6
    assert FeeAssessment.objects.filter(is_demo=True).count() == 16
    golina = FeePayment.objects.get(bank_reference="DEMO-2026-0001")
    assert golina.member.slug == "golina" and "zgodna" in golina.match_note
    assert FeePayment.objects.get(bank_reference="DEMO-2026-0003").member.slug == "powiat-koninski"
    assert FeePayment.objects.get(bank_reference="DEMO-2026-0005").status == "unmatched"
    assert all(p.is_demo for p in FeePayment.objects.all())

    again = generate_demo_assessments_and_payments()
    assert again["new_payments"] == 0 and FeePayment.objects.count() == result["payments"]
    assert FeeAssessment.objects.filter(rule=rule).count() == 16

    mt940 = statement_import(actor=None, file_name=DEMO_MT940.name, content=DEMO_MT940.read_bytes())
    assert (mt940.new_payments, mt940.matched) == (2, 2)
    assert {p.member.slug for p in mt940.payments.all()} == {"konin", "sompolno"}
    assert BankStatement.objects.count() == 3


def test_demo_can_show_the_missing_population_stop(association_data, decision):
    from django.core.exceptions import ValidationError

    fee_rule_adopt(actor=None, rule=load_fees_demo(), decision=decision())
    with pytest.raises(ValidationError) as caught:
        generate_demo_assessments_and_payments(fill_missing_population=False)
    assert "Gmina Kramsk" in " ".join(caught.value.messages)
