"""The allocation key: how the agreement's envelope is split among the association's members, as a resolution
adopted it. Every adoption is a new version; earlier versions are kept, the one in force is the newest whose
date has come (`zit.funding.shares`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 15, "decimal_places": 2}


class AllocationKey(models.Model):
    class Method(models.TextChoices):
        EQUAL = "equal", _("równe części")
        POPULATION = "population", _("według liczby ludności")
        EQUAL_AND_POPULATION = "equal_population", _("część równa i część według liczby ludności")
        NEGOTIATED = "negotiated", _("tabela uzgodniona przez członków")

    agreement = models.ForeignKey(
        "funding.Agreement", on_delete=models.PROTECT, related_name="allocation_keys"
    )
    version = models.PositiveSmallIntegerField(_("wersja"))
    method = models.CharField(_("metoda podziału"), max_length=20, choices=Method.choices)
    equal_percent = models.DecimalField(
        _("część dzielona po równo (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tylko dla metody mieszanej, np. 30 – 30% po równo, 70% według liczby ludności."),
    )
    total_eur = models.DecimalField(_("dzielona kwota (EUR)"), **AMOUNT)
    valid_from = models.DateField(_("obowiązuje od"))
    population_year = models.PositiveSmallIntegerField(_("rok danych o ludności"), null=True, blank=True)
    decision = models.ForeignKey(
        "core.DecisionReference",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała przyjmująca klucz"),
    )
    note = models.TextField(_("uwagi"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "version"], name="allocation_key_version_unique")
        ]
        verbose_name = _("klucz podziału alokacji")
        verbose_name_plural = _("klucze podziału alokacji")

    def __str__(self) -> str:
        return f"{_('Klucz podziału alokacji')}, {_('wersja')} {self.version}"


class MemberShare(models.Model):
    """One member's part of the envelope under one key: the fraction and the amount, with the population the
    key counted for the member (for the methods that use it)."""

    key = models.ForeignKey(AllocationKey, on_delete=models.CASCADE, related_name="shares")
    member = models.ForeignKey(
        "association.Member",
        on_delete=models.PROTECT,
        related_name="allocation_shares",
        verbose_name=_("członek"),
    )
    population = models.PositiveIntegerField(_("liczba ludności liczona w kluczu"), null=True, blank=True)
    population_note = models.CharField(_("skąd liczba ludności"), max_length=500, blank=True)
    fraction = models.DecimalField(_("udział"), max_digits=11, decimal_places=10)
    amount_eur = models.DecimalField(_("kwota (EUR)"), **AMOUNT)

    class Meta:
        ordering = ["key", "member__number"]
        constraints = [models.UniqueConstraint(fields=["key", "member"], name="member_share_unique")]
        verbose_name = _("udział członka")
        verbose_name_plural = _("udziały członków")

    def __str__(self) -> str:
        return f"{self.member}: {self.amount_eur} EUR"
