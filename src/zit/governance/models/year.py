"""The association's reporting year (*rok sprawozdawczy Stowarzyszenia*): the documents of the year in the public
register, the Rada's approval of the financial statement and its filing with the tax administration. The steps,
deadlines and legal bases are `governance.year_rules`; the discharge is `BoardDischarge`, found by its year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AssociationYear"]


class AssociationYear(models.Model):
    year = models.PositiveSmallIntegerField(_("rok"), unique=True)
    financial_statement = models.ForeignKey(
        "governance.PublicDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sprawozdanie finansowe"),
    )
    board_report = models.ForeignKey(
        "governance.PublicDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sprawozdanie Zarządu z działalności"),
    )
    audit_opinion = models.ForeignKey(
        "governance.PublicDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opinia Komisji Rewizyjnej"),
    )
    approval = models.ForeignKey(
        "governance.Resolution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała zatwierdzająca sprawozdanie finansowe"),
    )
    filed_on = models.DateField(_("data wysłania do Szefa KAS"), null=True, blank=True)
    filing_reference = models.CharField(_("numer potwierdzenia wysłania"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rok sprawozdawczy Stowarzyszenia")
        verbose_name_plural = _("lata sprawozdawcze Stowarzyszenia")

    def __str__(self) -> str:
        return str(self.year)

    def document(self, step: str):
        """The step's document while it stands in the register (a withdrawn one no longer counts)."""
        document = getattr(self, _DOCUMENT_FIELDS[step])
        return None if document is None or document.withdrawn_at else document


# year_rules' document steps → the field holding each
_DOCUMENT_FIELDS = {
    "statement": "financial_statement",
    "board_report": "board_report",
    "audit_opinion": "audit_opinion",
}
