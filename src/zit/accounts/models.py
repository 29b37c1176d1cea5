from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from zit.core.roles import SCOPED_ROLES, Role


class User(AbstractUser):
    is_demo = models.BooleanField(_("konto demonstracyjne"), default=False)
    # Raised to end every session of the account at once (a role taken away, the second factor reset): each
    # session carries a hash of the password and this number, so a new number, like a new password, makes
    # every session already open invalid on its next request, whatever engine keeps the sessions.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("użytkownik")
        verbose_name_plural = _("użytkownicy")

    def _get_session_auth_hash(self, secret=None):
        if (
            not self.session_epoch
        ):  # Django's own hash until the first ending: nobody signed out by the upgrade
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "zit.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


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
