"""Accounts and roles: created and changed only through here, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from zit.accounts.models import RoleAssignment, User
from zit.core import audit
from zit.core.roles import Perm, require


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: list[tuple[str, Any]] | None = None,
    is_demo: bool = False,
) -> User:
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_demo=is_demo)
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
def role_assign(*, actor: Any, user: User, role: str, organisation: Any = None) -> RoleAssignment:
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    assignment = RoleAssignment(user=user, role=role, organisation=organisation)
    assignment.full_clean()
    assignment.save()
    if role == "office_admin" and not user.is_staff:
        user.is_staff = True  # lets the Django admin's login accept the account; the role still decides
        user.save(update_fields=["is_staff"])
    audit.record(
        actor=actor,
        action="accounts.role_assign",
        obj=user,
        after={"role": role, "organisation_id": getattr(organisation, "pk", None)},
    )
    return assignment


@transaction.atomic
def role_remove(*, actor: Any, assignment: RoleAssignment) -> None:
    """Takes a role away; every session of the user ends, so no open page keeps what the role gave."""
    from zit.accounts.second_factor import user_sessions_end

    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
    user = assignment.user
    before = {"role": assignment.role, "organisation_id": assignment.organisation_id}
    assignment.delete()
    user_sessions_end(user=user)
    audit.record(
        actor=actor, action="accounts.role_remove", obj=user, before=before, after={"sessions_ended": True}
    )
