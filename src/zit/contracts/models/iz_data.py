"""The managing authority's periodic data kept as its source of truth: a source the office defines (what the
file holds, its format and the column mapping), each import of it with the rows it held, and what changed
since the previous import of the same source."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.contracts.models.reconciliation import IzSource, Reconciliation


class IzFeed(models.Model):
    """A kind of file the IZ publishes or sends again and again, read through the mapping saved here."""

    class Kind(models.TextChoices):
        OPERATIONS = "operations", _("wykaz operacji (lista projektów IZ)")
        CONTRACTS = "contracts", _("umowy o dofinansowanie")
        CLAIMS = "claims", _("wnioski o płatność")
        AMOUNTS = "amounts", _("kwoty na projekt")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Decimal(models.TextChoices):
        COMMA = "comma", _("przecinek (1 234,56)")
        POINT = "point", _("kropka (1,234.56)")

    name = models.CharField(
        _("nazwa źródła"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("Źródło o tej nazwie już istnieje.")},
    )
    kind = models.CharField(_("co zawiera plik"), max_length=12, choices=Kind.choices)
    file_format = models.CharField(_("format pliku"), max_length=4, choices=Format.choices)
    header_row = models.PositiveSmallIntegerField(
        _("wiersz nagłówka"),
        default=1,
        help_text=_("Numer wiersza z nazwami kolumn, tak jak w arkuszu (zwykle 1)."),
    )
    decimal_format = models.CharField(
        _("zapis liczb"), max_length=5, choices=Decimal.choices, default=Decimal.COMMA
    )
    url = models.URLField(
        _("adres pliku"),
        max_length=500,
        blank=True,
        help_text=_("Jeśli IZ publikuje plik pod stałym adresem, platforma pobierze go raz na dobę."),
    )
    mapping = models.JSONField(default=dict, blank=True)
    reconciliation_source = models.OneToOneField(
        IzSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="feed"
    )
    fetch_note = models.CharField(max_length=500, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("źródło danych okresowych IZ")
        verbose_name_plural = _("źródła danych okresowych IZ")

    def __str__(self) -> str:
        return self.name


class IzFeedImport(models.Model):
    """One file of a source: previewed, then imported whole or refused whole."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("podgląd – czeka na import")
        RUNNING = "running", _("w toku")
        DONE = "done", _("zaimportowany")
        REJECTED = "rejected", _("odrzucony")

    class Origin(models.TextChoices):
        UPLOAD = "upload", _("plik wgrany")
        URL = "url", _("pobrany z adresu")

    feed = models.ForeignKey(IzFeed, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to="iz-data/%Y/", blank=True)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    origin = models.CharField(max_length=6, choices=Origin.choices, default=Origin.UPLOAD)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PREVIEW)
    mapping = models.JSONField(default=dict)  # as used by this import
    rows_read = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reconciliation = models.ForeignKey(
        Reconciliation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import danych IZ")
        verbose_name_plural = _("importy danych IZ")

    def __str__(self) -> str:
        return f"{self.feed} {self.file_name}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class IzFeedRow(models.Model):
    """A row as an import read it, keyed as the source's kind says (a contract, or a contract's claim)."""

    batch = models.ForeignKey(IzFeedImport, on_delete=models.CASCADE, related_name="rows")
    key = models.CharField(max_length=300)
    row = models.PositiveIntegerField()
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["row"]
        constraints = [models.UniqueConstraint(fields=["batch", "key"], name="iz_feed_row_unique_key")]

    def __str__(self) -> str:
        return self.key


class IzFeedChange(models.Model):
    """What an import changed against the previous import of the same source."""

    class Kind(models.TextChoices):
        ADDED = "added", _("nowy wiersz")
        CHANGED = "changed", _("zmiana")
        REMOVED = "removed", _("zniknął z pliku")

    batch = models.ForeignKey(IzFeedImport, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=300)
    field = models.CharField(max_length=40, blank=True)
    old_value = models.CharField(max_length=500, blank=True)
    new_value = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "key", "field"]

    def __str__(self) -> str:
        return f"{self.key} {self.field}".strip()
