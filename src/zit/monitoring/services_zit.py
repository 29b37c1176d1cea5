"""Recording the managing authority's (IZ) values of the ZIT indicators, to compare with the association's
own count (`indicators_zit`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.monitoring.models_zit import IzIndicatorFigure


@transaction.atomic
def iz_figure_record(
    *,
    actor: Any,
    code: str,
    value: Decimal,
    as_of: dt.date,
    source: str,
    note: str = "",
    is_demo: bool = False,
) -> IzIndicatorFigure:
    """One value the IZ reported, with the day it is for and where it was read. Older values stay."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    errors: dict[str, str] = {}
    if code not in IzIndicatorFigure.Code.values:
        errors["code"] = _("Wybierz jeden ze wskaźników ZIT: RCO74, RCO75, RCO76 albo RCO112.")
    if value is None or value < 0:
        errors["value"] = _("Podaj wartość podaną przez IZ: liczbę nie mniejszą niż zero.")
    if as_of is None:
        errors["as_of"] = _("Podaj dzień, na który IZ podaje wartość.")
    elif as_of > timezone.localdate():
        errors["as_of"] = _("Dzień, na który IZ podaje wartość, nie może być w przyszłości.")
    if not (source or "").strip():
        errors["source"] = _(
            "Podaj źródło: pismo IZ ze znakiem i datą, sprawozdanie albo wydruk z systemu IZ."
        )
    if errors:
        raise ValidationError(errors)
    figure = IzIndicatorFigure.objects.create(
        code=code,
        value=value,
        as_of=as_of,
        source=source.strip(),
        note=note.strip(),
        is_demo=is_demo,
        recorded_by_label=audit.actor_label(actor),
    )
    audit.record(actor=actor, action="monitoring.iz_figure_record", obj=figure, after=audit.snapshot(figure))
    return figure
