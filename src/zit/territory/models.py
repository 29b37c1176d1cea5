"""Administrative units keyed by TERC, their statistics with date and source, and versioned functional areas."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeUnit(models.Model):
    class Level(models.TextChoices):
        VOIVODESHIP = "voivodeship", _("województwo")
        POWIAT = "powiat", _("powiat")
        GMINA = "gmina", _("gmina")

    class GminaType(models.TextChoices):
        URBAN = "1", _("gmina miejska")
        RURAL = "2", _("gmina wiejska")
        URBAN_RURAL = "3", _("gmina miejsko-wiejska")

    terc = models.CharField(_("kod TERC"), max_length=7, unique=True)
    level = models.CharField(_("poziom"), max_length=20, choices=Level.choices)
    name = models.CharField(_("nazwa"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("jednostka nadrzędna"),
    )
    gmina_type = models.CharField(_("rodzaj gminy"), max_length=1, choices=GminaType.choices, blank=True)
    city_with_county_rights = models.BooleanField(_("miasto na prawach powiatu"), default=False)
    seat = models.CharField(_("siedziba"), max_length=200, blank=True)
    geometry = models.JSONField(_("granica (GeoJSON, WGS84)"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True, db_index=True)
    min_lat = models.FloatField(null=True, blank=True, db_index=True)
    max_lon = models.FloatField(null=True, blank=True, db_index=True)
    max_lat = models.FloatField(null=True, blank=True, db_index=True)
    geometry_source = models.TextField(_("źródło granicy"), blank=True)
    geometry_source_key = models.SlugField(_("nota o źródle"), blank=True)

    class Meta:
        ordering = ["terc"]
        indexes = [models.Index(fields=["min_lon", "min_lat", "max_lon", "max_lat"], name="unit_bbox_idx")]
        verbose_name = _("jednostka podziału terytorialnego")
        verbose_name_plural = _("jednostki podziału terytorialnego")

    def __str__(self) -> str:
        if self.level == self.Level.GMINA:
            return f"{self.name} ({self.terc})"
        return self.name

    @property
    def kind_label(self) -> str:
        if self.city_with_county_rights:
            return str(_("miasto na prawach powiatu"))
        if self.level == self.Level.GMINA:
            return self.get_gmina_type_display()
        return self.get_level_display()

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.min_lon is None:
            return None
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


class Variable(models.Model):
    """A statistic that can be observed for a unit (area, population, number of sołectwa, ...)."""

    code = models.SlugField(_("kod"), unique=True)
    name = models.CharField(_("nazwa"), max_length=200)
    name_en = models.CharField(_("nazwa (angielska)"), max_length=200, blank=True)
    unit = models.CharField(_("jednostka"), max_length=50, blank=True)
    decimal_places = models.PositiveSmallIntegerField(_("miejsca po przecinku"), default=0)
    order = models.PositiveSmallIntegerField(default=0)
    additive = models.BooleanField(
        _("sumuje się między gminami"),
        default=True,
        help_text=_("Tak dla liczb (ludność, firmy); nie dla wskaźników i średnich (stopa bezrobocia)."),
    )
    per_capita = models.BooleanField(
        _("pokazuj na 1000 mieszkańców"),
        default=False,
        help_text=_("Ma sens dla liczb zależnych od wielkości gminy, np. liczby firm."),
    )
    source = models.CharField(
        _("źródło"), max_length=300, blank=True, help_text=_("Np. GUS, Bank Danych Lokalnych.")
    )
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("zmienna statystyczna")
        verbose_name_plural = _("zmienne statystyczne")

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One value of one variable for one unit, with its own reference date and source."""

    class DatePrecision(models.TextChoices):
        DAY = "day", _("dzień")
        YEAR = "year", _("rok")

    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="observations")
    variable = models.ForeignKey(Variable, on_delete=models.PROTECT, related_name="observations")
    value = models.DecimalField(_("wartość"), max_digits=14, decimal_places=2, null=True, blank=True)
    reference_date = models.DateField(_("stan na"), null=True, blank=True)
    date_precision = models.CharField(
        _("dokładność daty"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    source_url = models.URLField(_("źródło (adres)"), max_length=500, blank=True)
    source_note = models.TextField(_("uwagi o źródle"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["variable__order", models.F("reference_date").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "variable", "reference_date"],
                name="one_observation_per_date",
                condition=models.Q(reference_date__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["unit", "variable"],
                name="one_undated_observation",
                condition=models.Q(reference_date__isnull=True),
            ),
        ]
        verbose_name = _("wartość statystyki")
        verbose_name_plural = _("wartości statystyk")

    def __str__(self) -> str:
        return f"{self.unit.name}: {self.variable.name} = {self.value}"


class FunctionalArea(models.Model):
    code = models.SlugField(_("kod"), unique=True)
    name = models.CharField(_("nazwa"), max_length=200)
    name_en = models.CharField(_("nazwa (angielska)"), max_length=200, blank=True)
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("obszar funkcjonalny")
        verbose_name_plural = _("obszary funkcjonalne")

    def __str__(self) -> str:
        return self.name


class AreaVersion(models.Model):
    """The area as one resolution defines it; a new resolution makes a new version, the old one is kept."""

    area = models.ForeignKey(FunctionalArea, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("wersja"))
    valid_from = models.DateField(_("obowiązuje od"))
    valid_to = models.DateField(_("obowiązuje do"), null=True, blank=True)
    legal_basis = models.ForeignKey(
        "core.DecisionReference",
        on_delete=models.PROTECT,
        related_name="area_versions",
        verbose_name=_("podstawa prawna"),
    )
    gminas = models.ManyToManyField(AdministrativeUnit, related_name="area_versions", verbose_name=_("gminy"))
    note = models.TextField(_("uwagi"), blank=True)

    class Meta:
        ordering = ["area", "-number"]
        constraints = [models.UniqueConstraint(fields=["area", "number"], name="one_area_version_number")]
        verbose_name = _("wersja obszaru")
        verbose_name_plural = _("wersje obszaru")

    def __str__(self) -> str:
        return f"{self.area.name}, wersja {self.number}"
