# ruff: noqa: F811 - the fixtures imported from the other tests are parameters here
"""The grant contract's lifecycle: the final payment is the managing authority's act, recorded with its
reference and date, knowingly (confirmed, with a reason) when it comes before the contract's end (progress
information is optional: nothing warns that it is missing); after it only a financial correction, with a reason, changes the contract;
the durability period runs from its date; the daily job closes the contract when the period is over."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts.durability import (
    contract_settle,
    contracts_close_due,
    durability_info_record,
    statement_submit,
    statements_missing,
)
from zit.contracts.lifecycles import CONTRACT, CORRECTION
from zit.contracts.models import Contract, Correction, DurabilityStatement
from zit.contracts.selectors import contract_actions
from zit.contracts.services import amendment_add, contract_terminate, correction_add, correction_recovered
from zit.core.models import AuditEvent, DecisionReference

from .test_contracts import _amounts, _sign, selected  # noqa: F401 - the fixture

C = Contract.State
AFTER_PAYMENT = "umowę zmienia już tylko korekta finansowa"


def _settle(office, contract, **overrides):
    fields = {
        "final_payment_on": dt.date(2026, 11, 20),
        "durability_years": 5,
        "reference": "WR-IZ.433.7.2026",
        "confirmed": True,
        "reason": "IZ przekazała płatność przed końcem realizacji.",
    }
    return contract_settle(actor=office, contract=contract, **(fields | overrides))


def _decision():
    return DecisionReference.objects.create(issuer_kind="managing_authority", issuer_name="IZ", number="K/7")


def _correct(office, contract, **overrides):
    fields = {
        "found_on": dt.date(2026, 4, 1),
        "description": "Zamówienie bez zapytania ofertowego.",
        "eligible_pln": Decimal("10000"),
        "eu_pln": Decimal("7000"),
        "decision": _decision(),
    }
    return correction_add(actor=office, contract=contract, **(fields | overrides))


def _spend_all(golina_user, office, contract):
    """Noted progress information with every eligible zloty of the contract spent."""
    from zit.contracts.reports import ReportData, report_create, report_note, report_pass_on, report_save

    report = report_create(
        actor=golina_user, contract=contract, period_from=contract.starts_on, period_to=contract.ends_on
    )
    report_save(
        actor=golina_user,
        report=report,
        data=ReportData("Zrobione.", [(contract.ends_on.year, "works", contract.eligible_pln)], {}, {}),
    )
    report_pass_on(actor=golina_user, report=report)
    report_note(actor=office, report=report)


# --- the table


def test_the_table_reaches_every_state_and_nothing_but_a_correction_happens_in_a_final_one():
    sources = {s for t in CONTRACT.transitions for s in t.sources}
    targets = {t.target for t in CONTRACT.transitions}
    assert sources | targets == set(C.values)
    for t in CONTRACT.transitions:
        if set(t.sources) & CONTRACT.final:
            assert t.name == "correct_closed" and t.target == C.CLOSED
    assert {t.name for t in CONTRACT.transitions if t.reason_required} == {
        "terminate",
        "correct_after_payment",
        "correct_closed",
    }
    # the final payment is the IZ's act: missing progress information is no warning against it
    assert [w.__name__ for w in CONTRACT.transition("settle").warnings] == ["paid_after_the_end"]


def test_buttons_follow_the_lifecycle_for_the_office_and_the_beneficiary(selected, office, golina_user):
    contract = _sign(office, selected)
    actions = contract_actions(user=office, contract=contract)
    assert [a.name for a in actions.allowed] == ["amend", "settle", "terminate", "correct"]
    assert actions.get("settle").warnings  # before the end: the button asks for a reason
    assert contract_actions(user=golina_user, contract=contract) == []

    contract = _settle(office, contract)
    assert contract.state == C.FINAL_PAID
    actions = contract_actions(user=office, contract=contract)
    assert [a.name for a in actions.allowed] == ["correct_after_payment", "durability_info"]
    assert {a.name for a in actions.refused} == {"amend", "settle", "terminate"}
    assert all(AFTER_PAYMENT in a.refused for a in actions.refused)
    assert [a.name for a in contract_actions(user=golina_user, contract=contract)] == ["durability_statement"]

    contract.state = C.CLOSED
    assert [a.name for a in contract_actions(user=office, contract=contract)] == ["correct_closed"]
    contract.state = C.TERMINATED
    assert contract_actions(user=office, contract=contract) == []


# --- the final payment


def test_final_payment_before_the_end_asks_for_a_confirmed_reason(selected, office):
    contract = _sign(office, selected)
    with pytest.raises(ValidationError) as exc:
        _settle(office, contract, confirmed=False, reason="")
    messages = exc.value.message_dict["reason"]
    assert "przypada przed końcem realizacji określonym w umowie (31 października 2027)" in messages[
        0
    ].replace("\xa0", " ")
    assert len(messages) == 2 and "potwierdź i podaj powód" in messages[1]
    assert not any("sprawozda" in m or "informac" in m for m in messages)  # nothing says a report is missing
    with pytest.raises(ValidationError) as exc:  # confirmed, but no reason
        _settle(office, contract, reason="")
    assert "potwierdź i podaj powód" in exc.value.message_dict["reason"][-1]
    contract.refresh_from_db()
    assert contract.state == C.SIGNED and contract.final_payment_on is None

    contract = _settle(office, contract)
    contract.refresh_from_db()
    assert (contract.state, contract.final_payment_on, contract.final_payment_reference) == (
        C.FINAL_PAID,
        dt.date(2026, 11, 20),
        "WR-IZ.433.7.2026",
    )
    event = AuditEvent.objects.filter(action="contracts.contract_settle").latest("pk")
    assert event.reason == "IZ przekazała płatność przed końcem realizacji."
    assert (event.before["state"], event.after["state"]) == (C.SIGNED, C.FINAL_PAID)


def test_final_payment_after_the_end_needs_no_reason_with_or_without_progress_information(
    selected, office, golina_user
):
    contract = _sign(office, selected, ends_on=dt.date(2026, 6, 30))
    assert CONTRACT.actions(office, contract).get("settle").warnings == ()  # no information: no warning
    _spend_all(golina_user, office, contract)
    assert CONTRACT.actions(office, contract).get("settle").warnings == ()
    contract = _settle(office, contract, final_payment_on=dt.date(2026, 8, 3), confirmed=False, reason="")
    assert contract.state == C.FINAL_PAID


def test_only_the_office_records_the_final_payment(selected, office, golina_user):
    contract = _sign(office, selected)
    with pytest.raises(PermissionDenied):
        _settle(golina_user, contract)


def test_the_final_payment_is_recorded_once(selected, office):
    contract = _settle(office, _sign(office, selected))
    with pytest.raises(ValidationError) as exc:
        _settle(office, contract, final_payment_on=dt.date(2026, 11, 25))
    assert AFTER_PAYMENT in exc.value.messages[0] and "20 listopada 2026" in exc.value.messages[0]


# --- after the final payment


def test_no_amendment_after_the_final_payment(selected, office):
    contract = _settle(office, _sign(office, selected))
    with pytest.raises(ValidationError) as exc:
        amendment_add(
            actor=office,
            contract=contract,
            number="1",
            signed_on=dt.date(2026, 11, 30),
            reason="Zmiana harmonogramu.",
            document=SimpleUploadedFile("aneks.pdf", b"%PDF-1.7\n"),
            amounts=_amounts(selected, "1000000", "800000", "560000"),
        )
    assert AFTER_PAYMENT in exc.value.message_dict["__all__"][0]
    assert not contract.amendments.exists()


def test_no_termination_after_the_final_payment(selected, office):
    contract = _settle(office, _sign(office, selected))
    with pytest.raises(ValidationError) as exc:
        contract_terminate(
            actor=office,
            contract=contract,
            terminated_on=dt.date(2026, 11, 30),
            reason="Beneficjent zrezygnował.",
            eu_retained_pln=Decimal("0"),
        )
    assert AFTER_PAYMENT in exc.value.message_dict["__all__"][0]
    contract.refresh_from_db()
    assert contract.state == C.FINAL_PAID and contract.terminated_on is None


def test_a_correction_after_the_final_payment_needs_a_reason(selected, office):
    contract = _sign(office, selected)
    before = _correct(office, contract)  # in force: no reason asked
    assert before.reason == ""
    contract = _settle(office, contract)
    with pytest.raises(ValidationError) as exc:
        _correct(office, contract)
    assert exc.value.message_dict["reason"] == [
        "Po płatności końcowej podaj uzasadnienie korekty: zostanie zapisane przy korekcie i w historii."
    ]
    assert contract.corrections.count() == 1
    after = _correct(office, contract, reason="Kontrola IZ po płatności końcowej wykazała nieprawidłowość.")
    assert after.reason.startswith("Kontrola IZ")
    event = AuditEvent.objects.filter(action="contracts.correction_add").latest("pk")
    assert event.reason == after.reason and event.after["state"] == C.FINAL_PAID


def test_a_terminated_contract_takes_no_correction(selected, office):
    contract = _sign(office, selected)
    contract_terminate(
        actor=office,
        contract=contract,
        terminated_on=dt.date(2026, 10, 1),
        reason="Beneficjent zrezygnował.",
        eu_retained_pln=Decimal("0"),
    )
    with pytest.raises(ValidationError, match="rozwiązana"):
        _correct(office, contract)


# --- durability runs from the final payment


def test_durability_runs_from_the_final_payments_date(selected, office, golina_user):
    contract = _settle(office, _sign(office, selected), final_payment_on=dt.date(2026, 11, 20))
    assert contract.durability_ends_on == dt.date(2031, 11, 20)
    assert contract.durability_years_due(dt.date(2028, 1, 5)) == [2026, 2027]
    assert statements_missing(contract, today=dt.date(2028, 1, 5)) == [2026, 2027]
    with pytest.raises(ValidationError) as exc:
        statement_submit(actor=golina_user, contract=contract, year=2025, conditions_met=True, statement="x")
    assert exc.value.message_dict["year"] == ["Okres trwałości obejmuje lata 2026–2031."]
    with pytest.raises(ValidationError) as exc:
        durability_info_record(
            actor=office,
            contract=contract,
            source="office",
            observed_on=dt.date(2026, 11, 19),
            finding="no_remarks",
        )
    assert "między płatnością końcową" in exc.value.message_dict["observed_on"][0]
    statement_submit(
        actor=golina_user, contract=contract, year=2026, conditions_met=True, statement="Działa."
    )
    assert statements_missing(contract, today=dt.date(2028, 1, 5)) == [2027]


def test_no_durability_acts_before_the_final_payment(selected, office, golina_user):
    contract = _sign(office, selected)
    with pytest.raises(ValidationError, match="po płatności końcowej"):
        statement_submit(actor=golina_user, contract=contract, year=2026, conditions_met=True, statement="x")
    with pytest.raises(ValidationError, match="po płatności końcowej"):
        durability_info_record(
            actor=office,
            contract=contract,
            source="office",
            observed_on=timezone.localdate(),
            finding="no_remarks",
        )


def test_the_daily_job_closes_a_contract_after_its_period_with_every_statement_in(selected, office):
    contract = _settle(office, _sign(office, selected), final_payment_on=dt.date(2026, 11, 20))
    after_the_period = dt.date(2031, 11, 21)
    for year in range(2026, 2030):  # 2030 is missing
        DurabilityStatement.objects.create(
            contract=contract, year=year, conditions_met=True, statement="Działa.", submitted_by_label="x"
        )
    assert contracts_close_due(dt.date(2031, 11, 20)) == []  # the period's last day
    assert contracts_close_due(after_the_period) == []
    refusal = CONTRACT.refusal(contract, "close", _context(after_the_period))
    assert refusal == "Brak oświadczeń o trwałości za lata: 2030."
    DurabilityStatement.objects.create(
        contract=contract, year=2030, conditions_met=True, statement="Działa.", submitted_by_label="x"
    )
    assert [c.pk for c in contracts_close_due(after_the_period)] == [contract.pk]
    contract.refresh_from_db()
    assert contract.state == C.CLOSED
    assert AuditEvent.objects.filter(action="contracts.contract_close", object_id=str(contract.pk)).exists()


def _context(today):
    from zit.core.lifecycle import Context

    return Context(actor=None, today=today)


# --- corrections: what came back


def test_recoveries_move_a_correction_from_to_recover_to_recovered(selected, office, golina_user):
    correction = _correct(office, _sign(office, selected))
    assert CORRECTION.state_of(correction) == Correction.State.TO_RECOVER
    with pytest.raises(ValidationError) as exc:
        correction_recovered(actor=office, correction=correction, recovered_pln=Decimal("0"))
    assert "więcej niż 0" in exc.value.message_dict["recovered_pln"][0]
    correction = correction_recovered(actor=office, correction=correction, recovered_pln=Decimal("2000"))
    assert correction.state == Correction.State.PARTLY_RECOVERED
    assert [a.name for a in CORRECTION.actions(office, correction)] == ["recover_part", "recover_all"]
    correction = correction_recovered(actor=office, correction=correction, recovered_pln=Decimal("7000"))
    assert correction.state == Correction.State.RECOVERED
    assert [a.name for a in CORRECTION.actions(office, correction)] == ["recover_part"]
    event = AuditEvent.objects.filter(action="contracts.correction_recovered").latest("pk")
    assert (event.before["state"], event.after["state"]) == ("partly_recovered", "recovered")
    with pytest.raises(PermissionDenied):
        correction_recovered(actor=golina_user, correction=correction, recovered_pln=Decimal("1"))


# --- the pages


@pytest.fixture
def office_client(office):
    client = Client()
    client.force_login(office)
    return client


def test_the_contract_shows_its_buttons_from_the_lifecycle(selected, office, office_client):
    contract = _sign(office, selected)
    page = office_client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert 'id="contract-actions-title"' in page
    for name in ("amend", "settle", "terminate", "correct"):
        assert f'data-action="{name}"' in page
    _settle(office, contract)
    page = office_client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert 'data-action="correct_after_payment"' in page and 'data-action="durability_info"' in page
    for name in ("amend", "settle", "terminate"):
        assert f'data-action="{name}"' not in page and f'data-refused="{name}"' in page
    assert "WR-IZ.433.7.2026" in page


def test_the_final_payment_page_warns_before_it_is_sent(selected, office, office_client):
    contract = _sign(office, selected)
    url = reverse("contracts:card_settlement", args=[selected.pk])
    page = office_client.get(url).content.decode().replace("\xa0", " ")
    assert "Zanim zapiszesz" in page and "przed końcem realizacji" in page and "nie rozliczono" not in page
    assert 'name="confirmed"' in page and 'name="reason"' in page
    data = {"final_payment_on": "2026-11-20", "reference": "WR-IZ.1", "durability_years": "5"}
    response = office_client.post(url, data)
    assert response.status_code == 200
    assert "potwierdź i podaj powód" in response.content.decode()
    assert 'value="WR-IZ.1"' in response.content.decode()  # what was typed stays
    contract.refresh_from_db()
    assert contract.final_payment_on is None
    response = office_client.post(url, data | {"confirmed": "on", "reason": "Tak rozliczyła IZ."})
    assert response.status_code == 303
    contract.refresh_from_db()
    assert (contract.state, contract.final_payment_reference) == (C.FINAL_PAID, "WR-IZ.1")
    # the page is now closed, with the reason
    response = office_client.get(url, follow=True)
    assert AFTER_PAYMENT in response.content.decode()


def test_the_amendment_and_termination_pages_refuse_after_the_final_payment(selected, office, office_client):
    _settle(office, _sign(office, selected))
    for name in ("contracts:card_amendment", "contracts:card_termination"):
        response = office_client.get(reverse(name, args=[selected.pk]), follow=True)
        assert AFTER_PAYMENT in response.content.decode()
    page = office_client.get(reverse("contracts:card_correction", args=[selected.pk])).content.decode()
    assert 'name="reason"' in page and "Płatność końcowa jest już zapisana" in page


def test_templates_of_the_contract_compare_no_state_strings():
    import re
    from pathlib import Path

    import zit

    folder = Path(zit.__file__).parent / "templates" / "contracts"
    names = ["contract_section.html", "contract_form.html", "amendment_form.html", "settle_form.html"]
    pattern = re.compile(r"\.(state|status)\s*(==|!=|\bin\b)")
    for name in names:
        assert not pattern.search((folder / name).read_text()), name


def test_the_closing_runs_every_day():
    import datetime as dt

    from zit.core.jobs import recurring_kinds

    assert recurring_kinds()["contracts.close"] == dt.timedelta(days=1)


def test_the_correction_row_offers_its_recovery_buttons(selected, office, office_client):
    correction = _correct(office, _sign(office, selected))
    page = office_client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert 'data-action="recover_part"' in page and 'data-action="recover_all"' in page
    url = reverse("contracts:card_recovery", args=[selected.pk, correction.pk])
    form_page = office_client.get(f"{url}?calosc=1").content.decode()
    assert 'name="recovered_pln" value="7000,00"' in form_page  # the whole amount, offered
    assert office_client.post(url, {"recovered_pln": "7 000,00"}).status_code == 303
    correction.refresh_from_db()
    assert correction.state == Correction.State.RECOVERED
    response = office_client.get(f"{url}?calosc=1", follow=True)  # nothing more to recover in full
    assert "nie można wykonać" in response.content.decode()
