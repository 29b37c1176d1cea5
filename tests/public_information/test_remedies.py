"""After the decision: the request for reconsideration (14 days to file from delivery, 14 days to decide), the
complaint to the administrative court forwarded with the answer (15 days), their clocks, documents, inbox
warnings and the public register without personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.public_information import deadlines, remedies, services
from zit.public_information.inbox import open_complaints, open_requests
from zit.public_information.models import InactionComplaint, InformationRequest

D = dt.date
State = InformationRequest.State


RECEIVED, DECIDED, LATER = D(2026, 3, 30), D(2026, 4, 10), D(2026, 6, 30)


def _refused(office, *, name="Jan Tajny"):
    request = services.request_register(
        actor=office,
        received_on=RECEIVED,
        channel="email",
        subject="umowy zawarte w 2025 r.",
        requested_information="Kopie umów.",
        delivery="email",
        requester_name=name,
        reply_email="jan.tajny@example.org",
        today=LATER,
    )
    services.request_refuse(
        actor=office,
        request=request,
        decided_on=DECIDED,
        ground="business_secret",
        justification="Tajemnica przedsiębiorcy wykonawcy.",
        today=LATER,
    )
    request.refresh_from_db()
    return request


def test_clocks_count_as_kpa_art_57():
    # delivered on Friday 17 April 2026: the 14th day is Friday 1 May (a holiday), then Saturday 2 May and
    # Sunday 3 May (a holiday): the last day is Monday 4 May
    assert deadlines.reconsideration_filing_deadline(D(2026, 4, 17)) == D(2026, 5, 4)
    # delivered on Friday 3 April 2026, before Easter: the holidays inside the period do not lengthen it
    assert deadlines.reconsideration_filing_deadline(D(2026, 4, 3)) == D(2026, 4, 17)
    # delivered on a Saturday by ePUAP: the 14th day is Saturday 21 March, so Monday 23 March
    assert deadlines.reconsideration_filing_deadline(D(2026, 3, 7)) == D(2026, 3, 23)
    # filed on Monday 4 May: the association decides by Monday 18 May
    assert deadlines.reconsideration_decision_deadline(D(2026, 5, 4)) == D(2026, 5, 18)
    # a complaint received on Tuesday 27 October 2026: the 15th day is Wednesday 11 November (a holiday)
    assert deadlines.complaint_forward_deadline(D(2026, 10, 27)) == D(2026, 11, 12)


def test_a_reconsideration_filed_late_is_refused_with_the_reason(db, office):
    request = _refused(office)
    with pytest.raises(ValidationError) as error:
        remedies.reconsideration_file(
            actor=office,
            request=request,
            delivered_on=D(2026, 4, 17),
            filed_on=D(2026, 5, 5),
            text="Proszę o ponowne rozpatrzenie.",
            today=D(2026, 6, 30),
        )
    message = " ".join(error.value.message_dict["done_on"])
    assert "po terminie" in message and "4 maja 2026" in message and "art. 129 § 2 KPA" in message
    request.refresh_from_db()
    assert request.state == State.REFUSED and request.reconsideration_filed_on is None


def test_reconsideration_in_time_sets_the_clock_warns_and_is_decided(db, office):
    request = _refused(office)
    remedies.reconsideration_file(
        actor=office,
        request=request,
        delivered_on=D(2026, 4, 17),
        filed_on=D(2026, 5, 4),
        text="Proszę o ponowne rozpatrzenie.",
        today=D(2026, 5, 6),
    )
    request.refresh_from_db()
    assert request.state == State.RECONSIDERATION
    assert request.due_on == request.reconsideration_deadline == D(2026, 5, 18)
    items = {i.key: i for i in open_requests(office, D(2026, 5, 6))}
    assert items[f"public_information.request:{request.pk}"].due == D(2026, 5, 18)
    assert request.is_overdue(D(2026, 5, 19))

    remedies.reconsideration_decide(
        actor=office,
        request=request,
        upheld=True,
        decided_on=D(2026, 5, 15),
        justification="Podstawa odmowy nadal aktualna.",
        today=D(2026, 5, 15),
    )
    request.refresh_from_db()
    assert request.state == State.UPHELD and not request.late
    assert f"public_information.request:{request.pk}" not in {
        i.key for i in open_requests(office, D(2026, 5, 16))
    }
    actions = set(AuditEvent.objects.filter(object_id=str(request.pk)).values_list("action", flat=True))
    assert {
        "public_information.reconsideration_filed",
        "public_information.reconsideration_upheld",
    } <= actions


def test_the_decision_on_reconsideration_opens_in_word(db, office, client):
    from docx import Document

    request = _refused(office)
    remedies.reconsideration_file(
        actor=office,
        request=request,
        delivered_on=D(2026, 4, 17),
        filed_on=D(2026, 4, 20),
        text="Wniosek.",
        today=D(2026, 4, 21),
    )
    remedies.reconsideration_decide(
        actor=office,
        request=request,
        upheld=False,
        decided_on=D(2026, 4, 24),
        justification="Uchylam.",
        today=D(2026, 4, 24),
    )
    client.force_login(office)
    response = client.get(
        reverse("public_information:letter", args=[request.pk, "decyzja-ponowne-rozpatrzenie"])
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "DECYZJA" in text and "uchyla w całości decyzję" in text and request.number in text
    assert "art. 127 § 3" in text and "Uchylam." in text
    assert doc.core_properties.language == "pl-PL"


def test_a_complaint_is_forwarded_with_the_answer_and_its_letters(db, office, client):
    from docx import Document

    request = _refused(office)
    complaint = remedies.complaint_register(
        actor=office,
        request=request,
        received_on=D(2026, 10, 27),
        summary="Bezczynność.",
        today=D(2026, 10, 28),
    )
    assert complaint.forward_deadline == D(2026, 11, 12)
    warning = {i.key: i for i in open_complaints(office, D(2026, 11, 2))}[
        f"public_information.complaint:{complaint.pk}"
    ]
    assert warning.due == D(2026, 11, 12)
    with pytest.raises(ValidationError) as error:
        remedies.complaint_forward(actor=office, complaint=complaint, forwarded_on=D(2026, 11, 5), answer=" ")
    assert "answer" in error.value.message_dict
    remedies.complaint_forward(
        actor=office,
        complaint=complaint,
        forwarded_on=D(2026, 11, 13),
        answer="Stowarzyszenie wydało decyzję w terminie.",
        today=D(2026, 11, 13),
    )
    complaint.refresh_from_db()
    assert complaint.state == InactionComplaint.State.FORWARDED and complaint.late
    assert open_complaints(office, D(2026, 11, 14)) == []
    assert AuditEvent.objects.filter(
        action="public_information.complaint_forwarded", object_id=str(complaint.pk)
    ).exists()

    client.force_login(office)
    answer = client.get(
        reverse("public_information:complaint_letter", args=[request.pk, complaint.pk, "odpowiedz-na-skarge"])
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
    assert "ODPOWIEDŹ NA SKARGĘ" in text and "Stowarzyszenie wydało decyzję w terminie." in text
    cover = client.get(
        reverse("public_information:complaint_letter", args=[request.pk, complaint.pk, "pismo-przewodnie"])
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(cover.content)).paragraphs)
    assert "Wojewódzki Sąd Administracyjny w Poznaniu" in text and "12 listopada 2026" in text
    assert "art. 21 pkt 1" in text


def test_remedies_need_the_permission(db, office, user_for_role):
    request = _refused(office)
    outsider = user_for_role("body_secretary")
    with pytest.raises(PermissionDenied):
        remedies.complaint_register(actor=outsider, request=request, received_on=D(2026, 5, 1), summary="x")
    with pytest.raises(PermissionDenied):
        remedies.reconsideration_file(
            actor=outsider, request=request, delivered_on=D(2026, 4, 17), filed_on=D(2026, 4, 20), text="x"
        )


def test_the_public_register_has_no_personal_data(db, office, client):
    request = _refused(office, name="Jan Tajny")
    page = client.get(reverse("portal:bip_register_year", args=[2026]))
    body = page.content.decode()
    assert page.status_code == 200 and request.number in body
    assert "Jan Tajny" not in body and "jan.tajny@example.org" not in body and "umowy zawarte" not in body
    response = client.get(reverse("portal:bip_register_csv", args=[2026]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Znak sprawy" and rows[1][0] == request.number
    assert "Jan Tajny" not in response.content.decode("utf-8-sig")
    assert "tajemnica przedsiębiorcy" in rows[1][7]


def test_the_daily_reminder_warns_before_the_reconsideration_and_complaint_deadlines(db, office):
    from zit.association.models import AssociationProfile
    from zit.public_information.reminders import reminder_messages

    AssociationProfile.objects.all().delete()
    AssociationProfile.objects.create(name="SAK", founded_on=D(2021, 9, 27), email="biuro@sak.example.org")
    reconsidered = _refused(office)
    remedies.reconsideration_file(
        actor=office,
        request=reconsidered,
        delivered_on=D(2026, 4, 17),
        filed_on=D(2026, 5, 4),
        text="Proszę o ponowne rozpatrzenie.",
        today=D(2026, 5, 6),
    )  # decide by Monday 18 May
    complained = _refused(office, name="Anna Skarżąca")
    complaint = remedies.complaint_register(
        actor=office,
        request=complained,
        received_on=D(2026, 10, 27),
        summary="Bezczynność.",
        today=D(2026, 10, 28),
    )  # forward by Thursday 12 November

    def body(today: dt.date) -> str:
        messages = reminder_messages(today)
        assert [m[3] for m in messages] in ([], [["biuro@sak.example.org"]])
        return messages[0][1] if messages else ""

    assert reconsidered.number not in body(D(2026, 5, 12))  # Tuesday: 18 May is 4 working days away
    soon = body(D(2026, 5, 13))
    assert reconsidered.number in soon and "wniosek o ponowne rozpatrzenie sprawy" in soon
    assert "termin 18 maja 2026 r. (dni roboczych: 3)" in soon and "art. 17 ust. 2" in soon
    assert "PO TERMINIE od 18 maja 2026 r." in body(D(2026, 5, 19))

    assert complained.number not in body(D(2026, 11, 2))  # ten days ahead
    soon = body(D(2026, 11, 9))  # Monday; 11 November is a holiday
    assert complained.number in soon and "skarga na bezczynność do sądu administracyjnego" in soon
    assert "termin 12 listopada 2026 r. (dni roboczych: 2)" in soon and "art. 21 pkt 1" in soon
    assert reverse("public_information:complaint_forward", args=[complained.pk, complaint.pk]) in soon
    assert "PO TERMINIE od 12 listopada 2026 r." in body(D(2026, 11, 13))
    remedies.complaint_forward(
        actor=office,
        complaint=complaint,
        forwarded_on=D(2026, 11, 13),
        answer="Odpowiedź.",
        today=D(2026, 11, 13),
    )
    assert complained.number not in body(D(2026, 11, 16))
