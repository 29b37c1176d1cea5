"""The legal persons the platform deals with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("jednostka samorządu terytorialnego")
        MUNICIPAL_UNIT = "municipal_unit", _("jednostka organizacyjna samorządu")
        MUNICIPAL_COMPANY = "municipal_company", _("spółka komunalna")
        NGO = "ngo", _("organizacja pozarządowa")
        SOCIAL_ECONOMY = "social_economy", _("podmiot ekonomii społecznej")
        INSTITUTION = "institution", _("instytucja publiczna")
        COMPANY = "company", _("przedsiębiorstwo")
        ASSOCIATION = "association", _("związek lub stowarzyszenie JST")
        OTHER = "other", _("inna")

    name = models.CharField(_("nazwa"), max_length=300)
    short_name = models.CharField(_("nazwa skrócona"), max_length=120, blank=True)
    kind = models.CharField(_("rodzaj"), max_length=30, choices=Kind.choices)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, db_index=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    krs = models.CharField(_("KRS"), max_length=10, blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=120, blank=True)
    gmina = models.ForeignKey(
        "territory.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("gmina siedziby"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="unique_nip_when_set"),
        ]
        verbose_name = _("organizacja")
        verbose_name_plural = _("organizacje")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p)
