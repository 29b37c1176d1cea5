"""Reconciliation with the managing authority's exports: the sources with their saved mappings, each
comparison and the differences it found."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.projects.models import ProjectCard


class IzSource(models.Model):
    """An export the managing authority gives (LSI 2021+, CST2021 or another), with the column mapping and
    the status words saved for next time, because the layouts change."""

    class System(models.TextChoices):
        LSI = "lsi", _("LSI 2021+ (wnioski)")
        CST = "cst", _("CST2021 (umowy i rozliczenia)")
        OTHER = "other", _("inne zestawienie IZ")

    name = models.CharField(
        _("nazwa źródła"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("Źródło o tej nazwie już istnieje.")},
    )
    system = models.CharField(_("system"), max_length=10, choices=System.choices)
    mapping = models.JSONField(default=dict, blank=True)
    status_map = models.JSONField(default=dict, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("źródło danych IZ")
        verbose_name_plural = _("źródła danych IZ")

    def __str__(self) -> str:
        return self.name


class Reconciliation(models.Model):
    """One imported export compared with the platform's figures."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("do przypisania kolumn")
        DONE = "done", _("porównane")

    source = models.ForeignKey(IzSource, on_delete=models.PROTECT, related_name="reconciliations")
    file = models.FileField(upload_to="reconciliation/%Y/")
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    columns = models.JSONField(default=list)
    status_values = models.JSONField(default=list)
    rows_read = models.PositiveIntegerField(default=0)
    rows_matched = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("uzgodnienie z IZ")
        verbose_name_plural = _("uzgodnienia z IZ")

    def __str__(self) -> str:
        return f"{self.source} {self.file_name}"

    @property
    def is_compared(self) -> bool:
        """The columns are mapped and the export compared; before that the mapping page is where to go."""
        return self.status == self.Status.DONE


class Difference(models.Model):
    """What the export says and the platform does not: a value that differs, a row the platform does not
    know, or a project the export lacks. Each is confirmed (the platform is right) or corrected."""

    class Kind(models.TextChoices):
        VALUE = "value", _("inna wartość")
        NOT_IN_PLATFORM = "not_in_platform", _("brak w platformie")
        NOT_IN_EXPORT = "not_in_export", _("brak w zestawieniu IZ")

    class Status(models.TextChoices):
        OPEN = "open", _("do wyjaśnienia")
        CONFIRMED = "confirmed", _("potwierdzono dane platformy")
        CORRECTED = "corrected", _("poprawiono w platformie")

    reconciliation = models.ForeignKey(Reconciliation, on_delete=models.CASCADE, related_name="differences")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    row = models.PositiveIntegerField(null=True, blank=True)
    card = models.ForeignKey(ProjectCard, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=30, blank=True)
    reference = models.CharField(max_length=200, blank=True)
    platform_value = models.CharField(max_length=300, blank=True)
    iz_value = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["row", "pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.field}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
