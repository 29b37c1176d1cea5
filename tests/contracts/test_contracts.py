import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from projects.test_calls import _call, listed  # noqa: F401 - the fixture
from support.list_approval import approve_through_register

from zit.contracts.models import AmountRecord, ProgressReport
from zit.contracts.services import Amounts, amendment_add, contract_sign
from zit.core.models import AuditEvent
from zit.core.signed import signed_document_for, signed_document_upload
from zit.funding.models import Indicator
from zit.projects import calls, opinions
from zit.projects.services import BudgetRow


@pytest.fixture
def selected(listed, office, measure, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    main, _reserve = listed
    card = calls.application_file(
        actor=office, card=main, call=_call(office, measure), application_number="A-2"
    )
    opinion = opinions.opinion_prepare(
        actor=office,
        card=card,
        compliant=True,
        answers=[
            opinions.AnswerInput(c.pk, "met", "Zgodny.")
            for c in opinions.checklist_current(card.call).criteria.all()
        ],
        today=dt.date(2026, 6, 10),
    )
    signed_document_upload(
        actor=office,
        document=signed_document_for(subject=opinion, kind=opinions.OPINION_KIND),
        file=ContentFile(b"%PDF-1.7\nskan\n", name="opinia.pdf"),
    )
    opinions.opinion_issue(actor=office, opinion=opinion)
    card.refresh_from_db()
    return calls.application_outcome(
        actor=office,
        card=card,
        selected=True,
        decided_on=dt.date(2026, 6, 20),
        reference="DPR-II.433.1.2026",
        source="pismo IZ",
    )


def _amounts(card, total, eligible, eu):
    half = lambda v: (Decimal(v) / 2).quantize(Decimal("0.01"))  # noqa: E731
    return Amounts(
        Decimal(total),
        Decimal(eligible),
        Decimal(eu),
        [
            BudgetRow(card.beneficiary, 2026, half(total), half(eligible), half(eu)),
            BudgetRow(
                card.beneficiary,
                2027,
                Decimal(total) - half(total),
                Decimal(eligible) - half(eligible),
                Decimal(eu) - half(eu),
            ),
        ],
    )


def _sign(office, card, **overrides):
    fields = {
        "number": "FEWP.03.02-IZ.00-0002/25-00",
        "signed_on": dt.date(2026, 2, 10),
        "parties": "Województwo Wielkopolskie i Gmina Golina",
        "starts_on": dt.date(2026, 3, 1),
        "ends_on": dt.date(2027, 10, 31),
        "amounts": _amounts(card, "1000000", "800000", "560000"),
        "milestones": [("Wybór wykonawcy", dt.date(2026, 6, 30))],
        "indicators": [(Indicator.objects.get(code="RCO58"), Decimal("4.5"), 2027)],
    }
    return contract_sign(actor=office, card=card, **(fields | overrides))


def test_contract_records_the_final_amounts_and_the_card_is_contracted(selected, office):
    contract = _sign(office, selected)
    selected.refresh_from_db()
    assert selected.state == "contracted" and contract.own_pln == Decimal("440000")
    assert contract.lines.count() == 2 and contract.milestones.count() == 1
    assert AmountRecord.objects.filter(contract=contract).count() == 1


def test_contract_amounts_are_checked(selected, office, golina_user):
    with pytest.raises(ValidationError) as exc:
        _sign(office, selected, amounts=_amounts(selected, "1000000", "800000", "600000"))
    errors = exc.value.message_dict
    assert "70%" in errors["eu_pln"][0]
    with pytest.raises(ValidationError) as exc:
        bad = _amounts(selected, "1000000", "800000", "560000")
        bad.rows[0].total_pln += 1
        _sign(office, selected, amounts=bad, milestones=[("Odbiór", dt.date(2030, 1, 1))])
    assert any("1,00" in m for m in exc.value.message_dict["lines"])
    assert "poza okresem" in exc.value.message_dict["milestones"][0]
    with pytest.raises(PermissionDenied):
        _sign(golina_user, selected)


def test_amendments_change_amounts_and_keep_their_history(selected, office):
    contract = _sign(office, selected)
    signed = SimpleUploadedFile("aneks-1.pdf", b"%PDF-1.7\naneks\n")
    with pytest.raises(ValidationError) as exc:
        amendment_add(
            actor=office,
            contract=contract,
            number="1",
            signed_on=dt.date(2026, 1, 1),
            reason="",
            document=None,
            amounts=_amounts(selected, "900000", "700000", "490000"),
        )
    assert {"signed_on", "reason", "document"} <= set(exc.value.message_dict)
    amendment = amendment_add(
        actor=office,
        contract=contract,
        number="1",
        signed_on=dt.date(2026, 9, 1),
        reason="Oszczędności po przetargu.",
        document=signed,
        amounts=_amounts(selected, "900000", "700000", "490000"),
        ends_on=dt.date(2027, 12, 31),
    )
    contract.refresh_from_db()
    assert (contract.total_pln, contract.eu_pln, contract.ends_on) == (
        Decimal("900000"),
        Decimal("490000"),
        dt.date(2027, 12, 31),
    )
    history = list(contract.amount_history.values_list("valid_from", "eu_pln", "amendment"))
    assert history == [
        (dt.date(2026, 2, 10), Decimal("560000.00"), None),
        (dt.date(2026, 9, 1), Decimal("490000.00"), amendment.pk),
    ]
    assert len(amendment.document_sha256) == 64
    from django.test import Client

    client = Client()
    client.force_login(office)
    download = client.get(reverse("contracts:amendment_file", args=[selected.pk, amendment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_contract_pages_for_the_office(selected, office, golina_user):
    from django.test import Client

    office_client, member = Client(), Client()
    office_client.force_login(office)
    member.force_login(golina_user)
    assert member.get(reverse("contracts:card_contract", args=[selected.pk])).status_code == 403
    page = office_client.get(reverse("contracts:card_contract", args=[selected.pk])).content.decode()
    assert "Umowa o dofinansowanie" in page and 'name="wiersze-TOTAL_FORMS"' in page
    lines = list(selected.budget_lines.all())
    data = {
        "number": "UDA-1",
        "signed_on": "2026-02-10",
        "parties": "Województwo i gmina",
        "starts_on": "2026-06-01",
        "ends_on": "2027-10-31",
        "total_pln": "1 000 000,00",
        "eligible_pln": "800 000,00",
        "eu_pln": "560 000,00",
        "wiersze-TOTAL_FORMS": str(len(lines)),
        "wiersze-INITIAL_FORMS": str(len(lines)),
        "kamienie-TOTAL_FORMS": "1",
        "kamienie-INITIAL_FORMS": "0",
        "kamienie-0-name": "Przetarg",
        "kamienie-0-due_on": "2026-07-01",
        "wskazniki-TOTAL_FORMS": "1",
        "wskazniki-INITIAL_FORMS": "1",
        "wskazniki-0-indicator": str(selected.indicators.get().indicator_id),
        "wskazniki-0-target_value": "4,5",
        "wskazniki-0-target_year": "2027",
    }
    for n, line in enumerate(lines):
        data |= {
            f"wiersze-{n}-organisation": str(line.organisation_id),
            f"wiersze-{n}-year": str(line.year),
            f"wiersze-{n}-total_pln": str(line.total_pln),
            f"wiersze-{n}-eligible_pln": str(line.eligible_pln),
            f"wiersze-{n}-eu_pln": str(line.eu_pln),
        }
    response = office_client.post(reverse("contracts:card_contract", args=[selected.pk]), data)
    assert response.status_code == 303
    card_page = office_client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    assert "UDA-1" in card_page and "Historia kwot umowy" in card_page
    assert member.get(reverse("contracts:card_amendment", args=[selected.pk])).status_code == 403


def test_savings_and_termination_return_money_to_the_envelope_exactly(selected, office):
    from projects.test_lists import RATE_DAY

    from zit.contracts.services import contract_terminate
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    contract = _sign(office, selected)
    amendment_add(
        actor=office,
        contract=contract,
        number="1",
        signed_on=dt.date(2026, 9, 1),
        reason="Oszczędności po przetargu.",
        document=SimpleUploadedFile("aneks.pdf", b"%PDF-1.7\n"),
        amounts=_amounts(selected, "900000", "700000", "489999.99"),
    )
    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    entry = version.entries.get(card=selected)
    assert entry.eu_pln == Decimal("489999.99")  # the new draft follows the contract: 70,000.01 PLN freed
    assert entry.eu_eur == Decimal("117115.61")  # 489,999.99 / 4.1839, rounded once
    with pytest.raises(ValidationError):
        contract_terminate(
            actor=office,
            contract=contract,
            terminated_on=dt.date(2026, 10, 1),
            reason="x",
            eu_retained_pln=Decimal("500000"),
        )
    contract_terminate(
        actor=office,
        contract=contract,
        terminated_on=dt.date(2026, 10, 1),
        reason="Beneficjent zrezygnował.",
        eu_retained_pln=Decimal("100000"),
    )
    selected.refresh_from_db()
    assert selected.state == "terminated"
    # the draft is brought up to date when it is approved: only what was paid and kept stays taken
    lists.list_annex_update_set(actor=office, version=version, significant=False)
    approve_through_register(version, actor=office, on=dt.date(2026, 10, 2))
    entry.refresh_from_db()
    assert (entry.eu_pln, entry.eu_eur) == (Decimal("100000.00"), Decimal("23901.14"))


def test_corrections_lower_every_total_and_recoveries_stay_within_them(selected, office, golina_user):
    from zit.contracts.services import correction_add, correction_recovered
    from zit.core.models import DecisionReference
    from zit.projects.lists import committed_pln

    contract = _sign(office, selected)
    decision = DecisionReference.objects.create(
        issuer_kind="managing_authority", issuer_name="IZ", number="K/1"
    )
    with pytest.raises(ValidationError) as exc:
        correction_add(
            actor=office,
            contract=contract,
            found_on=dt.date(2026, 3, 1),
            description="Zamówienie bez przetargu.",
            eligible_pln=Decimal("100"),
            eu_pln=Decimal("560000.01"),
            decision=decision,
        )
    assert "560 000,00" in exc.value.message_dict["eu_pln"][0].replace("\xa0", " ")
    correction = correction_add(
        actor=office,
        contract=contract,
        found_on=dt.date(2026, 3, 1),
        description="Zamówienie bez przetargu (25% wartości zamówienia).",
        eligible_pln=Decimal("50000"),
        eu_pln=Decimal("35000.00"),
        decision=decision,
    )
    contract.refresh_from_db()
    assert (contract.corrected_eligible_pln, contract.corrected_eu_pln) == (
        Decimal("750000.00"),
        Decimal("525000.00"),
    )
    selected.refresh_from_db()
    assert committed_pln(selected) == Decimal("525000.00")
    with pytest.raises(ValidationError):
        correction_recovered(actor=office, correction=correction, recovered_pln=Decimal("35000.01"))
    correction_recovered(actor=office, correction=correction, recovered_pln=Decimal("20000"))
    with pytest.raises(PermissionDenied):
        correction_recovered(actor=golina_user, correction=correction, recovered_pln=Decimal("1"))


def test_progress_information_written_by_the_beneficiary_noted_or_asked_by_the_office(
    selected, office, golina_user, kleczew_user
):
    from zit.contracts.reports import (
        ReportData,
        report_ask,
        report_attach,
        report_create,
        report_note,
        report_pass_on,
        report_save,
    )

    contract = _sign(office, selected)
    with pytest.raises(PermissionDenied):
        report_create(
            actor=kleczew_user,
            contract=contract,
            period_from=dt.date(2026, 3, 1),
            period_to=dt.date(2026, 6, 30),
        )
    with pytest.raises(ValidationError, match="mieścić się w realizacji"):
        report_create(
            actor=golina_user,
            contract=contract,
            period_from=dt.date(2026, 1, 1),
            period_to=dt.date(2026, 6, 30),
        )
    report = report_create(
        actor=golina_user, contract=contract, period_from=dt.date(2026, 3, 1), period_to=dt.date(2026, 6, 30)
    )
    with pytest.raises(ValidationError, match="nakłada się"):
        report_create(
            actor=golina_user,
            contract=contract,
            period_from=dt.date(2026, 6, 1),
            period_to=dt.date(2026, 9, 30),
        )
    milestone = contract.milestones.get()
    target = contract.indicators.get()
    with pytest.raises(ValidationError) as exc:
        report_save(
            actor=golina_user,
            report=report,
            data=ReportData("x", [(2025, "works", Decimal("1"))], {}, {milestone.pk: dt.date(2026, 7, 15)}),
        )
    assert {"expenditure", "milestones"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError, match="Opisz krótko postęp"):
        report_pass_on(actor=golina_user, report=report)
    report_save(
        actor=golina_user,
        report=report,
        data=ReportData(
            "Wybrano wykonawcę; rozpoczęto roboty.",
            [(2026, "works", Decimal("150000")), (2026, "services", Decimal("12000"))],
            {target.pk: Decimal("1.2")},
            {milestone.pk: dt.date(2026, 6, 20)},
        ),
    )
    report_attach(actor=golina_user, report=report, file=SimpleUploadedFile("protokol.pdf", b"%PDF-1.7\n"))
    with pytest.raises(ValidationError):
        report_attach(actor=golina_user, report=report, file=SimpleUploadedFile("wirus.exe", b"MZ"))
    report_pass_on(actor=golina_user, report=report)
    with pytest.raises(ValidationError):  # passed on: frozen for its authors until the office asks
        report_save(actor=golina_user, report=report, data=ReportData("zmiana", [], {}, {}))
    with pytest.raises(PermissionDenied):  # only the office takes note or asks
        report_note(actor=golina_user, report=report)
    with pytest.raises(PermissionDenied):
        report_ask(actor=golina_user, report=report, question="?")
    with pytest.raises(ValidationError):  # a question needs its text
        report_ask(actor=office, report=report, question=" ")
    report = report_ask(actor=office, report=report, question="Czy protokół odbioru etapu jest podpisany?")
    assert report.status == ProgressReport.Status.QUESTION and report.responded_by_label
    with pytest.raises(PermissionDenied):  # another beneficiary does not answer
        report_save(actor=kleczew_user, report=report, data=ReportData("obcy", [], {}, {}))
    report_save(
        actor=golina_user,
        report=report,
        data=ReportData(
            "Wybrano wykonawcę; rozpoczęto roboty. Protokół odbioru etapu podpisano 20 czerwca.",
            [(2026, "works", Decimal("150000")), (2026, "services", Decimal("12000"))],
            {target.pk: Decimal("1.2")},
            {milestone.pk: dt.date(2026, 6, 20)},
        ),
    )
    report = report_pass_on(actor=golina_user, report=report)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.question == "Czy protokół odbioru etapu jest podpisany?"  # kept for the record
    milestone.refresh_from_db()
    assert milestone.reached_on is None  # not before the office takes note
    report = report_note(actor=office, report=report)
    assert report.status == ProgressReport.Status.NOTED
    milestone.refresh_from_db()
    assert milestone.reached_on == dt.date(2026, 6, 20)
    actions = {
        e.action
        for e in AuditEvent.objects.filter(object_type="contracts.progressreport", object_id=str(report.pk))
    }
    assert {"contracts.report_pass", "contracts.report_ask", "contracts.report_note"} <= actions
    assert not {"contracts.report_accept", "contracts.report_return"} & actions


def test_progress_information_needs_only_a_narrative(selected, office, golina_user):
    from zit.contracts.reports import ReportData, report_create, report_pass_on, report_save

    contract = _sign(office, selected)
    report = report_create(
        actor=golina_user, contract=contract, period_from=dt.date(2026, 3, 1), period_to=dt.date(2026, 6, 30)
    )
    report_save(actor=golina_user, report=report, data=ReportData("Trwa przetarg.", [], {}, {}))
    report = report_pass_on(actor=golina_user, report=report)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert not report.expenditure.exists() and not report.indicator_values.exists()


def test_durability_period_statements_and_monitoring_information(selected, office, golina_user, kleczew_user):
    from zit.contracts.durability import (
        contract_settle,
        durability_info_record,
        statement_submit,
        statements_missing,
    )

    contract = _sign(office, selected)
    with pytest.raises(ValidationError, match="po płatności końcowej"):
        statement_submit(actor=golina_user, contract=contract, year=2026, conditions_met=True, statement="x")
    contract = contract_settle(
        actor=office,
        contract=contract,
        final_payment_on=dt.date(2024, 2, 29) if False else dt.date(2026, 2, 28),
        durability_years=5,
        reference="IZ-PK/2026/1",
        confirmed=True,  # paid before the contract's end, nothing reported: the IZ's act, confirmed
        reason="IZ rozliczyła projekt wcześniej.",
    )
    assert contract.durability_ends_on == dt.date(2031, 2, 28)
    contract.final_payment_on = dt.date(2024, 2, 29)  # a leap day ends on 28 February
    assert contract.durability_ends_on == dt.date(2029, 2, 28)
    contract.refresh_from_db()
    assert statements_missing(contract, today=dt.date(2028, 3, 1)) == [2026, 2027]
    with pytest.raises(PermissionDenied):
        statement_submit(actor=kleczew_user, contract=contract, year=2026, conditions_met=True, statement="x")
    statement_submit(
        actor=golina_user,
        contract=contract,
        year=2026,
        conditions_met=True,
        statement="Droga służy mieszkańcom.",
    )
    with pytest.raises(ValidationError, match="już złożono"):
        statement_submit(
            actor=golina_user, contract=contract, year=2026, conditions_met=True, statement="Znowu"
        )
    assert statements_missing(contract, today=dt.date(2028, 3, 1)) == [2027]
    with pytest.raises(PermissionDenied):  # the beneficiary does not record monitoring information
        durability_info_record(
            actor=golina_user,
            contract=contract,
            source="office",
            observed_on=dt.date(2026, 3, 1),
            finding="no_remarks",
        )
    with pytest.raises(ValidationError, match="Opisz sygnał"):
        durability_info_record(
            actor=office,
            contract=contract,
            source="office",
            observed_on=dt.date(2026, 3, 1),
            finding="signal",
        )
    info = durability_info_record(
        actor=office,
        contract=contract,
        source="office",
        observed_on=dt.date(2026, 3, 1),
        finding="no_remarks",
        notes="Wizyta na miejscu.",
    )
    assert (info.source, info.finding, info.notes) == ("office", "no_remarks", "Wizyta na miejscu.")


def test_report_expenditure_saves_all_rows_or_none(selected, office, golina_user):
    from django.test import Client

    from zit.contracts.reports import report_create

    contract = _sign(office, selected)
    report = report_create(
        actor=golina_user, contract=contract, period_from=dt.date(2026, 3, 1), period_to=dt.date(2026, 6, 30)
    )
    client = Client()
    client.force_login(golina_user)
    url = reverse("contracts:report", args=[selected.pk, report.pk])
    data = {
        "akcja": "zapisz",
        "narrative": "Rozpoczęto roboty.",
        "wydatki-TOTAL_FORMS": "2",
        "wydatki-INITIAL_FORMS": "0",
        "wydatki-0-year": "2026",
        "wydatki-0-category": "works",
        "wydatki-0-amount_pln": "150000",
        "wydatki-1-year": "2025",  # before the period
        "wydatki-1-category": "services",
        "wydatki-1-amount_pln": "12000",
    }
    page = client.post(url, data).content.decode()
    report.refresh_from_db()
    assert not report.expenditure.exists() and report.narrative == ""  # nothing saved
    assert "Rok 2025 jest poza okresem, którego dotyczy informacja." in page and "Rozpoczęto roboty." in page
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["expenditure"].total_form_count() == 4
    assert "Nic jeszcze nie zapisano" in added.content.decode()
    assert client.post(url, {**data, "wydatki-1-year": "2026"}).status_code == 303
    assert report.expenditure.count() == 2
    actions = client.get(url).context["actions"]
    assert actions.can("pass_on")
