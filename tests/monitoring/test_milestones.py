import datetime as dt
from decimal import Decimal

import pytest
from contracts.test_contracts import _sign
from django.urls import reverse
from django.utils import timezone

from monitoring.helpers import progress_report
from zit.contracts.models import ProgressReport
from zit.core.inbox import items_for
from zit.core.money import round_cents
from zit.funding.models import Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring import milestones
from zit.monitoring.milestones import AT_RISK, DONE, MISSED, ON_TRACK, REACHED, planned_spread, spread
from zit.monitoring.warnings import RULES, warnings


def _obligation(office, kind, share, due, clause="§ 7 ust. 1"):
    return Obligation.objects.create(
        agreement=agreement_current(),
        kind=kind,
        title=f"Kamień milowy {kind} {share}",
        clause=clause,
        due_on=due,
        responsible=office,
        target_share=Decimal(share),
    )


def _forecast(obligation, today):
    report = milestones.milestone_report(today=today)
    return report, next(m for m in report.milestones if m.obligation.pk == obligation.pk)


def _at(point_list, month):
    return next(p for p in point_list if p.month == month)


def test_spread_adds_up_to_the_grosz():
    # each part is the rounded running total less the one before: 33.33, 66.67, 100.00
    assert spread(Decimal("100.00"), [Decimal(1)] * 3) == [
        Decimal("33.33"),
        Decimal("33.34"),
        Decimal("33.33"),
    ]
    assert spread(Decimal("10"), [Decimal(0), Decimal(0)]) == [Decimal("5.00"), Decimal("5.00")]
    parts = planned_spread(
        Decimal("1200"),
        first=dt.date(2026, 11, 1),
        last=dt.date(2027, 2, 14),
        plan={2025: Decimal(100), 2026: Decimal(100), 2027: Decimal(200)},
    )  # the 2025 plan joins 2026: 200 over two months, 200 over two months
    assert parts == [
        (dt.date(2026, 11, 30), Decimal("300.00")),
        (dt.date(2026, 12, 31), Decimal("300.00")),
        (dt.date(2027, 1, 31), Decimal("300.00")),
        (dt.date(2027, 2, 28), Decimal("300.00")),
    ]
    assert planned_spread(Decimal("7"), first=dt.date(2027, 3, 1), last=dt.date(2026, 1, 1), plan={}) == [
        (dt.date(2027, 3, 31), Decimal("7.00"))
    ]  # an end already past: everything next month


def test_contracting_forecast_from_the_list_and_the_threshold(listed, office):
    main, _reserve = listed
    eu = main.list_entries.get(position="main").eu_pln
    today = dt.date(2026, 3, 15)
    obligation = _obligation(office, "contracting", "0.005", dt.date(2026, 12, 31))
    report, m = _forecast(obligation, today)
    assert m.threshold_pln == round_cents(Decimal("0.005") * report.allocation_pln)
    assert report.allocation_pln == round_cents(agreement_current().total_eur * report.rate)
    assert (m.actual_pln, m.forecast_pln) == (Decimal(0), eu)  # expected at the end of the start's month
    assert _at(m.series, dt.date(2026, 5, 1)).forecast == Decimal(0)
    assert _at(m.series, dt.date(2026, 6, 1)).forecast == eu
    feb, mar = _at(m.series, dt.date(2026, 2, 1)), _at(m.series, dt.date(2026, 3, 1))
    assert (feb.actual, feb.forecast) == (Decimal(0), None) and (mar.actual, mar.forecast) == (0, 0)
    assert m.series[-1].month == dt.date(2026, 12, 1)
    expected = ON_TRACK if eu >= m.threshold_pln else AT_RISK
    assert m.status == expected
    obligation.target_share = Decimal("0.5")
    obligation.save()
    _report, m = _forecast(obligation, today)
    assert m.status == AT_RISK and m.shortfall_pln == m.threshold_pln - eu and m.reached_by is None


def test_contracting_actual_from_contracts_and_missed_deadlines(selected, office):
    _sign(office, selected)  # signed 2026-02-10, EU 560 000
    reached = _obligation(office, "contracting", "0.001", dt.date(2026, 12, 31))
    missed = _obligation(office, "contracting", "0.5", dt.date(2026, 2, 28))
    early = _obligation(office, "contracting", "0.001", dt.date(2026, 2, 9))
    today = dt.date(2026, 3, 15)
    _report, m = _forecast(reached, today)
    assert (m.actual_pln, m.status) == (Decimal("560000.00"), REACHED)
    _report, m = _forecast(missed, today)
    assert m.status == MISSED and m.shortfall_pln == m.threshold_pln - Decimal("560000.00")
    _report, m = _forecast(early, today)
    assert (m.actual_pln, m.status) == (Decimal(0), MISSED)  # a day before the signing
    Obligation.objects.filter(pk=early.pk).update(completed_on=dt.date(2026, 2, 9))
    _report, m = _forecast(early, today)
    assert m.status == DONE and not m.is_warning


def test_spending_forecast_follows_the_contract_plan(selected, office):
    contract = _sign(
        office, selected
    )  # EU 560 000: 280 000 planned in 2026, 280 000 in 2027; ends 2027-10-31
    report = progress_report(contract, spent=[(2026, "works", Decimal("100000"))])  # EU 70 000, to 2026-06-30
    ProgressReport.objects.filter(pk=report.pk).update(
        responded_at=timezone.make_aware(dt.datetime(2026, 7, 1, 10))
    )
    obligation = _obligation(office, "spending", "0.2", dt.date(2026, 12, 31))
    today = dt.date(2026, 7, 15)
    _report, m = _forecast(obligation, today)
    # 490 000 left: half of the weight in Aug–Dec 2026 (49 000 a month), half in Jan–Oct 2027 (24 500)
    assert m.actual_pln == Decimal("70000.00")
    assert m.forecast_pln == Decimal("315000.00")
    assert _at(m.series, dt.date(2026, 6, 1)).actual == Decimal("70000.00")
    assert _at(m.series, dt.date(2026, 5, 1)).actual == Decimal(0)
    assert _at(m.series, dt.date(2026, 8, 1)).forecast == Decimal("119000.00")
    assert m.status == AT_RISK and m.shortfall_pln == m.threshold_pln - Decimal("315000.00")
    needed = m.threshold_pln - Decimal("315000.00")
    months_2027 = -(-needed // Decimal("24500"))  # whole months of 2027 the forecast needs
    if months_2027 <= 10:
        assert m.reached_by == milestones.month_end(dt.date(2027, int(months_2027), 1))
    else:
        assert m.reached_by is None


def test_listed_project_spending_follows_the_card_budget(listed, office):
    obligation = _obligation(office, "spending", "0.9", dt.date(2027, 12, 31))
    _report, m = _forecast(obligation, dt.date(2026, 3, 15))
    # signing expected by 2026-06-30; 210 000 over Jul–Dec 2026 and 350 000 over Jan–Oct 2027: 35 000 a month
    assert _at(m.series, dt.date(2026, 6, 1)).forecast == Decimal(0)
    assert _at(m.series, dt.date(2026, 7, 1)).forecast == Decimal("35000.00")
    assert _at(m.series, dt.date(2027, 10, 1)).forecast == Decimal("560000.00")
    assert m.forecast_pln == Decimal("560000.00")


@pytest.mark.parametrize("clause", ["§ 7 ust. 1", ""])
def test_a_milestone_the_forecast_misses_is_a_warning(listed, office, clause):
    obligation = _obligation(office, "contracting", "0.5", dt.date(2026, 12, 31), clause=clause)
    found = [
        w
        for w in warnings(today=dt.date(2026, 3, 15))
        if w.rule == "agreement_milestone" and w.title == obligation.title
    ]
    assert len(found) == 1 and found[0].severity == "high" and found[0].due_on == obligation.due_on
    assert ("§ 7 ust. 1 porozumienia" in found[0].detail) == bool(clause)
    assert "nie zostanie osiągnięty" in found[0].detail
    waiting = [  # the same warning waits in the office's inbox, leading to the milestones page
        item
        for src, item in items_for(user=office, today=dt.date(2026, 3, 15))
        if src.key == "monitoring.warnings" and obligation.title in str(item.title)
    ]
    assert [item.url for item in waiting] == [reverse("monitoring:milestones")]
    obligation.target_share = Decimal("0.0001")
    obligation.save()
    assert not [
        w
        for w in warnings(today=dt.date(2026, 3, 15))
        if w.title == obligation.title and w.rule == "agreement_milestone"
    ]


def test_the_per_contract_n_plus_3_warning_is_an_indicative_estimate(selected, office):
    _sign(office, selected)
    statement = str(RULES["decommitment"])
    assert statement.startswith("Szacunek orientacyjny dla każdej umowy osobno")
    assert "całego programu, a nie pojedynczych projektów" in statement
    assert "kamienie milowe kontraktacji i wydatkowania z porozumienia" in statement
    risk = [w for w in warnings(today=dt.date(2029, 1, 1)) if w.rule == "decommitment"]
    assert risk and risk[0].detail.startswith("Szacunek orientacyjny dla tej umowy")
    assert risk[0].severity == "medium"


def test_the_number_of_queries_does_not_grow_with_the_projects(selected, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zit.contracts.models import Contract
    from zit.projects.models import ProjectCard

    contract = _sign(office, selected)
    _obligation(office, "contracting", "0.1", dt.date(2027, 12, 31))
    _obligation(office, "spending", "0.1", dt.date(2027, 12, 31))
    with CaptureQueriesContext(connection) as one:
        milestones.milestone_report(today=dt.date(2026, 3, 15))
    card = contract.card
    for i in range(4):
        twin = ProjectCard.objects.create(
            round=card.round,
            number=f"T/{i}",
            title=f"Projekt {i}",
            beneficiary=card.beneficiary,
            measure=card.measure,
            fund=card.fund,
            state="contracted",
        )
        Contract.objects.create(
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
    with CaptureQueriesContext(connection) as five:
        report = milestones.milestone_report(today=dt.date(2026, 3, 15))
    assert len(five) == len(one)
    contracting = next(
        m
        for m in report.milestones
        if m.obligation.kind == "contracting" and m.obligation.target_share == Decimal("0.1")
    )
    assert contracting.actual_pln == Decimal("560000.00") + 4 * Decimal("70")
