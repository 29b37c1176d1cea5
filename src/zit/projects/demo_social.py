"""Demo data of the social dimension: a social cooperative (demo) in the PES registry as a partner of two
cards, and social clauses at every stage, from planned to awarded to a PES. Idempotent: nothing happens when
any demo card already has a clause. Everything shown is labelled demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from zit.organisations.models import Organisation
from zit.projects import services, social
from zit.projects.models import BudgetLine, CardPartner, ProjectCard, SocialClause
from zit.social_economy.models import Entity, PesKind
from zit.territory.models import AdministrativeUnit

PES_NAME = "Spółdzielnia Socjalna „Zielona Przystań” (demo)"
K = SocialClause.Kind


def demo_pes() -> Organisation:
    """The demo PES: an organisation with its entity, created once and found by name afterwards."""
    gmina = AdministrativeUnit.objects.filter(level="gmina", name="Sompolno").first()
    organisation, _created = Organisation.objects.get_or_create(
        name=PES_NAME,
        defaults={
            "kind": Organisation.Kind.SOCIAL_ECONOMY,
            "city": "Sompolno",
            "gmina": gmina,
            "is_demo": True,
        },
    )
    Entity.objects.get_or_create(
        organisation=organisation,
        defaults={
            "kind": PesKind.SOCIAL_COOPERATIVE,
            "description": "Przykładowa spółdzielnia socjalna do pokazu systemu (demo).",
            "services": "Utrzymanie zieleni, drobne prace remontowe, obsługa parkingów rowerowych (demo).",
        },
    )
    return organisation


def _card(title: str) -> ProjectCard | None:
    return ProjectCard.objects.filter(is_demo=True, title__startswith=title).first()


@transaction.atomic
def load_social_demo() -> int:
    """Returns the number of clauses created."""
    if SocialClause.objects.filter(card__is_demo=True).exists():
        return 0
    if not ProjectCard.objects.filter(is_demo=True).exists():
        return 0
    pes = demo_pes()
    created = 0
    draft = _card("Zielone podwórka w centrum Sompolna")
    if draft is not None and draft.editable:
        _partner_through_services(draft, pes)
        created += _plan(
            draft, [(K.RESERVED, "Pielęgnacja zieleni na podwórkach przez 3 lata (demo)", "240000")]
        )
    returned = _card("Przebudowa drogi gminnej Rychwał")
    if returned is not None and returned.editable:
        created += _plan(
            returned, [(K.EMPLOYMENT, "Roboty drogowe z zatrudnieniem osób bezrobotnych (demo)", "1800000")]
        )
    listed = _card("Centrum przesiadkowe przy dworcu PKP")
    if listed is not None:
        _partner_moving_budget(listed, pes, Decimal("350000"))
        created += _direct(
            listed, [(K.RESERVED, "Obsługa parkingu rowerowego i szatni (demo)", "350000", 2027, 2)]
        )
        created += _direct(
            listed, [(K.CRITERION, "Budowa wiat i małej architektury (demo)", "900000", 2026, 4)]
        )
    running = _card("Rowerowy szlak pojezierza")
    if running is not None and hasattr(running, "contract"):
        reserved, employment, other = _direct_many(
            running,
            [
                (K.RESERVED, "Utrzymanie zieleni wzdłuż szlaku (demo)", "120000", 2026, 1),
                (K.EMPLOYMENT, "Budowa odcinka szlaku Grodziec – Rzgów (demo)", "1500000", 2026, 1),
                (
                    K.OTHER,
                    "Oznakowanie szlaku wykonane przez warsztat terapii zajęciowej (demo)",
                    "40000",
                    2026,
                    2,
                ),
            ],
        )
        created += 3
        social.social_clause_outcome(
            actor=None, clause=reserved, state="announced", announced_on=dt.date(2026, 1, 12)
        )
        social.social_clause_outcome(
            actor=None,
            clause=reserved,
            state="awarded",
            awarded_on=dt.date(2026, 2, 20),
            awarded_pln=Decimal("112800.00"),
            contractor_organisation=pes,
        )
        social.social_clause_outcome(
            actor=None, clause=employment, state="announced", announced_on=dt.date(2026, 2, 2)
        )
        social.social_clause_outcome(
            actor=None,
            clause=other,
            state="cancelled",
            cancel_reason="Oznakowanie wykona gmina w ramach własnych prac (demo).",
        )
    settled = _card("Ścieżka rowerowa Kleczew")
    if settled is not None and hasattr(settled, "contract"):
        (clause,) = _direct_many(
            settled, [(K.EMPLOYMENT, "Budowa ścieżki rowerowej (demo)", "2100000", 2025, 3)]
        )
        created += 1
        social.social_clause_outcome(
            actor=None, clause=clause, state="announced", announced_on=dt.date(2025, 7, 1)
        )
        social.social_clause_outcome(
            actor=None,
            clause=clause,
            state="awarded",
            awarded_on=dt.date(2025, 8, 14),
            awarded_pln=Decimal("1985000.00"),
            contractor="Przedsiębiorstwo Robót Drogowych Kleczew (demo)",
        )
    return created


def _plan(card: ProjectCard, rows: list[tuple[str, str, str]]) -> int:
    """Clauses on an editable card, through the service the applicant uses."""
    year = (card.starts_on or dt.date(2026, 1, 1)).year
    social.card_social_clauses_set(
        actor=None,
        card=card,
        rows=[social.ClauseRow(kind, subject, Decimal(value), year, 2) for kind, subject, value in rows],
    )
    return len(rows)


def _direct(card: ProjectCard, rows) -> int:
    return len(_direct_many(card, rows))


def _direct_many(card: ProjectCard, rows) -> list[SocialClause]:
    """Clauses as they were planned before the card was submitted: the demo cards went past the draft
    before this part existed, so the rows are written as the planning service would have written them."""
    return [
        SocialClause.objects.create(
            card=card,
            kind=kind,
            subject=subject,
            estimated_pln=Decimal(value),
            planned_year=year,
            planned_quarter=quarter,
        )
        for kind, subject, value, year, quarter in rows
    ]


def _partner_through_services(card: ProjectCard, pes: Organisation) -> None:
    partners = [(p.organisation, p.role) for p in card.partners.select_related("organisation")]
    services.card_partners_set(
        actor=None, card=card, partners=[*partners, (pes, "Pielęgnacja zieleni po zakończeniu robót (demo)")]
    )


def _partner_moving_budget(card: ProjectCard, pes: Organisation, amount: Decimal) -> None:
    """The PES joins a card past its draft: part of the applicant's last budget line becomes the partner's,
    so the budget still adds up to the card's totals to the grosz."""
    if CardPartner.objects.filter(card=card, organisation=pes).exists():
        return
    line = card.budget_lines.filter(organisation_id=card.beneficiary_id).order_by("-year").first()
    if line is None or line.total_pln <= amount:
        return
    CardPartner.objects.create(card=card, organisation=pes, role="Obsługa parkingu rowerowego (demo)")
    share = amount / line.total_pln
    eligible = (line.eligible_pln * share).quantize(Decimal("0.01"))
    eu = (line.eu_pln * share).quantize(Decimal("0.01"))
    BudgetLine.objects.create(
        card=card, organisation=pes, year=line.year, total_pln=amount, eligible_pln=eligible, eu_pln=eu
    )
    line.total_pln -= amount
    line.eligible_pln -= eligible
    line.eu_pln -= eu
    line.save()
