"""Members' fees: the year's rule (adopted by a resolution), assessments per member, payments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FeeRule"]


class FeeRule(models.Model):
    """How the year's membership fees are computed. A draft until a resolution of the Rada adopts it
    (`governance.effects`); only one rule per year is in force."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("projekt")
        ADOPTED = "adopted", _("przyjęta uchwałą")
        SUPERSEDED = "superseded", _("zastąpiona")

    year = models.PositiveSmallIntegerField(_("rok"))
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    fixed_amount = models.DecimalField(
        _("kwota stała od członka (zł)"), max_digits=12, decimal_places=2, default=0
    )
    per_inhabitant = models.DecimalField(
        _("kwota od mieszkańca (zł)"), max_digits=8, decimal_places=4, default=0
    )
    population_date = models.DateField(
        _("liczba mieszkańców na dzień"),
        null=True,
        blank=True,
        help_text=_("Zwykle 31 grudnia roku poprzedzającego."),
    )
    minimum = models.DecimalField(
        _("składka minimalna (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("termin płatności"), null=True, blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    adopted_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("przyjęta uchwałą"),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("zasady składek")
        verbose_name_plural = _("zasady składek")

    def __str__(self) -> str:
        return _("Składki na %(year)d r.") % {"year": self.year}
