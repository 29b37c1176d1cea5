"""Reads about the association. Public pages get public roles only; contact details need a permission."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from zit.association.models import (
    AssociationProfile,
    Body,
    Mandate,
    Member,
    MembershipPeriod,
    Person,
    Representation,
)
from zit.core.roles import Perm, has_perm, require, scoped_organisation_ids


def association_profile() -> AssociationProfile | None:
    return AssociationProfile.objects.first()


def _today() -> dt.date:
    return timezone.localdate()


def _active(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def members_current(*, day: dt.date | None = None) -> QuerySet[Member]:
    day = day or _today()
    return (
        Member.objects.filter(periods__in=MembershipPeriod.objects.filter(_active(day)))
        .select_related("organisation", "territory")
        .distinct()
        .order_by("number")
    )


def members_all() -> QuerySet[Member]:
    return Member.objects.select_related("organisation", "territory").prefetch_related("periods")


def member_public(*, slug: str) -> Member:
    day = _today()
    return (
        Member.objects.select_related("organisation", "territory", "territory__parent")
        .prefetch_related(
            "periods",
            Prefetch(
                "representations",
                queryset=Representation.objects.filter(
                    _active(day), function__in=["head", "delegate"]
                ).select_related("person"),
                to_attr="public_representations",
            ),
            Prefetch(
                "mandates",
                queryset=Mandate.objects.filter(_active(day)).select_related("person", "body"),
                to_attr="current_mandates",
            ),
        )
        .get(slug=slug)
    )


def member_for_territory(*, terc: str) -> Member | None:
    return Member.objects.filter(territory__terc=terc).first()


def bodies_with_current_mandates(*, day: dt.date | None = None) -> QuerySet[Body]:
    day = day or _today()
    return Body.objects.prefetch_related(
        Prefetch(
            "mandates",
            queryset=Mandate.objects.filter(_active(day)).select_related("person", "member"),
            to_attr="current_mandates",
        )
    )


def people_visible(*, user: Any, query: str = "") -> QuerySet[Person]:
    scope = scoped_organisation_ids(user, Perm.PEOPLE_VIEW)
    people = Person.objects.select_related("organisation")
    if scope is not None:
        if not scope:
            raise PermissionDenied
        people = people.filter(
            Q(organisation_id__in=scope) | Q(representations__member__organisation_id__in=scope)
        )
    if query:
        match = Q(first_name__icontains=query) | Q(last_name__icontains=query)
        if has_perm(user, Perm.PEOPLE_CONTACT):
            match |= Q(email__icontains=query)
        people = people.filter(match)
    return people.distinct()


def person_get(*, user: Any, pk: int) -> Person:
    person = (
        people_visible(user=user)
        .prefetch_related(
            Prefetch("representations", queryset=Representation.objects.select_related("member")),
            Prefetch("mandates", queryset=Mandate.objects.select_related("body", "member")),
        )
        .get(pk=pk)
    )
    return person


def member_people(*, user: Any, member: Member) -> QuerySet[Representation]:
    if not has_perm(user, Perm.PEOPLE_VIEW, organisation_id=member.organisation_id):
        raise PermissionDenied
    return member.representations.select_related("person").order_by("function", "-start")


def bodies_for_staff(*, user: Any) -> QuerySet[Body]:
    require(user, Perm.PEOPLE_VIEW)
    return Body.objects.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.select_related("person", "member").order_by("-start"))
    )


def letterhead_lines() -> list[str]:
    """The association's name and address as the header of its documents; the name alone until the profile
    holds more."""
    profile = association_profile()
    if profile is None:
        return ["Stowarzyszenie Aglomeracji Konińskiej"]
    contact = ", ".join(part for part in (profile.email, profile.phone, profile.website) if part)
    return [profile.name, f"{profile.street}, {profile.postal_code} {profile.city}", contact]
