import pytest
from django.core.exceptions import ValidationError

from zit.core.terc import is_city_with_county_rights, terc_level, terc_parent


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("30", "voivodeship"),
        ("3010", "powiat"),
        ("3062", "powiat"),
        ("3010013", "gmina"),
        ("3010022", "gmina"),
        ("3062011", "gmina"),
        ("3010018", "gmina"),
        ("3010019", "gmina"),
    ],
)
def test_terc_level_by_length(code, level):
    assert terc_level(code) == level


@pytest.mark.parametrize("code", ["3", "301", "30100", "301001", "30100131", ""])
def test_terc_level_rejects_wrong_length(code):
    with pytest.raises(ValidationError):
        terc_level(code)


def test_wrong_length_message_says_how_many_digits():
    with pytest.raises(ValidationError) as exc:
        terc_level("30100")
    assert "„30100” ma 5" in exc.value.messages[0]


@pytest.mark.parametrize("code", ["30-10", "3O", "301001A", " 3010", "30.1", None, 3010])
def test_terc_level_rejects_non_digits(code):
    with pytest.raises(ValidationError) as exc:
        terc_level(code)
    assert "tylko cyfry" in exc.value.messages[0]


@pytest.mark.parametrize("code", ["3010010", "3010016", "3010017"])
def test_terc_level_rejects_bad_gmina_type_digit(code):
    with pytest.raises(ValidationError) as exc:
        terc_level(code)
    assert f"kończy się na {code[-1]}" in exc.value.messages[0]


def test_terc_level_rejects_non_ascii_digits():
    # str.isdigit() is true for full-width ("３０") and superscript ("²²") digits; a TERC code is ASCII digits
    # only, and later code does int(code[2:4]), which fails on superscripts.
    for code in ("３０", "²²"):
        with pytest.raises(ValidationError):
            terc_level(code)


def test_terc_parent():
    assert terc_parent("3010013") == "3010"
    assert terc_parent("3010") == "30"
    assert terc_parent("30") is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3062011", True),  # Konin
        ("3064011", True),  # Poznań
        ("3061011", True),  # lowest city powiat number
        ("3010013", False),  # Golina, a gmina of powiat koniński
        ("3060011", False),
        ("3062", False),  # a powiat code, not a gmina
        ("30", False),
    ],
)
def test_is_city_with_county_rights(code, expected):
    assert is_city_with_county_rights(code) is expected
