"""Reads of rounds and cards, scoped to what the user may see.

The office, the bodies and their secretary see every card once it is submitted; users of an organisation see
the cards it applies for or is a partner in, drafts included. Nobody else sees a draft."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zit.core.lifecycle import Actions
from zit.core.roles import Perm, has_any_scope, scoped_organisation_ids
from zit.projects.models import ProjectCard, Round


def rounds_visible(*, user: Any) -> QuerySet[Round]:
    if not has_any_scope(user, Perm.PROJECTS_VIEW):
        return Round.objects.none()
    return Round.objects.prefetch_related("measures")


def rounds_open(*, on) -> QuerySet[Round]:
    return Round.objects.filter(opens_on__lte=on, closes_on__gte=on).prefetch_related("measures")


def cards_visible(*, user: Any) -> QuerySet[ProjectCard]:
    scope = scoped_organisation_ids(user, Perm.PROJECTS_VIEW)
    cards = ProjectCard.objects.select_related("round", "beneficiary", "measure", "fund")
    if scope is None:
        return cards.exclude(state=ProjectCard.State.DRAFT)
    if not scope:
        return cards.none()
    return cards.filter(Q(beneficiary_id__in=scope) | Q(partners__organisation_id__in=scope)).distinct()


@dataclass
class CardFilters:
    query: str = ""
    round: int | None = None
    state: str = ""
    gmina: int | None = None
    measure: int | None = None


def cards_search(*, user: Any, filters: CardFilters) -> QuerySet[ProjectCard]:
    cards = cards_visible(user=user)
    if filters.query:
        q = filters.query.strip()
        cards = cards.filter(
            Q(title__icontains=q)
            | Q(number__icontains=q)
            | Q(beneficiary__name__icontains=q)
            | Q(application_number__icontains=q)
        )
    if filters.round:
        cards = cards.filter(round_id=filters.round)
    if filters.state:
        cards = cards.filter(state=filters.state)
    if filters.gmina:
        cards = cards.filter(gminas__pk=filters.gmina)
    if filters.measure:
        cards = cards.filter(measure_id=filters.measure)
    return cards.order_by("-round__opens_on", "number").distinct()


def card_get(*, user: Any, pk: int) -> ProjectCard:
    card = cards_visible(user=user).filter(pk=pk).first()
    if card is None:
        raise Http404(_("Nie ma takiej fiszki albo nie masz do niej dostępu."))
    return card


def card_actions(*, user: Any, card: ProjectCard) -> Actions:
    """The buttons of the card's page: what this user may do now, and what a guard refuses with its reason
    (not the transitions fired by the list or the opinion)."""
    from zit.projects.lifecycles import CARD

    return CARD.actions(user, card)


def undertakings_by_key() -> dict[str, Any]:
    """The undertakings of the strategy in force (adopted, else the one in consultation), by stable key."""
    from zit.strategy.selectors import strategy_current, version_published

    strategy = strategy_current()
    version = version_published(strategy) if strategy else None
    if version is None:
        return {}
    return {u.key: u for u in version.undertakings.all()}


def card_undertakings(card: ProjectCard) -> list[tuple[str, Any]]:
    """The card's keys with the undertaking each resolves to now (None: gone from the strategy)."""
    known = undertakings_by_key()
    return [(u.key, known.get(u.key)) for u in card.undertakings.all()]


def partner_shares(card: ProjectCard) -> list[tuple[Any, Decimal, Decimal]]:
    """Each organisation's part of the budget: (organisation, its total, its share of the project's value)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    names: dict[int, Any] = {}
    for line in card.budget_lines.select_related("organisation"):
        totals[line.organisation_id] += line.total_pln
        names[line.organisation_id] = line.organisation
    whole = sum(totals.values(), Decimal(0))
    return [
        (names[pk], amount, (amount / whole) if whole else Decimal(0))
        for pk, amount in sorted(totals.items(), key=lambda x: -x[1])
    ]


def _units():
    from zit.territory.selectors import area_current_version, area_gminas

    return list(area_gminas(version=area_current_version()))


def card_map(card: ProjectCard) -> str:
    """The area with the card's gminas shaded and its point or line drawn; names in text, not colour only."""
    from zit.core.maps import svg_map

    chosen = {g.pk for g in card.gminas.all()}
    fills = {u.terc: ("#9cc3a8", _("w projekcie")) for u in _units() if u.pk in chosen}
    marks = [(card.location, _("Położenie projektu"))] if card.location else []
    # the gminas are named in the text above the map (marked as Polish there); a <desc> is plain text and
    # cannot mark a name's language, so it points to them instead of repeating them
    shaded = _("Gminy projektu, wymienione nad mapą, są zaznaczone kolorem.") if chosen else ""
    located = _("Na mapie zaznaczono punkt lub przebieg.") if marks else ""
    return mark_safe(  # noqa: S308 - svg_map escapes every text it writes
        svg_map(
            _units(),
            title=_("Położenie projektu %(n)s") % {"n": card.number},
            description=" ".join(t for t in (str(shaded), str(located)) if t)
            or _("Nie wskazano gmin ani punktu projektu."),
            fills=fills,
            marks=marks,
            svg_id=f"card-map-{card.pk}",
        )
    )


def area_geojson() -> dict:
    from zit.core.maps import geojson_collection

    return geojson_collection([u for u in _units() if u.geometry], url_for=lambda u: "")
