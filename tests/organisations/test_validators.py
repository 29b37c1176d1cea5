import pytest
from django.core.exceptions import ValidationError

from zit.organisations.validators import normalise_krs, normalise_nip, normalise_postal_code, normalise_regon

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def _weighted(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11


def nip(first9: str) -> str:
    check = _weighted(first9, NIP_WEIGHTS)
    assert check != 10, "no valid NIP starts with these digits"
    return first9 + str(check)


def regon9(first8: str) -> str:
    return first8 + str(_weighted(first8, REGON9_WEIGHTS) % 10)


def regon14(first13: str) -> str:
    return first13 + str(_weighted(first13, REGON14_WEIGHTS) % 10)


def test_helpers_agree_with_published_numbers():
    assert nip("526025027") == "5260250274"  # Ministerstwo Finansów
    assert nip("774000145") == "7740001454"  # ORLEN S.A.
    assert regon9("12345678") == "123456785"  # the usual textbook example
    assert regon14("1234567851234") == "12345678512347"


@pytest.mark.parametrize("value", ["5260250274", "526-025-02-74", "526 025 02 74", "774-00-01-454"])
def test_valid_nip_is_normalised_to_digits(value):
    assert normalise_nip(value) == value.replace("-", "").replace(" ", "")


def test_generated_nips_are_valid():
    for first9 in ("665000001", "999999998", "100000000"):
        assert normalise_nip(nip(first9)) == nip(first9)


@pytest.mark.parametrize("value", ["5260250275", "5260250270", "7740001453"])
def test_nip_with_wrong_check_digit(value):
    with pytest.raises(ValidationError) as exc:
        normalise_nip(value)
    assert "cyfrę kontrolną" in exc.value.messages[0]


def test_nip_whose_checksum_is_ten_never_validates():
    assert _weighted("123456789", NIP_WEIGHTS) == 10
    for last in "0123456789":
        with pytest.raises(ValidationError):
            normalise_nip("123456789" + last)


@pytest.mark.parametrize(
    "value", ["", "526025027", "52602502741", "PL5260250274", "526O250274", "526_025_02_74"]
)
def test_nip_of_wrong_shape(value):
    with pytest.raises(ValidationError) as exc:
        normalise_nip(value)
    assert "10 cyfr" in exc.value.messages[0]


@pytest.mark.parametrize("value", ["²" * 10, "５２６０２５０２７４"])
def test_nip_rejects_non_ascii_digits(value):
    """str.isdigit() accepts superscript and full-width digits: the first crashes int() with ValueError, the
    second would be stored as is and so slip past the duplicate-NIP check."""
    with pytest.raises(ValidationError):
        normalise_nip(value)


@pytest.mark.parametrize("value", ["123456785", "123-456-785", "000002217", regon9("63000009")])
def test_valid_regon9(value):
    assert normalise_regon(value) == value.replace("-", "")


@pytest.mark.parametrize("value", ["12345678512347", regon14(regon9("63000009") + "0123")])
def test_valid_regon14(value):
    assert normalise_regon(value) == value


@pytest.mark.parametrize("value", ["123456784", "000002218"])
def test_regon9_with_wrong_check_digit(value):
    with pytest.raises(ValidationError) as exc:
        normalise_regon(value)
    assert "cyfrę kontrolną" in exc.value.messages[0]


def test_regon14_with_wrong_check_digit():
    with pytest.raises(ValidationError):
        normalise_regon("12345678512346")


def test_regon14_needs_a_valid_regon9_prefix():
    first13 = "1234567841234"  # 123456784 is not a valid REGON
    with pytest.raises(ValidationError):
        normalise_regon(regon14(first13))


@pytest.mark.parametrize("value", ["12345678", "1234567890", "123456785123", "12345678a"])
def test_regon_of_wrong_length(value):
    with pytest.raises(ValidationError) as exc:
        normalise_regon(value)
    assert "9 lub 14" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("value", "expected"), [("0000123456", "0000123456"), ("0000 123 456", "0000123456")]
)
def test_valid_krs(value, expected):
    assert normalise_krs(value) == expected


@pytest.mark.parametrize("value", ["123456", "00001234567", "000012345a", ""])
def test_bad_krs(value):
    with pytest.raises(ValidationError) as exc:
        normalise_krs(value)
    assert "10 cyfr" in exc.value.messages[0]


@pytest.mark.parametrize(("value", "expected"), [("62-500", "62-500"), (" 62-510 ", "62-510")])
def test_valid_postal_code(value, expected):
    assert normalise_postal_code(value) == expected


@pytest.mark.parametrize("value", ["62500", "625-00", "62 500", "6a-500", "62-5000", "62–500"])
def test_bad_postal_code(value):
    with pytest.raises(ValidationError) as exc:
        normalise_postal_code(value)
    assert "00-000" in exc.value.messages[0]
