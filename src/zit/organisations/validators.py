"""Polish registry numbers with their checksums: NIP (10 digits), REGON (9 or 14), KRS (10).

The shape (ASCII digits, dashes and spaces, the length) is checked here, so the messages stay ours and a "PL"
prefix is refused; the check digits are python-stdnum's."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.pl import nip, regon


def _digits(value: str, label: str, lengths: tuple[int, ...]) -> str:
    digits = value.replace("-", "").replace(" ", "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) not in lengths:
        raise ValidationError(
            _("%(label)s musi mieć %(n)s cyfr (myślniki i spacje są dozwolone).")
            % {"label": label, "n": " lub ".join(str(n) for n in lengths)}
        )
    return digits


def normalise_nip(value: str) -> str:
    digits = _digits(value, "NIP", (10,))
    if not nip.is_valid(digits):
        raise ValidationError(
            _("NIP %(v)s ma błędną cyfrę kontrolną; sprawdź, czy nie ma literówki.") % {"v": value}
        )
    return digits


def normalise_regon(value: str) -> str:
    digits = _digits(value, "REGON", (9, 14))
    if len(digits) == 14:
        normalise_regon(digits[:9])  # a local unit's number starts with its entity's REGON
    if not regon.is_valid(digits):
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
