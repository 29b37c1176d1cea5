"""The social economy on the monitoring dashboards: exact counts and sums on a known set of cards."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zit.funding.models import Indicator
from zit.monitoring.social import social_report
from zit.organisations.models import Organisation
from zit.projects.models import SocialClause
from zit.projects.services import (
    BudgetRow,
    card_budget_set,
    card_create,
    card_indicators_set,
    card_location_set,
    card_partners_set,
    card_transition,
    card_undertakings_set,
)
from zit.social_economy.models import Entity
from zit.territory.models import AdministrativeUnit

TODAY = dt.date(2026, 3, 10)


def _card(round_, user, org, measure, strategy, title, *, gminas, partner=None, submit=True):
    card = card_create(
        actor=user,
        round=round_,
        beneficiary=org,
        today=TODAY,
        title=title,
        summary="x",
        measure=measure,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 10, 31),
    )
    units = [AdministrativeUnit.objects.get(name=n, level="gmina") for n in gminas]
    card_location_set(actor=user, card=card, gminas=units, location=None)
    rows = [BudgetRow(org, 2026, Decimal("400000"), Decimal("300000"), Decimal("210000"))]
    if partner:
        card_partners_set(actor=user, card=card, partners=[(partner, "zieleń")])
        rows += [
            BudgetRow(org, 2027, Decimal("400000"), Decimal("350000"), Decimal("245000")),
            BudgetRow(partner, 2027, Decimal("200000"), Decimal("150000"), Decimal("105000")),
        ]
    else:
        rows += [BudgetRow(org, 2027, Decimal("600000"), Decimal("500000"), Decimal("350000"))]
    card_budget_set(
        actor=user,
        card=card,
        total_pln=Decimal("1000000"),
        eligible_pln=Decimal("800000"),
        cofinancing_rate=Decimal("0.70"),
        rows=rows,
    )
    card_indicators_set(
        actor=user, card=card, rows=[(Indicator.objects.get(code="RCO58"), Decimal("1"), 2027)]
    )
    key = strategy.versions.get(status="consultation").undertakings.first().key
    card_undertakings_set(actor=user, card=card, keys=[key])
    card.refresh_from_db()
    if submit:
        card = card_transition(actor=user, card=card, name="submit", today=TODAY)
    return card


def _clause(card, kind, estimated, state="planned", awarded=None, to=None):
    return SocialClause.objects.create(
        card=card,
        kind=kind,
        subject=f"{kind} {estimated}",
        estimated_pln=Decimal(estimated),
        planned_year=2026,
        planned_quarter=3,
        state=state,
        awarded_pln=Decimal(awarded) if awarded else None,
        contractor="Wykonawca" if awarded else "",
        contractor_organisation=to,
    )


@pytest.fixture
def known(round_, golina_user, golina, kleczew_user, kleczew, measure, strategy):
    """A (Golina, PES partner with 200 000 zł): reserved 100 000 awarded 90 000,50 to the PES, employment
    50 000 given up. B (Kleczew, in Kleczew and Golina): criterion 300 000,01 planned, other 20 000 awarded
    15 000 to a firm. C (Golina, a draft): a clause that is not counted."""
    pes = Organisation.objects.create(name="Spółdzielnia Socjalna Test", kind="social_economy")
    Entity.objects.create(organisation=pes, kind="social_cooperative")
    a = _card(round_, golina_user, golina, measure, strategy, "A", gminas=["Golina"], partner=pes)
    b = _card(round_, kleczew_user, kleczew, measure, strategy, "B", gminas=["Kleczew", "Golina"])
    c = _card(round_, golina_user, golina, measure, strategy, "C", gminas=["Golina"], submit=False)
    _clause(a, "reserved", "100000", "awarded", "90000.50", pes)
    _clause(a, "employment", "50000", "cancelled")
    _clause(b, "criterion", "300000.01")
    _clause(b, "other", "20000", "awarded", "15000")
    _clause(c, "reserved", "777")
    return a, b, c


def test_counts_and_sums_on_a_known_set(known, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        report = social_report()
    total = report.total
    assert (total.projects, total.with_pes, total.with_clause, total.with_reserved) == (2, 1, 2, 1)
    assert total.planned_pln == Decimal("420000.01")  # 100 000 + 300 000,01 + 20 000; the 50 000 was given up
    assert total.awarded_pln == Decimal("105000.50")
    assert total.awarded_pes_pln == Decimal("90000.50")
    assert total.pes_budget_pln == Decimal("200000")

    gminas = {r.label: r for r in report.by_gmina}
    golina, kleczew = gminas["Golina"], gminas["Kleczew"]
    assert (golina.projects, golina.with_pes, golina.with_clause, golina.with_reserved) == (2, 1, 2, 1)
    # B's money is split in equal parts: the odd grosz goes to the first gmina by id
    assert golina.planned_pln + kleczew.planned_pln == Decimal("420000.01")
    assert {golina.planned_pln - Decimal("100000"), kleczew.planned_pln} == {
        Decimal("160000.01"),
        Decimal("160000.00"),
    }
    assert (kleczew.projects, kleczew.with_pes, kleczew.awarded_pln) == (1, 0, Decimal("7500.00"))
    assert golina.awarded_pln == Decimal("97500.50")
    assert sum(r.projects for r in report.by_gmina) == 3

    (fund,) = report.by_fund
    assert (fund.key, fund.projects, fund.planned_pln, fund.pes_budget_pln) == (
        "EFRR",
        2,
        Decimal("420000.01"),
        Decimal("200000"),
    )


def test_the_page_and_its_downloads(known, user_for_role, golina_user):
    office = Client()
    office.force_login(user_for_role("office_staff"))
    page = office.get(reverse("monitoring:social")).content.decode()
    assert "Ekonomia społeczna w projektach ZIT" in page
    assert "420\xa0000,01\xa0zł" in page
    assert 'role="img"' in page  # the chart, with its title and description

    csv = office.get(reverse("monitoring:download", args=["ekonomia-spoleczna-fundusze", "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Grupa;Projekty;Z partnerem PES;Z klauzulą społeczną;Z zamówieniem zastrzeżonym"
    )
    assert lines[-1] == "Razem;2;1;2;1;420000,01;105000,50;90000,50;200000,00"

    xlsx = office.get(reverse("monitoring:download", args=["ekonomia-spoleczna-gminy", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    assert [str(v) for v in rows["Razem"][1:]] == [
        "2",
        "1",
        "2",
        "1",
        "420000.01",
        "105000.5",
        "90000.5",
        "200000",
    ]

    member = Client()
    member.force_login(golina_user)
    assert member.get(reverse("monitoring:social")).status_code == 403
    assert (
        member.get(reverse("monitoring:download", args=["ekonomia-spoleczna-gminy", "csv"])).status_code
        == 403
    )
