"""The reason the office records when a card put on the main list takes a member past its share of the envelope
(`zit.projects.list_shares`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 15, "decimal_places": 2}


class ShareExcess(models.Model):
    entry = models.ForeignKey("projects.ListEntry", on_delete=models.CASCADE, related_name="share_excesses")
    member = models.ForeignKey(
        "association.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("członek")
    )
    key = models.ForeignKey(
        "funding.AllocationKey", on_delete=models.PROTECT, related_name="+", verbose_name=_("klucz podziału")
    )
    share_eur = models.DecimalField(_("udział (EUR)"), **AMOUNT)
    listed_eur = models.DecimalField(_("na liście z tym projektem (EUR)"), **AMOUNT)
    excess_eur = models.DecimalField(_("przekroczenie (EUR)"), **AMOUNT)
    reason = models.TextField(_("uzasadnienie przekroczenia udziału"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("przekroczenie udziału członka")
        verbose_name_plural = _("przekroczenia udziałów członków")

    def __str__(self) -> str:
        return f"{self.member}: +{self.excess_eur} EUR"
