"""The programme the ZIT draws on, the agreement with the managing authority, exchange rates and the indicator
catalogue: the reference layer that strategy, projects and monitoring point at."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zit.core.money import Currency

RATE = {"max_digits": 5, "decimal_places": 4}


def localised(polish: str, english: str) -> str:
    """The English text in the English interface when there is one; Polish otherwise."""
    if english and (get_language() or "pl").startswith("en"):
        return english
    return polish or english or ""


def shown_language(polish: str, english: str) -> str:
    """ "pl" or "en": the language of the text `localised` shows for these two."""
    if english and ((get_language() or "pl").startswith("en") or not polish):
        return "en"
    return "pl"


AMOUNT = {"max_digits": 15, "decimal_places": 2}


class Fund(models.Model):
    code = models.CharField(_("kod"), max_length=10, unique=True, help_text=_("Np. EFRR, EFS+, FST."))
    name_pl = models.CharField(_("nazwa"), max_length=200)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=200, blank=True)
    eu_amount_eur = models.DecimalField(_("wkład UE w programie (EUR)"), null=True, blank=True, **AMOUNT)
    source = models.TextField(_("źródło"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("fundusz")
        verbose_name_plural = _("fundusze")

    def __str__(self) -> str:
        return self.code


class Programme(models.Model):
    cci = models.CharField(_("numer CCI"), max_length=20, unique=True)
    name_pl = models.CharField(_("nazwa"), max_length=300)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=300, blank=True)
    managing_authority = models.CharField(_("instytucja zarządzająca"), max_length=200, blank=True)
    approved_on = models.DateField(_("data zatwierdzenia przez KE"), null=True, blank=True)
    eu_amount_eur = models.DecimalField(_("wkład UE (EUR)"), null=True, blank=True, **AMOUNT)
    max_cofinancing_rate = models.DecimalField(
        _("maksymalny poziom dofinansowania UE"),
        null=True,
        blank=True,
        help_text=_("Część wydatków kwalifikowalnych, np. 0,70 = 70%."),
        **RATE,
    )
    source = models.TextField(_("źródło"), blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programy")

    def __str__(self) -> str:
        return self.name_pl


class Priority(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="priorities")
    number = models.CharField(_("numer"), max_length=10)
    name_pl = models.CharField(_("nazwa"), max_length=300, blank=True)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=300, blank=True)
    fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("fundusz")
    )
    max_cofinancing_rate = models.DecimalField(
        _("maksymalny poziom dofinansowania UE"), null=True, blank=True, **RATE
    )
    source = models.TextField(_("źródło"), blank=True)
    sort_key = models.CharField(max_length=40, editable=False, default="")

    class Meta:
        ordering = ["programme", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="priority_number_unique")]
        verbose_name = _("priorytet")
        verbose_name_plural = _("priorytety")

    def __str__(self) -> str:
        return f"{self.number}. {self.name_pl}" if self.name_pl else str(self.number)

    def save(self, *args, **kwargs):
        self.sort_key = number_sort_key(self.number)
        super().save(*args, **kwargs)


def number_sort_key(number: str) -> str:
    """ "2.10" after "2.9": each part padded, so the database sorts measures as people read them."""
    return ".".join(part.zfill(4) for part in number.strip(".").split("."))


class Measure(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="measures")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("priorytet"),
    )
    number = models.CharField(_("numer"), max_length=10, help_text=_("Np. 3.2 albo 10.4."))
    name_pl = models.CharField(_("nazwa"), max_length=300, blank=True)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=300, blank=True)
    fund = models.ForeignKey(
        Fund,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("fundusz"),
    )
    max_cofinancing_rate = models.DecimalField(
        _("maksymalny poziom dofinansowania UE"),
        null=True,
        blank=True,
        help_text=_("Puste: obowiązuje poziom z priorytetu albo z programu."),
        **RATE,
    )
    rate_source = models.TextField(_("źródło poziomu dofinansowania"), blank=True)
    is_zit = models.BooleanField(_("działanie ZIT"), default=False, help_text=_("Działanie „w ramach ZIT”."))
    source = models.TextField(_("źródło"), blank=True)
    sort_key = models.CharField(max_length=40, editable=False, default="")

    class Meta:
        ordering = ["programme", "sort_key"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="measure_number_unique")]
        verbose_name = _("działanie")
        verbose_name_plural = _("działania")

    def __str__(self) -> str:
        name = localised(self.name_pl, self.name_en)
        return f"{self.number} {name}".strip() if name else f"{self.number}"

    def save(self, *args, **kwargs):
        self.sort_key = number_sort_key(self.number)
        super().save(*args, **kwargs)

    def effective_rate(self) -> tuple[Decimal | None, str]:
        """The cap that applies and where it comes from: the measure's own, else the priority's, else the
        programme's."""
        if self.max_cofinancing_rate is not None:
            return self.max_cofinancing_rate, "measure"
        if self.priority_id and self.priority.max_cofinancing_rate is not None:
            return self.priority.max_cofinancing_rate, "priority"
        return self.programme.max_cofinancing_rate, "programme"


class Agreement(models.Model):
    """The ZIT agreement (porozumienie) with the managing authority: the envelope and its conditions."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("tytuł"), max_length=300)
    number = models.CharField(_("numer"), max_length=100, blank=True)
    signed_on = models.DateField(_("data zawarcia"))
    parties = models.TextField(_("strony"), blank=True)
    total_eur = models.DecimalField(_("kwota alokacji (EUR)"), **AMOUNT)
    source = models.TextField(_("źródło"), blank=True)
    decision = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała zatwierdzająca"),
    )

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("porozumienie ZIT")
        verbose_name_plural = _("porozumienia ZIT")

    def __str__(self) -> str:
        return self.title


class AllocationLine(models.Model):
    """One cell of the agreement's split: how much of the envelope goes to a measure from a fund."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="allocation_lines")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="allocation_lines")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="allocation_lines")
    amount_eur = models.DecimalField(_("kwota (EUR)"), **AMOUNT)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["measure__sort_key", "fund__order"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "measure", "fund"], name="allocation_line_unique")
        ]
        verbose_name = _("pozycja podziału alokacji")
        verbose_name_plural = _("podział alokacji")

    def __str__(self) -> str:
        return f"{self.measure.number} {self.fund.code}: {self.amount_eur} EUR"


class Obligation(models.Model):
    """What the agreement obliges the association to do, by when, and who in the office answers for it."""

    class Kind(models.TextChoices):
        REPORT = "report", _("sprawozdanie lub informacja")
        INDICATOR = "indicator", _("zobowiązanie wskaźnikowe")
        CONTRACTING = "contracting", _("kamień milowy kontraktacji")
        SPENDING = "spending", _("kamień milowy wydatkowania")
        OTHER = "other", _("inny obowiązek")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("obowiązek"), max_length=300)
    description = models.TextField(_("opis"), blank=True)
    clause = models.CharField(
        _("podstawa w porozumieniu"), max_length=100, blank=True, help_text=_("Np. § 5 ust. 2.")
    )
    due_on = models.DateField(_("termin"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("osoba odpowiedzialna"),
    )
    indicator = models.ForeignKey(
        "funding.Indicator",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
        verbose_name=_("wskaźnik"),
    )
    target_value = models.DecimalField(
        _("wartość docelowa"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    target_share = models.DecimalField(
        _("próg (część alokacji)"),
        null=True,
        blank=True,
        help_text=_("Dla kamieni milowych: np. 0,40 = 40% alokacji zakontraktowane lub wydane."),
        **RATE,
    )
    completed_on = models.DateField(_("wykonano dnia"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["completed_on", "due_on"]
        verbose_name = _("obowiązek z porozumienia")
        verbose_name_plural = _("obowiązki z porozumienia")

    def __str__(self) -> str:
        return self.title


class RateSeries(models.TextChoices):
    EC_MONTHLY = "ec_monthly", _("miesięczny kurs księgowy Komisji Europejskiej (InforEuro)")
    NBP_A = "nbp_a", _("kurs średni NBP, tabela A")


class ExchangeRate(models.Model):
    """PLN for one unit of the currency. An EC accounting rate holds for a calendar month (stored on the
    month's first day); an NBP rate is the one published on its date."""

    series = models.CharField(_("seria"), max_length=20, choices=RateSeries.choices)
    currency = models.CharField(_("waluta"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    rate_date = models.DateField(_("data kursu"))
    rate = models.DecimalField(_("kurs (PLN)"), max_digits=10, decimal_places=6)
    table = models.CharField(_("numer tabeli"), max_length=40, blank=True)
    source = models.TextField(_("źródło"), blank=True)

    class Meta:
        ordering = ["series", "-rate_date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "currency", "rate_date"], name="exchange_rate_unique")
        ]
        indexes = [models.Index(fields=["series", "currency", "rate_date"])]
        verbose_name = _("kurs walutowy")
        verbose_name_plural = _("kursy walutowe")

    def __str__(self) -> str:
        return f"{self.get_series_display()} {self.rate_date}: {self.rate}"


class RateRule(models.Model):
    """Which rate converts what: one rule per purpose, with a fallback series when the first has no rate."""

    class Purpose(models.TextChoices):
        DEFAULT = "default", _("domyślnie (wszystko, co nie ma własnej reguły)")
        ENVELOPE = "envelope", _("alokacja ZIT i koperty finansowe")
        PROJECT = "project", _("budżety projektów i umowy")
        EXPENDITURE = "expenditure", _("wydatki w sprawozdaniach")

    purpose = models.CharField(_("zastosowanie"), max_length=20, choices=Purpose.choices, unique=True)
    series = models.CharField(_("seria"), max_length=20, choices=RateSeries.choices)
    fallback_series = models.CharField(
        _("seria zapasowa"),
        max_length=20,
        choices=RateSeries.choices,
        blank=True,
        help_text=_("Używana, gdy w pierwszej serii nie ma kursu na daną datę."),
    )
    note = models.TextField(
        _("uzasadnienie"), blank=True, help_text=_("Np. zapis porozumienia lub regulaminu naboru.")
    )

    class Meta:
        ordering = ["purpose"]
        verbose_name = _("reguła przeliczania")
        verbose_name_plural = _("reguły przeliczania")

    def __str__(self) -> str:
        return self.get_purpose_display()


class Indicator(models.Model):
    """One catalogue for the platform: EU common indicators, the programme's own and the strategy's own."""

    class Kind(models.TextChoices):
        OUTPUT = "output", _("produktu")
        RESULT = "result", _("rezultatu")

    class Origin(models.TextChoices):
        EU_COMMON = "eu_common", _("wspólny wskaźnik UE")
        PROGRAMME = "programme", _("wskaźnik programu")
        STRATEGY = "strategy", _("wskaźnik strategii")

    code = models.CharField(_("kod"), max_length=30, unique=True, null=True, blank=True)
    origin = models.CharField(_("pochodzenie"), max_length=20, choices=Origin.choices)
    kind = models.CharField(_("rodzaj"), max_length=10, choices=Kind.choices)
    fund_scope = models.CharField(
        _("lista funduszu"), max_length=20, blank=True, help_text=_("Np. ERDF/CF, ESF+.")
    )
    name_pl = models.CharField(_("nazwa (po polsku)"), max_length=400, blank=True)
    name_en = models.CharField(_("nazwa po angielsku"), max_length=400, blank=True)
    unit_pl = models.CharField(_("jednostka (po polsku)"), max_length=100, blank=True)
    unit_en = models.CharField(_("jednostka po angielsku"), max_length=100, blank=True)
    additive = models.BooleanField(
        _("sumuje się między projektami"),
        default=True,
        help_text=_("Np. liczba wspartych firm się sumuje; odsetek czy wskaźnik średni – nie."),
    )
    policy_objective = models.CharField(_("cel polityki"), max_length=40, blank=True)
    definition = models.TextField(_("definicja"), blank=True)
    source = models.TextField(_("źródło"), blank=True)
    active = models.BooleanField(_("w użyciu"), default=True)

    class Meta:
        ordering = ["origin", "code", "name_en"]
        verbose_name = _("wskaźnik")
        verbose_name_plural = _("wskaźniki")

    def __str__(self) -> str:
        return f"{self.code or '—'} {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name to show in the active language: the Polish one in Polish (the English one while no Polish
        name is known), the English one in English. `display_name_lang` says which it is."""
        return localised(self.name_pl, self.name_en)

    @property
    def display_name_lang(self) -> str:
        return shown_language(self.name_pl, self.name_en)

    @property
    def display_unit(self) -> str:
        return localised(self.unit_pl, self.unit_en)

    @property
    def display_unit_lang(self) -> str:
        return shown_language(self.unit_pl, self.unit_en)


# the members' shares of the envelope, kept in their own module for size; imported here so that every model of
# the app is reachable as zit.funding.models.<Name>
from zit.funding.models_shares import AllocationKey, MemberShare  # noqa: E402, F401
