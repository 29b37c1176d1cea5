"""Meetings of the bodies: planning, the agenda, invitations, attendance with the live quorum, minutes. Opening,
closing and cancelling go through the meeting's lifecycle (`lifecycles.MEETING`: from where, who, the guards)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Person
from zit.core import audit
from zit.core.formatting import polish_date
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import signed_document_draft, signed_document_for
from zit.governance.lifecycles import MEETING
from zit.governance.models import AgendaItem, Attendance, Meeting, Resolution
from zit.governance.voting import Seat, quorum_required, seats

MINUTES_KIND = "governance.minutes"
MEETING_FIELDS = (
    "body",
    "number",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "chair",
    "minutes_taker",
    "invitation_note",
)
# what people need to know again when it changes after the invitations went out
_INVITATION_FIELDS = ("starts_at", "ends_at", "place", "online_url")


def _check(actor: Any) -> None:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)


def _not_finished(meeting: Meeting) -> None:
    if meeting.is_finished:
        raise ValidationError(
            _("Posiedzenie jest %(s)s: nie można go już zmieniać.") % {"s": meeting.get_status_display()}
        )


@transaction.atomic
def meeting_save(
    *, actor: Any, meeting: Meeting | None = None, is_demo: bool = False, **fields: Any
) -> Meeting:
    """Plan a meeting or change its details; a change of time or place after the invitations raises the
    calendar sequence, so that calendars update the event when the update is sent."""
    _check(actor)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    before = None
    if meeting is None:
        meeting = Meeting(is_demo=is_demo)
    else:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _not_finished(meeting)
        before = audit.snapshot(meeting)
        if "body" in fields and fields["body"] != meeting.body and meeting.attendance.exists():
            raise ValidationError({"body": _("Lista obecności już jest: nie można zmienić organu.")})
    for name, value in fields.items():
        setattr(
            meeting, name, value if value is not None or name in ("ends_at", "chair", "minutes_taker") else ""
        )
    errors: dict[str, str] = {}
    if not meeting.place.strip() and not meeting.online_url:
        errors["place"] = _("Podaj miejsce posiedzenia albo link do spotkania online.")
    if meeting.ends_at and meeting.starts_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("Koniec musi być później niż początek.")
    if errors:
        raise ValidationError(errors)
    if before and any(before.get(f) != audit.snapshot(meeting).get(f) for f in _INVITATION_FIELDS):
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    after = audit.snapshot(meeting)
    if before is None or audit.changed(before, after):
        audit.record(
            actor=actor,
            action="governance.meeting_update" if before else "governance.meeting_create",
            obj=meeting,
            before=before,
            after=after,
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting not yet opened, with the reason the notice gives (`lifecycles.MEETING`, "cancel")."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)

    def apply(obj: Meeting) -> None:
        obj.sequence += 1  # calendars drop the event when the update is sent

    MEETING.fire(
        actor=actor,
        obj=meeting,
        name="cancel",
        reason=reason,
        apply=apply,
        before={"status": meeting.status},
        after={"status": Meeting.Status.CANCELLED},
    )
    return meeting


# --- the agenda


@transaction.atomic
def agenda_item_save(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    description: str = "",
    resolution: Resolution | None = None,
    item: AgendaItem | None = None,
) -> AgendaItem:
    """An agenda item, optionally pointing at the draft resolution it decides (same body, not yet voted)."""
    _check(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _not_finished(meeting)
    if not title.strip():
        raise ValidationError({"title": _("Podaj treść punktu porządku obrad.")})
    if resolution is not None:
        if resolution.body_id != meeting.body_id:
            raise ValidationError({"resolution": _("Ten projekt uchwały jest dla innego organu.")})
        if not resolution.is_draft:
            raise ValidationError({"resolution": _("Nad tą uchwałą już głosowano.")})
        taken = AgendaItem.objects.filter(resolution=resolution).exclude(pk=getattr(item, "pk", None)).first()
        if taken is not None:
            raise ValidationError(
                {"resolution": _("Ten projekt jest już w porządku obrad: %(m)s.") % {"m": taken.meeting}}
            )
    before = audit.snapshot(item) if item else None
    if item is None:
        order = (meeting.agenda.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem(meeting=meeting, order=order)
    item.title, item.description, item.resolution = title.strip(), description.strip(), resolution
    item.save()
    if resolution is not None and resolution.meeting_id != meeting.pk:
        Resolution.objects.filter(pk=resolution.pk).update(meeting=meeting)
    audit.record(
        actor=actor,
        action="governance.agenda_update" if before else "governance.agenda_add",
        obj=meeting,
        before=before,
        after=audit.snapshot(item),
    )
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    _check(actor)
    _not_finished(item.meeting)
    if item.resolution and not item.resolution.is_editable:
        raise ValidationError(_("Nad uchwałą z tego punktu głosowano albo trwa głosowanie: punkt zostaje."))
    meeting, snapshot = item.meeting, audit.snapshot(item)
    if item.resolution_id:
        Resolution.objects.filter(pk=item.resolution_id).update(meeting=None)
    item.delete()
    for number, other in enumerate(meeting.agenda.all(), start=1):
        if other.order != number:
            AgendaItem.objects.filter(pk=other.pk).update(order=number)
    audit.record(actor=actor, action="governance.agenda_remove", obj=meeting, before=snapshot)


@transaction.atomic
def agenda_item_move(*, actor: Any, item: AgendaItem, up: bool) -> AgendaItem:
    _check(actor)
    _not_finished(item.meeting)
    items = list(item.meeting.agenda.select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        for number, other in enumerate(items, start=1):
            AgendaItem.objects.filter(pk=other.pk).update(order=number)
        audit.record(
            actor=actor,
            action="governance.agenda_move",
            obj=item.meeting,
            after={"order": [other.title for other in items]},
        )
    item.refresh_from_db()
    return item


# --- attendance and quorum


@dataclass(frozen=True)
class Quorum:
    composition: int
    present: int
    required: int

    @property
    def met(self) -> bool:
        return self.composition > 0 and self.present >= self.required


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.starts_at).date()


def meeting_seats(meeting: Meeting) -> list[Seat]:
    return seats(meeting.body, meeting_day(meeting))


def quorum(meeting: Meeting, composition: list[Seat] | None = None) -> Quorum:
    composition = meeting_seats(meeting) if composition is None else composition
    keys = {s.key for s in composition}
    present = sum(1 for a in meeting.attendance.filter(present=True) if a.seat in keys)
    return Quorum(len(composition), present, quorum_required(meeting.body.quorum, len(composition)))


@transaction.atomic
def attendance_record(
    *, actor: Any, meeting: Meeting, seat: str, present: bool, person: Person | None = None, note: str = ""
) -> Attendance:
    """Mark one seat present or absent. Someone other than the seat's representative may sit for it (a
    substitute with a power of attorney): name them; a seat without a representative needs a name to be
    present."""
    _check(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _not_finished(meeting)
    by_key = {s.key: s for s in meeting_seats(meeting)}
    if seat not in by_key:
        raise ValidationError(_("Ta osoba lub ten członek nie zasiada w organie w dniu posiedzenia."))
    place = by_key[seat]
    person = person or place.representative
    if present and person is None:
        raise ValidationError(
            {
                "person": _("%(s)s nie ma przedstawiciela: wskaż osobę, która jest obecna.")
                % {"s": place.label}
            }
        )
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting, seat=seat, defaults={"member": place.member}
    )
    before = None if created else audit.snapshot(attendance)
    attendance.present, attendance.person, attendance.note = present, person if present else None, note
    attendance.save()
    after = audit.snapshot(attendance)
    if before is None or audit.changed(before, after):
        audit.record(actor=actor, action="governance.attendance", obj=meeting, before=before, after=after)
    return attendance


@transaction.atomic
def attendance_all_present(*, actor: Any, meeting: Meeting) -> int:
    """Mark present, in one step, every seat not yet checked whose representative can be present (a seat
    with nobody to sit in it is marked absent); the secretary then corrects the few absent ones. Returns how
    many were marked present."""
    _check(actor)
    checked = set(meeting.attendance.values_list("seat", flat=True))
    marked = 0
    for seat in meeting_seats(meeting):
        if seat.key not in checked:
            here = seat.representative is not None
            attendance_record(actor=actor, meeting=meeting, seat=seat.key, present=here)
            marked += here
    return marked


@transaction.atomic
def demo_meeting_hours(meeting: Meeting, *, minutes: int = 105) -> None:
    """A demo meeting is opened and closed in the same second by the loader; its record says it sat from its
    scheduled start for as long as a real one would."""
    if not meeting.is_demo:
        raise ValueError("only demo meetings get their hours set")
    Meeting.objects.filter(pk=meeting.pk).update(
        opened_at=meeting.starts_at, closed_at=meeting.starts_at + dt.timedelta(minutes=minutes)
    )
    meeting.refresh_from_db()


@transaction.atomic
def meeting_open(*, actor: Any, meeting: Meeting) -> Meeting:
    """The chair opens the meeting: votes can be recorded live from now on."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)

    def apply(obj: Meeting) -> None:
        obj.opened_at = timezone.now()

    MEETING.fire(
        actor=actor,
        obj=meeting,
        name="open",
        apply=apply,
        before={"status": meeting.status},
        after={"status": Meeting.Status.OPEN},
    )
    return meeting


@transaction.atomic
def meeting_close(*, actor: Any, meeting: Meeting, minutes_notes: str | None = None) -> Meeting:
    """Close the meeting; a vote still open must be closed first. The minutes can be generated afterwards."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)

    def apply(obj: Meeting) -> None:
        obj.closed_at = timezone.now()
        if minutes_notes is not None:
            obj.minutes_notes = minutes_notes.replace("\r\n", "\n")

    MEETING.fire(
        actor=actor,
        obj=meeting,
        name="close",
        apply=apply,
        before={"status": meeting.status},
        after={"status": Meeting.Status.CLOSED},
    )
    return meeting


@transaction.atomic
def minutes_notes_save(*, actor: Any, meeting: Meeting, minutes_notes: str) -> Meeting:
    """The account of the debate, editable until the signed minutes are uploaded."""
    _check(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    document = signed_document_for(subject=meeting, kind=MINUTES_KIND)
    if document is not None and document.locked:
        raise ValidationError(_("Protokół jest już podpisany: jego treści nie można zmienić."))
    before = {"minutes_notes": meeting.minutes_notes}
    meeting.minutes_notes = minutes_notes.replace("\r\n", "\n")
    meeting.save(update_fields=["minutes_notes"])
    audit.record(
        actor=actor,
        action="governance.minutes_notes",
        obj=meeting,
        before=before,
        after={"minutes_notes": minutes_notes},
    )
    return meeting


@transaction.atomic
def minutes_generate(*, actor: Any, meeting: Meeting):
    """The minutes as an editable DOCX to sign; the signed file uploaded later is the record."""
    from zit.governance.documents import minutes_docx
    from zit.governance.resolutions import issuer

    _check(actor)
    meeting = Meeting.objects.select_related("body", "chair").get(pk=meeting.pk)
    if not meeting.is_closed:
        raise ValidationError(_("Protokół przygotowuje się po zamknięciu posiedzenia."))
    return signed_document_draft(
        actor=actor,
        subject=meeting,
        kind=MINUTES_KIND,
        title=f"Protokół z posiedzenia {issuer(meeting.body)}, {polish_date(meeting_day(meeting))}",
        content=minutes_docx(meeting),
        filename=f"protokol-{meeting.body.slug}-{meeting_day(meeting):%Y-%m-%d}.docx",
        read_perm=Perm.GOVERNANCE_VIEW,
        write_perm=Perm.GOVERNANCE_MANAGE,
    )


@transaction.atomic
def meeting_publish(*, actor: Any, meeting: Meeting, prepared_by: str) -> Meeting:
    """Put the meeting (date, place, agenda; later its signed minutes) in the public register."""
    _check(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not prepared_by.strip():
        raise ValidationError(
            {"prepared_by": _("Podaj, kto przygotował informację (imię, nazwisko, funkcja).")}
        )
    before = audit.snapshot(meeting, ["prepared_by", "prepared_on", "published_at", "published_by_label"])
    meeting.prepared_by = prepared_by.strip()
    meeting.prepared_on = meeting.prepared_on or timezone.localdate()
    if meeting.published_at is None:
        meeting.published_at, meeting.published_by_label = timezone.now(), audit.actor_label(actor)
    meeting.save()
    audit.record(
        actor=actor,
        action="governance.meeting_publish",
        obj=meeting,
        before=before,
        after=audit.snapshot(meeting, ["prepared_by", "prepared_on", "published_at", "published_by_label"]),
    )
    return meeting
