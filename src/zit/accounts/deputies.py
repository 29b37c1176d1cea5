"""Deputies: a person away hands what waits for them (zit.core.inbox) to a colleague for the days they choose.

Rules, and why:
- The principal sets it themselves, or an office administrator (`accounts.manage`) does it for them (someone
  fell ill and cannot sign in). The principal, the administrator or the deputy may end it early.
- The deputy is another person, with an active account, who holds at least one of the principal's roles (the
  same role and, for a role tied to an organisation, the same organisation): a handover gives no permission,
  so a deputy without a shared role could open nothing of what they are shown.
- It starts today at the earliest, ends on or after its start and lasts at most a year (a longer absence is a
  change of roles, not a deputy).
- One deputy at a time: two handovers of one person may not overlap, so it is always clear who covers.
- Each setting and each early end is one audit event.
Within the dates the deputy's dashboard shows the principal's own items (never those the principal covers for
someone else), labelled with the principal's name; an item the deputy has anyway is shown once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.accounts.models import InboxDeputy, RoleAssignment, User
from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, has_perm

MAX_DAYS = 366


def _may_manage(actor: Any, principal: User) -> bool:
    return actor is not None and (actor.pk == principal.pk or has_perm(actor, Perm.ACCOUNTS_MANAGE))


def _roles(user: User) -> set[tuple[str, int | None]]:
    return set(RoleAssignment.objects.filter(user=user).values_list("role", "organisation_id"))


def deputy_candidates(principal: User) -> QuerySet[User]:
    """Active accounts other than the principal's that hold one of the principal's roles."""
    shared = Q(pk__in=[])
    for role, organisation_id in _roles(principal):
        shared |= Q(role_assignments__role=role, role_assignments__organisation_id=organisation_id)
    return (
        User.objects.filter(shared, is_active=True)
        .exclude(pk=principal.pk)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _overlapping(principal: User, starts: dt.date, ends: dt.date) -> InboxDeputy | None:
    return (
        InboxDeputy.objects.filter(
            principal=principal, ended_at__isnull=True, starts__lte=ends, ends__gte=starts
        )
        .select_related("deputy")
        .first()
    )


@transaction.atomic
def deputy_set(
    *,
    actor: Any,
    principal: User,
    deputy: User | None,
    starts: dt.date | None,
    ends: dt.date | None,
    note: str = "",
) -> InboxDeputy:
    if not _may_manage(actor, principal):
        raise PermissionDenied(_("Zastępstwo ustawia sama osoba zastępowana albo administrator biura."))
    User.objects.select_for_update().filter(pk=principal.pk).first()  # one handover at a time per principal
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if deputy is None:
        errors["deputy"] = _("Wskaż zastępcę.")
    elif deputy.pk == principal.pk:
        errors["deputy"] = _("Nie można zastępować samego siebie: wskaż inną osobę.")
    elif not deputy.is_active:
        errors["deputy"] = _("Zastępcą może być tylko osoba z aktywnym kontem.")
    elif not _roles(principal) & _roles(deputy):
        errors["deputy"] = _(
            "Zastępca musi mieć co najmniej jedną z ról osoby zastępowanej (w tej samej organizacji): "
            "zastępstwo nie daje uprawnień, więc bez wspólnej roli nie mógłby niczego załatwić."
        )
    if starts is None:
        errors["starts"] = _("Podaj pierwszy dzień zastępstwa.")
    elif starts < today:
        errors["starts"] = _("Zastępstwo może zacząć się najwcześniej dziś.")
    if ends is None:
        errors["ends"] = _("Podaj ostatni dzień zastępstwa.")
    elif starts is not None and ends < starts:
        errors["ends"] = _("Ostatni dzień nie może być wcześniejszy niż pierwszy.")
    elif starts is not None and (ends - starts).days >= MAX_DAYS:
        errors["ends"] = _("Zastępstwo trwa najwyżej rok; dłuższą nieobecność rozwiązuje zmiana ról.")
    if not errors and (clash := _overlapping(principal, starts, ends)) is not None:
        errors["starts"] = _(
            "W tych dniach zastępuje już %(name)s (%(a)s – %(b)s): najpierw zakończ tamto."
        ) % {
            "name": clash.deputy.get_full_name() or clash.deputy.username,
            "a": format_date(clash.starts),
            "b": format_date(clash.ends),
        }
    if errors:
        raise ValidationError(errors)
    deputyship = InboxDeputy.objects.create(
        principal=principal,
        deputy=deputy,
        starts=starts,
        ends=ends,
        note=note.strip(),
        created_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor,
        action="accounts.deputy_set",
        obj=deputyship,
        after={
            "principal_id": principal.pk,
            "deputy_id": deputy.pk,
            "starts": starts.isoformat(),
            "ends": ends.isoformat(),
            "note": deputyship.note,
        },
    )
    return deputyship


@transaction.atomic
def deputy_end(*, actor: Any, deputyship: InboxDeputy) -> InboxDeputy:
    """End a handover early (the principal is back, or the deputy cannot cover); it is kept, marked ended."""
    deputyship = InboxDeputy.objects.select_for_update().select_related("principal").get(pk=deputyship.pk)
    if not (
        _may_manage(actor, deputyship.principal) or (actor is not None and actor.pk == deputyship.deputy_id)
    ):
        raise PermissionDenied(_("Zastępstwo kończy osoba zastępowana, zastępca albo administrator biura."))
    if deputyship.ended_at is not None or deputyship.ends < timezone.localdate():
        raise ValidationError(_("To zastępstwo już się zakończyło."))
    deputyship.ended_at, deputyship.ended_by_label = timezone.now(), audit.actor_label(actor)
    deputyship.save(update_fields=["ended_at", "ended_by_label"])
    audit.record(
        actor=actor,
        action="accounts.deputy_end",
        obj=deputyship,
        before={"ended_at": None},
        after={"ended_at": deputyship.ended_at.isoformat()},
    )
    return deputyship


def deputyships_given(*, user: User, today: dt.date) -> list[InboxDeputy]:
    """The user's handovers not yet over (current and planned), for the deputies page."""
    return list(
        InboxDeputy.objects.filter(principal=user, ended_at__isnull=True, ends__gte=today)
        .select_related("deputy")
        .order_by("starts", "pk")
    )


def deputyships_taken(*, user: User, today: dt.date) -> list[InboxDeputy]:
    """Whom the user covers for, now or later."""
    return list(
        InboxDeputy.objects.filter(deputy=user, ended_at__isnull=True, ends__gte=today)
        .select_related("principal")
        .order_by("starts", "pk")
    )


def principals_on(*, user: User, today: dt.date) -> list[User]:
    """The people whose inbox the user covers today."""
    return [
        d.principal
        for d in InboxDeputy.objects.filter(
            deputy=user, ended_at__isnull=True, starts__lte=today, ends__gte=today
        )
        .select_related("principal")
        .order_by("principal__last_name", "principal_id")
        if d.principal.is_active
    ]


def deputyships_current(*, today: dt.date) -> list[InboxDeputy]:
    """Every handover not yet over, for the office administrators (who may end any of them)."""
    return list(
        InboxDeputy.objects.filter(ended_at__isnull=True, ends__gte=today)
        .select_related("principal", "deputy")
        .order_by("starts", "pk")
    )
