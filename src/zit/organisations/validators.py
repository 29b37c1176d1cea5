"""Polish registry numbers with their checksums: NIP (10 digits), REGON (9 or 14), KRS (10)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _digits(value: str, label: str, lengths: tuple[int, ...]) -> str:
    digits = value.replace("-", "").replace(" ", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in lengths:
        raise ValidationError(
            _("%(label)s musi mieć %(n)s cyfr (myślniki i spacje są dozwolone).")
            % {"label": label, "n": " lub ".join(str(n) for n in lengths)}
        )
    return digits


def _checksum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11


def normalise_nip(value: str) -> str:
    digits = _digits(value, "NIP", (10,))
    if _checksum(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7)) != int(digits[9]):
        raise ValidationError(
            _("NIP %(v)s ma błędną cyfrę kontrolną; sprawdź, czy nie ma literówki.") % {"v": value}
        )
    return digits


def normalise_regon(value: str) -> str:
    digits = _digits(value, "REGON", (9, 14))
    if len(digits) == 9:
        expected = _checksum(digits, (8, 9, 2, 3, 4, 5, 6, 7)) % 10
    else:
        normalise_regon(digits[:9])
        expected = _checksum(digits, (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)) % 10
    if expected != int(digits[-1]):
        raise ValidationError(
            _("REGON %(v)s ma błędną cyfrę kontrolną; sprawdź, czy nie ma literówki.") % {"v": value}
        )
    return digits


def normalise_krs(value: str) -> str:
    digits = value.replace(" ", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) != 10:
        raise ValidationError(_("Numer KRS ma 10 cyfr, także zer wiodących (np. 0000123456)."))
    return digits


def normalise_postal_code(value: str) -> str:
    value = value.strip()
    digits = value[:2] + value[3:]
    if len(value) != 6 or value[2] != "-" or not (digits.isascii() and digits.isdigit()):
        raise ValidationError(_("Kod pocztowy zapisz w postaci 00-000."))
    return value
