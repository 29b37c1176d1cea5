"""E-mail subscriptions of the public: an address, what it asked for and when it confirmed. Nothing else is kept
about the person (no name, no address of the computer, no history of what was sent)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    CONSULTATIONS = "consultations", _("nowe konsultacje społeczne")
    RESOLUTIONS = "resolutions", _("nowe uchwały")
    PROJECTS = "projects", _("nowe projekty w wybranych gminach")


class Subscription(models.Model):
    """One address. Inactive until `confirmed_at` is set by the link of the confirmation e-mail; a row never
    confirmed is deleted `ZIT_SUBSCRIPTION_CONFIRM_DAYS` after `requested_at`. A change of choice asked for on
    a confirmed row waits in the confirmation link and is written only when that link is used."""

    email = models.EmailField(_("adres e-mail"), max_length=254, unique=True)
    topics = models.JSONField(_("tematy"), default=list)  # Topic values
    gminas = models.JSONField(_("gminy"), default=list)  # TERC codes, for Topic.PROJECTS
    requested_at = models.DateTimeField(_("zapis"))
    confirmed_at = models.DateTimeField(_("potwierdzenie"), null=True, blank=True)

    class Meta:
        verbose_name = _("subskrypcja")
        verbose_name_plural = _("subskrypcje")
        indexes = [models.Index(fields=["confirmed_at", "requested_at"], name="subscription_confirmed")]

    def __str__(self) -> str:
        # no address: the audit log names the row, never the person
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None


class Dispatch(models.Model):
    """What the digests have already announced, per topic: the keys of the items seen at the last send. The first
    run only takes note of what exists, so nobody gets the whole history at once."""

    topic = models.CharField(max_length=20, choices=Topic.choices, unique=True)
    seen = models.JSONField(default=list)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("wysyłka subskrypcji")
        verbose_name_plural = _("wysyłki subskrypcji")

    def __str__(self) -> str:
        return self.get_topic_display()
