"""Reads of the registry, limited to what the user may see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from zit.core.roles import Perm, has_perm, scoped_organisation_ids
from zit.organisations.models import Organisation


def organisations_visible(*, user: Any, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    scope = scoped_organisation_ids(user, Perm.ORGANISATION_VIEW)
    orgs = Organisation.objects.select_related("gmina")
    if scope is not None:
        if not scope:
            raise PermissionDenied
        orgs = orgs.filter(pk__in=scope)
    if kind:
        orgs = orgs.filter(kind=kind)
    if query:
        digits = query.replace("-", "").replace(" ", "")
        condition = Q(name__icontains=query) | Q(short_name__icontains=query) | Q(city__icontains=query)
        if digits.isascii() and digits.isdigit():
            condition |= Q(nip=digits) | Q(regon=digits) | Q(krs=digits)
        orgs = orgs.filter(condition)
    return orgs


def organisation_get(*, user: Any, pk: int) -> Organisation:
    org = Organisation.objects.select_related("gmina").get(pk=pk)
    if not has_perm(user, Perm.ORGANISATION_VIEW, organisation_id=org.pk):
        raise PermissionDenied
    return org
