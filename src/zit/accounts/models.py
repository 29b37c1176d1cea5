import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
    """A role held by a user; member officers and beneficiary users are tied to their organisation.

    A role given because of a mandate (a seat on the board, the audit committee, the secretary of a body) or
    because of a member's membership (an officer of a member gmina) names it, and ends with it
    (`accounts.services.roles_end_with`, and the daily job `accounts.roles_follow_mandates`)."""

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
    mandate = models.ForeignKey(
        "association.Mandate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("z mandatu"),
        help_text=_("Rola wygaśnie razem z tym mandatem."),
    )
    membership = models.ForeignKey(
        "association.MembershipPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("z członkostwa"),
        help_text=_("Rola wygaśnie razem z tym okresem członkostwa organizacji."),
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
        if self.mandate_id and self.membership_id:
            raise ValidationError(
                {"membership": _("Rola wynika z mandatu albo z członkostwa, nie z obu naraz.")}
            )
        today = timezone.localdate()
        if self.mandate_id and self.mandate.end is not None and self.mandate.end < today:
            raise ValidationError({"mandate": _("Ten mandat już się zakończył; nie może dać roli.")})
        if self.membership_id:
            if (
                self.role not in SCOPED_ROLES
                or self.organisation_id != self.membership.member.organisation_id
            ):
                raise ValidationError(
                    {
                        "membership": _(
                            "Z członkostwa wynika tylko rola w organizacji tego członka, np. urzędnik członka."
                        )
                    }
                )
            if self.membership.end is not None and self.membership.end < today:
                raise ValidationError(
                    {"membership": _("Ten okres członkostwa już się zakończył; nie może dać roli.")}
                )

    @property
    def source(self) -> object | None:
        return self.mandate or self.membership


class RoleEnding(models.Model):
    """A role that ended with the mandate or membership it came from: the assignment itself is gone (so no
    query can still count it), this row says who lost which role, because of what, and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_endings")
    role = models.CharField(_("rola"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mandate = models.ForeignKey(
        "association.Mandate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    membership = models.ForeignKey(
        "association.MembershipPeriod", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_end = models.DateField(_("koniec mandatu lub członkostwa"))
    ended_at = models.DateTimeField(_("rolę wygaszono"), default=timezone.now)
    ended_by_label = models.CharField(max_length=200, blank=True)
    sessions_ended = models.PositiveIntegerField(_("zakończone sesje"), default=0)

    class Meta:
        ordering = ["-ended_at", "-id"]
        verbose_name = _("wygaszona rola")
        verbose_name_plural = _("wygaszone role")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def source(self) -> object | None:
        return self.mandate or self.membership


class InboxDeputy(models.Model):
    """A person away (leave, illness) hands what waits for them to a deputy for the days they choose: within
    those days the deputy's dashboard shows the principal's items too, labelled "w zastępstwie: …". The
    deputy acts with their own roles; the handover gives no permission (`accounts.deputies`)."""

    principal = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deputies", verbose_name=_("zastępowany(-a)")
    )
    deputy = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="deputising", verbose_name=_("zastępca")
    )
    starts = models.DateField(_("od dnia"))
    ends = models.DateField(_("do dnia (włącznie)"))
    note = models.CharField(_("uwagi"), max_length=300, blank=True, help_text=_("Np. „urlop”."))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    ended_at = models.DateTimeField(_("zakończono wcześniej"), null=True, blank=True)
    ended_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-starts", "-pk"]
        indexes = [models.Index(fields=["deputy", "starts", "ends"], name="inbox_deputy_window")]
        verbose_name = _("zastępstwo")
        verbose_name_plural = _("zastępstwa")

    def __str__(self) -> str:
        return f"{self.principal} → {self.deputy} ({self.starts} – {self.ends})"

    def active_on(self, day: dt.date) -> bool:
        return self.ended_at is None and self.starts <= day <= self.ends
