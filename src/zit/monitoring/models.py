"""The monitoring app reads other apps; what it keeps of its own is the annual report and its frozen figures."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnualReport(models.Model):
    """The annual report on the strategy's implementation. `snapshot` freezes every figure at generation
    (JSON, amounts as text), so the documents can be regenerated later from exactly the same figures."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("w przygotowaniu")
        READY = "ready", _("gotowy")
        FAILED = "failed", _("nie powstał")
        APPROVED = "approved", _("przyjęty uchwałą")

    year = models.PositiveSmallIntegerField(_("rok sprawozdawczy"))
    as_of = models.DateField(_("stan danych na dzień"))
    snapshot = models.JSONField(default=dict)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="monitoring/reports/", blank=True)
    docx = models.FileField(upload_to="monitoring/reports/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    regenerated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="regenerations"
    )
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("przyjęte uchwałą"),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("sprawozdanie roczne")
        verbose_name_plural = _("sprawozdania roczne")

    def __str__(self) -> str:
        return f"{self.year} ({self.as_of})"

    # its documents exist (ready, and still after the Rada accepted it)
    WITH_FILES = (Status.READY, Status.APPROVED)

    @property
    def has_files(self) -> bool:
        return self.status in self.WITH_FILES

    @property
    def in_preparation(self) -> bool:
        return self.status == self.Status.QUEUED

    @property
    def being_prepared(self) -> bool:
        """Still on its way: queued, and its job has not ended (a job stopped without a word leaves the report
        queued; the page then says the documents did not come instead of waiting for ever)."""
        return self.in_preparation and not (self.job is not None and self.job.is_finished)


from zit.monitoring.models_zit import IzIndicatorFigure  # noqa: E402,F401  (registered with the app)
