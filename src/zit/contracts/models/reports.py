"""Progress reports (expenditure, indicator values, milestones reached, attachments) and the durability
period's statements and checks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.contracts.models.contract import Contract, ContractIndicator, ContractMilestone
from zit.projects.models import AMOUNT


class ProgressReport(models.Model):
    """A progress report for a period, written by the beneficiary's users and accepted or returned by the
    office."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("w przygotowaniu")
        SUBMITTED = "submitted", _("złożone")
        RETURNED = "returned", _("zwrócone do poprawy")
        ACCEPTED = "accepted", _("przyjęte")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="reports")
    period_from = models.DateField(_("okres od"))
    period_to = models.DateField(_("okres do"))
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("opis postępu"), blank=True)
    return_reason = models.TextField(_("powód zwrotu"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    created_by_label = models.CharField(max_length=200)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["contract", "period_from"]
        verbose_name = _("sprawozdanie z postępu")
        verbose_name_plural = _("sprawozdania z postępu")

    def __str__(self) -> str:
        return f"{self.contract}: {self.period_from} – {self.period_to}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def returned(self) -> bool:
        return self.status == self.Status.RETURNED


class ReportExpenditure(models.Model):
    class Category(models.TextChoices):
        WORKS = "works", _("roboty budowlane")
        SUPPLIES = "supplies", _("dostawy")
        SERVICES = "services", _("usługi")
        STAFF = "staff", _("wynagrodzenia")
        OTHER = "other", _("inne")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="expenditure")
    year = models.PositiveSmallIntegerField(_("rok"))
    category = models.CharField(_("kategoria"), max_length=20, choices=Category.choices)
    amount_pln = models.DecimalField(_("wydatki kwalifikowalne poniesione (PLN)"), **AMOUNT)

    class Meta:
        ordering = ["year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["report", "year", "category"], name="report_expenditure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.amount_pln}"


class ReportIndicator(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    target = models.ForeignKey(ContractIndicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("wartość osiągnięta (narastająco)"), max_digits=15, decimal_places=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="report_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.target.indicator}: {self.value}"


class ReportMilestone(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="milestone_dates")
    milestone = models.ForeignKey(ContractMilestone, on_delete=models.CASCADE, related_name="+")
    reached_on = models.DateField(_("osiągnięty"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="report_milestone_unique")
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.reached_on}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("załącznik"), upload_to="projects/reports/%Y/")
    sha256 = models.CharField(max_length=64)
    uploaded_by_label = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class DurabilityStatement(models.Model):
    """The beneficiary's yearly statement that the project keeps its purpose during the durability period."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="durability_statements")
    year = models.PositiveSmallIntegerField(_("rok"))
    conditions_met = models.BooleanField(_("warunki trwałości zachowane"))
    statement = models.TextField(_("oświadczenie"))
    submitted_by_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="durability_statement_unique")
        ]
        verbose_name = _("oświadczenie o trwałości")
        verbose_name_plural = _("oświadczenia o trwałości")

    def __str__(self) -> str:
        return f"{self.contract} {self.year}"

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("złożone")

    @property
    def state(self) -> str:
        """A statement is submitted once for its year and is not accepted or returned: it has no other state."""
        return self.State.SUBMITTED


class DurabilityCheck(models.Model):
    class Result(models.TextChoices):
        KEPT = "kept", _("trwałość zachowana")
        BROKEN = "broken", _("trwałość naruszona")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="durability_checks")
    checked_on = models.DateField(_("data kontroli"))
    result = models.CharField(_("wynik"), max_length=10, choices=Result.choices)
    notes = models.TextField(_("ustalenia"), blank=True)
    checked_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["checked_on", "pk"]
        verbose_name = _("kontrola trwałości")
        verbose_name_plural = _("kontrole trwałości")

    def __str__(self) -> str:
        return f"{self.contract} {self.checked_on}"
