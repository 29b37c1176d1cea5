"""The social dimension of a project: social clauses and reserved contracts planned in its procurement, and
how each went, plus the card's partners that are social economy entities (PES).

The applicant plans clauses on the card while it can edit it (`card_social_clauses_set`); once the grant
contract is signed the applicant's users and the office record how each clause went
(`social_clause_outcome`): the procedure announced, the contract awarded (value, contractor, optionally a PES
from the registry) or the clause given up with a reason. A partner is a PES when its organisation has a
`social_economy.Entity`; the flag is never copied onto the card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_amount
from zit.core.roles import Perm, has_perm
from zit.organisations.models import Organisation
from zit.projects.models import CardPartner, ProjectCard, SocialClause
from zit.projects.services import _locked, _record, _require_edit

FIRST_YEAR, LAST_YEAR = 2021, 2029  # FEW 2021+: expenditure is eligible until the end of 2029


@dataclass
class ClauseRow:
    kind: str
    subject: str
    estimated_pln: Decimal
    planned_year: int
    planned_quarter: int
    pk: int | None = None  # an existing clause keeps its identity


def _snapshot(card: ProjectCard) -> dict[str, Any]:
    return {
        "social_clauses": [
            [c.pk, c.kind, c.subject, str(c.estimated_pln), c.planned_year, c.planned_quarter]
            for c in card.social_clauses.order_by("pk")
        ]
    }


def _row_errors(card: ProjectCard, number: int, row: ClauseRow) -> list[str]:
    where = _("Wiersz %(n)d: ") % {"n": number}
    problems = []
    if row.kind not in SocialClause.Kind.values:
        problems.append(_("wybierz rodzaj klauzuli z listy"))
    if not row.subject.strip():
        problems.append(_("wpisz przedmiot zamówienia"))
    if row.estimated_pln is None or row.estimated_pln <= 0:
        problems.append(_("szacunkowa wartość musi być większa od zera"))
    elif card.total_pln is not None and row.estimated_pln > card.total_pln:
        problems.append(
            _("szacunkowa wartość nie może przekraczać wartości projektu (%(v)s)")
            % {"v": format_amount(card.total_pln)}
        )
    if row.planned_year is None or not FIRST_YEAR <= row.planned_year <= LAST_YEAR:
        problems.append(
            _("rok musi mieścić się w okresie programu, %(a)d–%(b)d") % {"a": FIRST_YEAR, "b": LAST_YEAR}
        )
    if row.planned_quarter not in (1, 2, 3, 4):
        problems.append(_("kwartał to liczba od 1 do 4"))
    return [where + "; ".join(problems) + "."] if problems else []


@transaction.atomic
def card_social_clauses_set(*, actor: Any, card: ProjectCard, rows: list[ClauseRow]) -> ProjectCard:
    """Replaces the clauses planned on the card while the applicant may edit it. Rows with a `pk` update that
    clause; a clause left out is removed."""
    card = _locked(card)
    _require_edit(actor, card)
    existing = {c.pk: c for c in card.social_clauses.all()}
    errors: list[str] = []
    for number, row in enumerate(rows, start=1):
        if row.pk is not None and row.pk not in existing:
            errors.append(_("Wiersz %(n)d: ta klauzula nie należy do tej fiszki.") % {"n": number})
        errors.extend(_row_errors(card, number, row))
    keys = [(r.kind, r.subject.strip().lower()) for r in rows]
    if len(set(keys)) != len(keys):
        errors.append(_("Ten sam rodzaj klauzuli dla tego samego przedmiotu zamówienia wpisz raz."))
    if errors:
        raise ValidationError({"clauses": errors})
    before = _snapshot(card)
    kept = {r.pk for r in rows if r.pk is not None}
    card.social_clauses.exclude(pk__in=kept).delete()
    for row in rows:
        clause = existing.get(row.pk) if row.pk is not None else SocialClause(card=card)
        clause.kind, clause.subject = row.kind, row.subject.strip()
        clause.estimated_pln = row.estimated_pln
        clause.planned_year, clause.planned_quarter = row.planned_year, row.planned_quarter
        clause.save()
    _record(actor, card, "projects.card_social_clauses", before, _snapshot(card))
    return card


# --- after the contract


def may_record_outcome(user: Any, card: ProjectCard) -> bool:
    """The applicant's users and the office, once the grant contract is signed."""
    if not hasattr(card, "contract"):
        return False
    return has_perm(user, Perm.PROJECTS_MANAGE) or has_perm(
        user, Perm.CARDS_EDIT, organisation_id=card.beneficiary_id
    )


NEXT_STATES = {
    SocialClause.State.PLANNED: (
        SocialClause.State.ANNOUNCED,
        SocialClause.State.AWARDED,
        SocialClause.State.CANCELLED,
    ),
    SocialClause.State.ANNOUNCED: (SocialClause.State.AWARDED, SocialClause.State.CANCELLED),
}


def is_pes(organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    from zit.social_economy.models import Entity

    return Entity.objects.filter(organisation=organisation).exists()


@transaction.atomic
def social_clause_outcome(
    *,
    actor: Any,
    clause: SocialClause,
    state: str,
    announced_on: dt.date | None = None,
    awarded_on: dt.date | None = None,
    awarded_pln: Decimal | None = None,
    contractor: str = "",
    contractor_organisation: Organisation | None = None,
    cancel_reason: str = "",
) -> SocialClause:
    """Records how a clause went: the procedure announced, the contract awarded or the clause given up.
    An awarded or given-up clause is final."""
    clause = SocialClause.objects.select_for_update().select_related("card").get(pk=clause.pk)
    card = clause.card
    if actor is not None and not (
        has_perm(actor, Perm.PROJECTS_MANAGE)
        or has_perm(actor, Perm.CARDS_EDIT, organisation_id=card.beneficiary_id)
    ):
        raise PermissionDenied(_("Przebieg klauzul zapisują użytkownicy beneficjenta i biuro."))
    if not hasattr(card, "contract"):
        raise ValidationError(_("Przebieg zamówień zapisuje się po podpisaniu umowy o dofinansowanie."))
    allowed = NEXT_STATES.get(clause.state, ())
    if state not in allowed:
        if clause.final:
            raise ValidationError(
                _("Ta klauzula jest już rozstrzygnięta (%(s)s): jej przebiegu nie można zmienić.")
                % {"s": clause.get_state_display()}
            )
        raise ValidationError({"state": _("Wybierz, co stało się z zamówieniem.")})
    today = timezone.localdate()
    contractor = contractor.strip()
    cancel_reason = cancel_reason.strip()
    errors: dict[str, str] = {}
    before = audit.snapshot(clause)
    announced_on = announced_on or clause.announced_on
    if state == SocialClause.State.ANNOUNCED:
        if announced_on is None:
            errors["announced_on"] = _("Podaj datę ogłoszenia postępowania.")
        awarded_on, awarded_pln, contractor, contractor_organisation = None, None, "", None
    if state == SocialClause.State.AWARDED:
        if awarded_on is None:
            errors["awarded_on"] = _("Podaj datę udzielenia zamówienia (zawarcia umowy z wykonawcą).")
        elif announced_on and awarded_on < announced_on:
            errors["awarded_on"] = _("Zamówienia nie udziela się przed ogłoszeniem postępowania.")
        if awarded_pln is None or awarded_pln <= 0:
            errors["awarded_pln"] = _("Wartość udzielonego zamówienia musi być większa od zera.")
        if contractor_organisation is not None and not is_pes(contractor_organisation):
            errors["contractor_organisation"] = _(
                "Ta organizacja nie jest w rejestrze podmiotów ekonomii społecznej; wpisz wykonawcę w polu "
                "„wykonawca”."
            )
        if not contractor and contractor_organisation is not None:
            contractor = contractor_organisation.name
        if not contractor:
            errors["contractor"] = _("Wpisz nazwę wykonawcy.")
    if state == SocialClause.State.CANCELLED:
        if not cancel_reason:
            errors["cancel_reason"] = _("Napisz, dlaczego zrezygnowano z klauzuli lub zamówienia.")
        awarded_on, awarded_pln, contractor, contractor_organisation = None, None, "", None
    for field, day in (("announced_on", announced_on), ("awarded_on", awarded_on)):
        if day is not None and day > today and field not in errors:
            errors[field] = _("Data nie może być z przyszłości.")
    if errors:
        raise ValidationError(errors)
    clause.state = state
    clause.announced_on = announced_on
    clause.awarded_on, clause.awarded_pln = awarded_on, awarded_pln
    clause.contractor, clause.contractor_organisation = contractor, contractor_organisation
    clause.cancel_reason = cancel_reason if state == SocialClause.State.CANCELLED else ""
    clause.outcome_by_label = audit.actor_label(actor)
    clause.outcome_at = timezone.now()
    clause.save()
    audit.record(
        actor=actor,
        action="projects.social_clause_outcome",
        obj=clause,
        before=before,
        after=audit.snapshot(clause),
        reason=cancel_reason,
    )
    return clause


# --- reads


def pes_partner_ids(cards: list[int]) -> dict[int, set[int]]:
    """For each card id, the ids of its partner organisations that are PES (one query)."""
    found: dict[int, set[int]] = {}
    for card_id, org_id in CardPartner.objects.filter(
        card_id__in=cards, organisation__social_economy_entity__isnull=False
    ).values_list("card_id", "organisation_id"):
        found.setdefault(card_id, set()).add(org_id)
    return found


@dataclass
class PesPartner:
    organisation: Organisation
    kind: str
    budget_pln: Decimal


def card_social(card: ProjectCard) -> dict[str, Any]:
    """What the card's pages show of its social dimension: PES partners with their budget and the clauses."""
    partners = list(
        card.partners.filter(organisation__social_economy_entity__isnull=False).select_related(
            "organisation__social_economy_entity"
        )
    )
    budgets: dict[int, Decimal] = {}
    for line in card.budget_lines.filter(organisation_id__in=[p.organisation_id for p in partners]):
        budgets[line.organisation_id] = budgets.get(line.organisation_id, Decimal(0)) + line.total_pln
    clauses = list(card.social_clauses.select_related("contractor_organisation__social_economy_entity"))
    return {
        "pes_partners": [
            PesPartner(
                p.organisation,
                p.organisation.social_economy_entity.get_kind_display(),
                budgets.get(p.organisation_id, Decimal(0)),
            )
            for p in partners
        ],
        "clauses": clauses,
        "planned_pln": sum((c.estimated_pln for c in clauses if c.state != c.State.CANCELLED), Decimal(0)),
        "awarded_pln": sum((c.awarded_pln for c in clauses if c.state == c.State.AWARDED), Decimal(0)),
    }
