"""The office-written sections of the BIP subject page: saved with their metryczka, every change audited
(the page's history is read from the audit log). The texts the platform offers until the office writes its
own are the defaults below, shown as such."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.governance.models import BipSection

DEFAULTS = {
    BipSection.Key.NOT_PUBLISHED: gettext_lazy(
        "Informacja publiczna, której nie ma w Biuletynie Informacji Publicznej, jest udostępniana na "
        "wniosek (art. 10 ust. 1 ustawy o dostępie do informacji publicznej). Wniosek można złożyć pisemnie, "
        "e-mailem, przez ePUAP lub ustnie w biurze; nie trzeba podawać imienia i nazwiska ani uzasadniać "
        "wniosku (art. 2 ust. 2). Informację udostępniamy bez zbędnej zwłoki, nie później niż w 14 dni "
        "(art. 13 ust. 1), a gdy to niemożliwe – w terminie, o którym zawiadamiamy, nie dłuższym niż 2 "
        "miesiące (art. 13 ust. 2). Informację, którą można udostępnić od razu, udostępniamy ustnie lub "
        "pisemnie bez pisemnego wniosku (art. 10 ust. 2). Od decyzji o odmowie przysługuje wniosek o "
        "ponowne rozpatrzenie sprawy w 14 dni od doręczenia (art. 17 ust. 2)."
    ),
    BipSection.Key.INSTRUCTIONS: gettext_lazy(
        "Strona podmiotowa BIP Stowarzyszenia składa się z działów odpowiadających kategoriom informacji "
        "publicznej z art. 6 ustawy o dostępie do informacji publicznej. Każdy dział ma metryczkę: kto "
        "wytworzył informację, kto i kiedy ją wprowadził oraz historię zmian. Rejestry (uchwały, posiedzenia, "
        "dokumenty, wnioski o informację publiczną) mają własne strony z wyszukiwaniem i filtrami; każdą "
        "stronę można wydrukować z przeglądarki, a rejestry pobrać jako plik CSV. Informacji, których tu nie "
        "ma, udziela biuro na wniosek – patrz dział „Informacje nieudostępnione w BIP”."
    ),
}


def section_text(section: BipSection | None, key: str) -> str:
    return section.text if section else str(DEFAULTS.get(key, ""))


@transaction.atomic
def bip_section_save(
    *, actor: Any, key: str, text: str, prepared_by: str, prepared_on: dt.date | None = None
) -> BipSection:
    """Write a section (first time or a change): the metryczka names who produced and who entered it."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    errors: dict[str, str] = {}
    if key not in BipSection.Key.values:
        errors["key"] = _("Nie ma takiego działu BIP.")
    if not text.strip():
        errors["text"] = _("Wpisz treść działu.")
    if not prepared_by.strip():
        errors["prepared_by"] = _("Podaj, kto wytworzył informację (imię, nazwisko, funkcja).")
    if prepared_on and prepared_on > timezone.localdate():
        errors["prepared_on"] = _("Data wytworzenia nie może być z przyszłości.")
    if errors:
        raise ValidationError(errors)
    section = BipSection.objects.select_for_update().filter(key=key).first()
    before = audit.snapshot(section) if section else None
    if section is None:
        section = BipSection(key=key)
    section.text = text.strip()
    section.prepared_by = prepared_by.strip()
    section.prepared_on = prepared_on or timezone.localdate()
    section.published_by_label = audit.actor_label(actor)
    section.published_at = timezone.now()
    section.save()
    audit.record(
        actor=actor,
        action="governance.bip_section_save",
        obj=section,
        before=before,
        after=audit.snapshot(section),
    )
    return section
