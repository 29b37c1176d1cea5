import pytest
from django.core.exceptions import ValidationError

from zit.association.services import association_profile_update, bank_account_number


def test_a_polish_account_number_is_checked_and_grouped():
    assert bank_account_number("PL61109010140000071219812874") == "61 1090 1014 0000 0712 1981 2874"
    assert bank_account_number("61 1090 1014 0000 0712 1981 2874") == "61 1090 1014 0000 0712 1981 2874"
    with pytest.raises(ValidationError, match="sumę kontrolną"):
        bank_account_number("61109010140000071219812875")
    with pytest.raises(ValidationError, match="26 cyfr"):
        bank_account_number("1234")


def test_the_association_keeps_its_account_for_fees(association_data):
    profile = association_profile_update(
        actor=None, profile=association_data, bank_account="PL61 1090 1014 0000 0712 1981 2874"
    )
    assert profile.bank_account == "61 1090 1014 0000 0712 1981 2874"
