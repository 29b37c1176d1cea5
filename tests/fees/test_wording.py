"""What members and staff read about fees: balances in words with positive amounts, no staff hints in the
member's statement, the association's bank account, the reminder's wording and recipients, the import notes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from zit.fees.accounts import statement_html
from zit.fees.models import FeeAssessment, FeeReminder
from zit.fees.payments import payment_add
from zit.fees.reminders import contacts_for, reminders_preview

ACCOUNT = "61 1090 1014 0000 0712 1981 2874"
GOLINA_FEE = Decimal("7039.50")


def _pay(office, member, amount: str):
    return payment_add(actor=office, booked_on=dt.date(2026, 2, 1), amount=Decimal(amount), member=member)


def _set_account(profile, value: str) -> None:
    profile.bank_account = value
    profile.save()


def _contact(member, function: str, email: str, last_name: str = "Nowak"):
    from zit.association.models import Person, Representation

    person = Person.objects.create(first_name="Anna", last_name=last_name, email=email)
    return Representation.objects.create(
        person=person, member=member, function=function, start=dt.date(2024, 1, 1)
    )


# --- 1. signs and words


def test_overpaid_member_sees_a_positive_overpayment_and_is_not_asked_to_pay(
    client, office, board, adopted_2026, members
):
    golina = members["golina"]
    _pay(office, golina, "7539.50")  # 500,00 zł more than the fee
    client.force_login(board)
    page = client.get(reverse("fees:member", args=[golina.pk])).content.decode()
    assert "nadpłata: 500,00\u00a0zł" in page
    assert "−500,00" not in page and "-500,00" not in page

    html = statement_html(user=board, member=golina)
    assert "Nadpłata łącznie: <strong>500,00\u00a0zł</strong>" in html
    assert "nadpłata: 500,00\u00a0zł" in html
    assert "kwota ujemna" not in html and "-500,00" not in html
    assert "Prosimy o wpłat" not in html
    assert golina not in [r.member for r in reminders_preview(user=board, year=2026)]


def test_member_who_owes_is_told_the_amount_to_pay(client, office, board, adopted_2026, members):
    golina = members["golina"]
    _pay(office, golina, "1000.00")
    client.force_login(board)
    page = client.get(reverse("fees:member", args=[golina.pk])).content.decode()
    assert "do zapłaty: 6\u00a0039,50\u00a0zł" in page
    html = statement_html(user=board, member=golina)
    assert "Łącznie do zapłaty: <strong>6\u00a0039,50\u00a0zł</strong>" in html and "Prosimy o wpłatę" in html
    assert "Nadpłata" not in html


# --- 2. the office's hints stay with the office


@pytest.fixture
def stale_kramsk(rule_2026, decision, population):
    """Kramsk's only population figure is from 2020: the assessment warns the office."""
    from zit.fees.rules import assessments_generate, fee_rule_adopt

    population("kramsk", 10000, dt.date(2020, 12, 31))
    for slug in ("krzymow", "skulsk"):
        population(slug, 10000)
    rule = fee_rule_adopt(actor=None, rule=rule_2026, decision=decision())
    assessments_generate(actor=None, rule=rule)
    return rule


def test_old_population_warning_is_for_staff_only(client, office, stale_kramsk, members):
    kramsk = members["kramsk"]
    assessment = FeeAssessment.objects.get(member=kramsk, status="current")
    assert not any("Uwaga" in line for line in assessment.explanation)
    client.force_login(office)
    warning = "Uwaga: liczba mieszkańców pochodzi z 2020 r.; sprawdź, czy nie ma nowszej."
    assert warning in client.get(reverse("fees:member", args=[kramsk.pk])).content.decode()
    assert warning in client.get(reverse("fees:rule", args=[stale_kramsk.pk])).content.decode()
    html = statement_html(user=office, member=kramsk)
    assert "Uwaga" not in html and "sprawdź" not in html
    assert "10\u00a0000 mieszkańców" in html  # the computation itself is still shown


def test_statement_leaves_out_a_warning_stored_in_an_older_explanation(office, adopted_2026, members):
    assessment = FeeAssessment.objects.get(member=members["golina"], status="current")
    assessment.explanation = [
        *assessment.explanation,
        "Uwaga: liczba mieszkańców pochodzi z 1999 r.; sprawdź, czy nie ma nowszej.",
    ]
    assessment.save()
    html = statement_html(user=office, member=members["golina"])
    assert "Uwaga" not in html and "1999" not in html and "Składka: 7\u00a0039,50\u00a0zł" in html


# --- 3. the bank account


def test_bank_account_is_printed_in_the_statement_and_the_reminder(
    client, office, adopted_2026, members, association_data, django_capture_on_commit_callbacks
):
    _set_account(association_data, ACCOUNT)
    kleczew = members["kleczew"]
    _contact(kleczew, "officer", "ewa@kleczew.invalid")
    assert ACCOUNT in statement_html(user=office, member=kleczew)
    client.force_login(office)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert f"Rachunek Stowarzyszenia: {ACCOUNT}" in page
    assert "Uzupełnij numer rachunku" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("fees:reminders") + "?rok=2026", {"members": [kleczew.pk]})
    assert ACCOUNT in mail.outbox[0].body


def test_without_a_bank_account_staff_are_warned_and_sending_still_works(
    client, office, adopted_2026, members, association_data, django_capture_on_commit_callbacks
):
    _set_account(association_data, "")
    kleczew = members["kleczew"]
    _contact(kleczew, "officer", "ewa@kleczew.invalid")
    client.force_login(office)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert "Uzupełnij numer rachunku w Dane Stowarzyszenia" in page
    assert f'href="{reverse("association:profile")}"' in page
    assert "Rachunek Stowarzyszenia:" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("fees:reminders") + "?rok=2026", {"members": [kleczew.pk]})
    assert response.status_code == 302 and len(mail.outbox) == 1 and FeeReminder.objects.count() == 1


# --- 4. the reminder's wording


def test_reminder_names_the_member_as_a_label_not_declined(board, adopted_2026, members):
    _contact(members["kleczew"], "officer", "ewa@kleczew.invalid")
    reminder = next(r for r in reminders_preview(user=board, year=2026) if r.member == members["kleczew"])
    assert "Składka członkowska na 2026 r. – Gmina Kleczew" in reminder.body
    assert "członkowska Gmina Kleczew" not in reminder.body
    assert "Gmina Kleczew" in reminder.subject and "SKL/2026/04" in reminder.subject


# --- 5. the import's notes


def test_payment_notes_say_what_was_owed_and_what_follows(office, adopted_2026, members):
    golina = members["golina"]
    partial = _pay(office, golina, "1000.00")
    assert "wpłata częściowa" in partial.match_note
    assert "do zapłaty było 7\u00a0039,50\u00a0zł" in partial.match_note
    assert "pozostaje 6\u00a0039,50\u00a0zł" in partial.match_note
    over = _pay(office, golina, "7000.00")
    assert "nadpłata 960,50\u00a0zł" in over.match_note
    assert "do zapłaty było 6\u00a0039,50\u00a0zł" in over.match_note
    again = _pay(office, golina, "100.00")
    assert "nadpłata 100,00\u00a0zł (składka była już opłacona)" in again.match_note
    assert "należność" not in over.match_note + again.match_note


# --- 6. instructions only for those who can send


def test_read_only_users_get_no_sending_instructions(client, office, board, adopted_2026, members):
    client.force_login(board)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert "Wyślij zaznaczone" not in page and "zaznacz" not in page
    assert "Przypomnienia wysyła biuro Stowarzyszenia" in page
    client.force_login(office)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert "zaznacz członków i kliknij „Wyślij zaznaczone”" in page


# --- 7. the delegate as the last resort, and the kind of each address


def test_delegate_is_written_to_only_when_there_is_no_other_address(client, office, adopted_2026, members):
    golina, kleczew = members["golina"], members["kleczew"]
    golina.organisation.email = ""
    golina.organisation.save()
    _contact(golina, "delegate", "delegat@golina.invalid")
    assert [(c.email, c.kind) for c in contacts_for(golina)] == [
        ("delegat@golina.invalid", "przedstawiciel w Radzie – gdy brak innego adresu")
    ]

    _contact(kleczew, "delegate", "delegat@kleczew.invalid")
    _contact(kleczew, "head", "burmistrz@kleczew.invalid", "Burmistrz")
    assert [c.email for c in contacts_for(kleczew)] == ["burmistrz@kleczew.invalid"]
    _contact(kleczew, "officer", "ewa@kleczew.invalid")
    kleczew.organisation.email = "urzad@kleczew.invalid"
    kleczew.organisation.save()
    assert [(c.email, c.kind) for c in contacts_for(kleczew)] == [
        ("ewa@kleczew.invalid", "osoba do kontaktu w urzędzie"),
        ("urzad@kleczew.invalid", "e-mail urzędu"),
    ]

    client.force_login(office)
    page = client.get(reverse("fees:reminders") + "?rok=2026").content.decode()
    assert "delegat@golina.invalid (przedstawiciel w Radzie – gdy brak innego adresu)" in page
    assert "ewa@kleczew.invalid (osoba do kontaktu w urzędzie)" in page
    assert "delegat@kleczew.invalid" not in page
    page = client.get(reverse("fees:member", args=[golina.pk])).content.decode()
    assert "delegat@golina.invalid (przedstawiciel w Radzie" in page
