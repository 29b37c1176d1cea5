"""The suggested action follows who is behind: when the IZ's export lags the platform, the office asks the IZ
(or waits) and keeps the platform's record; when the platform lags, it records what it lacks."""

# ruff: noqa: F811 - the fixtures imported below are the tests' arguments

import datetime as dt

from django.core.files.base import ContentFile
from django.urls import reverse
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts.reconciliation_advice import advise
from zit.contracts.services import amendment_add

from .test_contracts import _amounts, selected  # noqa: F401 - fixtures
from .test_reconciliation import OURS, _compare, _xlsx, contracted, media  # noqa: F401 - fixtures


def _row(**cells):
    row = list(OURS)
    columns = {"total": 4, "eligible": 5, "eu": 6, "status": 10, "spent": 11}
    for name, value in cells.items():
        row[columns[name]] = value
    return row


def _row_html(client, item, difference) -> str:
    page = client.get(reverse("contracts:recon", args=[item.pk])).content.decode()
    return page.split(f'id="roznica-{difference.pk}"', 1)[1].split("</tr>", 1)[0]


def test_when_the_iz_has_not_yet_the_amendment_the_office_asks_the_iz(
    contracted,
    office,
    media,
    selected,
    client,
):
    amendment_add(
        actor=office,
        contract=contracted,
        number="1",
        signed_on=dt.date(2026, 3, 1),
        reason="Zwiększenie wartości projektu.",
        document=ContentFile(b"%PDF-1.7\n", name="aneks.pdf"),
        amounts=_amounts(selected, "1100000", "880000", "616000"),
    )
    # the IZ's export still shows the amounts as signed, before the amendment the platform holds
    item = _compare(office, _xlsx([_row(total="1000000", eligible="800000", eu="560000", status="")]))
    eu = item.differences.get(field="eu_pln")
    advice = advise(eu)
    assert advice.iz_behind and not advice.platform_behind
    assert advice.fix_url == "" and not advice.correct_here  # nothing to change in the platform
    assert "IZ jest w tyle" in advice.text and "aneksu nr 1" in advice.text and "aneksu nr 1" in advice.note

    client.force_login(office)
    row = _row_html(client, item, eu)
    assert "IZ jest w tyle" in row and "Zarejestruj aneks" not in row and "aneksu nr 1" in row


def test_when_the_platform_lacks_the_iz_amendment_the_office_registers_it(
    contracted,
    office,
    media,
    client,
):
    item = _compare(office, _xlsx([_row(eu="600000", status="")]))  # a value the platform never had
    eu = item.differences.get(field="eu_pln")
    advice = advise(eu)
    assert not advice.iz_behind
    assert advice.fix_url == reverse("contracts:card_amendment", args=[contracted.card_id])
    client.force_login(office)
    assert "Zarejestruj aneks" in _row_html(client, item, eu)


def test_a_status_behind_in_the_iz_is_not_moved_back_in_the_platform(contracted, office, media, client):
    item = _compare(office, _xlsx([_row(status="Wybrany do dofinansowania")]))
    status = item.differences.get(field="status")
    advice = advise(status)
    assert advice.iz_behind and advice.fix_url == "" and "Nie cofaj stanu" in advice.text
    client.force_login(office)
    row = _row_html(client, item, status)
    assert "IZ jest w tyle" in row and "Otwórz kartę projektu" not in row


def test_a_status_ahead_in_the_iz_is_recorded_on_the_card(contracted, office, media, client):
    item = _compare(office, _xlsx([_row(status="Projekt rozliczony")]))
    status = item.differences.get(field="status")
    advice = advise(status)
    assert advice.platform_behind and not advice.iz_behind
    assert advice.fix_url == reverse("projects:card", args=[contracted.card_id])
    client.force_login(office)
    row = _row_html(client, item, status)
    assert "Platforma jest w tyle" in row and "Otwórz kartę projektu" in row


def test_settled_expenses_point_to_whoever_is_behind(contracted, office, media):
    more = _compare(office, _xlsx([_row(spent="5000,00", status="")]))  # no accepted report yet: 0 here
    assert advise(more.differences.get(field="spent_pln")).platform_behind
