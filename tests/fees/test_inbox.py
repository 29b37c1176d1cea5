import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.fees import FeePaymentFactory, HeldBankLineFactory

from zit.fees.inbox import arrears, payments_to_explain

TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_unmatched_payments_and_held_lines_wait_for_who_manages_fees(association_data):
    FeePaymentFactory.create_batch(2)
    FeePaymentFactory(matched=True)
    held = HeldBankLineFactory()

    items = {i.key: i for i in payments_to_explain(UserFactory(roles=[("office_staff", None)]), TODAY)}
    assert items["fees.unmatched"].count == 2  # the matched one and the held line's original are booked
    assert items["fees.unmatched"].since == dt.date(2025, 3, 10)
    assert items[f"fees.held:{held.statement_id}"].count == 1
    assert payments_to_explain(UserFactory(roles=[("board_member", None)]), TODAY) == []


@pytest.mark.django_db
def test_members_in_arrears_wait_for_who_manages_fees_one_line_per_year(association_data):
    from decimal import Decimal

    from factories.fees import FeeAssessmentFactory, FeeRuleFactory

    rule = FeeRuleFactory(year=2031, adopted=True)  # due on 31 March 2031
    unpaid = FeeAssessmentFactory(rule=rule)
    paid = FeeAssessmentFactory(rule=rule)
    FeePaymentFactory(matched=True, member=paid.member, year=2031, amount=Decimal("6000.00"))
    office = UserFactory(roles=[("office_staff", None)])

    assert arrears(office, dt.date(2031, 3, 31)) == []  # not late yet
    [item] = arrears(office, dt.date(2031, 4, 3))
    assert item.key == "fees.arrears:2031" and item.count == 1 and item.due == unpaid.due_on
    assert item.url == "/biuro/skladki/przypomnienia/?rok=2031"
    assert arrears(UserFactory(roles=[("board_member", None)]), dt.date(2031, 4, 3)) == []
