"""TERC codes of the GUS TERYT register: 2 digits voivodeship, 4 powiat, 7 gmina (6 + gmina type digit)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

GMINA_TYPE_DIGITS = {"1", "2", "3", "4", "5", "8", "9"}
LEVEL_BY_LENGTH = {2: "voivodeship", 4: "powiat", 7: "gmina"}


def terc_level(code: str) -> str:
    """The administrative level a TERC code names; raises ValidationError with a reason in Polish."""
    if not isinstance(code, str) or not (code.isascii() and code.isdigit()):
        raise ValidationError(
            _("Kod TERC może zawierać tylko cyfry (otrzymano: „%(code)s”).") % {"code": code}
        )
    level = LEVEL_BY_LENGTH.get(len(code))
    if level is None:
        raise ValidationError(
            _("Kod TERC ma 2 (województwo), 4 (powiat) lub 7 cyfr (gmina); „%(code)s” ma %(n)d.")
            % {"code": code, "n": len(code)}
        )
    if level == "gmina" and code[-1] not in GMINA_TYPE_DIGITS:
        raise ValidationError(
            _(
                "Ostatnia cyfra kodu TERC gminy oznacza jej rodzaj (1, 2, 3, 4, 5, 8 lub 9); „%(code)s” kończy się na %(d)s."
            )
            % {"code": code, "d": code[-1]}
        )
    return level


def terc_parent(code: str) -> str | None:
    return {7: code[:4], 4: code[:2]}.get(len(code))


def is_city_with_county_rights(code: str) -> bool:
    """Cities with county rights have powiat digits 61-99 (e.g. Konin 3062)."""
    return len(code) == 7 and int(code[2:4]) >= 61
