"""What the list of strategic projects asks the register of resolutions (`zit.projects.hooks.ListRegister`):
whether a decision is an adopted resolution of the register that carries the list version, which resolutions
carry a version (for the list's page), and, for the demo, the Rada's resolution that approves the demo list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zit.core.models import DecisionReference
from zit.governance.models import Resolution, ResolutionKind

LIST_KINDS = (ResolutionKind.PROJECT_LIST, ResolutionKind.SAVINGS_REALLOCATION)


def list_resolution_problem(version: Any, decision: DecisionReference) -> str | None:
    resolution = Resolution.objects.filter(decision=decision).first()
    if resolution is None:
        return _(
            "Uchwały „%(d)s” nie ma w rejestrze uchwał: listę zatwierdza tylko uchwała z rejestru, która ją niesie."
        ) % {"d": decision}
    if resolution.status != Resolution.Status.ADOPTED:
        return _("Uchwała %(n)s nie jest podjęta (%(s)s): listę zatwierdza tylko podjęta uchwała.") % {
            "n": resolution.number or resolution.subject,
            "s": resolution.get_status_display(),
        }
    if resolution.kind not in LIST_KINDS or resolution.list_version_id != version.pk:
        return _("Uchwała %(n)s nie niesie wersji %(v)d listy, więc jej nie zatwierdza.") % {
            "n": resolution.number,
            "v": version.number,
        }
    return None


def list_approvals(version: Any) -> list[dict[str, Any]]:
    from zit.governance.resolutions import full_title

    return [
        {
            "title": full_title(r),  # the document's own Polish title (`lang="pl"` on the page)
            "state": r.get_status_display(),
            "effect": r.get_effect_display() if r.status == Resolution.Status.ADOPTED else "",
            "effect_note": r.effect_note if r.effect == Resolution.Effect.PENDING else "",
            "adopted": r.status == Resolution.Status.ADOPTED,
            "adopted_on": r.adopted_on,
            "url": reverse("governance:resolution", args=[r.pk]),
        }
        for r in Resolution.objects.filter(list_version=version).select_related("body").order_by("-pk")
    ]


def demo_list_approve(version: Any, day: dt.date) -> Resolution:
    """The demo Rada's meeting on `day` adopts, from the minutes, the resolution carrying the demo list; its
    effect approves the list. Everything is flagged demo."""
    from zit.association.models import Body
    from zit.governance import meetings, resolutions, votes
    from zit.governance.demo import DEMO_PREPARED_BY, _at, _representatives
    from zit.governance.models import Ballot

    rada = Body.objects.get(slug="rada")
    _representatives()  # the demo delegates (idempotent): the governance demo adds the same
    meeting = meetings.meeting_save(
        actor=None,
        is_demo=True,
        body=rada,
        number="demo 1/2025",
        starts_at=_at(day, 10),
        ends_at=_at(day, 11),
        place="Konin, ul. płk. Witolda Sztarka 1, sala posiedzeń (demo)",
        invitation_note="Posiedzenie przykładowe – dane demonstracyjne.",
    )
    resolution = resolutions.resolution_save(
        actor=None,
        body=rada,
        is_demo=True,
        kind=ResolutionKind.PROJECT_LIST,
        list_version=version,
        subject="przyjęcia listy projektów strategicznych – załącznika do Strategii ZIT (demo)",
        text=(
            "Przyjmuje się listę projektów strategicznych, stanowiącą załącznik do uchwały i do Strategii ZIT.\n\n"
            "Wykonanie uchwały powierza się Zarządowi Stowarzyszenia."
        ),
    )
    meetings.agenda_item_save(
        actor=None,
        meeting=meeting,
        title=f"Podjęcie uchwały w sprawie {resolution.subject}",
        resolution=resolution,
    )
    for seat in meetings.meeting_seats(meeting):
        present = seat.representative is not None
        meetings.attendance_record(actor=None, meeting=meeting, seat=seat.key, present=present)
    meetings.meeting_open(actor=None, meeting=meeting)
    meetings.meeting_close(actor=None, meeting=meeting, minutes_notes="Przebieg obrad przykładowy – demo.")
    meetings.demo_meeting_hours(meeting, minutes=60)
    resolution.refresh_from_db()
    vote = votes.vote_start(actor=None, resolution=resolution, mode="minutes")
    for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
        votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=Ballot.Choice.FOR)
    adopted = votes.vote_close(actor=None, vote=vote)
    meetings.meeting_publish(actor=None, meeting=meeting, prepared_by=DEMO_PREPARED_BY)
    return adopted
