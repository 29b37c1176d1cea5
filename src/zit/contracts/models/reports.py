"""Progress information (a narrative, optionally expenditure, indicator values, milestones reached,
attachments) and the durability period's statements and monitoring information.

The association monitors and informs: the office takes note of progress information or asks a question, and
records what it learns about durability with its source. The programme's competent institution (the managing
authority, IZ, or an intermediate body), the grant contract's other party (art. 61 ust. 1 of the act of
28 April 2022, Dz.U. 2022 poz. 1079), verifies payment claims, controls projects and decides on breaches of
durability (whose obligation and period art. 65 of Regulation 2021/1060 sets)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.contracts.models.contract import Contract, ContractIndicator, ContractMilestone
from zit.projects.models import AMOUNT


class ProgressReport(models.Model):
    """Progress information for a period ("informacja o postępie"), optional and light: the beneficiary's
    users write it and pass it on; the office takes note of it or asks a question, which the beneficiary
    answers by editing it and passing it on again. Nothing is accepted or returned: verifying expenditure is
    the IZ's work on payment claims."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("w przygotowaniu")
        SUBMITTED = "submitted", _("przekazana")
        QUESTION = "question", _("pytanie biura")
        NOTED = "noted", _("odnotowana")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="reports")
    period_from = models.DateField(_("okres od"))
    period_to = models.DateField(_("okres do"))
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("opis postępu"), blank=True)
    # the office's last question (kept after the answer is passed on, for the record)
    question = models.TextField(_("pytanie biura"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # when and by whom the office last took note or asked
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by_label = models.CharField(max_length=200, blank=True)
    created_by_label = models.CharField(max_length=200)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["contract", "period_from"]
        verbose_name = _("informacja o postępie")
        verbose_name_plural = _("informacje o postępie")

    def __str__(self) -> str:
        return f"{self.contract}: {self.period_from} – {self.period_to}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.QUESTION)

    @property
    def asked(self) -> bool:
        """The office asked a question the beneficiary has not yet answered."""
        return self.status == self.Status.QUESTION


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


class DurabilityInfo(models.Model):
    """Durability monitoring information ("informacja o trwałości"): what the office learned about a project
    in its durability period and from where. The office does not control durability: a possible breach is a
    signal it passes on to the IZ, and only the IZ finds a breach (art. 65 of Regulation 2021/1060), recorded
    here from the IZ's own document."""

    class Source(models.TextChoices):
        STATEMENT = "statement", _("oświadczenie beneficjenta")
        IZ = "iz", _("informacja IZ (kontrola lub ustalenie)")
        OFFICE = "office", _("obserwacja biura (np. wizyta na miejscu, informacje publiczne)")

    class Finding(models.TextChoices):
        NO_REMARKS = "no_remarks", _("bez uwag")
        SIGNAL = "signal", _("sygnał możliwego naruszenia – przekazany do IZ")
        IZ_BREACH = "iz_breach", _("IZ stwierdziła naruszenie trwałości")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="durability_infos")
    source = models.CharField(_("źródło informacji"), max_length=20, choices=Source.choices)
    observed_on = models.DateField(_("data informacji"))
    finding = models.CharField(_("ustalenie"), max_length=20, choices=Finding.choices)
    iz_reference = models.CharField(_("znak pisma lub dokumentu IZ"), max_length=200, blank=True)
    notes = models.TextField(_("opis"), blank=True)
    # where a record came from when it was not entered as it is now (the former "durability checks")
    origin_note = models.CharField(_("pochodzenie zapisu"), max_length=300, blank=True)
    recorded_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["observed_on", "pk"]
        verbose_name = _("informacja o trwałości")
        verbose_name_plural = _("informacje o trwałości")

    def __str__(self) -> str:
        return f"{self.contract} {self.observed_on}"
