"""The ZIT strategy as structured data. A strategy has versions; every item of a version carries a stable
`key` that survives new versions, so projects point at the key and two versions compare item by item."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.strategy.version_states import VersionStates

AMOUNT = {"max_digits": 15, "decimal_places": 2}


def new_key() -> str:
    return uuid.uuid4().hex[:12]


class Strategy(models.Model):
    title = models.CharField(_("tytuł"), max_length=300)
    short_title = models.CharField(_("krótki tytuł"), max_length=100, blank=True)
    horizon = models.PositiveSmallIntegerField(_("horyzont (rok)"), null=True, blank=True)
    history = models.TextField(
        _("przebieg prac"), blank=True, help_text=_("Najważniejsze daty prac nad strategią, z ich źródłem.")
    )

    class Meta:
        verbose_name = _("strategia")
        verbose_name_plural = _("strategie")

    def __str__(self) -> str:
        return self.title


class StrategyVersion(VersionStates, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("projekt")
        CONSULTATION = "consultation", _("w konsultacjach")
        ADOPTED = "adopted", _("przyjęta")
        SUPERSEDED = "superseded", _("zastąpiona")
        WITHDRAWN = "withdrawn", _("wycofana z konsultacji")
        # never stored: the end of a deleted draft in the lifecycle (the row goes, the audit event stays)
        DELETED = "deleted", _("usunięta")

    class ConsultationState(models.TextChoices):
        """The consultation of a version, computed from the version's state and its dates."""

        NONE = "none", _("nieogłoszone")
        PLANNED = "planned", _("zaplanowane")
        RUNNING = "running", _("trwają")
        CLOSED = "closed", _("zakończone")
        WITHDRAWN = "withdrawn", _("wycofane")

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("numer wersji"))
    label = models.CharField(_("opis wersji"), max_length=200, help_text=_("Np. „aktualizacja 2024”."))
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("na podstawie"),
    )
    adopted_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała przyjmująca"),
    )
    document = models.FileField(_("tekst strategii (PDF lub DOCX)"), upload_to="strategy/", blank=True)
    document_note = models.CharField(
        _("opis dokumentu"),
        max_length=300,
        blank=True,
        help_text=_("Np. „tekst przyjęty uchwałą, wersja od wykonawcy”. Obowiązuje tekst dokumentu."),
    )
    consultation_opens = models.DateField(_("konsultacje od"), null=True, blank=True)
    consultation_closes = models.DateField(_("konsultacje do"), null=True, blank=True)
    consultation_planned_closes = models.DateField(
        _("planowany koniec konsultacji"),
        null=True,
        blank=True,
        help_text=_("Koniec ogłoszony, zanim konsultacje zakończono wcześniej."),
    )
    consultation_closed_early_on = models.DateField(
        _("konsultacje zakończone wcześniej"), null=True, blank=True
    )
    consultation_withdrawn_on = models.DateField(_("konsultacje wycofane"), null=True, blank=True)
    consultation_end_reason = models.TextField(
        _("powód wcześniejszego zakończenia lub wycofania konsultacji"), blank=True
    )
    in_force_from = models.DateField(
        _("obowiązuje od"),
        null=True,
        blank=True,
        help_text=_("Dzień wejścia w życie, który podaje uchwała przyjmująca (zwykle dzień jej podjęcia)."),
    )
    zit_from = models.DateField(
        _("strategia ZIT od"),
        null=True,
        blank=True,
        help_text=_(
            "Dzień ostatniej wymaganej pozytywnej opinii (instytucji zarządzającej i ministra, art. 34 ustawy "
            "z 28 kwietnia 2022 r.): od niego wersja jest strategią ZIT. Platforma wylicza go z kroków procedury."
        ),
    )
    responds_to = models.ForeignKey(
        "strategy.ProcedureStep",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answering_versions",
        verbose_name=_("odpowiada na opinię"),
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="strategy_version_number")]
        verbose_name = _("wersja strategii")
        verbose_name_plural = _("wersje strategii")

    def __str__(self) -> str:
        # the state's word, not the free description, which may say what the version was when it was created
        return (
            f"{self.strategy.short_title or self.strategy} – {_('wersja')} {self.number}: {self.state_word}"
        )


class VersionItem(models.Model):
    """What every item of a version shares: the version, the stable key, an order, a demo flag."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("klucz"), max_length=40, default=new_key, editable=False)
    order = models.PositiveIntegerField(_("kolejność"), default=0)
    is_demo = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


def _unique_key(name: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=["version", "key"], name=f"{name}_key_per_version")]


class Issue(VersionItem):
    """A barrier or a development potential from the diagnosis, with its evidence and the gminas it concerns."""

    class Kind(models.TextChoices):
        BARRIER = "barrier", _("bariera")
        POTENTIAL = "potential", _("potencjał")

    class Swot(models.TextChoices):
        STRENGTH = "strength", _("mocna strona")
        WEAKNESS = "weakness", _("słaba strona")
        OPPORTUNITY = "opportunity", _("szansa")
        THREAT = "threat", _("zagrożenie")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="issues")
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    swot = models.CharField(_("w analizie SWOT"), max_length=20, choices=Swot.choices, blank=True)
    title = models.CharField(_("nazwa"), max_length=300)
    description = models.TextField(_("opis"), blank=True)
    evidence = models.TextField(
        _("uzasadnienie i źródła"), blank=True, help_text=_("Dane, dokumenty, badania.")
    )
    variables = models.ManyToManyField(
        "territory.Variable", blank=True, related_name="+", verbose_name=_("zmienne")
    )
    gminas = models.ManyToManyField(
        "territory.AdministrativeUnit", blank=True, related_name="+", verbose_name=_("gminy, których dotyczy")
    )

    class Meta(VersionItem.Meta):
        constraints = _unique_key("issue")
        verbose_name = _("bariera lub potencjał")
        verbose_name_plural = _("bariery i potencjały")

    def __str__(self) -> str:
        return self.title


class Goal(VersionItem):
    class Dimension(models.TextChoices):
        SOCIAL = "social", _("społeczny")
        ECONOMIC = "economic", _("gospodarczy")
        SPATIAL = "spatial", _("przestrzenny")
        ENVIRONMENTAL = "environmental", _("środowiskowy")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("oznaczenie"), max_length=20, help_text=_("Np. C1."))
    title = models.CharField(_("cel strategiczny"), max_length=300)
    dimension = models.CharField(_("wymiar"), max_length=20, choices=Dimension.choices)
    description = models.TextField(_("opis"), blank=True)
    issues = models.ManyToManyField(Issue, blank=True, related_name="goals", verbose_name=_("odpowiada na"))

    class Meta(VersionItem.Meta):
        constraints = _unique_key("goal")
        verbose_name = _("cel strategiczny")
        verbose_name_plural = _("cele strategiczne")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class OperationalGoal(VersionItem):
    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="operational_goals")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="operational_goals", verbose_name=_("cel strategiczny")
    )
    code = models.CharField(_("oznaczenie"), max_length=20, help_text=_("Np. C1.1."))
    title = models.CharField(_("cel operacyjny"), max_length=300)
    description = models.TextField(_("opis"), blank=True)

    class Meta(VersionItem.Meta):
        constraints = _unique_key("operational_goal")
        verbose_name = _("cel operacyjny")
        verbose_name_plural = _("cele operacyjne")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Direction(VersionItem):
    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="directions")
    operational_goal = models.ForeignKey(
        OperationalGoal, on_delete=models.CASCADE, related_name="directions", verbose_name=_("cel operacyjny")
    )
    code = models.CharField(_("oznaczenie"), max_length=20, help_text=_("Np. K1.1.1."))
    title = models.CharField(_("kierunek działań"), max_length=300)
    description = models.TextField(_("opis"), blank=True)

    class Meta(VersionItem.Meta):
        constraints = _unique_key("direction")
        verbose_name = _("kierunek działań")
        verbose_name_plural = _("kierunki działań")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Undertaking(VersionItem):
    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("inwestycyjne")
        SOFT = "soft", _("nieinwestycyjne (miękkie)")
        MIXED = "mixed", _("mieszane")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="undertakings")
    code = models.CharField(_("oznaczenie"), max_length=20, help_text=_("Np. P1."))
    title = models.CharField(_("przedsięwzięcie"), max_length=300)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    is_key = models.BooleanField(_("przedsięwzięcie kluczowe"), default=False)
    description = models.TextField(_("opis"), blank=True)
    directions = models.ManyToManyField(
        Direction, blank=True, related_name="undertakings", verbose_name=_("kierunki działań")
    )
    lead = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lider"),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name=_("partnerzy")
    )
    gminas = models.ManyToManyField(
        "territory.AdministrativeUnit",
        blank=True,
        related_name="+",
        verbose_name=_("zasięg terytorialny (gminy)"),
    )
    estimated_cost_pln = models.DecimalField(_("szacowany koszt (PLN)"), null=True, blank=True, **AMOUNT)
    issues = models.ManyToManyField(
        Issue, blank=True, related_name="undertakings", verbose_name=_("odpowiada na")
    )

    class Meta(VersionItem.Meta):
        constraints = _unique_key("undertaking")
        verbose_name = _("przedsięwzięcie")
        verbose_name_plural = _("przedsięwzięcia")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class FundingSource(VersionItem):
    """One source of an undertaking's money: a programme measure, a fund, or another source named in text."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("program UE (działanie lub fundusz)")
        NATIONAL = "national", _("środki krajowe")
        OWN = "own", _("środki własne samorządów")
        PRIVATE = "private", _("środki prywatne")
        OTHER = "other", _("inne")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="funding_sources")
    undertaking = models.ForeignKey(
        Undertaking,
        on_delete=models.CASCADE,
        related_name="funding_sources",
        verbose_name=_("przedsięwzięcie"),
    )
    kind = models.CharField(_("źródło"), max_length=20, choices=Kind.choices)
    measure = models.ForeignKey(
        "funding.Measure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("działanie"),
    )
    fund = models.ForeignKey(
        "funding.Fund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fundusz"),
    )
    name = models.CharField(_("nazwa źródła"), max_length=200, blank=True)
    amount_pln = models.DecimalField(_("kwota (PLN)"), null=True, blank=True, **AMOUNT)

    class Meta(VersionItem.Meta):
        constraints = _unique_key("funding_source")
        verbose_name = _("źródło finansowania")
        verbose_name_plural = _("źródła finansowania")

    def __str__(self) -> str:
        return str(self.measure or self.fund or self.name or self.get_kind_display())


class TargetIndicator(VersionItem):
    """An indicator from the catalogue set on a goal, an operational goal or an undertaking."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "funding.Indicator", on_delete=models.PROTECT, related_name="+", verbose_name=_("wskaźnik")
    )
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("cel strategiczny"),
    )
    operational_goal = models.ForeignKey(
        OperationalGoal,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("cel operacyjny"),
    )
    undertaking = models.ForeignKey(
        Undertaking,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("przedsięwzięcie"),
    )
    baseline_value = models.DecimalField(
        _("wartość bazowa"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("rok bazowy"), null=True, blank=True)
    target_value = models.DecimalField(
        _("wartość docelowa"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("rok docelowy"), null=True, blank=True)
    source = models.CharField(_("źródło danych"), max_length=300, blank=True)

    class Meta(VersionItem.Meta):
        constraints = _unique_key("target_indicator")
        verbose_name = _("wskaźnik strategii")
        verbose_name_plural = _("wskaźniki strategii")

    def __str__(self) -> str:
        return str(self.indicator)

    @property
    def owner(self):
        return self.goal or self.operational_goal or self.undertaking


class Chapter(VersionItem):
    """The strategy's other chapters as structured text; all optional."""

    class Kind(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("wnioski z diagnozy")
        COOPERATION = "cooperation", _("zasady współpracy")
        INTEGRATED = "integrated", _("podejście zintegrowane")
        PARTICIPATION = "participation", _("udział partnerów")
        SPATIAL_MODEL = "spatial_model", _("model struktury funkcjonalno-przestrzennej")
        IMPLEMENTATION = "implementation", _("system realizacji")
        MONITORING = "monitoring", _("monitorowanie i ewaluacja")
        FINANCIAL = "financial", _("ramy finansowe – komentarz")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="chapters")
    kind = models.CharField(_("rozdział"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("treść"), help_text=_("Markdown: akapity, listy, **pogrubienia**."))

    class Meta(VersionItem.Meta):
        constraints = _unique_key("chapter") + [
            models.UniqueConstraint(fields=["version", "kind"], name="chapter_kind_per_version")
        ]
        verbose_name = _("rozdział")
        verbose_name_plural = _("rozdziały")

    def __str__(self) -> str:
        return self.get_kind_display()


class InterventionArea(VersionItem):
    """A strategic intervention area (obszar strategicznej interwencji), drawn from gminas."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="intervention_areas")
    name = models.CharField(_("nazwa"), max_length=200)
    description = models.TextField(_("opis"), blank=True)
    gminas = models.ManyToManyField("territory.AdministrativeUnit", related_name="+", verbose_name=_("gminy"))

    class Meta(VersionItem.Meta):
        constraints = _unique_key("intervention_area")
        verbose_name = _("obszar strategicznej interwencji")
        verbose_name_plural = _("obszary strategicznej interwencji")

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A comment from the public consultation on one part of a version, with the office's response."""

    class Status(models.TextChoices):
        PENDING = "pending", _("czeka na moderację")
        PUBLISHED = "published", _("opublikowana")
        REJECTED = "rejected", _("odrzucona w moderacji")
        PARKED = "parked", _("wstrzymana: przekroczony limit wysyłek")

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("uwzględniona")
        PARTLY = "partly", _("uwzględniona częściowo")
        REJECTED = "rejected", _("nieuwzględniona")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="comments")
    target_key = models.CharField(_("dotyczy (klucz)"), max_length=40, blank=True)
    target_label = models.CharField(_("dotyczy"), max_length=300)
    text = models.TextField(_("uwaga"))
    proposal = models.TextField(_("proponowana zmiana"), blank=True)
    author_name = models.CharField(_("imię i nazwisko"), max_length=200, blank=True)
    organisation = models.CharField(_("instytucja lub organizacja"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail do odpowiedzi"), blank=True)
    source = models.CharField(
        _("źródło"),
        max_length=300,
        blank=True,
        help_text=_("Dla opinii wpisanych przez biuro: pismo, jego znak i data."),
    )
    submitted_at = models.DateTimeField(_("zgłoszono"), auto_now_add=True)
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("moderacja"), max_length=20, choices=Status.choices, default=Status.PENDING)
    moderation_note = models.CharField(_("powód odrzucenia"), max_length=300, blank=True)
    response = models.CharField(_("rozstrzygnięcie"), max_length=20, choices=Response.choices, blank=True)
    response_text = models.TextField(_("uzasadnienie"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["client_hash", "submitted_at"])]
        verbose_name = _("uwaga z konsultacji")
        verbose_name_plural = _("uwagi z konsultacji")

    def __str__(self) -> str:
        return f"{self.target_label}: {self.text[:60]}"

    @property
    def author_display(self) -> str:
        """What is published: the institution, never a private person's name (the form's notice says so)."""
        return self.organisation or str(_("osoba prywatna"))


class StrategyDocument(models.Model):
    """A document generated from a version's data, kept with the version."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="documents")
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    file = models.FileField(_("plik"), upload_to="strategy/generated/")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    # what the document says of the version besides its frozen items (state, adopting resolution): a document
    # whose fingerprint still matches the version is served again instead of being generated anew
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wygenerowany dokument strategii")
        verbose_name_plural = _("wygenerowane dokumenty strategii")

    def __str__(self) -> str:
        return f"{self.version} ({self.format})"


# a version's procedure, kept in its own module for size; imported here so that every model of the app is
# reachable as zit.strategy.models.<Name>
from zit.strategy.models_procedure import ProcedureLetter, ProcedureStep  # noqa: E402, F401
