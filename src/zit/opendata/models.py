"""The public read model of projects: one row per project the public may see, refreshed from the platform's
cards and contracts and from the imported official list. The catalogue, the map, the API, OGC API Features
and the downloads all read it, so that they show the same projects and stay fast at 100,000 rows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 16, "decimal_places": 2}


class CatalogueProject(models.Model):
    class Status(models.TextChoices):
        LISTED = "listed", _("na liście projektów strategicznych")
        APPLYING = "applying", _("wniosek o dofinansowanie")
        SELECTED = "selected", _("wybrany do dofinansowania")
        RUNNING = "running", _("w realizacji")
        COMPLETED = "completed", _("zakończony")
        TERMINATED = "terminated", _("umowa rozwiązana")

    key = models.CharField(
        _("identyfikator"),
        max_length=120,
        unique=True,
        help_text="stable public id, used in URLs and the API",
    )
    card = models.OneToOneField(
        "projects.ProjectCard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entry",
    )
    published = models.OneToOneField(
        "contracts.PublishedProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entry",
    )
    title = models.CharField(_("tytuł"), max_length=500)
    summary = models.TextField(_("opis"), blank=True)
    beneficiary = models.CharField(_("beneficjent"), max_length=300)
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, db_index=True)
    fund = models.CharField(_("fundusz"), max_length=40, blank=True, db_index=True)
    measure = models.CharField(_("działanie"), max_length=20, blank=True, db_index=True)
    measure_name = models.CharField(_("nazwa działania"), max_length=300, blank=True)
    contract_number = models.CharField(_("numer umowy"), max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(_("rok rozpoczęcia"), null=True, blank=True, db_index=True)
    starts_on = models.DateField(_("początek realizacji"), null=True, blank=True)
    ends_on = models.DateField(_("koniec realizacji"), null=True, blank=True)
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), null=True, blank=True, **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), null=True, blank=True, **AMOUNT)
    spent_pln = models.DecimalField(_("wydatki rozliczone (PLN)"), null=True, blank=True, **AMOUNT)
    place = models.CharField(_("miejsce realizacji"), max_length=500, blank=True)
    # a point for the map (the location's point, or the middle of a line); the geometry as GeoJSON (WGS84)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    geometry = models.JSONField(null=True, blank=True)
    # "exact": the project's own point or line; "gmina": the point of its gmina, standing in for it
    location_precision = models.CharField(max_length=5, blank=True)
    # the geometry's bounding box (a point's box is the point), so OGC API bbox queries on lines use an index
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    # a line's box can overlap a query box the line does not touch: only lines need the exact shape test
    is_line = models.BooleanField(default=False)
    # the TERC codes of its gminas and the codes of its goals, space-separated: a search's facets are counted
    # from one read of its hits, without reading the link tables (the links stay for filters and the API)
    gmina_codes = models.CharField(max_length=400, blank=True)
    goal_codes = models.CharField(max_length=400, blank=True)
    # the parts of an imported row's place that name no gmina or other unit we know ("Poznań", a typo): the
    # office sees them and corrects the list; they never become a guessed gmina
    unplaced_places = models.JSONField(default=list, blank=True)
    search_lemmas = models.TextField(
        blank=True,
        help_text="lemmas of the title, summary, beneficiary and places, lowercased without diacritics",
    )
    social = models.BooleanField(
        _("wymiar społeczny"),
        default=False,
        db_index=True,
        help_text="a partner that is a social economy entity, or a social clause not given up",
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-year", "title", "id"]
        indexes = [
            models.Index(fields=["lon", "lat"], name="opendata_project_point"),
            models.Index(fields=["min_lon", "min_lat", "max_lon", "max_lat"], name="opendata_project_bbox"),
            models.Index(fields=["status", "year"], name="opendata_project_status_year"),
            models.Index(fields=["-year", "-id"], name="opendata_project_newest"),
            models.Index(fields=["title", "id"], name="opendata_project_title"),
            models.Index(
                fields=["min_lon", "max_lon", "min_lat", "max_lat"],
                condition=models.Q(is_line=True),
                name="opendata_project_line_bbox",
            ),
        ]
        verbose_name = _("projekt w katalogu")
        verbose_name_plural = _("katalog projektów")

    def __str__(self) -> str:
        return self.title


class CatalogueGmina(models.Model):
    """The gminas a project serves (facets and the per-gmina map)."""

    project = models.ForeignKey(CatalogueProject, on_delete=models.CASCADE, related_name="gmina_links")
    unit = models.ForeignKey("territory.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "unit"], name="opendata_one_gmina_link")]
        indexes = [models.Index(fields=["unit", "project"], name="opendata_gmina_project")]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.unit_id}"


class CatalogueGoal(models.Model):
    """The strategy goals a project serves (through the undertakings on its card)."""

    project = models.ForeignKey(CatalogueProject, on_delete=models.CASCADE, related_name="goal_links")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="opendata_one_goal_link")]
        indexes = [models.Index(fields=["code", "project"], name="opendata_goal_project")]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.code}"
