"""The sections of the association's BIP subject page that the platform does not build from its own data:
written by the office, each with its metryczka (who produced the information, who entered it and when) and
the history of its changes in the audit log (`governance.register.metryczka`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["BipSection"]


class BipSection(models.Model):
    class Key(models.TextChoices):
        EDITORS = "redakcja", _("Redakcja strony podmiotowej BIP")
        LEGAL_STATUS = "status", _("Status prawny i forma prawna")
        ORGANISATION = "organizacja", _("Organizacja, przedmiot działalności i kompetencje")
        PROPERTY = "majatek", _("Majątek")
        CASES = "sprawy", _("Sposób przyjmowania i załatwiania spraw")
        NOT_PUBLISHED = "nieudostepnione", _("Informacje nieudostępnione w BIP")
        INSTRUCTIONS = "instrukcja", _("Instrukcja korzystania z BIP")

    key = models.CharField(_("dział"), max_length=20, choices=Key.choices, unique=True)
    text = models.TextField(_("treść"))
    prepared_by = models.CharField(_("informację wytworzył(a)"), max_length=200)
    prepared_on = models.DateField(_("data wytworzenia"))
    published_by_label = models.CharField(_("wprowadził(a)"), max_length=200)
    published_at = models.DateTimeField(_("data wprowadzenia"))

    class Meta:
        ordering = ["key"]
        verbose_name = _("dział strony BIP")
        verbose_name_plural = _("działy strony BIP")

    def __str__(self) -> str:
        return self.get_key_display()
