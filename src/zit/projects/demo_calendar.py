"""Demo data of the IZ's calendar (labelled demo): two versions of the call schedule, the second moving one
call and adding another, and a call of the main list's measure open now and ending in ten days, so that the
listed demo cards without an application show the alert in the inbox."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from zit.projects import calls, schedule
from zit.projects.models import Call

HEADER = "numer naboru;nazwa;działanie;tryb;początek;koniec;kwota"


def load_calendar_demo(recorded: Call) -> None:
    """`recorded`: the demo's past call, which the schedule repeats as the IZ recorded it."""
    today = timezone.localdate()
    yy = today.year % 100
    open_call = calls.call_save(
        actor=None,
        number=f"FEWP.03.02-IZ.00-001/{yy:02d}",
        measure=recorded.measure,
        mode=Call.Mode.NON_COMPETITIVE,
        limit_pln=Decimal("18000000"),
        opens_on=today - dt.timedelta(days=20),
        closes_on=today + dt.timedelta(days=10),
        is_demo=True,
    )
    past = f"{recorded.number};Mobilność miejska ZIT (demo);3.2;niekonkurencyjny;{recorded.opens_on};{recorded.closes_on};24 000 000,00"
    now = (
        f"{open_call.number};Mobilność miejska ZIT – II nabór (demo);3.2;niekonkurencyjny;"
        f"{open_call.opens_on};{open_call.closes_on};18 000 000,00"
    )
    later = f";Zieleń w miastach ZIT (demo);10.4;niekonkurencyjny;{today.year + 1}-03;{today.year + 1}-05;6 500 000,00"
    schedule.schedule_version_create(
        actor=None,
        published_on=dt.date(2025, 1, 31),
        source="Harmonogram naborów FEW 2021+ na 2025 r. (demo)",
        table=schedule.read_typed("\n".join([HEADER, past])),
        is_demo=True,
    )
    schedule.schedule_version_create(
        actor=None,
        published_on=today - dt.timedelta(days=40),
        source="Aktualizacja harmonogramu naborów FEW 2021+ (demo)",
        note="Dodano nabory na bieżący i przyszły rok (demo).",
        table=schedule.read_typed("\n".join([HEADER, past, now, later])),
        is_demo=True,
    )
