import datetime as dt
from decimal import Decimal

from contracts.test_contracts import _sign
from django.urls import reverse

from monitoring.helpers import progress_report
from zit.contracts.models import Contract, ContractIndicator
from zit.contracts.services import contract_terminate
from zit.funding.models import Indicator
from zit.monitoring.indicators import (
    ACHIEVED,
    AT_RISK,
    OFF_TRACK,
    ON_TRACK,
    rollups,
    status_for,
)
from zit.projects.models import ProjectCard

TODAY = dt.date(2026, 1, 1)


def _status(value, target="100", *, target_year=2029, baseline=None, baseline_year=2023, today=TODAY):
    return status_for(
        value=None if value is None else Decimal(value),
        target=Decimal(target),
        target_year=target_year,
        baseline=None if baseline is None else Decimal(baseline),
        baseline_year=baseline_year,
        today=today,
    )[0]


def test_status_follows_the_straight_path_from_baseline_to_target():
    # 2023-01-01 → 2029-12-31: on 2026-01-01 the path stands at 3/7 of the way, about 42,9
    assert _status("100") == ACHIEVED
    assert _status("38.6") == ON_TRACK  # 90% of 42,9
    assert _status("38.5") == AT_RISK
    assert _status("25.8") == AT_RISK  # 60%
    assert _status("25.7") == OFF_TRACK
    assert _status("99", today=dt.date(2030, 1, 1)) == OFF_TRACK  # the target year is over
    assert _status("60", baseline="50") == OFF_TRACK  # 10 of the 21,4 the path expects from 50
    assert _status(None) is None
    assert _status("5", target="4", baseline="10") == ON_TRACK  # a falling target: ahead of the path (7,4)
    assert _status("9.5", target="4", baseline="10") == OFF_TRACK
    assert _status("4", target="4", baseline="10") == ACHIEVED


def _accept(contract, values: dict, period=(dt.date(2026, 3, 1), dt.date(2026, 6, 30))):
    progress_report(contract, period=period, values=values)


def _twin(contract, number, indicator, target):
    card = contract.card
    twin = ProjectCard.objects.create(
        round=card.round,
        number=f"T/{number}",
        title="Bliźniak",
        beneficiary=card.beneficiary,
        measure=card.measure,
        fund=card.fund,
        state="contracted",
    )
    copy = Contract.objects.create(
        card=twin,
        number=number,
        signed_on=contract.signed_on,
        parties="Strony",
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        total_pln=Decimal("100"),
        eligible_pln=Decimal("100"),
        eu_pln=Decimal("70"),
    )
    return copy, ContractIndicator.objects.create(
        contract=copy, indicator=indicator, target_value=Decimal(target), target_year=2027
    )


def test_additive_indicators_are_summed_from_the_newest_accepted_report(selected, office):
    contract = _sign(office, selected)  # RCO58 target 4,5 km
    rco58 = contract.indicators.get().indicator
    target = contract.indicators.get()
    _accept(contract, {target.pk: Decimal("1.2")})
    _accept(contract, {target.pk: Decimal("2.5")}, period=(dt.date(2026, 7, 1), dt.date(2026, 9, 30)))
    other, other_target = _twin(contract, "U/2", rco58, "3")
    _accept(other, {other_target.pk: Decimal("0.5")})
    ended, _ended_target = _twin(contract, "U/3", rco58, "10")
    contract_terminate(
        actor=office,
        contract=ended,
        terminated_on=dt.date(2026, 5, 1),
        reason="Rezygnacja.",
        eu_retained_pln=Decimal(0),
    )
    rollup = rollups(on=dt.date(2026, 11, 26))[rco58.pk]
    assert rollup.summed and rollup.value == Decimal("3.0") and rollup.planned == Decimal("7.5")
    assert rollups(on=dt.date(2026, 7, 31))[rco58.pk].value == Decimal("1.7")  # before the second report


def test_a_share_is_listed_per_project_never_summed(selected, office):
    contract = _sign(office, selected)
    share = Indicator.objects.create(
        code="ZIT-UDZ", origin="strategy", kind="result", name_pl="Udział", unit_pl="%", additive=False
    )
    first, first_target = _twin(contract, "U/4", share, "40")
    second, second_target = _twin(contract, "U/5", share, "60")
    _accept(first, {first_target.pk: Decimal("35")})
    _accept(second, {second_target.pk: Decimal("50")})
    rollup = rollups()[share.pk]
    assert not rollup.summed and rollup.value is None and rollup.planned is None
    assert sorted(p.value for p in rollup.projects) == [Decimal("35"), Decimal("50")]


def test_a_strategy_indicator_off_track_is_a_warning_and_the_page_shows_it(
    client, selected, office, strategy, user_for_role
):
    from zit.monitoring.indicators import strategy_progress
    from zit.monitoring.warnings import warnings

    _sign(office, selected)  # RCO58: nothing reported yet
    _version, items = strategy_progress(on=dt.date(2026, 11, 26))
    rco58 = next(i for i in items if i.indicator.code == "RCO58")
    assert rco58.value == Decimal("0") and rco58.status == OFF_TRACK
    found = [w for w in warnings(today=dt.date(2026, 11, 26)) if w.rule == "indicator_off_track"]
    assert any("RCO58" in w.title for w in found)
    client.force_login(user_for_role("board_member"))
    page = client.get(reverse("monitoring:indicators")).content.decode()
    assert '<strong class="status status-off_track">poza planem</strong>' in page
