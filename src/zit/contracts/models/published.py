"""The public list of co-funded projects (art. 49 of Regulation 2021/1060) and its imports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.contracts.models.contract import Contract
from zit.projects.models import AMOUNT


class PublishedProject(models.Model):
    """A row of the public list of projects (art. 49 of Regulation 2021/1060) in the columns of the official
    list. Rows of the platform's own contracts are kept in step with the contract; other rows come from an
    imported list (upsert by contract number).

    The columns of art. 49(3): the beneficiary (a, b) and the contractor in public procurement (a), the name
    (d) and the purpose and achievements of the operation (e, `summary`), its start (f) and expected or actual
    end (g), total cost (h), fund (i), specific objective (j), Union co-financing rate (k), location
    indicator or geolocation and country (l, `lon`/`lat`/`geometry` and `country`), the place for operations
    in several locations (m, `place`) and the type of intervention (n)."""

    class Precision(models.TextChoices):
        EXACT = "exact", _("dokładna")
        GMINA = "gmina", _("przybliżona – punkt gminy")

    class Origin(models.TextChoices):
        PLATFORM = "platform", _("umowa prowadzona w platformie")
        IMPORT = "import", _("import wykazu")

    contract_number = models.CharField(_("numer umowy"), max_length=80, unique=True)
    contract = models.OneToOneField(
        Contract, null=True, blank=True, on_delete=models.SET_NULL, related_name="published"
    )
    origin = models.CharField(_("pochodzenie"), max_length=10, choices=Origin.choices)
    title = models.CharField(_("tytuł projektu"), max_length=500)
    summary = models.TextField(_("krótki opis"), blank=True)
    beneficiary = models.CharField(_("beneficjent"), max_length=300)
    fund = models.CharField(_("fundusz"), max_length=40)
    programme = models.CharField(_("program"), max_length=300)
    priority = models.CharField(_("priorytet"), max_length=300, blank=True)
    measure = models.CharField(_("działanie"), max_length=300, blank=True)
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    cofinancing_rate = models.DecimalField(_("poziom dofinansowania"), max_digits=5, decimal_places=4)
    place = models.CharField(_("miejsce realizacji"), max_length=500)
    starts_on = models.DateField(_("początek realizacji"))
    ends_on = models.DateField(_("koniec realizacji"))
    contractor = models.CharField(_("wykonawca (zamówienia publiczne)"), max_length=500, blank=True)
    specific_objective = models.CharField(_("cel szczegółowy"), max_length=300, blank=True)
    intervention_type = models.CharField(_("rodzaj interwencji"), max_length=300, blank=True)
    country = models.CharField(_("kraj"), max_length=60, default="Polska")
    # the map's point (the location's point or a line's middle vertex), the card's shape when it has one, and
    # whether the point is the project's own or the point of its gmina (named in `located_in`)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    geometry = models.JSONField(null=True, blank=True)
    precision = models.CharField(_("lokalizacja"), max_length=5, choices=Precision.choices, blank=True)
    located_in = models.CharField(_("gmina punktu"), max_length=200, blank=True)
    batch = models.ForeignKey(
        "PublishedImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contract_number"]
        verbose_name = _("projekt w wykazie")
        verbose_name_plural = _("wykaz projektów")

    def __str__(self) -> str:
        return f"{self.contract_number} {self.title}"


class PublishedImport(models.Model):
    """One upload of an official list: the file, who sent it, what it changed and what it refused."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        DONE = "done", _("zapisany")
        REJECTED = "rejected", _("odrzucony")

    file = models.FileField(upload_to="published/%Y/")
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    notices = models.JSONField(default=list)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name
