"""Requests for public information: the services' rules, permissions, the reminder job, the register and the
pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from zit.core.models import AuditEvent
from zit.public_information import services
from zit.public_information.models import InformationRequest
from zit.public_information.reminders import reminder_messages

D = dt.date
TODAY = D(2026, 3, 20)  # a Friday
RECEIVED = D(2026, 3, 2)  # a Monday: due Monday 16 March


def _user(role: str, username: str, email: str = ""):
    from zit.accounts.models import RoleAssignment, User

    user = User.objects.create_user(
        username=username, password="x", email=email, first_name="Ewa", last_name=role
    )
    RoleAssignment.objects.create(user=user, role=role)
    return user


@pytest.fixture
def office(db):
    return _user("office_staff", "biuro-test", "ewa@example.org")


@pytest.fixture
def secretary(db):
    return _user("body_secretary", "sekretarz-test")


def _register(actor, received_on=RECEIVED, today=TODAY, **extra):
    data = {
        "channel": InformationRequest.Channel.EMAIL,
        "subject": "Umowy z 2025 r.",
        "requested_information": "Wykaz umów zawartych w 2025 r.",
        "delivery": InformationRequest.Delivery.EMAIL,
        "reply_email": "ktos@example.org",
    } | extra
    return services.request_register(actor=actor, received_on=received_on, today=today, **data)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


# --- registration and numbering


def test_registration_numbers_per_year_and_sets_the_deadline(office):
    first = _register(office)
    second = _register(office, received_on=D(2026, 3, 7))
    old = _register(office, received_on=D(2025, 12, 10))
    assert (first.number, second.number, old.number) == ("UIP.1.2026", "UIP.2.2026", "UIP.1.2025")
    assert first.deadline == D(2026, 3, 16)
    assert second.deadline == D(2026, 3, 23)  # received on a Saturday: the 14th day is a Saturday too
    assert old.deadline == D(2025, 12, 29)
    assert first.requester_label == "wnioskodawca anonimowy"
    assert list(first.actions.values_list("kind", flat=True)) == ["registered"]
    assert AuditEvent.objects.filter(action="public_information.request_register").count() == 3


def test_registration_needs_somewhere_to_reply_but_no_name(office):
    with pytest.raises(ValidationError) as exc:
        _register(office, reply_email="")
    assert "reply_email" in _errors(exc)
    in_person = _register(office, reply_email="", delivery=InformationRequest.Delivery.INSPECTION)
    assert in_person.requester_name == ""


def test_registration_refuses_a_future_receipt_and_a_wrong_file(office):
    with pytest.raises(ValidationError) as exc:
        _register(office, received_on=TODAY + dt.timedelta(days=1))
    assert "received_on" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        _register(office, attachment=SimpleUploadedFile("wniosek.exe", b"MZ"))
    assert "attachment" in _errors(exc)


def test_registration_keeps_the_file_with_its_fingerprint(office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = _register(office, attachment=SimpleUploadedFile("wniosek.pdf", b"%PDF-1.4 test"))
    assert item.attachment.name.endswith(".pdf") and len(item.attachment_sha256) == 64


# --- extension


def test_extension_needs_a_reason_and_stays_within_two_months(office):
    item = _register(office, received_on=D(2025, 12, 31), today=D(2026, 1, 10))
    assert item.deadline == D(2026, 1, 14)
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 1, 10),
            new_due_on=D(2026, 2, 20),
            reason=" ",
            today=D(2026, 1, 10),
        )
    assert "reason" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 1, 10),
            new_due_on=D(2026, 3, 3),
            reason="Dużo danych.",
            today=D(2026, 1, 10),
        )
    assert "2 miesięcy" in _errors(exc)["new_due_on"][0] and "2 marca 2026" in _errors(exc)["new_due_on"][0]
    # 28 February 2026 is a Saturday, so two months end on Monday 2 March, which may be chosen
    action = services.request_extend(
        actor=office,
        request=item,
        notified_on=D(2026, 1, 10),
        new_due_on=D(2026, 3, 2),
        reason="Dużo danych.",
        today=D(2026, 1, 10),
    )
    item.refresh_from_db()
    assert item.state == "extended" and item.extended_to == D(2026, 3, 2) and item.due_on == D(2026, 3, 2)
    assert action.new_due_on == D(2026, 3, 2) and not action.late


def test_extension_notified_after_the_fourteen_days_is_refused_with_an_explanation(office):
    item = _register(office)  # deadline 16 March 2026
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 3, 17),
            new_due_on=D(2026, 4, 15),
            reason="Dużo danych.",
            today=TODAY,
        )
    message = _errors(exc)["done_on"][0]
    assert "16 marca 2026" in message and "nie przedłuża" in message
    item.refresh_from_db()
    assert item.state == "received" and item.extended_to is None


def test_extension_date_must_be_after_the_fourteen_days(office):
    item = _register(office)
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=office,
            request=item,
            notified_on=D(2026, 3, 10),
            new_due_on=D(2026, 3, 16),
            reason="Powód.",
            today=TODAY,
        )
    assert "new_due_on" in _errors(exc)


# --- outcomes


def test_refusal_needs_a_ground_and_a_justification(office):
    item = _register(office)
    with pytest.raises(ValidationError) as exc:
        services.request_refuse(
            actor=office, request=item, decided_on=D(2026, 3, 10), ground="", justification=""
        )
    assert {"ground", "text"} <= set(_errors(exc))
    with pytest.raises(ValidationError) as exc:
        services.request_refuse(
            actor=office,
            request=item,
            decided_on=D(2026, 3, 10),
            ground="other",
            justification="Uzasadnienie.",
        )
    assert "ground_other" in _errors(exc)
    action = services.request_refuse(
        actor=office,
        request=item,
        decided_on=D(2026, 3, 10),
        ground="processed",
        justification="Uzasadnienie.",
    )
    item.refresh_from_db()
    assert item.state == "refused" and item.closed_on == D(2026, 3, 10) and not item.late
    assert "informacja przetworzona" in action.ground_label
    assert AuditEvent.objects.filter(action="public_information.request_refused").count() == 1


def test_answer_after_the_deadline_is_recorded_and_flagged_late(office):
    item = _register(office)
    action = services.request_answer(
        actor=office, request=item, answered_on=D(2026, 3, 17), text="Przesłano wykaz.", today=TODAY
    )
    item.refresh_from_db()
    assert action.late and item.late and item.state == "answered"


def test_answer_on_the_moved_last_day_is_in_time(office):
    item = _register(office, received_on=D(2025, 10, 28), today=D(2025, 11, 20))
    services.request_answer(
        actor=office, request=item, answered_on=D(2025, 11, 12), text="Odpowiedź.", today=D(2025, 11, 20)
    )
    item.refresh_from_db()
    assert not item.late


def test_every_step_needs_its_document_or_text_and_a_sensible_date(office):
    item = _register(office)
    with pytest.raises(ValidationError) as exc:
        services.request_answer(actor=office, request=item, answered_on=D(2026, 3, 10), text="", today=TODAY)
    assert "text" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.request_answer(actor=office, request=item, answered_on=D(2026, 3, 21), text="x", today=TODAY)
    assert "done_on" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.request_answer(actor=office, request=item, answered_on=D(2026, 3, 1), text="x", today=TODAY)
    assert "done_on" in _errors(exc)


def test_a_closed_request_takes_no_further_steps(office):
    item = _register(office)
    services.request_close_by_letter(
        actor=office,
        request=item,
        sent_on=D(2026, 3, 5),
        reason="not_public",
        text="To nie jest informacja publiczna.",
    )
    with pytest.raises(ValidationError, match="zamknięty pismem"):
        services.request_answer(actor=office, request=item, answered_on=D(2026, 3, 6), text="x", today=TODAY)


def test_fee_notice_gives_the_requester_fourteen_days_then_the_answer_is_not_late(office):
    item = _register(office)
    services.request_notify_fee(
        actor=office,
        request=item,
        notified_on=D(2026, 3, 13),
        amount=Decimal("84.00"),
        text="Opłata za kopie.",
    )
    item.refresh_from_db()
    assert (
        item.state == "fee_notified"
        and item.fee_period_end == D(2026, 3, 27)
        and item.due_on == D(2026, 3, 27)
    )
    services.request_answer(
        actor=office, request=item, answered_on=D(2026, 3, 20), text="Wysłano kopie.", today=TODAY
    )
    item.refresh_from_db()
    assert item.state == "answered" and not item.late
    with pytest.raises(ValidationError):
        services.request_notify_fee(
            actor=office, request=_register(office), notified_on=D(2026, 3, 13), amount=Decimal(0), text="x"
        )


def test_discontinuance_needs_its_ground(office):
    item = _register(office)
    with pytest.raises(ValidationError) as exc:
        services.request_discontinue(
            actor=office, request=item, decided_on=D(2026, 3, 10), ground="privacy", justification="x"
        )
    assert "ground" in _errors(exc)
    services.request_discontinue(
        actor=office, request=item, decided_on=D(2026, 3, 10), ground="withdrawn", justification="Wycofał."
    )
    item.refresh_from_db()
    assert item.state == "discontinued"


def test_computed_days_left_and_flags(office):
    item = _register(office)  # due Monday 16 March 2026
    assert item.working_days_left(D(2026, 3, 12)) == 2 and item.calendar_days_left(D(2026, 3, 12)) == 4
    assert item.is_due_soon(D(2026, 3, 12)) and not item.is_overdue(D(2026, 3, 12))
    assert not item.is_due_soon(D(2026, 3, 9))  # five working days ahead
    assert item.is_overdue(D(2026, 3, 17)) and item.working_days_left(D(2026, 3, 17)) == -1


# --- permissions


def test_roles_without_the_permission_are_refused_by_the_services(office, secretary):
    with pytest.raises(PermissionDenied):
        _register(secretary)
    item = _register(office)
    with pytest.raises(PermissionDenied):
        services.request_answer(
            actor=secretary, request=item, answered_on=D(2026, 3, 5), text="x", today=TODAY
        )
    with pytest.raises(ValidationError) as exc:
        services.request_assign(actor=office, request=item, assignee=secretary)
    assert "assignee" in _errors(exc)


def test_roles_without_the_permission_are_refused_by_the_pages(client, office, secretary):
    item = _register(office)
    client.force_login(secretary)
    for url in (
        reverse("public_information:list"),
        reverse("public_information:detail", args=[item.pk]),
        reverse("public_information:new"),
        reverse("public_information:export", args=[2026, "csv"]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("public_information:step", args=[item.pk, "odpowiedz"]),
        {"done_on": "2026-03-05", "text": "x"},
    )
    assert response.status_code == 403
    assert client.get(reverse("association:members")).content.decode().count("Wnioski o informację") == 0


# --- reminders


def test_the_reminder_goes_to_the_assignee_and_the_office_on_working_days_only(office, db):
    from zit.association.models import AssociationProfile

    AssociationProfile.objects.create(name="SAK", founded_on=D(2021, 9, 27), email="biuro@sak.example.org")
    overdue = _register(office, received_on=D(2026, 2, 20), assignee=office)  # due 6 March
    soon = _register(office, received_on=D(2026, 3, 10))  # due 24 March, unassigned
    later = _register(office, received_on=D(2026, 3, 19))  # due 2 April
    services.request_answer(
        actor=office,
        request=_register(office, received_on=D(2026, 2, 2)),
        answered_on=D(2026, 2, 10),
        text="x",
        today=TODAY,
    )
    messages = reminder_messages(TODAY)
    by_address = {m[3][0]: m for m in messages}
    assert set(by_address) == {"ewa@example.org", "biuro@sak.example.org"}
    subject, body = by_address["ewa@example.org"][:2]
    assert "po terminie 1" in subject and overdue.number in body and "PO TERMINIE od 6 marca 2026" in body
    assert reverse("public_information:detail", args=[overdue.pk]) in body
    office_body = by_address["biuro@sak.example.org"][1]
    assert (
        soon.number in office_body and later.number not in office_body and overdue.number not in office_body
    )
    assert reminder_messages(D(2026, 3, 21)) == []  # a Saturday


def test_the_reminder_job_sends_and_reschedules(office, settings):
    from zit.core.jobs import job_run, job_start
    from zit.core.models import Job

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = timezone.localdate()
    received = today - dt.timedelta(days=30)
    services.request_register(
        actor=office,
        received_on=received,
        channel="email",
        subject="Stary wniosek",
        requested_information="x",
        delivery="email",
        reply_email="a@example.org",
        assignee=office,
    )
    job = job_start(actor=None, kind="public_information.requests_reminder", title="Przypomnienie")
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    from zit.public_information import deadlines

    if deadlines.is_day_off(today):
        assert job.result["sent"] == 0 and not mail.outbox
    else:
        assert job.result["sent"] == 1 and mail.outbox[0].to == ["ewa@example.org"]
        assert "Stary wniosek" in mail.outbox[0].body
    assert Job.objects.filter(kind="public_information.requests_reminder", status=Job.Status.QUEUED).exists()


# --- export


def test_the_register_export_has_dates_and_outcomes_but_no_requesters(client, office):
    item = _register(office, requester_name="Jan Kowalski", reply_email="jan@example.org")
    services.request_refuse(
        actor=office, request=item, decided_on=D(2026, 3, 10), ground="privacy", justification="Prywatność."
    )
    _register(office, received_on=D(2025, 5, 5))
    client.force_login(office)
    response = client.get(reverse("public_information:export", args=[2026, "csv"]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Znak sprawy" and len(rows) == 2
    assert rows[1][0] == "UIP.1.2026" and rows[1][1] == "2026-03-02" and rows[1][9] == "odmowa (decyzja)"
    assert "prywatność" in rows[1][11] and rows[1][12] == "nie"
    assert "Kowalski" not in text and "jan@example.org" not in text
    xlsx = client.get(reverse("public_information:export", args=[2026, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


# --- pages


def test_register_and_handle_a_request_through_the_pages(client, office):
    client.force_login(office)
    assert client.get(reverse("public_information:new")).status_code == 200
    response = client.post(
        reverse("public_information:new"),
        {
            "received_on": "2025-10-28",
            "channel": "epuap",
            "subject": "Budżet 2025",
            "requested_information": "Uchwała budżetowa.",
            "delivery": "epuap",
            "reply_address": "Skrytka /x/SkrytkaESP",
        },
    )
    item = InformationRequest.objects.get()
    assert response.status_code == 303 and response.url == reverse(
        "public_information:detail", args=[item.pk]
    )
    page = client.get(response.url).content.decode()
    assert "12 listopada 2025" in page and "Narodowe Święto Niepodległości" in page
    # an extension past two months is shown on the form, next to its field
    page = client.post(
        reverse("public_information:step", args=[item.pk, "przedluzenie"]),
        {"done_on": "2025-11-05", "new_due_on": "2026-01-10", "reason": "Dużo danych."},
    ).content.decode()
    assert "error-summary" in page and "najpóźniej 29 grudnia 2025" in page
    response = client.post(
        reverse("public_information:step", args=[item.pk, "odmowa"]),
        {"done_on": "2025-11-05", "ground": "business_secret", "text": "Tajemnica przedsiębiorcy."},
    )
    assert response.status_code == 303
    item.refresh_from_db()
    assert item.state == "refused"
    assert (
        client.get(reverse("public_information:step", args=[item.pk, "odpowiedz"])).status_code == 302
    )  # closed


def test_the_list_warns_in_words_and_filters(client, office):
    today = timezone.localdate()
    overdue = services.request_register(
        actor=office,
        received_on=today - dt.timedelta(days=30),
        channel="email",
        subject="Po terminie – test",
        requested_information="x",
        delivery="email",
        reply_email="a@example.org",
    )
    fresh = services.request_register(
        actor=office,
        received_on=today,
        channel="email",
        subject="Świeży – test",
        requested_information="x",
        delivery="email",
        reply_email="a@example.org",
    )
    client.force_login(office)
    page = client.get(reverse("public_information:list")).content.decode()
    assert "Wnioski po terminie: 1" in page and "po terminie</strong>" in page
    assert "pilne: 1" in page  # the count beside the menu entry
    page = client.get(reverse("public_information:list") + "?termin=overdue").content.decode()
    assert overdue.number in page and fresh.number not in page
    page = client.get(reverse("public_information:list") + "?q=%C5%9Awie%C5%BCy").content.decode()
    assert fresh.number in page and overdue.number not in page
    page = client.get(
        reverse("public_information:list") + f"?stan=answered&rok={today.year}"
    ).content.decode()
    assert fresh.number not in page


def test_demo_requests_are_idempotent_and_include_overdue_and_due_soon(office):
    from zit.public_information.demo import load_requests_demo

    today = timezone.localdate()
    created = load_requests_demo()
    assert len(load_requests_demo()) == len(created) == 8
    assert all(r.is_demo for r in created)
    assert any(r.is_overdue(today) for r in created) and any(r.is_due_soon(today) for r in created)
    assert {r.state for r in created} >= {
        "answered",
        "refused",
        "extended",
        "letter",
        "fee_notified",
        "received",
    }


# --- after the usability review


def _register_on(office, received_on):
    return services.request_register(
        actor=office,
        received_on=received_on,
        today=received_on,
        channel="email",
        subject="Test terminu",
        requested_information="x",
        delivery="email",
        reply_email="a@example.org",
    )


def test_the_register_says_an_open_request_past_its_deadline_is_late_and_still_open(client, office):
    today = timezone.localdate()
    overdue = _register_on(office, today - dt.timedelta(days=40))
    client.force_login(office)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("public_information:export", args=[overdue.year, "csv"])).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    row = next(r for r in rows if r[0] == overdue.number)
    assert row[12] == "tak – w toku, po terminie"


def test_register_late_column_for_open_and_closed_requests(office):
    from zit.public_information.selectors import late_label

    item = _register(office)  # due Monday 16 March 2026
    assert late_label(item, D(2026, 3, 16)) == "nie – w toku"
    assert late_label(item, D(2026, 3, 17)) == "tak – w toku, po terminie"
    services.request_answer(actor=office, request=item, answered_on=D(2026, 3, 17), text="x", today=TODAY)
    item.refresh_from_db()
    assert late_label(item, TODAY) == "tak"


def test_the_detail_page_says_the_deadline_is_today(client, office):
    today = timezone.localdate()
    item = _register_on(office, today)
    InformationRequest.objects.filter(pk=item.pk).update(deadline=today)
    client.force_login(office)
    page = client.get(reverse("public_information:detail", args=[item.pk])).content.decode()
    assert "Termin dzisiaj." in page
    assert "Termin wkrótce" not in page and "Zostało dni roboczych: 0" not in page


def test_the_answer_form_says_text_or_file_is_required(client, office):
    item = _register(office)
    client.force_login(office)
    url = reverse("public_information:step", args=[item.pk, "odpowiedz"])
    page = client.get(url).content.decode()
    assert "treść albo plik – jedno z nich jest wymagane" in page
    assert "nieobowiązkowe" not in page
    page = client.post(url, {"done_on": "2026-03-10", "text": ""}).content.decode()
    assert "error-summary" in page
    assert "Wpisz treść odpowiedzi albo dołącz plik – jedno z nich jest wymagane." in page
    item.refresh_from_db()
    assert item.state == "received"
