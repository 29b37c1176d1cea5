"""Members' fees. Amounts and dates as the services accept them (`fees.rules._check_rule`,
`fees.payments._check_amount`): non-negative rates, positive payments in grosze, payment dates in the past,
the assessment's number made as `fees.rules.reference_for` makes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from zit.fees.models import (
    BankStatement,
    FeeAssessment,
    FeePayment,
    FeeReminder,
    FeeRule,
    FeeRuleKindRate,
    HeldBankLine,
)
from zit.fees.rules import reference_for

from .association import MemberFactory
from .base import ValidFactory, seq
from .core import DecisionReferenceFactory


class FeeRuleFactory(ValidFactory):
    """A draft rule; `adopted=True` adopts it by a resolution of the Rada (as `fee_rule_adopt` does)."""

    class Meta:
        model = FeeRule

    year = factory.Sequence(lambda n: 2030 + n % 70)  # the service takes years 2000–2100
    fixed_amount = Decimal("1000.00")
    per_inhabitant = Decimal("0.5000")
    minimum = Decimal("5000.00")
    population_date = factory.LazyAttribute(lambda o: dt.date(o.year - 1, 12, 31))
    due_on = factory.LazyAttribute(lambda o: dt.date(o.year, 3, 31))

    class Params:
        adopted = factory.Trait(
            status=FeeRule.Status.ADOPTED,
            adopted_by=factory.SubFactory(DecisionReferenceFactory, issuer_name="Rada Stowarzyszenia"),
        )


class FeeRuleKindRateFactory(ValidFactory):
    class Meta:
        model = FeeRuleKindRate

    rule = factory.SubFactory(FeeRuleFactory)
    kind = "powiat"  # the kinds with own rates: `fees.rules.KIND_LABELS`
    fixed_amount = Decimal("20000.00")


class FeeAssessmentFactory(ValidFactory):
    """The fee of a new member for the rule's year, due on the rule's date."""

    class Meta:
        model = FeeAssessment

    rule = factory.SubFactory(FeeRuleFactory, adopted=True)
    member = factory.SubFactory(MemberFactory)
    year = factory.LazyAttribute(lambda o: o.rule.year)
    reference = factory.LazyAttribute(lambda o: reference_for(o.year, o.member))
    population = Decimal("10000")
    population_date = factory.LazyAttribute(lambda o: o.rule.population_date)
    population_source = "GUS, stan na 31 grudnia"
    amount = Decimal("6000.00")
    explanation = factory.LazyFunction(lambda: ["Kwota stała: 1 000,00 zł", "Od mieszkańca: 5 000,00 zł"])
    due_on = factory.LazyAttribute(lambda o: o.rule.due_on)


class BankStatementFactory(ValidFactory):
    class Meta:
        model = BankStatement

    file_name = seq("wyciag-{n:03d}.csv")
    format = BankStatement.Format.CSV
    sha256 = factory.Sequence(lambda n: f"{n + 1:064x}")
    lines = 1
    credits = 1
    created_by_label = "Biuro Stowarzyszenia"


class FeePaymentFactory(ValidFactory):
    """A payment typed by hand, waiting to be explained; `matched=True` books it to a member and a year,
    `from_bank=True` reads it from a statement."""

    class Meta:
        model = FeePayment

    source = FeePayment.Source.MANUAL
    booked_on = dt.date(2025, 3, 10)
    amount = Decimal("1500.00")
    payer_name = seq("Wpłacający testowy {n}")
    title = seq("Składka członkowska {n}")

    class Params:
        matched = factory.Trait(
            status=FeePayment.Status.MATCHED,
            member=factory.SubFactory(MemberFactory),
            year=factory.LazyAttribute(lambda o: o.booked_on.year),
            match_note="wskazana przy wpisaniu",
        )
        from_bank = factory.Trait(
            source=FeePayment.Source.BANK,
            statement=factory.SubFactory(BankStatementFactory),
            line_number=factory.Sequence(lambda n: n + 1),
            dedupe_key=seq("test-{n}"),
        )


class HeldBankLineFactory(ValidFactory):
    """A credit of a statement held as a possible duplicate of a payment already recorded."""

    class Meta:
        model = HeldBankLine

    statement = factory.SubFactory(BankStatementFactory, held=1)
    line_number = factory.Sequence(lambda n: n + 1)
    booked_on = dt.date(2025, 3, 10)
    amount = Decimal("1500.00")
    payer_name = seq("Wpłacający testowy {n}")
    title = seq("Składka członkowska {n}")
    dedupe_key = seq("wstrzymany-{n}")
    duplicate_of = factory.SubFactory(FeePaymentFactory, matched=True)


class FeeReminderFactory(ValidFactory):
    class Meta:
        model = FeeReminder

    member = factory.SubFactory(MemberFactory)
    year = 2026
    amount_due = Decimal("6000.00")
    recipients = factory.LazyFunction(lambda: ["sekretariat@example.pl"])
    subject = factory.LazyAttribute(lambda o: f"Przypomnienie o składce członkowskiej na {o.year} r.")
    body = "Szanowni Państwo,\n\nwedług naszych zapisów składka nie została opłacona w całości."
    sent_by_label = "Biuro Stowarzyszenia"
