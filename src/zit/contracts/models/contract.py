"""The grant contract and its parts: the budget by organisation and year, milestones, indicator targets,
amendments with every state of the amounts, and financial corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.projects.models import AMOUNT, ProjectCard


class Contract(models.Model):
    """The grant contract (umowa o dofinansowanie) signed with the managing authority: the final amounts,
    the schedule, milestones and indicator targets. Amendments change them; every state of the amounts is
    kept in `AmountRecord`. Its state (`contracts.lifecycles.CONTRACT`): in force, after the final payment (the
    durability period runs), closed (the period is over), or terminated early."""

    class State(models.TextChoices):
        SIGNED = "signed", _("w realizacji")
        FINAL_PAID = "final_paid", _("po płatności końcowej, w okresie trwałości")
        CLOSED = "closed", _("zamknięta, okres trwałości minął")
        TERMINATED = "terminated", _("rozwiązana")

    card = models.OneToOneField(ProjectCard, on_delete=models.PROTECT, related_name="contract")
    state = models.CharField(_("stan"), max_length=20, choices=State.choices, default=State.SIGNED)
    number = models.CharField(
        _("numer umowy"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Umowa o tym numerze jest już zapisana.")},
    )
    signed_on = models.DateField(_("data zawarcia"))
    parties = models.TextField(
        _("strony umowy"), help_text=_("Np. Województwo Wielkopolskie – IZ FEW 2021+ i Gmina Golina.")
    )
    starts_on = models.DateField(_("początek realizacji"))
    ends_on = models.DateField(_("koniec realizacji"))
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    terminated_on = models.DateField(_("data rozwiązania"), null=True, blank=True)
    termination_reason = models.TextField(_("powód rozwiązania"), blank=True)
    eu_retained_pln = models.DecimalField(
        _("dofinansowanie wypłacone i zatrzymane (PLN)"),
        null=True,
        blank=True,
        help_text=_("Po rozwiązaniu umowy tyle zostaje wykorzystane z koperty; reszta wraca."),
        **AMOUNT,
    )
    final_payment_on = models.DateField(_("płatność końcowa"), null=True, blank=True)
    final_payment_reference = models.CharField(
        _("pismo lub zlecenie płatności IZ"),
        max_length=200,
        blank=True,
        help_text=_(
            "Płatność końcową przekazuje beneficjentowi instytucja zarządzająca: numer jej pisma albo zlecenia."
        ),
    )
    durability_years = models.PositiveSmallIntegerField(
        _("okres trwałości (lata)"),
        null=True,
        blank=True,
        help_text=_("Zwykle 5 lat od płatności końcowej, 3 lata dla MŚP (art. 65 rozporządzenia 2021/1060)."),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umowa o dofinansowanie")
        verbose_name_plural = _("umowy o dofinansowanie")

    def __str__(self) -> str:
        return self.number

    @property
    def own_pln(self) -> Decimal:
        return self.total_pln - self.eu_pln

    @property
    def is_in_force(self) -> bool:
        """Signed and not yet finally paid or terminated: amendments, reports and the final payment apply."""
        return self.state == self.State.SIGNED

    @property
    def is_terminated(self) -> bool:
        return self.state == self.State.TERMINATED

    @property
    def is_after_final_payment(self) -> bool:
        """The final payment is made: from now on only a financial correction changes the contract."""
        return self.state in (self.State.FINAL_PAID, self.State.CLOSED)

    @property
    def durability_ends_on(self) -> dt.date | None:
        """The same day as the final payment, `durability_years` later (28 February for 29 February)."""
        if not self.final_payment_on or not self.durability_years:
            return None
        day = self.final_payment_on
        try:
            return day.replace(year=day.year + self.durability_years)
        except ValueError:
            return day.replace(year=day.year + self.durability_years, day=28)

    def durability_years_due(self, today: dt.date) -> list[int]:
        """Years of the durability period that have ended by `today`: each needs a statement."""
        if not self.final_payment_on or not self.durability_years:
            return []
        start = self.final_payment_on.year
        last = min(today.year - 1, start + self.durability_years - 1)
        return list(range(start, last + 1))

    @property
    def corrected_eu_pln(self) -> Decimal:
        """The EU amount less every financial correction."""
        return self.eu_pln - sum((c.eu_pln for c in self.corrections.all()), Decimal(0))

    @property
    def corrected_eligible_pln(self) -> Decimal:
        return self.eligible_pln - sum((c.eligible_pln for c in self.corrections.all()), Decimal(0))

    @property
    def committed_eu_pln(self) -> Decimal:
        """What the project takes from the envelope now: the contract's EU amount less corrections, or after
        termination only what was paid and kept."""
        if self.terminated_on:
            return self.eu_retained_pln or Decimal(0)
        return self.corrected_eu_pln


class ContractLine(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("rok"))
    total_pln = models.DecimalField(_("wartość (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)

    class Meta:
        ordering = ["organisation__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "organisation", "year"], name="contract_line_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class ContractMilestone(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("kamień milowy"), max_length=300)
    due_on = models.DateField(_("termin"))
    reached_on = models.DateField(_("osiągnięty"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.name


class ContractIndicator(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey("funding.Indicator", on_delete=models.PROTECT, related_name="+")
    target_value = models.DecimalField(_("wartość docelowa"), max_digits=15, decimal_places=3)
    target_year = models.PositiveSmallIntegerField(_("rok osiągnięcia"))

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "indicator"], name="contract_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value}"


class Amendment(models.Model):
    """An amendment (aneks) to the contract: its date, the reason and the signed file."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="amendments")
    number = models.CharField(_("numer aneksu"), max_length=80)
    signed_on = models.DateField(_("data zawarcia"))
    reason = models.TextField(_("powód zmiany"))
    document = models.FileField(_("podpisany aneks"), upload_to="projects/amendments/%Y/")
    document_sha256 = models.CharField(max_length=64)
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="amendment_number_unique")]
        verbose_name = _("aneks")
        verbose_name_plural = _("aneksy")

    def __str__(self) -> str:
        return self.number

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("obowiązuje")

    @property
    def state(self) -> str:
        """An amendment is recorded once, signed, and stays in force: it has no other state."""
        return self.State.IN_FORCE


class AmountRecord(models.Model):
    """The contract's amounts as they stood from a date: at signing, then after each amendment."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amount_history")
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("obowiązuje od"))
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    ends_on = models.DateField(_("koniec realizacji"))
    lines = models.JSONField(default=list)

    class Meta:
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.valid_from}"


class Correction(models.Model):
    """An irregularity and the financial correction for it: it lowers the eligible costs and the EU amount
    of the contract in every total; recoveries record what the beneficiary has paid back."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="corrections")
    found_on = models.DateField(_("data stwierdzenia"))
    description = models.TextField(_("nieprawidłowość"))
    eligible_pln = models.DecimalField(_("korekta wydatków kwalifikowalnych (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("korekta dofinansowania UE (PLN)"), **AMOUNT)
    decision = models.ForeignKey(
        "core.DecisionReference", on_delete=models.PROTECT, related_name="+", verbose_name=_("decyzja")
    )
    recovered_pln = models.DecimalField(_("odzyskano (PLN)"), default=Decimal(0), **AMOUNT)
    reason = models.TextField(
        _("uzasadnienie korekty po płatności końcowej"),
        blank=True,
        help_text=_("Po płatności końcowej umowę zmienia już tylko korekta, a ta wymaga uzasadnienia."),
    )
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["found_on", "pk"]
        verbose_name = _("korekta finansowa")
        verbose_name_plural = _("korekty finansowe")

    def __str__(self) -> str:
        return f"{self.contract}: {self.eu_pln}"

    class State(models.TextChoices):
        TO_RECOVER = "to_recover", _("do odzyskania")
        PARTLY_RECOVERED = "partly_recovered", _("odzyskana częściowo")
        RECOVERED = "recovered", _("odzyskana w całości")

    @property
    def state(self) -> str:
        """Computed from what came back: nothing, part of the EU amount, or all of it."""
        if self.recovered_pln >= self.eu_pln:
            return self.State.RECOVERED
        if self.recovered_pln > 0:
            return self.State.PARTLY_RECOVERED
        return self.State.TO_RECOVER
