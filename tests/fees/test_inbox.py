import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.fees import FeePaymentFactory, HeldBankLineFactory

from zit.fees.inbox import payments_to_explain

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
