from __future__ import annotations

import factory

from zit.accounts.models import RoleAssignment, User

from .base import ValidFactory, seq

PASSWORD = "haslo-testowe-123"


class UserFactory(ValidFactory):
    """An active user; `roles=[("office_staff", None), ("beneficiary", organisation)]` gives roles."""

    class Meta:
        model = User

    username = seq("uzytkownik-{n}")
    first_name = "Jan"
    last_name = seq("Testowy {n}")
    email = factory.Sequence(lambda n: f"uzytkownik{n + 1}@example.pl")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role, organisation in extracted or ():
            RoleAssignmentFactory(user=self, role=role, organisation=organisation)


class RoleAssignmentFactory(ValidFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "office_staff"
