from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.core.roles import SCOPED_ROLES, Role


class User(AbstractUser):
    is_demo = models.BooleanField(_("konto demonstracyjne"), default=False)

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")


class RoleAssignment(models.Model):
    """A role held by a user; member officers and beneficiary users are tied to their organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rola"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("organizacja"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                name="unique_scoped_role",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                name="unique_unscoped_role",
                condition=models.Q(organisation__isnull=True),
            ),
        ]
        verbose_name = _("przypisanie roli")
        verbose_name_plural = _("przypisania ról")

    def __str__(self) -> str:
        suffix = f" – {self.organisation}" if self.organisation_id else ""
        return f"{self.get_role_display()}{suffix}"

    def clean(self) -> None:
        if self.role in SCOPED_ROLES and not self.organisation_id:
            raise ValidationError({"organisation": _("Ta rola wymaga wskazania organizacji.")})
        if self.role not in SCOPED_ROLES and self.organisation_id:
            raise ValidationError({"organisation": _("Ta rola nie jest przypisana do organizacji.")})
