"""The members' shares against the list of strategic projects: what each member has listed, contracted and has
still free under the allocation key in force (`zit.funding.shares`), and the check made when a card goes on the
main list.

How a card counts toward members: its EU amount on the list (in EUR, at the list's rate) is split among the
organisations of its budget by their EU amounts (the beneficiary and the partners, `BudgetLine`); a card without
a budget by organisations counts wholly for its beneficiary. Each organisation's part counts for the member it
is (a gmina, the city, the powiat), or otherwise for the member whose territory is the organisation's gmina (a
municipal company or school counts for its gmina). A part of an organisation outside every member's territory
counts for no member and is shown apart. Only the main list takes a share; the reserve list does not."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.models import Member
from zit.core.formatting import format_amount
from zit.funding.models import Agreement, AllocationKey
from zit.funding.shares import allot, key_in_force
from zit.projects.models import ListEntry, ListVersion, ProjectCard, ShareExcess

CONTRACTED = (ProjectCard.State.CONTRACTED, ProjectCard.State.TERMINATED)


class Members:
    """The members by organisation and by territory, read once."""

    def __init__(self) -> None:
        members = list(Member.objects.select_related("organisation", "territory"))
        self.by_pk = {m.pk: m for m in members}
        self.by_organisation = {m.organisation_id: m for m in members}
        self.by_territory = {m.territory_id: m for m in members}

    def of(self, organisation: Any) -> Member | None:
        member = self.by_organisation.get(organisation.pk)
        if member is None and organisation.gmina_id:
            member = self.by_territory.get(organisation.gmina_id)
        return member


def card_parts(card: ProjectCard, eur: Decimal, members: Members) -> dict[int | None, Decimal]:
    """member pk (None: no member) → the part of `eur` that counts for it; the parts add up to `eur`."""
    by_organisation: dict[Any, Decimal] = defaultdict(Decimal)
    for line in card.budget_lines.all():  # prefetched with their organisations on the tables
        by_organisation[line.organisation] += line.eu_pln
    weights_total = sum(by_organisation.values(), Decimal(0))
    if weights_total <= 0:
        by_organisation, weights_total = {card.beneficiary: Decimal(1)}, Decimal(1)
    organisations = sorted(by_organisation, key=lambda o: (o.pk != card.beneficiary_id, o.pk))
    amounts = allot(eur, [by_organisation[o] / weights_total for o in organisations])
    parts: dict[int | None, Decimal] = defaultdict(Decimal)
    for organisation, amount in zip(organisations, amounts, strict=True):
        member = members.of(organisation)
        parts[member.pk if member else None] += amount
    return dict(parts)


@dataclass
class Position:
    member: Member
    share_eur: Decimal
    fraction: Decimal
    listed_eur: Decimal = Decimal(0)
    contracted_eur: Decimal = Decimal(0)
    entries: list[tuple[ListEntry, Decimal]] = field(default_factory=list)
    excesses: list[ShareExcess] = field(default_factory=list)

    @property
    def free_eur(self) -> Decimal:
        return self.share_eur - self.listed_eur

    @property
    def exceeded(self) -> bool:
        return self.listed_eur > self.share_eur


@dataclass
class SharesTable:
    key: AllocationKey
    version: ListVersion | None
    positions: list[Position]
    unattributed_eur: Decimal = Decimal(0)

    @property
    def listed_eur(self) -> Decimal:
        return sum((p.listed_eur for p in self.positions), Decimal(0))

    @property
    def contracted_eur(self) -> Decimal:
        return sum((p.contracted_eur for p in self.positions), Decimal(0))

    @property
    def free_eur(self) -> Decimal:
        return sum((p.free_eur for p in self.positions), Decimal(0))

    def of(self, member: Member) -> Position | None:
        return next((p for p in self.positions if p.member.pk == member.pk), None)


def shares_table(
    key: AllocationKey, version: ListVersion | None, *, ignoring: ListEntry | None = None
) -> SharesTable:
    members = Members()
    positions = {
        s.member_id: Position(s.member, s.amount_eur, s.fraction)
        for s in key.shares.select_related("member", "member__organisation")
    }
    table = SharesTable(key, version, list(positions.values()))
    if version is None:
        return table
    entries = (
        version.entries.filter(position=ListEntry.Position.MAIN)
        .exclude(pk=getattr(ignoring, "pk", None))
        .select_related("card", "card__beneficiary", "card__measure")
        .prefetch_related("share_excesses", "card__budget_lines__organisation")
    )
    for entry in entries:
        for member_pk, part in card_parts(entry.card, entry.eu_eur, members).items():
            position = positions.get(member_pk)
            if position is None:  # no member, or a member the key does not name (it joined later)
                table.unattributed_eur += part
                continue
            position.listed_eur += part
            if entry.card.state in CONTRACTED:
                position.contracted_eur += part
            position.entries.append((entry, part))
        for excess in entry.share_excesses.all():
            if excess.member_id in positions:
                positions[excess.member_id].excesses.append(excess)
    return table


def newest_version(agreement: Agreement | None) -> ListVersion | None:
    """The version the office works on: the newest, draft or not."""
    if agreement is None:
        return None
    return ListVersion.objects.filter(agreement=agreement).order_by("-number").first()


def check(
    version: ListVersion, card: ProjectCard, eur: Decimal, reason: str, *, ignoring: ListEntry | None = None
) -> list[dict[str, Any]]:
    """The members the card takes past their share on the main list. Without a reason the listing is refused,
    naming each member, its share, what it would have listed and the excess; with one, the excesses are returned
    for `record`."""
    key = key_in_force(agreement=version.agreement, day=timezone.localdate())
    if key is None:
        return []
    table = shares_table(key, version, ignoring=ignoring)
    excesses = []
    for member_pk, part in card_parts(card, eur, Members()).items():
        position = next((p for p in table.positions if p.member.pk == member_pk), None)
        if position is None or part <= 0:
            continue
        listed = position.listed_eur + part
        if listed > position.share_eur:
            excesses.append(
                {
                    "member": position.member,
                    "key": key,
                    "share_eur": position.share_eur,
                    "listed_eur": listed,
                    "excess_eur": listed - position.share_eur,
                }
            )
    if excesses and not reason.strip():
        raise ValidationError(
            {
                "share_reason": [
                    _(
                        "Projekt %(c)s przekracza udział członka %(m)s w alokacji: udział %(s)s, na liście "
                        "podstawowej z tym projektem %(l)s, przekroczenie %(e)s. Wpisz uzasadnienie przekroczenia "
                        "albo dodaj projekt na listę rezerwową."
                    )
                    % {
                        "c": card.number,
                        "m": x["member"],
                        "s": format_amount(x["share_eur"], "EUR"),
                        "l": format_amount(x["listed_eur"], "EUR"),
                        "e": format_amount(x["excess_eur"], "EUR"),
                    }
                    for x in excesses
                ]
            }
        )
    return excesses


def record(actor: Any, entry: ListEntry, excesses: list[dict[str, Any]], reason: str) -> None:
    ShareExcess.objects.bulk_create(
        ShareExcess(entry=entry, reason=reason.strip(), recorded_by=actor, **x) for x in excesses
    )


def office_table(agreement: Agreement | None) -> SharesTable | None:
    """The key in force against the newest list version (the draft being prepared, if any)."""
    key = key_in_force(agreement=agreement)
    return shares_table(key, newest_version(agreement)) if key else None


def public_table(agreement: Agreement | None) -> SharesTable | None:
    """The key in force against the list in force (approved), as the public sees it."""
    from zit.projects.lists import list_in_force

    key = key_in_force(agreement=agreement)
    return shares_table(key, list_in_force(agreement)) if key else None
