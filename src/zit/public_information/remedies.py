"""What follows a decision in a request for public information, and a complaint to the administrative court.

- Request for reconsideration (wniosek o ponowne rozpatrzenie sprawy): the association is not an organ of
  public authority with a higher instance, so its refusal or discontinuance is open to a request for
  reconsideration, not an appeal (art. 17 ust. 2 of the act; art. 127 § 3 KPA). It is filed within 14 days
  of the delivery of the decision (art. 129 § 2 KPA, applied through art. 16 ust. 2 and art. 17 ust. 1 of the
  act); a request filed later is refused here with a message: the office records the finding that the
  deadline was missed (art. 134 KPA) outside this step. The association decides within 14 days (art. 16
  ust. 2 pkt 1 and art. 17 ust. 2): it upholds the decision or overturns it and provides the information.
- Complaint to the administrative court (skarga na bezczynność, skarga na decyzję): lodged through the
  association (art. 54 § 1 PPSA), forwarded to the court with the file and the answer within 15 days of its
  receipt (art. 21 pkt 1 of the act, which shortens the 30 days of art. 54 § 2 PPSA).
Every deadline is counted by `public_information.deadlines` (KPA art. 57: the starting day not counted, a
Saturday or a day off at the end moves it to the next working day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require_unless_system
from zit.public_information import deadlines
from zit.public_information.lifecycles import COMPLAINT
from zit.public_information.models import InactionComplaint, InformationRequest, RequestAction
from zit.public_information.services import (
    _begin_step,
    _check_document,
    _require_content,
    _save_step,
    _today,
)

Kind = RequestAction.Kind
DECISIONS = (Kind.REFUSED, Kind.DISCONTINUED)


def last_decision(request: InformationRequest) -> RequestAction | None:
    return request.actions.filter(kind__in=DECISIONS).order_by("-done_on", "-pk").first()


@transaction.atomic
def reconsideration_file(
    *,
    actor: Any,
    request: InformationRequest,
    delivered_on: dt.date | None,
    filed_on: dt.date,
    text: str = "",
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """Record a request for reconsideration filed on `filed_on` against the decision delivered on
    `delivered_on`; sets the association's 14 days to decide."""
    request, before = _begin_step(actor, request, Kind.RECONSIDERATION, filed_on, today)
    decision = last_decision(request)
    errors: dict[str, str] = {}
    if delivered_on is None:
        errors["delivered_on"] = _("Podaj datę doręczenia decyzji: od niej liczy się 14 dni na wniosek.")
    elif decision is not None and delivered_on < decision.done_on:
        errors["delivered_on"] = _("Decyzji nie mogło doręczyć przed jej wydaniem (%(d)s).") % {
            "d": format_date(decision.done_on)
        }
    elif delivered_on > _today(today):
        errors["delivered_on"] = _("Data doręczenia nie może być z przyszłości.")
    else:
        limit = deadlines.reconsideration_filing_deadline(delivered_on)
        if filed_on > limit:
            errors["done_on"] = _(
                "Wniosek o ponowne rozpatrzenie złożono po terminie: decyzję doręczono %(d)s, a 14 dni na "
                "złożenie wniosku minęło %(l)s (art. 129 § 2 KPA). Spóźnionego wniosku nie rozpatruje się co do "
                "istoty: wydaj postanowienie o uchybieniu terminu (art. 134 KPA). Jeśli wnioskodawca nadał "
                "wniosek w placówce pocztowej przed upływem terminu, wpisz datę nadania (art. 57 § 5 KPA)."
            ) % {"d": format_date(delivered_on), "l": format_date(limit)}
    if errors:
        raise ValidationError(errors)
    _require_content(
        text,
        document,
        _("Wpisz treść wniosku o ponowne rozpatrzenie albo dołącz plik – jedno z nich jest wymagane."),
    )
    _check_document(document)
    decide_by = deadlines.reconsideration_decision_deadline(filed_on)
    return _save_step(
        actor,
        request,
        before,
        kind=Kind.RECONSIDERATION,
        done_on=filed_on,
        text=text,
        document=document,
        today=today,
        changes={
            "decision_delivered_on": delivered_on,
            "reconsideration_filed_on": filed_on,
            "reconsideration_deadline": decide_by,
        },
        new_due_on=decide_by,
    )


@transaction.atomic
def reconsideration_decide(
    *,
    actor: Any,
    request: InformationRequest,
    upheld: bool,
    decided_on: dt.date,
    justification: str,
    document: Any = None,
    today: dt.date | None = None,
) -> RequestAction:
    """The decision on reconsideration: the first decision upheld, or overturned and the information given."""
    kind = Kind.UPHELD if upheld else Kind.OVERTURNED
    request, before = _begin_step(actor, request, kind, decided_on, today)
    if request.reconsideration_filed_on and decided_on < request.reconsideration_filed_on:
        raise ValidationError(
            {
                "done_on": _("Decyzja nie może być wcześniejsza niż wniosek o ponowne rozpatrzenie (%(d)s).")
                % {"d": format_date(request.reconsideration_filed_on)}
            }
        )
    if not justification.strip():
        raise ValidationError({"text": _("Decyzja wymaga uzasadnienia: wpisz je.")})
    _check_document(document)
    late = bool(request.reconsideration_deadline and decided_on > request.reconsideration_deadline)
    return _save_step(
        actor,
        request,
        before,
        kind=kind,
        done_on=decided_on,
        text=justification,
        document=document,
        late=late,
        today=today,
    )


@transaction.atomic
def complaint_register(
    *,
    actor: Any,
    request: InformationRequest,
    received_on: dt.date,
    summary: str,
    kind: str = InactionComplaint.Kind.INACTION,
    today: dt.date | None = None,
) -> InactionComplaint:
    """A complaint lodged through the association: it must be forwarded within 15 days of receipt."""
    require_unless_system(actor, Perm.INFORMATION_REQUESTS)
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = _("Podaj datę wpływu skargi.")
    elif received_on > _today(today):
        errors["received_on"] = _("Data wpływu nie może być z przyszłości.")
    elif received_on < request.received_on:
        errors["received_on"] = _("Skarga nie mogła wpłynąć przed wnioskiem (%(d)s).") % {
            "d": format_date(request.received_on)
        }
    if kind not in InactionComplaint.Kind.values:
        errors["kind"] = _("Wybierz rodzaj skargi.")
    if not summary.strip():
        errors["summary"] = _("Streść zarzuty skargi: trafią do odpowiedzi na skargę.")
    if errors:
        raise ValidationError(errors)
    complaint = InactionComplaint.objects.create(
        request=request,
        kind=kind,
        received_on=received_on,
        forward_deadline=deadlines.complaint_forward_deadline(received_on),
        complaint_summary=summary.strip(),
        created_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor,
        action="public_information.complaint_register",
        obj=complaint,
        after=audit.snapshot(complaint),
    )
    return complaint


@transaction.atomic
def complaint_forward(
    *,
    actor: Any,
    complaint: InactionComplaint,
    forwarded_on: dt.date,
    answer: str,
    today: dt.date | None = None,
) -> InactionComplaint:
    """The complaint goes to the court with the case file and the answer; a forwarding after the 15 days is
    recorded and flagged late (the court may fine the association, art. 55 § 1 PPSA)."""
    complaint = InactionComplaint.objects.select_for_update().get(pk=complaint.pk)
    before = audit.snapshot(complaint)
    errors: dict[str, str] = {}
    if forwarded_on is None:
        errors["forwarded_on"] = _("Podaj datę przekazania skargi do sądu.")
    elif forwarded_on > _today(today):
        errors["forwarded_on"] = _("Data nie może być z przyszłości.")
    elif forwarded_on < complaint.received_on:
        errors["forwarded_on"] = _("Skargi nie można przekazać przed jej wpływem (%(d)s).") % {
            "d": format_date(complaint.received_on)
        }
    if not answer.strip():
        errors["answer"] = _("Wpisz odpowiedź na skargę: sąd dostaje ją razem ze skargą i aktami.")
    if errors:
        raise ValidationError(errors)

    def apply(obj: InactionComplaint) -> None:
        obj.forwarded_on = forwarded_on
        obj.answer = answer.strip()
        obj.late = forwarded_on > obj.forward_deadline

    return COMPLAINT.fire(
        actor=actor,
        obj=complaint,
        name="forward",
        today=_today(today),
        apply=apply,
        before=before,
        after=lambda obj: audit.snapshot(obj),
    )
