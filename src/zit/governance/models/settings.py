"""Governance's settings: one row, changed by the office through `governance.settings`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["GovernanceSettings"]


class GovernanceSettings(models.Model):
    """Who applies an adopted resolution's effect in the platform's registers (the "Wprowadź skutek"
    button): the office only, or the body's secretary too, as the association's rules of work say."""

    class EffectAppliers(models.TextChoices):
        OFFICE = "office", _("tylko biuro")
        OFFICE_AND_SECRETARY = "office_secretary", _("biuro albo sekretarz organu")

    effect_appliers = models.CharField(
        _("kto wprowadza skutki uchwał"),
        max_length=20,
        choices=EffectAppliers.choices,
        default=EffectAppliers.OFFICE,
    )

    class Meta:
        verbose_name = _("ustawienia organów")
        verbose_name_plural = _("ustawienia organów")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="governance_settings_one_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
