"""The public progress pages (/postepy/) show the office's monitoring figures, to the grosz, and only what the
public catalogue and the public strategy show."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from contracts.test_contracts import (
    _sign,
    selected,  # noqa: F401 - fixture
)
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from monitoring.helpers import correction, progress_report
from projects.conftest import *  # noqa: F403 - the cards' fixtures
from projects.test_calls import listed  # noqa: F401 - fixture

from zit.core.formatting import format_amount, format_number
from zit.monitoring import finance, geography, indicators
from zit.opendata.refresh import catalogue_refresh
from zit.portal import progress
from zit.strategy.models import TargetIndicator


@pytest.fixture
def contracted(selected, listed, office, strategy):  # noqa: F811
    """A contract with noted spending and indicator values, a correction, and the catalogue refreshed."""
    contract = _sign(office, selected)  # EU 560 000 of eligible 800 000; RCO58 target 4,5 km in 2027
    target = contract.indicators.get()
    progress_report(
        contract, spent=[(2026, "works", Decimal("100000.01"))], values={target.pk: Decimal("1.2")}
    )
    correction(office, contract, found_on=dt.date(2026, 5, 1), eligible="20000", eu="14000", number="K/1")
    catalogue_refresh(actor=None)
    return contract


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_money_figures_are_the_offices_to_the_grosz(contracted):
    office = finance.financial_report()
    public = progress.money_progress()
    assert public.total == office.total
    assert public.total.contracted_pln == Decimal("546000.00")  # 560 000 less the correction
    assert public.total.spent_pln == Decimal("70000.01")  # 70% of 100 000,01
    for key, (_title, attr, alloc) in progress.MONEY_TABLES.items():
        if attr is None:
            continue
        rows = public.table(key).rows
        expected = [finance.row_values(office, r, with_allocation=alloc) for r in getattr(office, attr)]
        assert [(r.contracted_pln, r.spent_pln, r.projects) for r in rows] == [
            (e["contracted_pln"], e["spent_pln"], e["projects"]) for e in expected
        ]
    gminas = {r.unit.name: r for r in geography.gmina_rows()}
    shown = {r.label: r for r in public.table("gminy").rows}
    assert shown["Golina"].contracted_pln == gminas["Golina"].contracted_pln == Decimal("546000.00")
    assert shown["Golina"].url == "/projekty/?gmina=" + gminas["Golina"].unit.terc
    # the page: every table with its chart and its downloads
    page = Client().get(reverse("portal:progress_money"))
    assert page.status_code == 200
    html = page.content.decode()
    assert format_amount(Decimal("546000.00")) in html
    assert format_amount(Decimal("70000.01")) in html
    for key in progress.MONEY_TABLES:
        assert f'id="{key}"' in html
        assert reverse("portal:progress_money_export", args=[key, "csv"]) in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 4  # each chart over its table
    assert "Skąd te dane" in html
    # the downloads carry the same figures
    rows = _csv(Client().get(reverse("portal:progress_money_export", args=["fundusze", "csv"])))
    assert rows[0][0] == "Grupa"
    efrr = next(r for r in rows[1:] if r[0] == "EFRR")
    assert efrr[4] == "546000,00" and efrr[6] == "70000,01"
    gminas = _csv(Client().get(reverse("portal:progress_money_export", args=["gminy", "csv"])))
    golina = next(r for r in gminas[1:] if r[0] == "Golina")
    assert golina[1] == "546000,00"
    xlsx = Client().get(reverse("portal:progress_money_export", args=["lata", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Client().get(reverse("portal:progress_money_export", args=["nic", "csv"])).status_code == 404
    assert Client().get(reverse("portal:progress_money_export", args=["lata", "pdf"])).status_code == 404


def _rco58_item(version):
    item = TargetIndicator.objects.filter(version=version, indicator__code="RCO58").first()
    if item is None:
        from factories.strategy import TargetIndicatorFactory

        from zit.funding.models import Indicator

        goal = version.goals.order_by("order", "code").first()
        item = TargetIndicatorFactory(
            version=version, goal=goal, indicator=Indicator.objects.get(code="RCO58"), is_demo=version.is_demo
        )
    return item


def test_an_indicator_page_shows_baseline_years_target_and_the_offices_value(contracted):
    version = progress.version_public()
    item = _rco58_item(version)
    _version, office_items = indicators.strategy_progress()
    office = next(p for p in office_items if p.item.pk == item.pk)
    detail = progress.indicator_detail(progress.indicator_by_key(progress.strategy_progress(), item.key))
    this_year = next(y for y in detail.years if y.year == timezone.localdate().year)
    assert this_year.value == office.value  # the newest noted values summed, as the office counts
    assert (this_year.projects, this_year.reporting) == (1, 1)
    page = Client().get(reverse("portal:progress_indicator", args=[item.key]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "RCO58" in html and "Wartości w kolejnych latach" in html and "<svg" in html
    assert "Definicja i metoda" in html
    if item.target_value is not None:
        assert format_number(item.target_value) in html
    rows = _csv(Client().get(reverse("portal:progress_indicator_export", args=[item.key])))
    kinds = [r[1] for r in rows[1:]]
    assert "wartość osiągnięta" in kinds
    reached = next(r for r in rows[1:] if r[1] == "wartość osiągnięta" and r[0] == str(this_year.year))
    assert office.value == Decimal("1.2") and reached[2] == "1,20"  # the CSV writes two places


def test_an_undertaking_page_lists_its_public_projects_with_progress(contracted):
    version = progress.version_public()
    key = contracted.card.undertakings.get().key
    undertaking = version.undertakings.get(key=key)
    page = Client().get(reverse("portal:progress_undertaking", args=[key]))
    assert page.status_code == 200
    html = page.content.decode()
    project = contracted.card.catalogue_entry
    assert reverse("portal:project", args=[project.key]) in html
    assert format_amount(Decimal("546000.00")) in html and format_amount(Decimal("70000.01")) in html
    assert undertaking.code in html
    shown = progress.undertaking_projects(undertaking)
    mine = next(p for p in shown if p.project.card_id == contracted.card_id)
    assert (mine.contracted_pln, mine.spent_pln) == (Decimal("546000.00"), Decimal("70000.01"))
    # a listed project without a contract is shown too, with nothing contracted yet
    assert all(p.contracted_pln is None for p in shown if p is not mine)
    assert [(i.indicator.code, i.value, i.target) for i in mine.indicators] == [
        ("RCO58", Decimal("1.200"), Decimal("4.500"))
    ]
    _goal_overview_and_links(contracted)
    # the project page and the overview link here
    assert (
        reverse("portal:progress_undertaking", args=[key])
        in Client().get(reverse("portal:project", args=[project.key])).content.decode()
    )
    summary = next(s for s in progress.undertakings_overview(version) if s.undertaking.key == key)
    assert (summary.projects, summary.contracted_pln) == (len(shown), Decimal("546000.00"))


def _goal_overview_and_links(contracted):
    version = progress.version_public()
    goal = version.goals.order_by("order", "code").first()
    page = Client().get(reverse("portal:progress_goal", args=[goal.key]))
    assert page.status_code == 200 and goal.code in page.content.decode()
    overview = Client().get(reverse("portal:progress")).content.decode()
    assert reverse("portal:progress_goal", args=[goal.key]) in overview
    assert format_amount(Decimal("546000.00")) in overview
    # a goal lists the indicators of its operational goals and of its undertakings too
    links = progress.undertakings_by_goal(version)
    linked = set().union(*links.values())
    shown = [
        p
        for p in progress.strategy_progress().items
        if p.item.goal_id or p.item.operational_goal_id or p.item.undertaking_id in linked
    ]
    assert shown
    for item in shown:
        assert reverse("portal:progress_indicator", args=[item.item.key]) in overview
    strategy_page = Client().get(reverse("portal:strategy")).content.decode()
    assert reverse("portal:progress") in strategy_page
    assert reverse("portal:progress_goal", args=[goal.key]) in strategy_page
    assert reverse("portal:progress") in Client().get(reverse("portal:projects")).content.decode()
    # unknown keys are not found
    for name in ("progress_goal", "progress_indicator", "progress_undertaking", "progress_indicator_export"):
        assert Client().get(reverse(f"portal:{name}", args=["nieznany"])).status_code == 404
    # the sitemap lists the progress pages
    xml = Client().get(reverse("crawlers:sitemap", args=["postepy"])).content.decode()
    assert reverse("portal:progress_goal", args=[goal.key]) in xml
    pages = Client().get(reverse("crawlers:sitemap", args=["strony"])).content.decode()
    assert reverse("portal:progress_money") in pages


@pytest.mark.django_db
def test_without_data_the_pages_say_so_in_plain_polish(funding_data):
    html = Client().get(reverse("portal:progress")).content.decode()
    assert "Strategia nie jest jeszcze opublikowana" in html
    money = Client().get(reverse("portal:progress_money")).content.decode()
    assert "Nie ma tu jeszcze danych: nie ma umów o dofinansowanie." in money  # per member, per year
    assert Client().get(reverse("portal:progress_goal", args=["abc"])).status_code == 404
