"""The social economy in the projects: how many projects have a PES partner, a social clause or a reserved
contract, and how much money goes through social clauses, to PES contractors and to PES partners; in total,
by gmina and by fund.

Projects counted are the cards past the draft that have not dropped out (withdrawn, not selected, rejected).
A project counts in every gmina it names; its money is split between them in equal parts to the grosz, as on
the gminas page. A project has a social clause when it has one not given up. A partner is a PES when its organisation is in the PES registry (`social_economy.Entity`).
Every figure comes from seven queries whatever the number of projects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.templatetags.zit import fund_label
from zit.funding.models import Fund
from zit.monitoring.geography import split
from zit.projects.models import BudgetLine, CardPartner, ProjectCard, SocialClause
from zit.territory.diagnosis import area_gminas

ZERO = Decimal(0)
LEFT_OUT = (
    ProjectCard.State.DRAFT,
    ProjectCard.State.WITHDRAWN,
    ProjectCard.State.NOT_SELECTED,
    ProjectCard.State.REJECTED,
)
MONEY = ("planned_pln", "awarded_pln", "awarded_pes_pln", "pes_budget_pln")


@dataclass
class CardFigures:
    with_pes: bool = False
    with_clause: bool = False
    with_reserved: bool = False
    planned_pln: Decimal = ZERO  # estimated value of clauses not given up
    awarded_pln: Decimal = ZERO  # value of contracts awarded with a clause
    awarded_pes_pln: Decimal = ZERO  # of which to a PES from the registry
    pes_budget_pln: Decimal = ZERO  # PES partners' part of the card's budget


@dataclass
class Row:
    label: str
    key: str = ""
    projects: int = 0
    with_pes: int = 0
    with_clause: int = 0
    with_reserved: int = 0
    planned_pln: Decimal = ZERO
    awarded_pln: Decimal = ZERO
    awarded_pes_pln: Decimal = ZERO
    pes_budget_pln: Decimal = ZERO
    label_is_data: bool = False  # a gmina's name, shown marked as Polish

    def add(self, figures: CardFigures, money: dict[str, Decimal] | None = None) -> None:
        self.projects += 1
        self.with_pes += figures.with_pes
        self.with_clause += figures.with_clause
        self.with_reserved += figures.with_reserved
        for name in MONEY:
            value = money[name] if money is not None else getattr(figures, name)
            setattr(self, name, getattr(self, name) + value)


@dataclass
class SocialReport:
    total: Row
    by_gmina: list[Row] = field(default_factory=list)
    by_fund: list[Row] = field(default_factory=list)


def card_figures() -> dict[int, tuple[int, CardFigures]]:
    """Each counted card's id with its fund id and figures."""
    cards = dict(ProjectCard.objects.exclude(state__in=LEFT_OUT).values_list("pk", "fund_id"))
    figures = {pk: CardFigures() for pk in cards}
    pes_partners: dict[int, set[int]] = defaultdict(set)
    for card_id, org_id in CardPartner.objects.filter(
        card_id__in=cards, organisation__social_economy_entity__isnull=False
    ).values_list("card_id", "organisation_id"):
        pes_partners[card_id].add(org_id)
        figures[card_id].with_pes = True
    for card_id, org_id, amount in BudgetLine.objects.filter(
        card_id__in=list(pes_partners), organisation__social_economy_entity__isnull=False
    ).values_list("card_id", "organisation_id", "total_pln"):
        if org_id in pes_partners[card_id]:  # a PES applicant is not a PES partner
            figures[card_id].pes_budget_pln += amount
    for card_id, kind, state, estimated, awarded, to_pes in SocialClause.objects.filter(
        card_id__in=cards
    ).values_list(
        "card_id",
        "kind",
        "state",
        "estimated_pln",
        "awarded_pln",
        "contractor_organisation__social_economy_entity",
    ):
        item = figures[card_id]
        if state != SocialClause.State.CANCELLED:  # a clause given up does not make a social project
            item.with_clause = True
            item.with_reserved |= kind == SocialClause.Kind.RESERVED
            item.planned_pln += estimated
        if state == SocialClause.State.AWARDED:
            item.awarded_pln += awarded
            if to_pes is not None:
                item.awarded_pes_pln += awarded
    return {pk: (cards[pk], figures[pk]) for pk in cards}


def social_report() -> SocialReport:
    data = card_figures()
    total = Row(_("Razem"))
    for _fund, figures in data.values():
        total.add(figures)
    units = area_gminas()
    by_gmina = {u.pk: Row(u.name, u.terc, label_is_data=True) for u in units}
    places: dict[int, list[int]] = defaultdict(list)
    for card_id, unit_id in ProjectCard.gminas.through.objects.filter(
        projectcard_id__in=list(data)
    ).values_list("projectcard_id", "administrativeunit_id"):
        if unit_id in by_gmina:
            places[card_id].append(unit_id)
    for card_id, (_fund, figures) in data.items():
        gminas = sorted(places[card_id])
        parts = {name: split(getattr(figures, name), len(gminas)) for name in MONEY}
        for i, unit_id in enumerate(gminas):
            by_gmina[unit_id].add(figures, {name: parts[name][i] for name in MONEY})
    funds = {f.pk: f for f in Fund.objects.all()}
    by_fund: dict[int, Row] = {}
    for fund_id, figures in data.values():
        fund = funds[fund_id]
        by_fund.setdefault(fund_id, Row(fund_label(fund), fund.code)).add(figures)
    return SocialReport(
        total=total,
        by_gmina=list(by_gmina.values()),
        by_fund=sorted(by_fund.values(), key=lambda r: r.key),
    )


def table_header() -> list[str]:
    return [
        _("Grupa"),
        _("Projekty"),
        _("Z partnerem PES"),
        _("Z klauzulą społeczną"),
        _("Z zamówieniem zastrzeżonym"),
        _("Planowane w klauzulach (PLN)"),
        _("Udzielone z klauzulami (PLN)"),
        _("Udzielone PES (PLN)"),
        _("Budżety partnerów PES (PLN)"),
    ]


def table_lines(rows: list[Row]) -> list[list]:
    return [
        [
            r.label,
            r.projects,
            r.with_pes,
            r.with_clause,
            r.with_reserved,
            r.planned_pln,
            r.awarded_pln,
            r.awarded_pes_pln,
            r.pes_budget_pln,
        ]
        for r in rows
    ]
