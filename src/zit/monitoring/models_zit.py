"""The managing authority's (IZ) own figures of the ZIT indicators, as the office copies them from the IZ's
report, letter or system, with their date and source: shown beside the association's own count."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ZIT_CODES = ("RCO74", "RCO75", "RCO76", "RCO112")


class IzIndicatorFigure(models.Model):
    """One value the IZ reported for one ZIT indicator on one day. A newer record does not erase an older
    one: the page shows the newest, the history stays."""

    class Code(models.TextChoices):
        RCO74 = "RCO74", "RCO74"
        RCO75 = "RCO75", "RCO75"
        RCO76 = "RCO76", "RCO76"
        RCO112 = "RCO112", "RCO112"

    code = models.CharField(_("wskaźnik"), max_length=10, choices=Code.choices)
    value = models.DecimalField(_("wartość podana przez IZ"), max_digits=15, decimal_places=3)
    as_of = models.DateField(_("stan na dzień"), help_text=_("Dzień, na który IZ podaje wartość."))
    source = models.CharField(
        _("źródło"),
        max_length=300,
        help_text=_(
            "Np. pismo IZ z jego znakiem i datą, sprawozdanie z realizacji programu, wydruk z CST2021."
        ),
    )
    note = models.TextField(_("uwagi"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["code", "-as_of", "-pk"]
        verbose_name = _("wartość wskaźnika ZIT podana przez IZ")
        verbose_name_plural = _("wartości wskaźników ZIT podane przez IZ")

    def __str__(self) -> str:
        return f"{self.code}: {self.value} ({self.as_of})"
