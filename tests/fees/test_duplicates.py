"""Duplicate payments: the same member, amount, date and title as a payment already recorded is refused
without a confirmation, by hand and from a bank statement (also two such lines within one file)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.fees.models import FeePayment, HeldBankLine
from zit.fees.payments import PossibleDuplicate, payment_add
from zit.fees.statements import statement_held_confirm, statement_import

DAY = dt.date(2026, 3, 3)
HEADER = (
    "Data operacji;Data waluty;Nadawca / Odbiorca;Rachunek kontrahenta;Tytuł;Kwota;Waluta;Id transakcji\r\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\r\n" for r in rows)).encode()


def test_fifty_identical_payments_by_hand_record_one_without_confirmation(adopted_2026, members, office):
    typed = {
        "booked_on": DAY,
        "amount": Decimal("1000.00"),
        "title": "Składka 2026",
        "member": members["golina"],
    }
    first = payment_add(actor=office, **typed)
    refused = 0
    for _ in range(49):
        with pytest.raises(PossibleDuplicate) as exc:
            payment_add(actor=office, **typed)
        refused += 1
    assert refused == 49 and FeePayment.objects.count() == 1
    assert exc.value.existing == first
    assert "Taka wpłata jest już zapisana" in exc.value.message_dict["confirm_duplicate"][0]
    # the same title typed differently is the same title
    with pytest.raises(PossibleDuplicate):
        payment_add(actor=office, **(typed | {"title": "  SKŁADKA   2026 "}))

    second = payment_add(actor=office, **typed, confirm_duplicate=True)
    assert FeePayment.objects.count() == 2 and second.member == members["golina"]
    event = AuditEvent.objects.get(action="fees.payment_add", object_id=str(second.pk))
    assert event.after["confirmed_not_duplicate_of"] == first.pk


def test_a_different_amount_date_member_or_title_is_not_a_duplicate(adopted_2026, members, office):
    typed = {
        "booked_on": DAY,
        "amount": Decimal("1000.00"),
        "title": "Składka 2026",
        "member": members["golina"],
    }
    payment_add(actor=office, **typed)
    payment_add(actor=office, **(typed | {"amount": Decimal("1000.01")}))
    payment_add(actor=office, **(typed | {"booked_on": DAY + dt.timedelta(days=1)}))
    payment_add(actor=office, **(typed | {"member": members["kleczew"]}))
    payment_add(actor=office, **(typed | {"title": "Składka 2026 rata 2"}))
    assert FeePayment.objects.count() == 5


def test_the_form_warns_links_the_payment_keeps_the_data_and_saves_when_confirmed(
    client, office, adopted_2026, members
):
    client.force_login(office)
    data = {
        "booked_on": "2026-03-03",
        "amount": "1 000,00",
        "title": "Składka z kasy",
        "member": members["golina"].pk,
    }
    assert "nie jest duplikat" not in client.get(reverse("fees:payment_create")).content.decode()
    assert client.post(reverse("fees:payment_create"), data).status_code == 303
    existing = FeePayment.objects.get()

    response = client.post(reverse("fees:payment_create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and FeePayment.objects.count() == 1
    assert "Taka wpłata jest już zapisana" in page
    assert reverse("fees:payment", args=[existing.pk]) in page
    assert "To nie jest duplikat — zapisz mimo to" in page
    assert 'value="Składka z kasy"' in page and "1 000,00" in page  # what was typed is kept
    detail = client.get(reverse("fees:payment", args=[existing.pk])).content.decode()
    assert "Składka z kasy" in detail and "Gmina Golina" in detail

    response = client.post(reverse("fees:payment_create"), data | {"confirm_duplicate": "on"})
    assert response.status_code == 303 and FeePayment.objects.count() == 2


def test_statement_holds_a_line_already_typed_by_hand(adopted_2026, members, office):
    manual = payment_add(
        actor=office,
        booked_on=DAY,
        amount=Decimal("7039.50"),
        title="Składka SKL/2026/03",
        member=members["golina"],
    )
    content = _csv('03.03.2026;03.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"7 039,50";PLN;TX-1')

    statement = statement_import(actor=office, file_name="marzec.csv", content=content)

    assert (statement.new_payments, statement.held) == (0, 1)
    held = HeldBankLine.objects.get()
    assert held.duplicate_of == manual and held.member == members["golina"] and held.payment is None
    assert FeePayment.objects.count() == 1


def test_statement_holds_the_second_of_two_equal_lines_until_confirmed(adopted_2026, members, office, client):
    content = _csv(
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-1',
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-2',
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-3',
    )
    client.force_login(office)
    response = client.post(reverse("fees:statements"), {"file": SimpleUploadedFile("marzec.csv", content)})
    page = client.get(response["Location"]).content.decode()
    statement = FeePayment.objects.get().statement
    assert (statement.new_payments, statement.held) == (1, 2)
    assert "Możliwe duplikaty" in page and "wiersza 2 tego pliku" in page
    assert "wyglądają jak wpłaty już zapisane" in page
    held = list(HeldBankLine.objects.order_by("line_number"))
    assert [h.duplicate_of_line for h in held] == [2, 2]

    response = client.post(
        reverse("fees:statement_held_confirm", args=[statement.pk]), {"line": [str(held[0].pk)]}
    )
    assert response.status_code == 303
    assert FeePayment.objects.count() == 2
    held[0].refresh_from_db()
    assert held[0].payment.amount == Decimal("1000.00") and held[0].payment.member == members["golina"]
    with pytest.raises(ValidationError):  # a line confirmed once is not booked again
        statement_held_confirm(actor=office, statement=statement, line_ids=[held[0].pk])
    assert FeePayment.objects.count() == 2

    again = statement_import(actor=office, file_name="marzec.csv", content=content)
    assert again.new_payments == 0 and again.duplicates == 2 and again.held == 1


def test_only_fee_managers_confirm_held_lines(adopted_2026, members, office, board):
    content = _csv(
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka;"1 000,00";PLN;TX-1',
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka;"1 000,00";PLN;TX-2',
    )
    statement = statement_import(actor=office, file_name="m.csv", content=content)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        statement_held_confirm(actor=board, statement=statement, line_ids=[HeldBankLine.objects.get().pk])
    assert FeePayment.objects.count() == 1
