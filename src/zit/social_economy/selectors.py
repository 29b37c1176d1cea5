"""Reads of the social economy directory: the office's lists (behind `Perm.SOCIAL_ECONOMY_EDIT`) and the
public directory, which shows published entries only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict

from zit.core.lifecycle import Actions
from zit.core.models import AuditEvent
from zit.core.roles import Perm, require
from zit.social_economy.models import Entity, ListingRequest, PesKind, SupportOffer


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str = ""
    gmina: str = ""  # TERC
    state: str = ""
    social_enterprise: bool = False

    @classmethod
    def from_query(cls, query: QueryDict) -> Filters:
        kind = query.get("rodzaj", "")
        state = query.get("stan", "")
        return cls(
            q=query.get("q", "").strip()[:100],
            kind=kind if kind in PesKind.values else "",
            gmina=query.get("gmina", "").strip()[:7],
            state=state if state in Entity.State.values else "",
            social_enterprise=query.get("ps") == "1",
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.kind or self.gmina or self.state or self.social_enterprise)

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = [("q", self.q), ("rodzaj", self.kind), ("gmina", self.gmina), ("stan", self.state)]
        if self.social_enterprise:
            pairs.append(("ps", "1"))
        return urlencode([(k, v) for k, v in pairs if v])


def _filtered(entities: QuerySet[Entity], filters: Filters) -> QuerySet[Entity]:
    if filters.q:
        q = filters.q
        entities = entities.filter(
            Q(organisation__name__icontains=q)
            | Q(organisation__short_name__icontains=q)
            | Q(services__icontains=q)
            | Q(products__icontains=q)
            | Q(description__icontains=q)
            | Q(organisation__nip=q.replace("-", "").replace(" ", ""))
        )
    if filters.kind:
        entities = entities.filter(kind=filters.kind)
    if filters.gmina:
        entities = entities.filter(organisation__gmina__terc=filters.gmina)
    if filters.social_enterprise:
        entities = entities.filter(social_enterprise=True)
    return entities


def entities_for_staff(*, user: Any, filters: Filters = Filters()) -> QuerySet[Entity]:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    entities = _filtered(Entity.objects.select_related("organisation", "organisation__gmina"), filters)
    if filters.state:
        entities = entities.filter(state=filters.state)
    return entities.order_by("organisation__name", "pk")


def entity_for_staff(*, user: Any, pk: int) -> Entity:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return Entity.objects.select_related("organisation", "organisation__gmina").get(pk=pk)


def entity_history(*, user: Any, entity: Entity) -> QuerySet[AuditEvent]:
    """The entry's events and its organisation's, newest first: who changed what and when."""
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return AuditEvent.objects.filter(
        Q(object_type="social_economy.entity", object_id=str(entity.pk))
        | Q(object_type="organisations.organisation", object_id=str(entity.organisation_id))
    ).order_by("-created_at", "-pk")


def entities_public(filters: Filters = Filters()) -> QuerySet[Entity]:
    """Published entries only, for the directory, the map, the API and the downloads."""
    entities = Entity.objects.filter(state=Entity.State.PUBLISHED).select_related(
        "organisation", "organisation__gmina"
    )
    return _filtered(entities, filters).order_by("organisation__name", "pk")


def entity_public(pk: int) -> Entity | None:
    return entities_public().filter(pk=pk).first()


def listing_requests(*, user: Any, status: str = "") -> QuerySet[ListingRequest]:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    found = ListingRequest.objects.select_related("gmina", "entity", "reviewed_by")
    if status in ListingRequest.Status.values:
        found = found.filter(status=status)
    return found.order_by("-received_at", "-pk")


def listing_request_get(*, user: Any, pk: int) -> ListingRequest:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return ListingRequest.objects.select_related("gmina", "entity", "reviewed_by").get(pk=pk)


def new_requests_count(*, user: Any) -> int:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return ListingRequest.objects.filter(status=ListingRequest.Status.NEW).count()


def parked_requests_count(*, user: Any) -> int:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return ListingRequest.objects.filter(status=ListingRequest.Status.PARKED).count()


def support_offer_sections(*, user: Any) -> QuerySet[SupportOffer]:
    require(user, Perm.SOCIAL_ECONOMY_EDIT)
    return SupportOffer.objects.all()


def support_offer_public() -> QuerySet[SupportOffer]:
    return SupportOffer.objects.filter(is_published=True)


def entity_actions(*, user: Any, entity: Entity) -> Actions:
    """The entry page's buttons: publish, withdraw or publish again, as the lifecycle allows this user now,
    with the reason a guard refuses one (what publication still needs)."""
    from zit.social_economy.lifecycles import ENTITY

    return ENTITY.actions(user, entity)


def request_actions(*, user: Any, item: ListingRequest) -> Actions:
    """The request page's buttons: accept or reject while it waits for a decision."""
    from zit.social_economy.lifecycles import LISTING_REQUEST

    return LISTING_REQUEST.actions(user, item)
