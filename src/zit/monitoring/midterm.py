"""The strategy's mid-term evaluation (ewaluacja śródokresowa) drawn from the monitoring data: the strategy's
indicators against their targets, projects per strategic goal and direction of action, and money per source
(the strategy's financial frame beside what the projects bring). A DOCX in Polish; the figures are the
platform's, the evaluative judgement stays with the people who write the evaluation.

The basis: the act on development policy (u.z.p.p.r.) requires an ex-ante evaluation of a development strategy
(art. 10a ust. 2); an evaluation during implementation follows from the strategy's own implementation system
(its contents under art. 10e ust. 3 of the act on gmina self-government, applied by art. 10g) – to be verified
against the strategy's text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from zit.contracts.models import Contract
from zit.core.formatting import document_date
from zit.funding.models import Fund
from zit.funding.selectors import agreement_current
from zit.monitoring.agreement_reports import Table, add_table, new_document, saved
from zit.monitoring.finance import contract_rows
from zit.monitoring.indicators import strategy_progress
from zit.projects.lists import list_in_force
from zit.projects.models import CardFundingSource, CardUndertaking, ListEntry
from zit.strategy.models import FundingSource, Goal, Undertaking

ZERO = Decimal(0)
BASIS = (
    "Podstawa: ewaluację uprzednią strategii rozwoju wymaga art. 10a ust. 2 ustawy z dnia 6 grudnia 2006 r. "
    "o zasadach prowadzenia polityki rozwoju; ewaluacja w trakcie realizacji wynika z systemu realizacji "
    "określonego w samej strategii (art. 10e ust. 3 w związku z art. 10g ustawy o samorządzie gminnym) – do "
    "weryfikacji z tekstem strategii."
)


def _projects(today: dt.date) -> dict[int, dict[str, Any]]:
    """Cards on the list in force and cards with a contract: EU money (the contract's after corrections, else
    the list's), own contribution and fund; a fixed number of queries."""
    result: dict[int, dict[str, Any]] = {}
    version = list_in_force(agreement_current())
    if version:
        for e in ListEntry.objects.filter(version=version).select_related("card"):
            total = e.card.total_pln or ZERO
            result[e.card_id] = {
                "eu": e.eu_pln,
                "own": max(total - e.eu_pln, ZERO),
                "fund": e.card.fund_id,
                "contracted": False,
            }
    totals = dict(Contract.objects.filter(signed_on__lte=today).values_list("pk", "total_pln"))
    for c in contract_rows(on=today):
        result[c.card_id] = {
            "eu": c.committed_eu_pln,
            "own": max(totals[c.pk] - c.eu_pln, ZERO),
            "fund": c.fund_id,
            "contracted": True,
        }
    return result


def midterm_data(*, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    with translation.override("pl"):
        return _data(today)


def _data(today: dt.date) -> dict[str, Any]:
    version, progress = strategy_progress(on=today)
    indicators = Table(
        "1. Wskaźniki strategii wobec wartości docelowych",
        [
            "Wskaźnik",
            "Dotyczy",
            "Wartość bazowa",
            "Cel",
            "Rok celu",
            "Oczekiwane na dziś",
            "Z projektów",
            "Stan",
        ],
        [
            [
                i.label,
                i.owner,
                i.baseline,
                i.target,
                i.target_year,
                i.expected,
                i.value if i.value is not None else "nie sumujemy / brak",
                i.status_label or "bez statusu",
            ]
            for i in progress
        ],
    )
    projects = _projects(today)
    by_key: dict[str, list[int]] = defaultdict(list)
    for card_id, key in CardUndertaking.objects.filter(card_id__in=list(projects)).values_list(
        "card_id", "key"
    ):
        by_key[key].append(card_id)
    goal_rows, direction_rows, frame_rows = [], [], []
    if version:
        undertakings = list(
            Undertaking.objects.filter(version=version).prefetch_related("directions__operational_goal")
        )
        goal_cards: dict[int, set[int]] = defaultdict(set)
        direction_cards: dict[int, set[int]] = defaultdict(set)
        directions = {}
        for u in undertakings:
            for d in u.directions.all():
                directions[d.pk] = d
                direction_cards[d.pk].update(by_key.get(u.key, []))
                goal_cards[d.operational_goal.goal_id].update(by_key.get(u.key, []))

        def row(label: str, cards: set[int]) -> list[Any]:
            return [
                label,
                len(cards),
                sum(1 for c in cards if projects[c]["contracted"]),
                sum((projects[c]["eu"] for c in cards), ZERO),
            ]

        for goal in Goal.objects.filter(version=version):
            goal_rows.append(row(str(goal), goal_cards[goal.pk]))
        for pk, direction in sorted(directions.items(), key=lambda item: (item[1].order, item[0])):
            direction_rows.append(row(str(direction), direction_cards[pk]))
        planned: dict[str, Decimal] = defaultdict(Decimal)
        for source in FundingSource.objects.filter(version=version, amount_pln__isnull=False):
            planned[source.get_kind_display()] += source.amount_pln
        frame_rows = [[kind, amount] for kind, amount in planned.items()]
    header = ["", "Projekty", "W tym z umową", "Dofinansowanie UE (PLN)"]
    funds = {f.pk: f.code for f in Fund.objects.all()}
    by_fund: dict[str, Decimal] = defaultdict(Decimal)
    for p in projects.values():
        by_fund[f"Dofinansowanie UE – {funds.get(p['fund'], 'inny')}"] += p["eu"]
    # grants from other programmes on the same cards are theirs, not the beneficiaries' own contribution
    other: dict[str, Decimal] = defaultdict(Decimal)
    sources = CardFundingSource.objects.filter(card_id__in=projects).exclude(kind=CardFundingSource.Kind.OWN)
    for source in sources:
        other[f"Inne źródła – {source.get_kind_display()}"] += source.grant_pln
    money_rows = [[label, amount] for label, amount in sorted(by_fund.items())]
    money_rows += [[label, amount] for label, amount in sorted(other.items())]
    own = sum((p["own"] for p in projects.values()), ZERO) - sum(other.values(), ZERO)
    money_rows.append(["Wkład własny i pozostałe środki projektów", max(own, ZERO)])
    return {
        "title": "Ewaluacja śródokresowa Strategii ZIT – dane z monitoringu",
        "version": str(version) if version else "",
        "as_of": document_date(today),
        "as_of_date": today,
        "tables": [
            indicators,
            Table("2. Projekty według celów strategicznych", ["Cel strategiczny", *header[1:]], goal_rows),
            Table("3. Projekty według kierunków działań", ["Kierunek działań", *header[1:]], direction_rows),
            Table("4. Ramy finansowe strategii według źródeł (plan)", ["Źródło", "Kwota (PLN)"], frame_rows),
            Table("5. Środki w projektach według źródeł", ["Źródło", "Kwota (PLN)"], money_rows),
        ],
        "projects": len(projects),
        "is_demo": any(i.is_demo for i in progress),
    }


def midterm_docx(data: dict[str, Any]) -> bytes:
    doc = new_document(data["title"])
    doc.add_paragraph(
        f"Stowarzyszenie Aglomeracji Konińskiej. Wersja strategii: {data['version'] or 'brak opublikowanej'}. "
        f"Stan danych na {data['as_of']}"
    )
    doc.add_paragraph(BASIS)
    doc.add_paragraph(
        "Zestawienie obejmuje projekty z listy projektów strategicznych w mocy i projekty z umową; ocena "
        "trafności, skuteczności i efektywności należy do zespołu, który przygotowuje ewaluację."
    )
    if data["is_demo"]:
        doc.add_paragraph("Dane demonstracyjne: zestawienie obejmuje wskaźniki przykładowe.")
    for table in data["tables"]:
        add_table(doc, table)
    return saved(doc)
