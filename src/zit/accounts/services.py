"""Accounts and roles: created and changed only through here, audited."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from zit.accounts.models import RoleAssignment, RoleEnding, User
from zit.core import audit
from zit.core.roles import Perm, require


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str = "",
    password_hash: str = "",
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: list[tuple[str, Any]] | None = None,
    is_demo: bool = False,
) -> User:
    """`password_hash` (from make_password) lets a loader give many accounts one password without hashing it
    again for each: hashing is deliberately slow."""
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    if not (password or password_hash):
        raise ValueError("An account needs a password or a password hash.")
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_demo=is_demo)
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor=actor,
        action="accounts.user_create",
        obj=user,
        after={"username": username, "email": email, "is_demo": is_demo},
    )
    for role, organisation in roles or []:
        role_assign(actor=actor, user=user, role=role, organisation=organisation)
    return user


@transaction.atomic
def role_assign(
    *,
    actor: Any,
    user: User,
    role: str,
    organisation: Any = None,
    mandate: Any = None,
    membership: Any = None,
) -> RoleAssignment:
    """Give a role. With `mandate` (a seat in a body) or `membership` (a member's membership period, for an
    officer of that member) the role ends when that ends."""
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    assignment = RoleAssignment(
        user=user, role=role, organisation=organisation, mandate=mandate, membership=membership
    )
    assignment.full_clean()
    assignment.save()
    if role == "office_admin" and not user.is_staff:
        user.is_staff = True  # lets the Django admin's login accept the account; the role still decides
        user.save(update_fields=["is_staff"])
    audit.record(
        actor=actor,
        action="accounts.role_assign",
        obj=user,
        after={
            "role": role,
            "organisation_id": getattr(organisation, "pk", None),
            "mandate_id": getattr(mandate, "pk", None),
            "membership_id": getattr(membership, "pk", None),
        },
    )
    return assignment


def user_sessions_end(*, user: User) -> int:
    """Sign the user out everywhere (the caller audits why). The account's session epoch goes up, which voids
    every session of theirs in any session store at its next request; the sessions kept in the database are
    also deleted through the session engine, so with `cached_db` the cached copy goes too. Returns how many
    were deleted."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for key, data in Session.objects.filter(expire_date__gt=timezone.now()).values_list(
        "session_key", "session_data"
    ):
        if str(store().decode(data).get("_auth_user_id")) == str(user.pk):
            store(session_key=key).delete()
            ended += 1
    return ended


def _roles_end(*, actor: Any, assignments: list[RoleAssignment], why: str) -> list[RoleEnding]:
    """End these roles: delete each assignment, keep a RoleEnding row and an audit event; the user is signed
    out everywhere, so no open page keeps what the role gave."""
    endings = []
    for assignment in assignments:
        source = assignment.mandate or assignment.membership
        ending = RoleEnding.objects.create(
            user=assignment.user,
            role=assignment.role,
            organisation_id=assignment.organisation_id,
            mandate_id=assignment.mandate_id,
            membership_id=assignment.membership_id,
            source_end=source.end,
            ended_by_label=audit.actor_label(actor),
        )
        audit.record(
            actor=actor,
            action="accounts.role_end",
            obj=assignment.user,
            before={
                "role": assignment.role,
                "organisation_id": assignment.organisation_id,
                "mandate_id": assignment.mandate_id,
                "membership_id": assignment.membership_id,
            },
            reason=f"{why}: {source} ({source.end.isoformat()})",
        )
        assignment.delete()
        endings.append(ending)
    signed_out: dict[int, int] = {}
    for ending in endings:
        if ending.user_id not in signed_out:
            signed_out[ending.user_id] = user_sessions_end(user=ending.user)
            ending.sessions_ended = signed_out[ending.user_id]
            ending.save(update_fields=["sessions_ended"])
    return endings


@transaction.atomic
def roles_end_with(*, actor: Any, mandate: Any = None, membership: Any = None) -> list[RoleEnding]:
    """A mandate or a membership period was ended: the roles that came from it end now, if its end date is
    today or earlier (a later date is left to the daily job, which ends them the day after)."""
    if actor is not None:
        require(actor, Perm.MANDATES_EDIT if mandate is not None else Perm.MEMBERS_EDIT)
    source = mandate if mandate is not None else membership
    if source is None or source.end is None or source.end > timezone.localdate():
        return []
    linked = RoleAssignment.objects.select_for_update(of=("self",)).select_related(
        "user", "mandate", "membership", "membership__member"
    )
    linked = linked.filter(mandate=mandate) if mandate is not None else linked.filter(membership=membership)
    why = "mandat zakończony" if mandate is not None else "członkostwo zakończone"
    return _roles_end(actor=actor, assignments=list(linked), why=why)


@transaction.atomic
def roles_end_expired(*, today: dt.date | None = None) -> list[RoleEnding]:
    """The daily sweep, run by the system: roles whose mandate or membership period ended before today.
    Running it twice ends nothing twice (the assignments are gone after the first run)."""
    today = today or timezone.localdate()
    assignments = list(
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("user", "mandate", "membership", "membership__member")
        .filter(Q(mandate__end__lt=today) | Q(membership__end__lt=today))
        .order_by("pk")
    )
    return _roles_end(actor=None, assignments=assignments, why="termin minął")


@transaction.atomic
def role_remove(*, actor: Any, assignment: RoleAssignment) -> None:
    """Takes a role away; every session of the user ends, so no open page keeps what the role gave."""
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    user = assignment.user
    before = {"role": assignment.role, "organisation_id": assignment.organisation_id}
    assignment.delete()
    user_sessions_end(user=user)
    audit.record(
        actor=actor, action="accounts.role_remove", obj=user, before=before, after={"sessions_ended": True}
    )
