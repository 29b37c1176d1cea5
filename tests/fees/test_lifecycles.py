"""The lifecycles of members' fees: every guard refuses its act with a Polish reason, the buttons offered
follow the lifecycle for each role, and the tables of the fees pages save all or nothing, keeping what was
typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zit.core.lifecycle import Context, all_lifecycles
from zit.fees import rules as fees
from zit.fees.lifecycles import HELD_LINE, PAYMENT, RULE
from zit.fees.models import FeePayment, FeeRule, FeeRuleKindRate, HeldBankLine
from zit.fees.payments import payment_add, payment_assign, payment_mark_not_fee
from zit.fees.statements import statement_held_confirm, statement_import

D = dt.date
TODAY = D(2026, 3, 20)
HEADER = (
    "Data operacji;Data waluty;Nadawca / Odbiorca;Rachunek kontrahenta;Tytuł;Kwota;Waluta;Id transakcji\r\n"
)


def _csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\r\n" for r in rows)).encode()


def _names(actions) -> list[str]:
    return [a.name for a in actions]


def test_the_lifecycles_are_registered():
    keys = {lc.key for lc in all_lifecycles()}
    assert {
        "fees.rule",
        "fees.assessment",
        "fees.payment",
        "fees.held_line",
    } <= keys
    for lc in (RULE, PAYMENT, HELD_LINE):
        for t in lc.transitions:
            for guard in (*t.guards, *t.warnings):
                assert guard.__doc__ and guard.__doc__.strip(), guard  # docs/lifecycles.md shows it


# --- the year's rule


def test_guard_members_to_assess(rule_2026, office, monkeypatch):
    monkeypatch.setattr(fees, "assessed_members", lambda rule: [])
    fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=_decision())
    with pytest.raises(ValidationError) as caught:
        fees.assessments_generate(actor=office, rule=rule_2026)
    assert caught.value.messages == ["W tym roku nie ma członków, od których nalicza się składki."]


def test_guard_population_known(rule_2026, office, members):
    rule = fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=_decision())
    with pytest.raises(ValidationError) as caught:
        fees.assessments_generate(actor=office, rule=rule)
    assert caught.value.messages[0].startswith("Nie naliczono składek. Brak liczby mieszkańców dla:")
    action = RULE.actions(office, rule).get("generate")
    assert action is not None and "Brak liczby mieszkańców" in action.refused


def _decision():
    from zit.core.models import DecisionReference

    return DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia",
        kind="uchwała",
        number="XII/45/2025",
        date=D(2025, 12, 15),
    )


def test_rule_actions_follow_the_lifecycle_per_role(rule_2026, office, board, all_populated):
    assert _names(RULE.actions(office, rule_2026)) == ["edit", "adopt"]
    assert _names(RULE.actions(board, rule_2026)) == []
    rule = fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=_decision())
    assert _names(RULE.actions(office, rule)) == ["generate"] and RULE.actions(office, rule).can("generate")
    with pytest.raises(ValidationError) as caught:
        fees.fee_rule_save(actor=office, rule=rule, year=2026)
    assert "„Popraw projekt”" in caught.value.messages[0]


def test_a_later_rule_supersedes_the_adopted_one_through_its_lifecycle(rule_2026, office):
    first = fees.fee_rule_adopt(actor=office, rule=rule_2026, decision=_decision())
    second = fees.fee_rule_save(actor=office, year=2026, fixed_amount=Decimal("10"))
    fees.fee_rule_adopt(actor=office, rule=second, decision=_decision())
    first.refresh_from_db()
    assert first.status == FeeRule.Status.SUPERSEDED and _names(RULE.actions(office, first)) == []
    from zit.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="fees.rule_supersede", object_id=str(first.pk)).exists()


# --- payments


def _unmatched(office) -> FeePayment:
    return payment_add(
        actor=office, booked_on=D(2026, 3, 3), amount=Decimal("50.00"), title="zwrot za catering"
    )


def test_guard_booked_to_member_asks_for_confirmation(adopted_2026, members, office):
    payment = payment_add(
        actor=office, booked_on=D(2026, 3, 3), amount=Decimal("100.00"), title="x", member=members["golina"]
    )
    with pytest.raises(ValidationError) as caught:
        payment_mark_not_fee(actor=office, payment=payment, note="Pomyłka banku")
    text = " ".join(caught.value.messages)
    assert "Ta wpłata jest zaksięgowana na: Gmina Golina, 2026 r." in text and "potwierdź" in text
    payment.refresh_from_db()
    assert payment.status == FeePayment.Status.MATCHED
    payment_mark_not_fee(actor=office, payment=payment, note="Pomyłka banku", confirmed=True)
    payment.refresh_from_db()
    assert payment.status == FeePayment.Status.NOT_FEE and payment.member is None


def test_payment_actions_follow_the_lifecycle_per_role(adopted_2026, members, office, board):
    payment = _unmatched(office)
    assert payment.status == FeePayment.Status.UNMATCHED
    assert _names(PAYMENT.actions(office, payment)) == ["assign", "not_fee"]
    assert _names(PAYMENT.actions(board, payment)) == []
    payment_mark_not_fee(actor=office, payment=payment, note="Zwrot kosztów")
    payment.refresh_from_db()
    assert _names(PAYMENT.actions(office, payment)) == ["assign"]
    payment_assign(actor=office, payment=payment, member=members["wilczyn"], year=2026)
    payment.refresh_from_db()
    actions = PAYMENT.actions(office, payment)
    assert _names(actions) == ["assign", "not_fee"] and actions.get("not_fee").warnings


def test_payment_page_offers_the_buttons_and_not_fee_takes_its_reason(client, adopted_2026, office):
    payment = _unmatched(office)
    client.force_login(office)
    page = client.get(reverse("fees:payment", args=[payment.pk])).content.decode()
    assert (
        'data-lifecycle="payment-actions"' in page
        and reverse("fees:payment_assign", args=[payment.pk]) in page
    )
    url = reverse("fees:payment_transition", args=[payment.pk, "not_fee"])
    client.post(url, {"reason": ""})
    payment.refresh_from_db()
    assert payment.status == FeePayment.Status.UNMATCHED
    response = client.post(url, {"reason": "Zwrot kosztów"})
    assert response.status_code == 303
    payment.refresh_from_db()
    assert payment.status == FeePayment.Status.NOT_FEE and payment.note == "Zwrot kosztów"


# --- held bank lines


def _held(office):
    content = _csv(
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-1',
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-2',
        '05.03.2026;05.03.2026;URZĄD GMINY GOLINA;PL27;Składka SKL/2026/03;"1 000,00";PLN;TX-3',
    )
    statement = statement_import(actor=office, file_name="marzec.csv", content=content)
    return statement, list(HeldBankLine.objects.order_by("line_number"))


def test_guard_not_booked_meanwhile_refuses_the_whole_choice(adopted_2026, members, office):
    statement, held = _held(office)
    FeePayment.objects.create(  # the third line booked meanwhile, e.g. from another statement
        source=FeePayment.Source.BANK,
        booked_on=held[1].booked_on,
        amount=held[1].amount,
        dedupe_key=held[1].dedupe_key,
    )
    count = FeePayment.objects.count()
    assert "już zaksięgowana" in HELD_LINE.refusal(held[1], "confirm", Context(actor=office, today=TODAY))
    with pytest.raises(ValidationError) as caught:
        statement_held_confirm(actor=office, statement=statement, line_ids=[held[0].pk, held[1].pk])
    assert list(caught.value.message_dict) == [str(held[1].pk)]
    assert "Wiersz 4: ta operacja jest już zaksięgowana" in caught.value.message_dict[str(held[1].pk)][0]
    assert FeePayment.objects.count() == count
    held[0].refresh_from_db()
    assert held[0].payment is None  # nothing saved


def test_held_lines_page_keeps_the_ticks_and_shows_the_reason_next_to_the_line(
    client, adopted_2026, members, office
):
    statement, held = _held(office)
    FeePayment.objects.create(
        source=FeePayment.Source.BANK,
        booked_on=held[1].booked_on,
        amount=held[1].amount,
        dedupe_key=held[1].dedupe_key,
    )
    client.force_login(office)
    page = client.get(reverse("fees:statement", args=[statement.pk])).content.decode()
    assert "ta operacja jest już zaksięgowana" in page  # refused lines say why instead of a tick box
    response = client.post(
        reverse("fees:statement_held_confirm", args=[statement.pk]),
        {"line": [str(held[0].pk), str(held[1].pk)]},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Nic nie zapisano" in page
    assert f'href="#held-{held[1].pk}"' in page
    assert f'value="{held[0].pk}" id="held-{held[0].pk}" checked' in page
    held[0].refresh_from_db()
    assert held[0].payment is None


def test_held_line_actions_per_role(adopted_2026, members, office, board):
    statement, held = _held(office)
    assert _names(HELD_LINE.actions(office, held[0])) == ["confirm"]
    assert _names(HELD_LINE.actions(board, held[0])) == []
    statement_held_confirm(actor=office, statement=statement, line_ids=[held[0].pk])
    held[0].refresh_from_db()
    assert held[0].is_booked and _names(HELD_LINE.actions(office, held[0])) == []


# --- the tables: all or nothing, rows added without losing anything


RULE_POST = {
    "year": "2026",
    "fixed_amount": "1 000,00",
    "per_inhabitant": "0,50",
    "proration": "months",
    "stawki-TOTAL_FORMS": "2",
    "stawki-INITIAL_FORMS": "0",
}


def test_fee_rates_table_is_all_or_nothing(client, office, association_data):
    client.force_login(office)
    data = RULE_POST | {
        "stawki-0-kind": "powiat",
        "stawki-0-fixed_amount": "20 000",
        "stawki-1-kind": "powiat",
        "stawki-1-fixed_amount": "-5",
    }
    response = client.post(reverse("fees:rule_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not FeeRule.objects.exists() and not FeeRuleKindRate.objects.exists()
    assert "Popraw błędy w formularzu" in page
    assert "Wiersz 2, Rodzaj członka: Ten rodzaj członka ma już stawki w wierszu 1." in page
    assert "Kwota nie może być ujemna." in page
    assert 'value="20 000"' in page or 'value="20000"' in page  # what was typed stays


def test_fee_rates_table_adds_rows_and_keeps_what_was_typed(client, office, association_data):
    client.force_login(office)
    data = RULE_POST | {"stawki-0-kind": "city", "stawki-0-fixed_amount": "7 000", "dodaj_wiersze": "1"}
    response = client.post(reverse("fees:rule_create"), data, follow=False)
    page = response.content.decode()
    assert response.status_code == 200 and not FeeRule.objects.exists()
    assert "Dodano 2 puste wiersze. Nic jeszcze nie zapisano" in page
    assert 'name="stawki-TOTAL_FORMS" value="4"' in page and "7 000" in page


def test_fee_rates_table_saves_every_row(client, office, association_data):
    client.force_login(office)
    data = RULE_POST | {
        "stawki-0-kind": "powiat",
        "stawki-0-fixed_amount": "20 000",
        "stawki-1-kind": "city",
        "stawki-1-per_inhabitant": "1,20",
    }
    response = client.post(reverse("fees:rule_create"), data)
    assert response.status_code == 303
    assert sorted(FeeRuleKindRate.objects.values_list("kind", flat=True)) == ["city", "powiat"]


def test_review_table_is_all_or_nothing(client, adopted_2026, members, office):
    first = payment_add(
        actor=office, booked_on=D(2026, 3, 3), amount=Decimal("50.00"), title="zwrot za catering"
    )
    second = payment_add(
        actor=office, booked_on=D(2026, 3, 4), amount=Decimal("60.00"), title="nieznany przelew"
    )
    client.force_login(office)
    rows = sorted(
        FeePayment.objects.filter(status=FeePayment.Status.UNMATCHED),
        key=lambda p: (-p.booked_on.toordinal(), -p.pk),
    )
    assert {p.pk for p in rows} == {first.pk, second.pk}
    data = {"wplaty-TOTAL_FORMS": "2", "wplaty-INITIAL_FORMS": "2"}
    for i, p in enumerate(rows):
        data[f"wplaty-{i}-payment"] = str(p.pk)
    index = {p.pk: i for i, p in enumerate(rows)}
    data[f"wplaty-{index[first.pk]}-not_fee"] = "Zwrot kosztów"
    data[f"wplaty-{index[second.pk]}-member"] = str(members["golina"].pk)  # no year: refused
    data[f"wplaty-{index[second.pk]}-year"] = ""
    response = client.post(reverse("fees:review"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Popraw błędy w formularzu" in page
    assert "Podaj rok składki." in page and "Zwrot kosztów" in page
    assert not FeePayment.objects.exclude(status=FeePayment.Status.UNMATCHED).filter(
        pk__in=[first.pk, second.pk]
    )

    data[f"wplaty-{index[second.pk]}-year"] = "2026"
    response = client.post(reverse("fees:review"), data)
    assert response.status_code == 303
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == FeePayment.Status.NOT_FEE and second.member == members["golina"]
