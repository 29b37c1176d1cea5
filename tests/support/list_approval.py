"""The list of strategic projects is approved only by an adopted resolution of the register that carries it:
tests enter such a resolution in the register (as the Rada's vote would leave it) and apply its effect."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from zit.association.models import Body
from zit.core.models import DecisionReference
from zit.governance.models import Resolution, ResolutionKind


def rada() -> Body:
    body, _created = Body.objects.get_or_create(
        slug="rada", defaults={"name": "Rada Stowarzyszenia", "kind": Body.Kind.ASSEMBLY}
    )
    return body


def register_resolution(
    version, *, on: dt.date, status: str = Resolution.Status.ADOPTED, carries=None
) -> Resolution:
    """A resolution of the Rada in the register on the list version (`carries`, else `version`)."""
    body = rada()
    sequence = (Resolution.objects.filter(body=body, year=on.year).aggregate(m=Max("sequence"))["m"] or 0) + 1
    adopted = status == Resolution.Status.ADOPTED
    decision = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name=body.name,
        number=f"{sequence}/{on.year}",
        date=on,
    )
    return Resolution.objects.create(
        body=body,
        kind=ResolutionKind.PROJECT_LIST,
        subject="przyjęcia listy projektów strategicznych",
        text="Przyjmuje się listę projektów strategicznych.",
        status=status,
        year=on.year if adopted else None,
        sequence=sequence if adopted else None,
        adopted_on=on if adopted else None,
        decision=decision,
        list_version=carries or version,
        effect=Resolution.Effect.PENDING if adopted else Resolution.Effect.NONE,
    )


def approve_through_register(version, *, actor, on: dt.date):
    """The register's adopted resolution carrying the version, and its effect applied: the list approved."""
    from zit.projects import lists

    resolution = register_resolution(version, on=on)
    lists.list_version_approve(actor=actor, version=version, decision=resolution.decision)
    Resolution.objects.filter(pk=resolution.pk).update(effect=Resolution.Effect.APPLIED)
    version.refresh_from_db()
    return resolution
