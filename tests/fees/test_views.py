"""The fees pages: who may read and write, the flows from a draft rule to reminders and the PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.fees.models import BankStatement, FeeAssessment, FeePayment, FeeReminder, FeeRule

from .test_payments import CSV_CP1250


@pytest.fixture
def officer(members):
    """A contact officer of Kleczew with a work e-mail, and the gmina office's own address."""
    from zit.association.models import Person, Representation

    kleczew = members["kleczew"]
    person = Person.objects.create(first_name="Ewa", last_name="Księgowa", email="ewa@kleczew.invalid")
    Representation.objects.create(
        person=person, member=kleczew, function="officer", start=dt.date(2024, 1, 1)
    )
    kleczew.organisation.email = "urzad@kleczew.invalid"
    kleczew.organisation.save()
    return person


def _pages(rule, member, payment=None, statement=None):
    pages = [
        reverse("fees:rules"),
        reverse("fees:rule", args=[rule.pk]),
        reverse("fees:assessments") + "?rok=2026",
        reverse("fees:member", args=[member.pk]),
        reverse("fees:payments") + "?q=skladka",
        reverse("fees:review"),
        reverse("fees:statements"),
        reverse("fees:reminders") + "?rok=2026",
    ]
    if statement:
        pages.append(reverse("fees:statement", args=[statement.pk]))
    return pages


def test_board_reads_but_does_not_write(client, board, adopted_2026, members):
    client.force_login(board)
    for url in _pages(adopted_2026, members["golina"]):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Nowy projekt zasad" not in response.content.decode()
    assert client.get(reverse("fees:rule_create")).status_code == 403
    assert client.get(reverse("fees:payment_create")).status_code == 403
    assert client.post(reverse("fees:rule_generate", args=[adopted_2026.pk])).status_code == 403
    assert client.post(reverse("fees:reminders") + "?rok=2026", {"members": [1]}).status_code == 403
    upload = SimpleUploadedFile("w.csv", CSV_CP1250)
    assert client.post(reverse("fees:statements"), {"file": upload}).status_code == 403
    assert not FeePayment.objects.exists()


@pytest.mark.parametrize("role", ["member_officer", "beneficiary", "assessor", "body_secretary"])
def test_other_roles_see_nothing(client, user_for_role, members, rule_2026, role):
    organisation = members["golina"].organisation if role in ("member_officer", "beneficiary") else None
    client.force_login(user_for_role(role, organisation))
    assert client.get(reverse("fees:rules")).status_code == 403
    assert client.get(reverse("fees:rule", args=[rule_2026.pk])).status_code == 403
    assert client.get(reverse("fees:member_pdf", args=[members["golina"].pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, rule_2026):
    response = client.get(reverse("fees:rules"))
    assert response.status_code == 302 and reverse("accounts:dashboard") in response["Location"]


def test_menu_entry_for_fees_view_only(client, board, user_for_role, association_data):
    client.force_login(board)
    assert reverse("fees:rules") in client.get(reverse("fees:assessments")).content.decode()
    client.force_login(user_for_role("body_secretary"))
    assert reverse("fees:rules") not in client.get(reverse("association:bodies")).content.decode()


def test_office_from_draft_to_assessments(client, office, association_data, members):
    client.force_login(office)
    response = client.post(
        reverse("fees:rule_create"),
        {
            "year": "2026",
            "fixed_amount": "1 000,00",
            "per_inhabitant": "0,50",
            "population_date": "2025-12-31",
            "minimum": "5 000",
            "due_on": "2026-03-31",
            "proration": "months",
            "stawki-TOTAL_FORMS": "2",
            "stawki-INITIAL_FORMS": "0",
            "stawki-0-kind": "powiat",
            "stawki-0-fixed_amount": "20 000",
            "stawki-0-per_inhabitant": "0",
        },
    )
    rule = FeeRule.objects.get()
    assert response.status_code == 303 and rule.kind_rates.get().kind == "powiat"
    page = client.get(reverse("fees:rule", args=[rule.pk])).content.decode()
    assert "Podgląd" in page and "Gmina Kramsk: brak liczby mieszkańców" in page
    assert "×\u00a00,50" in page or "× 0,50" in page

    response = client.post(reverse("fees:rule_adopt", args=[rule.pk]), {"number": "", "date": ""})
    assert response.status_code == 200 and "Popraw błędy" in response.content.decode()
    client.post(reverse("fees:rule_adopt", args=[rule.pk]), {"number": "XII/45/2025", "date": "2025-12-15"})
    rule.refresh_from_db()
    assert rule.status == FeeRule.Status.ADOPTED

    client.post(reverse("fees:rule_generate", args=[rule.pk]))
    assert not FeeAssessment.objects.exists()  # three gminas lack a population
    for member in ("kramsk", "krzymow", "skulsk"):
        url = reverse("fees:population", args=[members[member].pk]) + f"?zasady={rule.pk}"
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"value": "8000", "reference_date": "2025-12-31", "source_url": "https://bdl.stat.gov.pl/"}
        )
        assert response.status_code == 303
    response = client.post(reverse("fees:rule_generate", args=[rule.pk]))
    assert response.status_code == 303 and FeeAssessment.objects.count() == 16
    page = client.get(reverse("fees:assessments") + "?rok=2026").content.decode()
    assert "SKL/2026/10" in page


def test_population_form_asks_for_a_source(client, office, members, rule_2026):
    client.force_login(office)
    url = reverse("fees:population", args=[members["kramsk"].pk]) + f"?zasady={rule_2026.pk}"
    response = client.post(url, {"value": "8000", "reference_date": "2025-12-31"})
    assert response.status_code == 200 and "Podaj źródło" in response.content.decode()


def test_statement_upload_report_and_review(client, office, adopted_2026, members):
    client.force_login(office)
    response = client.post(reverse("fees:statements"), {"file": SimpleUploadedFile("marzec.csv", CSV_CP1250)})
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert "marzec.csv" in report and "Gmina Golina" in report
    review = client.get(reverse("fees:review")).content.decode()
    assert "zwrot za catering" in review
    catering = FeePayment.objects.get(title__icontains="catering")
    client.post(
        reverse("fees:payment_decide", args=[catering.pk]),
        {"action": "not_fee", f"n{catering.pk}-note": "Zwrot kosztów"},
    )
    catering.refresh_from_db()
    assert catering.status == FeePayment.Status.NOT_FEE

    bad = client.post(
        reverse("fees:statements"),
        {"file": SimpleUploadedFile("zly.csv", b"Data;Kwota;Tytul\n01.01.2026;abc;x\n")},
    )
    assert bad.status_code == 200 and "Nic nie zapisano" in bad.content.decode()


def test_random_bytes_as_a_statement_get_the_reason_and_nothing_is_written(client, office, adopted_2026):
    from core.hostile import random_bytes

    client.force_login(office)
    upload = SimpleUploadedFile("wyciag.csv", random_bytes(4096))
    response = client.post(reverse("fees:statements"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "Nic nie zapisano" in page and "bajty zerowe" in page
    assert not BankStatement.objects.exists() and not FeePayment.objects.exists()


def test_a_statement_over_the_import_limit_is_refused_unread(client, office, adopted_2026, settings):
    settings.ZIT_IMPORT_MAX_BYTES = 500
    client.force_login(office)
    response = client.post(reverse("fees:statements"), {"file": SimpleUploadedFile("marzec.csv", CSV_CP1250)})
    page = response.content.decode().replace("\u00a0", " ")
    assert response.status_code == 200 and "najwyżej 500 bajtów" in page
    assert not BankStatement.objects.exists() and not FeePayment.objects.exists()


def test_payment_by_hand_and_search(client, office, adopted_2026, members):
    client.force_login(office)
    response = client.post(
        reverse("fees:payment_create"),
        {"booked_on": "2026-02-02", "amount": "1 234,56", "title": "kasa", "member": members["wilczyn"].pk},
    )
    assert response.status_code == 303
    payment = FeePayment.objects.get()
    assert (payment.amount, payment.member, payment.year) == (Decimal("1234.56"), members["wilczyn"], 2026)
    found = client.get(reverse("fees:payments") + "?q=kasa").content.decode()
    assert "Gmina Wilczyn" in found
    assert "Gmina Wilczyn" not in client.get(reverse("fees:payments") + "?q=nic-takiego").content.decode()


def test_reminders_preview_sends_nothing_until_clicked(
    client, office, adopted_2026, members, officer, django_capture_on_commit_callbacks
):
    client.force_login(office)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert "ewa@kleczew.invalid" in page and "urzad@kleczew.invalid" in page and "SKL/2026/04" in page
    assert len(mail.outbox) == 0 and not FeeReminder.objects.exists()
    with_email = [members["kleczew"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("fees:reminders") + "?rok=2026", {"members": with_email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["ewa@kleczew.invalid", "urzad@kleczew.invalid"]
    assert "SKL/2026/04" in message.subject and "5\u00a0954,00\u00a0zł" in message.body
    assert FeeReminder.objects.get().member == members["kleczew"]


def test_reminder_without_address_is_refused_with_the_member_named(
    client, office, adopted_2026, members, django_capture_on_commit_callbacks
):
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("fees:reminders") + "?rok=2026", {"members": [members["golina"].pk]})
    assert response.status_code == 200 and "Brak adresu e-mail dla: Gmina Golina" in response.content.decode()
    assert len(mail.outbox) == 0


def test_member_account_and_statement_pdf(client, board, office, adopted_2026, members):
    from zit.fees.payments import payment_add

    payment_add(
        actor=office, booked_on=dt.date(2026, 2, 1), amount=Decimal("1000.00"), member=members["golina"]
    )
    client.force_login(board)
    page = client.get(reverse("fees:member", args=[members["golina"].pk])).content.decode()
    assert "SKL/2026/03" in page and "6\u00a0039,50\u00a0zł" in page  # 7 039,50 − 1 000,00
    response = client.get(reverse("fees:member_pdf", args=[members["golina"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
