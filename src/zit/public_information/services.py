"""Requests for public information: every write (register, assign, extend, fee notice, answer, refusal,
discontinuance, closing letter). Deadlines are counted by `public_information.deadlines`.

Rules beyond the counting:
- The extension (art. 13 ust. 2) needs its reason and a new date after the 14 days and no later than two
  months from filing; the notice must have been sent within the 14 days. An extension notified later is
  refused with a message, not recorded with a warning: a late notice does not extend anything in law, and
  recording it would make the platform show a deadline that does not exist. The office then answers at
  once, and the request is shown as overdue until it does.
- A refusal is a decision (art. 16): it needs a ground from the list (or "other" with its text) and a
  justification. A discontinuance needs its ground and justification too. A request for information that is
  not public information is closed by a letter, not a decision.
- Every step carries the date it was done (the day the letter went out or the decision was issued, never in
  the future, never before receipt) and its document (an uploaded file, or the text). A step done after
  the deadline in force is recorded and flagged late, and the request keeps the flag.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.core.roles import Perm, has_perm, require_unless_system
from zit.core.signed import file_sha256
from zit.public_information import deadlines
from zit.public_information.lifecycles import REQUEST, extension_notified_in_time
from zit.public_information.models import InformationRequest, RequestAction

State = InformationRequest.State
Kind = RequestAction.Kind

DOCUMENT_TYPES = (
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".rtf",
    ".txt",
    ".xml",
    ".eml",
    ".msg",
    ".jpg",
    ".jpeg",
    ".png",
    ".zip",
)
DOCUMENT_MAX = 20 * 1024 * 1024
NUMBER_FORMAT = "UIP.{sequence}.{year}"

# Which transition of `lifecycles_requests.REQUEST` each step fires (from where, who, the guards).
TRANSITION = {
    Kind.EXTENDED: "extend",
    Kind.FEE_NOTIFIED: "notify_fee",
    Kind.ANSWERED: "answer",
    Kind.REFUSED: "refuse",
    Kind.DISCONTINUED: "discontinue",
    Kind.LETTER: "close_by_letter",
    Kind.RECONSIDERATION: "request_reconsideration",
    Kind.UPHELD: "uphold",
    Kind.OVERTURNED: "overturn",
}
CLOSING = (Kind.ANSWERED, Kind.REFUSED, Kind.DISCONTINUED, Kind.LETTER, Kind.UPHELD, Kind.OVERTURNED)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _check_document(document: Any, field: str = "document") -> None:
    if not document:
        return
    if not getattr(document, "name", "").lower().endswith(DOCUMENT_TYPES):
        raise ValidationError(
            {
                field: _(
                    "Dołącz PDF, dokument tekstowy (DOCX, ODT, RTF), XML z ePUAP, zapisany e-mail (EML, MSG) lub skan."
                )
            }
        )
    if document.size > DOCUMENT_MAX:
        raise ValidationError({field: _("Plik jest większy niż 20 MB.")})


def _check_assignee(assignee: Any) -> None:
    if assignee is not None and not (assignee.is_active and has_perm(assignee, Perm.INFORMATION_REQUESTS)):
        raise ValidationError(
            {"assignee": _("Sprawę może prowadzić tylko aktywny pracownik biura z dostępem do wniosków.")}
        )


def _next_sequence(year: int) -> int:
    return (InformationRequest.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0) + 1


@transaction.atomic
def request_register(
    *,
    actor: Any,
    received_on: dt.date,
    channel: str,
    subject: str,
    requested_information: str,
    delivery: str,
    received_time: dt.time | None = None,
    requester_name: str = "",
    reply_email: str = "",
    reply_address: str = "",
    delivery_note: str = "",
    attachment: Any = None,
    assignee: Any = None,
    is_demo: bool = False,
    today: dt.date | None = None,
) -> InformationRequest:
    """Register a request under the next number of its year's register ("UIP.7.2026") and set its 14-day
    deadline. A name is not required (a request may be anonymous); an address to reply to is, unless the
    request was made in person or orally and the answer is given the same way."""
    require_unless_system(actor, Perm.INFORMATION_REQUESTS)
    errors: dict[str, str] = {}
    if received_on > _today(today):
        errors["received_on"] = _("Data wpływu nie może być z przyszłości.")
    if not subject.strip():
        errors["subject"] = _("Podaj krótko, czego dotyczy wniosek.")
    if not requested_information.strip():
        errors["requested_information"] = _("Przepisz lub streść, o jaką informację prosi wnioskodawca.")
    if channel not in InformationRequest.Channel.values:
        errors["channel"] = _("Wybierz sposób złożenia wniosku.")
    if delivery not in InformationRequest.Delivery.values:
        errors["delivery"] = _("Wybierz sposób udostępnienia.")
    needs_address = delivery not in (
        InformationRequest.Delivery.IN_PERSON,
        InformationRequest.Delivery.INSPECTION,
    )
    if needs_address and not (reply_email.strip() or reply_address.strip()):
        errors["reply_email"] = _(
            "Podaj e-mail albo adres, na który wyślemy odpowiedź (imię i nazwisko nie są potrzebne)."
        )
    if errors:
        raise ValidationError(errors)
    _check_document(attachment, "attachment")
    _check_assignee(assignee)
    year = received_on.year
    for _attempt in range(3):  # two people registering at once: the unique constraint decides, we retry
        sequence = _next_sequence(year)
        request = InformationRequest(
            year=year,
            sequence=sequence,
            number=NUMBER_FORMAT.format(sequence=sequence, year=year),
            received_on=received_on,
            received_time=received_time,
            channel=channel,
            requester_name=requester_name.strip(),
            reply_email=reply_email.strip(),
            reply_address=reply_address.strip(),
            subject=subject.strip(),
            requested_information=requested_information.strip(),
            delivery=delivery,
            delivery_note=delivery_note.strip(),
            assignee=assignee,
            deadline=deadlines.answer_deadline(received_on),
            is_demo=is_demo,
        )
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:
            continue
    else:
        raise ValidationError(_("Nie udało się nadać numeru: spróbuj jeszcze raz."))
    if attachment:
        request.attachment_sha256 = file_sha256(attachment)
        request.attachment.save(attachment.name, attachment, save=False)
        request.save(update_fields=["attachment", "attachment_sha256"])
    RequestAction.objects.create(
        request=request,
        kind=Kind.REGISTERED,
        done_on=received_on,
        text=_("Termin 14-dniowy: %(d)s.") % {"d": format_date(request.deadline)},
        created_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor,
        action="public_information.request_register",
        obj=request,
        after=audit.snapshot(request),
    )
    return request


@transaction.atomic
def request_assign(*, actor: Any, request: InformationRequest, assignee: Any) -> InformationRequest:
    require_unless_system(actor, Perm.INFORMATION_REQUESTS)
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    _check_assignee(assignee)
    before = audit.snapshot(request, ["assignee"])
    request.assignee = assignee
    request.save(update_fields=["assignee"])
    RequestAction.objects.create(
        request=request,
        kind=Kind.ASSIGNED,
        done_on=timezone.localdate(),
        text=(assignee.get_full_name() or assignee.get_username()) if assignee else _("bez przydziału"),
        created_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor,
        action="public_information.request_assign",
        obj=request,
        before=before,
        after=audit.snapshot(request, ["assignee"]),
    )
    return request


def _begin_step(
    actor: Any, request: InformationRequest, kind: str, done_on: dt.date | None, today: dt.date | None
) -> tuple[InformationRequest, dict[str, Any]]:
    """Lock the request, ask its lifecycle whether `actor` may take the step now (permission, state), check
    the date; return the locked row and its snapshot before the change."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    REQUEST.check(actor, request, TRANSITION[kind], Context(actor=actor, today=_today(today)))
    if done_on is None:
        raise ValidationError({"done_on": _("Podaj datę.")})
    if done_on > _today(today):
        raise ValidationError({"done_on": _("Data nie może być z przyszłości.")})
    if done_on < request.received_on:
        raise ValidationError(
            {
                "done_on": _("Data nie może być wcześniejsza niż wpływ wniosku (%(d)s).")
                % {"d": format_date(request.received_on)}
            }
        )
    return request, audit.snapshot(request)


def _save_step(
    actor: Any,
    request: InformationRequest,
    before: dict[str, Any],
    *,
    kind: str,
    done_on: dt.date,
    text: str = "",
    document: Any = None,
    late: bool = False,
    today: dt.date | None = None,
    changes: dict[str, Any] | None = None,
    **fields: Any,
) -> RequestAction:
    """Fire the step's transition: the request moves to its new state with `changes` (the extended date, the
    fee period), the step is recorded with its document, and the audit event names both."""
    action = RequestAction(
        request=request,
        kind=kind,
        done_on=done_on,
        text=text.strip(),
        late=late,
        created_by_label=audit.actor_label(actor),
        **fields,
    )
    after: dict[str, Any] = {}

    def apply(obj: InformationRequest) -> None:
        for name, value in (changes or {}).items():
            setattr(obj, name, value)
        if kind in CLOSING:
            obj.closed_on = done_on
        obj.late = obj.late or late
        if document:
            action.document_sha256 = file_sha256(document)
            action.document.save(document.name, document, save=False)
        action.save()
        after.update(
            audit.snapshot(obj)
            | {
                "step": audit.snapshot(
                    action,
                    ["kind", "done_on", "ground", "new_due_on", "fee_amount", "late", "document_sha256"],
                )
            }
        )

    REQUEST.fire(
        actor=actor,
        obj=request,
        name=TRANSITION[kind],
        today=_today(today),
        data={"done_on": done_on},
        apply=apply,
        before=before,
        after=after,
    )
    return action


def _require_content(text: str, document: Any, message: str) -> None:
    if not text.strip() and not document:
        raise ValidationError({"text": message})


@transaction.atomic
def request_extend(
    *,
    actor: Any,
    request: InformationRequest,
    notified_on: dt.date,
    new_due_on: dt.date | None,
    reason: str,
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """Art. 13 ust. 2: the requester is told, within the 14 days, why the information comes later and when."""
    request, before = _begin_step(actor, request, Kind.EXTENDED, notified_on, today)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Podaj przyczynę opóźnienia: ustawa wymaga jej wskazania wnioskodawcy.")
    limit = request.extension_limit
    if new_due_on is None:
        errors["new_due_on"] = _("Podaj nowy termin udostępnienia informacji.")
    elif new_due_on <= request.deadline:
        errors["new_due_on"] = _("Nowy termin musi być późniejszy niż termin 14-dniowy (%(d)s).") % {
            "d": format_date(request.deadline)
        }
    elif new_due_on > limit:
        errors["new_due_on"] = _(
            "Nowy termin nie może przekroczyć 2 miesięcy od dnia złożenia wniosku: najpóźniej %(d)s."
        ) % {"d": format_date(limit)}
    late_notice = extension_notified_in_time(
        request, Context(actor=actor, today=_today(today), data={"done_on": notified_on})
    )
    if late_notice:
        errors["done_on"] = str(late_notice)
    if errors:
        raise ValidationError(errors)
    _check_document(document)
    return _save_step(
        actor,
        request,
        before,
        kind=Kind.EXTENDED,
        done_on=notified_on,
        text=reason,
        document=document,
        today=today,
        changes={"extended_to": new_due_on, "extension_reason": reason.strip()},
        new_due_on=new_due_on,
    )


@transaction.atomic
def request_notify_fee(
    *,
    actor: Any,
    request: InformationRequest,
    notified_on: dt.date,
    amount: Decimal | None,
    text: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """Art. 15 ust. 2: the fee for the extra cost of the requested way of delivery, notified within the
    deadline; the requester then has 14 days to change or withdraw the request."""
    request, before = _begin_step(actor, request, Kind.FEE_NOTIFIED, notified_on, today)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Podaj wysokość opłaty większą od zera.")})
    _require_content(
        text, document, _("Wpisz treść powiadomienia albo dołącz plik – jedno z nich jest wymagane.")
    )
    _check_document(document)
    late = notified_on > request.due_on
    fee_period_end = deadlines.fee_period_end(notified_on)
    return _save_step(
        actor,
        request,
        before,
        kind=Kind.FEE_NOTIFIED,
        done_on=notified_on,
        text=text,
        document=document,
        late=late,
        today=today,
        changes={"fee_period_end": fee_period_end},
        fee_amount=amount,
        new_due_on=fee_period_end,
    )


def _late_closing(request: InformationRequest, done_on: dt.date) -> bool:
    """After a fee notice the law sets no fixed end (the information follows the requester's 14 days), so a
    closing is late only against the 14 days or the extended date."""
    if request.state == State.FEE_NOTIFIED:
        return False
    return done_on > request.due_on


@transaction.atomic
def request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    answered_on: dt.date,
    text: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    request, before = _begin_step(actor, request, Kind.ANSWERED, answered_on, today)
    _require_content(
        text, document, _("Wpisz treść odpowiedzi albo dołącz plik – jedno z nich jest wymagane.")
    )
    _check_document(document)
    return _save_step(
        actor,
        request,
        before,
        kind=Kind.ANSWERED,
        done_on=answered_on,
        text=text,
        document=document,
        late=_late_closing(request, answered_on),
        today=today,
    )


def _check_ground(ground: str, ground_other: str, choices: Any, justification: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if ground not in choices.values:
        errors["ground"] = _("Wybierz podstawę prawną z listy.")
    elif ground == "other" and not ground_other.strip():
        errors["ground_other"] = _("Opisz inną podstawę prawną.")
    if not justification.strip():
        errors["text"] = _("Decyzja wymaga uzasadnienia: wpisz je.")
    return errors


def _decide(
    actor, request, *, kind, grounds, decided_on, ground, justification, ground_other, document, today
):
    """A decision (art. 16): its legal ground from `grounds`, a justification, and the document if any."""
    request, before = _begin_step(actor, request, kind, decided_on, today)
    errors = _check_ground(ground, ground_other, grounds, justification)
    if errors:
        raise ValidationError(errors)
    _check_document(document)
    return _save_step(
        actor,
        request,
        before,
        kind=kind,
        done_on=decided_on,
        text=justification,
        document=document,
        late=_late_closing(request, decided_on),
        today=today,
        ground=ground,
        ground_other=ground_other.strip() if ground == "other" else "",
    )


@transaction.atomic
def request_refuse(
    *,
    actor: Any,
    request: InformationRequest,
    decided_on: dt.date,
    ground: str,
    justification: str,
    ground_other: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """Art. 16: a refusal is an administrative decision with its legal ground and justification."""
    return _decide(
        actor,
        request,
        kind=Kind.REFUSED,
        grounds=RequestAction.Ground,
        decided_on=decided_on,
        ground=ground,
        justification=justification,
        ground_other=ground_other,
        document=document,
        today=today,
    )


@transaction.atomic
def request_discontinue(
    *,
    actor: Any,
    request: InformationRequest,
    decided_on: dt.date,
    ground: str,
    justification: str,
    ground_other: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """Art. 14 ust. 2 with art. 16: a decision discontinuing the proceedings, with its ground and justification."""
    return _decide(
        actor,
        request,
        kind=Kind.DISCONTINUED,
        grounds=RequestAction.DiscontinueGround,
        decided_on=decided_on,
        ground=ground,
        justification=justification,
        ground_other=ground_other,
        document=document,
        today=today,
    )


@transaction.atomic
def request_close_by_letter(
    *,
    actor: Any,
    request: InformationRequest,
    sent_on: dt.date,
    reason: str,
    text: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """What was asked is not public information (or the association does not hold it): a letter, no decision."""
    request, before = _begin_step(actor, request, Kind.LETTER, sent_on, today)
    if reason not in RequestAction.LetterReason.values:
        raise ValidationError({"ground": _("Wybierz, dlaczego sprawę zamyka pismo.")})
    _require_content(text, document, _("Wpisz treść pisma albo dołącz plik – jedno z nich jest wymagane."))
    _check_document(document)
    return _save_step(
        actor,
        request,
        before,
        kind=Kind.LETTER,
        done_on=sent_on,
        text=text,
        document=document,
        late=_late_closing(request, sent_on),
        today=today,
        ground=reason,
    )
