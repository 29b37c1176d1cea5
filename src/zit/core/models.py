"""The shared kernel's data: audit events, decision references and background jobs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    """One recorded decision. Rows are written once by `core.audit.record` and never changed.

    The actor is kept as an id plus a label rather than a foreign key: the log must outlive accounts, and a
    GDPR erasure pseudonymises the label without touching the row's meaning.
    """

    created_at = models.DateTimeField(_("czas"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("id użytkownika"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("kto"), max_length=200)
    action = models.CharField(_("działanie"), max_length=100, db_index=True)
    object_type = models.CharField(_("typ obiektu"), max_length=100)
    object_id = models.CharField(_("id obiektu"), max_length=64)
    object_repr = models.CharField(_("obiekt"), max_length=300)
    before = models.JSONField(_("przed"), null=True, blank=True)
    after = models.JSONField(_("po"), null=True, blank=True)
    reason = models.TextField(_("uzasadnienie"), blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("korekta zdarzenia"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]
        verbose_name = _("zdarzenie audytu")
        verbose_name_plural = _("dziennik audytu")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_pseudonymise", False):
            raise AuditLogIsAppendOnly(_("Dziennik audytu można tylko uzupełniać."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("Zdarzeń audytu nie można usuwać."))


class DecisionReference(models.Model):
    """A reference to the decision that an enacting service records: who decided, number, date, document."""

    class IssuerKind(models.TextChoices):
        VOIVODESHIP_BOARD = "voivodeship_board", _("Zarząd Województwa Wielkopolskiego")
        ASSOCIATION_BODY = "association_body", _("organ Stowarzyszenia")
        MANAGING_AUTHORITY = "managing_authority", _("Instytucja Zarządzająca")
        OTHER = "other", _("inna instytucja")

    issuer_kind = models.CharField(_("rodzaj organu"), max_length=40, choices=IssuerKind.choices)
    issuer_name = models.CharField(_("organ lub instytucja"), max_length=200)
    kind = models.CharField(_("rodzaj aktu"), max_length=100, default="uchwała", help_text=_("np. uchwała"))
    number = models.CharField(_("numer"), max_length=100, blank=True)
    date = models.DateField(_("data"), null=True, blank=True)
    title = models.CharField(_("tytuł"), max_length=500, blank=True)
    url = models.URLField(_("link"), blank=True)
    document = models.FileField(_("plik"), upload_to="decisions/%Y/", blank=True)
    note = models.TextField(
        _("uwagi"), blank=True, help_text=_("Np. czego brakuje w źródłach i kto ma to uzupełnić.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("podstawa decyzji")
        verbose_name_plural = _("podstawy decyzji")

    def __str__(self) -> str:
        parts = [self.kind, self.number and f"nr {self.number}"]
        if self.date:
            parts.append(f"z dnia {self.date:%d.%m.%Y}")
        return f"{self.issuer_name}: " + " ".join(p for p in parts if p)

    @property
    def is_complete(self) -> bool:
        return bool(self.number and self.date)


class Job(models.Model):
    """A background job's visible state; the task itself runs through the Django Tasks API."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        RUNNING = "running", _("w toku")
        SUCCEEDED = "succeeded", _("zakończone")
        FAILED = "failed", _("błąd")

    kind = models.CharField(_("rodzaj"), max_length=100, db_index=True)
    title = models.CharField(_("nazwa"), max_length=300)
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    message = models.CharField(_("komunikat"), max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("zadanie w tle")
        verbose_name_plural = _("zadania w tle")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}
