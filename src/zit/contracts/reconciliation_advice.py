"""What to do about a difference, which depends on who is behind. When the IZ's export shows what the platform
has already moved past (the amounts before an amendment the platform holds, an earlier stage of the project,
fewer settled expenses than the noted progress information), the IZ is behind: the platform's record stays, and the office
asks the IZ to update or waits for its next export. When the export is ahead, the platform is behind and the
office records what it lacks (an amendment, a change of state, a report). Where the values cannot say, the
usual ways are offered: take the IZ's value here, or change it on the project's card."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zit.contracts.models import AmountRecord, Difference
from zit.contracts.reconciliation_fields import AMENDED, FIELD_BY_KEY, STATUS_GROUPS, decode_value, same_value
from zit.core.formatting import format_date

# the stages a project passes through in order; the others (rejected, terminated, withdrawn) end it and say
# nothing about who is behind
STAGES = ("before", "evaluation", "selected", "contracted", "settled")


@dataclass(frozen=True)
class Advice:
    """The suggested action for one difference: who is behind, what to say, and which buttons fit."""

    iz_behind: bool = False
    platform_behind: bool = False
    text: str = ""
    correct_here: bool = False  # "Przyjmij wartość z IZ"
    fix_url: str = ""  # where the platform's record is changed (an amendment, the project's card)
    fix_label: str = ""
    note: str = ""  # the explanation offered when the office confirms the platform's data


def _card_url(difference: Difference) -> str:
    return reverse("projects:card", args=[difference.card_id])


def _earlier_amounts(difference: Difference, field: str, theirs: Any) -> AmountRecord | None:
    """The amounts record of the platform's own history that holds the IZ's value, when it is not the current
    one: the IZ still shows the contract as it stood before a later amendment."""
    contract = getattr(difference.card, "contract", None)
    if contract is None:
        return None
    records = list(
        contract.amount_history.all()
    )  # oldest first; the page prefetches them with their amendments
    spec = FIELD_BY_KEY[field]
    for index, record in enumerate(records[:-1]):
        if same_value(spec, getattr(record, field), theirs):
            return records[index + 1]  # the change the IZ does not show yet
    return None


def _iz_behind(text: str, note: str) -> Advice:
    return Advice(iz_behind=True, text=text, note=note)


def advise(difference: Difference) -> Advice:
    """The action that matches who is behind (see the module's note)."""
    from zit.contracts.reconciliation import correctable_here, where_to_fix

    fix_url = where_to_fix(difference)
    by_amendment = bool(fix_url) and fix_url != _card_url(difference)
    usual = Advice(
        correct_here=correctable_here(difference),
        fix_url=fix_url,
        fix_label=_("Zarejestruj aneks") if by_amendment else _("Otwórz kartę projektu"),
    )
    field = FIELD_BY_KEY.get(difference.field)
    if difference.kind != Difference.Kind.VALUE or field is None or difference.card_id is None:
        return usual
    ours = decode_value(field, difference.platform_value)
    theirs = decode_value(field, difference.iz_value)
    if field.key == "status" and ours in STAGES and theirs in STAGES:
        shown = {"ours": str(STATUS_GROUPS[ours]), "theirs": str(STATUS_GROUPS[theirs])}
        if STAGES.index(theirs) < STAGES.index(ours):
            return _iz_behind(
                _(
                    "IZ jest w tyle: w platformie projekt jest już na etapie „%(ours)s”, a zestawienie IZ "
                    "pokazuje „%(theirs)s”. Nie cofaj stanu w platformie: poproś IZ o aktualizację albo "
                    "poczekaj na jej nowsze zestawienie, a tę różnicę potwierdź jako dane platformy."
                )
                % shown,
                _(
                    "Zestawienie IZ pokazuje wcześniejszy etap projektu (%(theirs)s); IZ jeszcze go nie zmieniła."
                )
                % shown,
            )
        return Advice(
            platform_behind=True,
            text=_(
                "Platforma jest w tyle: w IZ projekt jest już na etapie „%(theirs)s”, a w platformie – "
                "„%(ours)s”. Zmień stan na karcie projektu, potem kliknij „Sprawdź ponownie”."
            )
            % shown,
            fix_url=_card_url(difference),
            fix_label=_("Otwórz kartę projektu"),
        )
    if field.key in AMENDED and theirs is not None:
        later = _earlier_amounts(difference, field.key, theirs)
        if later is not None:
            if later.amendment is not None:
                change = _("aneksu nr %(n)s z %(d)s") % {
                    "n": later.amendment.number,
                    "d": format_date(later.amendment.signed_on),
                }
            else:
                change = _("zmiany z %(d)s") % {"d": format_date(later.valid_from)}
            return _iz_behind(
                _(
                    "IZ jest w tyle: zestawienie IZ pokazuje wartość sprzed %(c)s, a platforma tę zmianę już ma. "
                    "Nie rejestruj aneksu: poproś IZ o uwzględnienie zmiany albo poczekaj na jej nowsze "
                    "zestawienie, a tę różnicę potwierdź jako dane platformy."
                )
                % {"c": change},
                _("Zestawienie IZ nie uwzględnia jeszcze %(c)s.") % {"c": change},
            )
        return usual
    if field.key == "spent_pln" and isinstance(ours, Decimal) and isinstance(theirs, Decimal):
        if theirs < ours:
            return _iz_behind(
                _(
                    "IZ jest w tyle: odnotowane w platformie informacje o postępie wykazują więcej wydatków, "
                    "niż IZ rozliczyła. Nie zmieniaj ich: IZ weryfikuje wydatki we wnioskach o płatność; "
                    "tę różnicę potwierdź jako dane platformy."
                ),
                _("IZ nie rozliczyła jeszcze wszystkich wydatków z odnotowanych informacji o postępie."),
            )
        return Advice(
            platform_behind=True,
            text=_(
                "Platforma jest w tyle: IZ rozliczyła więcej wydatków, niż wykazują odnotowane w platformie "
                "informacje o postępie (są dobrowolne). Sprawdź na karcie projektu informacje czekające "
                "na odnotowanie."
            ),
            fix_url=_card_url(difference),
            fix_label=_("Otwórz kartę projektu"),
        )
    return usual
