import datetime as dt
from decimal import Decimal

from contracts.test_contracts import _sign
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from monitoring.helpers import correction, progress_report
from zit.contracts.models import Contract
from zit.contracts.reports import ReportData, report_create, report_save
from zit.contracts.services import contract_terminate
from zit.monitoring import finance
from zit.projects.models import ProjectCard


def test_money_follows_contracts_accepted_reports_and_corrections(selected, listed, office):
    contract = _sign(office, selected)  # EU 560 000 of eligible 800 000: 70%
    progress_report(contract, spent=[(2026, "works", Decimal("100000.01"))])
    waiting = report_create(
        actor=None, contract=contract, period_from=dt.date(2026, 7, 1), period_to=dt.date(2026, 9, 30)
    )
    report_save(
        actor=None, report=waiting, data=ReportData("Czeka.", [(2026, "works", Decimal("5000"))], {}, {})
    )
    correction(office, contract, found_on=dt.date(2026, 5, 1), eligible="20000", eu="14000", number="K/1")
    report = finance.financial_report(on=timezone.localdate())
    total = report.total
    assert total.contracted_pln == Decimal("546000.00")  # 560 000 less the correction
    assert total.spent_pln == Decimal("70000.01")  # 70% of 100 000,01, rounded once; the draft does not count
    assert total.corrected_pln == Decimal("14000")
    main, _reserve = listed
    assert total.listed_pln == main.list_entries.get(position="main").eu_pln
    year = {row.key: row.figures for row in report.by_year}[2026]
    assert (year.contracted_pln, year.spent_pln, year.projects) == (
        Decimal("546000.00"),
        Decimal("70000.01"),
        1,
    )
    golina = report.by_beneficiary[0]
    assert golina.label == "Gmina Golina" and golina.filters == {"beneficjent": main.beneficiary_id}
    shown = finance.row_values(report, golina, with_allocation=False)
    assert shown["listed_pln"] is None  # the list is kept per envelope, not per beneficiary
    assert shown["absorption"] == Decimal("70000.01") / Decimal("546000.00")  # of what its contracts commit
    assert report.eur(total.spent_pln) == (Decimal("70000.01") / report.rate).quantize(Decimal("0.01"))
    assert [(y, amount) for y, amount, _share in finance.cumulative_absorption(report)] == [
        (2026, Decimal("70000.01"))
    ]


def test_a_terminated_contract_keeps_only_what_was_paid_and_kept(selected, office):
    contract = _sign(office, selected)
    contract_terminate(
        actor=office,
        contract=contract,
        terminated_on=dt.date(2026, 6, 1),
        reason="Rezygnacja.",
        eu_retained_pln=Decimal("12345.67"),
    )
    assert finance.financial_report().total.contracted_pln == Decimal("12345.67")


def test_the_drill_down_keeps_only_the_group(selected, office):
    contract = _sign(office, selected)
    card = contract.card
    assert len(finance.financial_report(filters={"beneficjent": card.beneficiary_id}).projects) == 1
    assert finance.financial_report(filters={"beneficjent": card.beneficiary_id + 999}).projects == []
    envelope = finance.financial_report(filters={"dzialanie": card.measure_id, "fundusz": card.fund_id})
    assert [p.contract.pk for p in envelope.projects] == [contract.pk]


def test_the_number_of_queries_does_not_grow_with_the_projects(selected, office):
    contract = _sign(office, selected)
    progress_report(contract, spent=[(2026, "works", Decimal("1000"))])
    with CaptureQueriesContext(connection) as one:
        finance.financial_report()
    card = contract.card
    for i in range(6):
        twin = ProjectCard.objects.create(
            round=card.round,
            number=f"T/{i}",
            title=f"Projekt {i}",
            beneficiary=card.beneficiary,
            measure=card.measure,
            fund=card.fund,
            state="contracted",
        )
        copy = Contract.objects.create(
            card=twin,
            number=f"U/{i}",
            signed_on=contract.signed_on,
            parties="Strony",
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            total_pln=Decimal("100"),
            eligible_pln=Decimal("100"),
            eu_pln=Decimal("70"),
        )
        progress_report(copy, spent=[(2026, "works", Decimal("10"))])
    with CaptureQueriesContext(connection) as seven:
        report = finance.financial_report()
    assert report.total.projects == 7 and report.total.spent_pln == Decimal("700") + Decimal("6") * 7
    assert len(seven) == len(one)


def test_by_fund_and_by_member_of_the_association(selected, office):
    from zit.association.models import Member

    contract = _sign(office, selected)
    report = finance.financial_report()
    fund = next(r for r in report.by_fund if r.filters == {"fundusz": contract.card.fund_id})
    assert fund.label == contract.card.fund.code and fund.figures.contracted_pln == Decimal("560000.00")
    member = Member.objects.get(organisation=contract.card.beneficiary)
    assert [(r.label, r.figures.contracted_pln) for r in report.by_member] == [
        (member.name, Decimal("560000.00"))
    ]


def test_a_past_day_is_not_rewritten_by_what_came_later(selected, office):
    from contracts.test_contracts import _amounts
    from django.core.files.base import ContentFile

    from zit.contracts.services import amendment_add

    contract = _sign(office, selected)  # 10 February 2026: EU 560 000
    amendment_add(
        actor=office,
        contract=contract,
        number="1",
        signed_on=dt.date(2026, 4, 1),
        reason="Oszczędności.",
        document=ContentFile(b"%PDF-1.7\n", name="aneks.pdf"),
        amounts=_amounts(selected, "900000", "700000", "490000"),
    )
    correction(office, contract, found_on=dt.date(2026, 5, 1), eligible="10000", eu="7000", number="K/2")
    contract_terminate(
        actor=office,
        contract=contract,
        terminated_on=dt.date(2026, 6, 1),
        reason="Rezygnacja.",
        eu_retained_pln=Decimal("1000"),
    )
    assert finance.financial_report(on=dt.date(2026, 3, 15)).total.contracted_pln == Decimal("560000.00")
    assert finance.financial_report(on=dt.date(2026, 4, 15)).total.contracted_pln == Decimal("490000.00")
    may = finance.financial_report(on=dt.date(2026, 5, 15))
    assert (may.total.contracted_pln, may.total.corrected_pln) == (Decimal("483000.00"), Decimal("7000.00"))
    assert finance.financial_report(on=dt.date(2026, 6, 15)).total.contracted_pln == Decimal("1000")
    assert finance.financial_report(on=dt.date(2026, 1, 31)).total.projects == 0  # not yet signed


def test_corrections_are_counted_in_the_year_they_were_found(selected, office):

    contract = _sign(office, selected)
    correction(office, contract, found_on=dt.date(2026, 5, 1), eligible="10000", eu="7000", number="K/3")
    years = {r.key: r.figures for r in finance.financial_report(on=timezone.localdate()).by_year}
    assert years[2026].corrected_pln == Decimal("7000")
