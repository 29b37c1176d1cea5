"""Project ideas on their way to a grant contract: identification rounds, project cards with their budget,
partners, location, indicators and the strategy undertakings they serve, and every state change of a card."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 15, "decimal_places": 2}


class Round(models.Model):
    """An identification round (nabór fiszek): when cards may be submitted and for which measures."""

    number = models.CharField(
        _("oznaczenie"),
        max_length=40,
        unique=True,
        help_text=_("Np. 1/2026."),
        error_messages={"unique": _("Nabór o tym oznaczeniu już jest.")},
    )
    title = models.CharField(_("nazwa"), max_length=300)
    opens_on = models.DateField(_("początek naboru"))
    closes_on = models.DateField(_("koniec naboru"))
    measures = models.ManyToManyField(
        "funding.Measure", related_name="rounds", verbose_name=_("działania programu")
    )
    instructions = models.TextField(
        _("informacje dla wnioskodawców"),
        blank=True,
        help_text=_(
            "Co przygotować, jak wypełnić fiszkę, kontakt w biurze. Zwykły tekst; pusta linia to akapit."
        ),
    )
    scoring = models.BooleanField(
        _("ocena punktowa fiszek"),
        default=False,
        help_text=_(
            "Gdy pomysłów jest więcej niż pieniędzy: fiszki przyjęte formalnie ocenia co najmniej dwóch oceniających. "
            "Zasady oceny (czy jest ocena, kryteria, wagi, próg) są ustalone od ogłoszenia naboru: od dnia "
            "jego początku albo od złożenia pierwszej fiszki, jeśli to nastąpi wcześniej. Potem zmienić je można "
            "tylko po ponownym otwarciu oceny z podaniem powodu."
        ),
    )
    # the office reopened the scoring rules of an announced round (the next save of the rules fixes them again)
    rules_reopened_at = models.DateTimeField(_("zasady oceny otwarte ponownie"), null=True, blank=True)
    rules_reopen_reason = models.TextField(_("powód ponownego otwarcia zasad oceny"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("nabór fiszek")
        verbose_name_plural = _("nabory fiszek")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def is_open_on(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on

    def announced_on(self, day: dt.date) -> bool:
        """Announced: its opening date has come or a card has been submitted in it, whichever first."""
        if self.opens_on <= day:
            return True
        return self.pk is not None and CardTransition.objects.filter(card__round=self, name="submit").exists()

    class Rules(models.TextChoices):
        PREPARING = "preparing", _("w przygotowaniu (nabór nieogłoszony)")
        FIXED = "fixed", _("ustalone")
        REOPENED = "reopened", _("otwarte ponownie do zmiany")

    def rules_state(self, day: dt.date | None = None) -> str:
        from django.utils import timezone

        if not self.announced_on(day or timezone.localdate()):
            return self.Rules.PREPARING
        return self.Rules.REOPENED if self.rules_reopened_at else self.Rules.FIXED


class RoundQuestion(models.Model):
    """A question the round adds to the card form (e.g. readiness of documentation), answered in the card."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    text = models.CharField(_("pytanie"), max_length=300)
    help_text = models.CharField(_("podpowiedź"), max_length=300, blank=True)
    required = models.BooleanField(_("obowiązkowe"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("pytanie naboru")
        verbose_name_plural = _("pytania naboru")

    def __str__(self) -> str:
        return self.text


class ProjectCard(models.Model):
    """A project card (fiszka projektowa). Its state changes only through `lifecycles.CARD`."""

    class State(models.TextChoices):
        DRAFT = "draft", _("szkic")
        SUBMITTED = "submitted", _("złożona")
        RETURNED = "returned", _("zwrócona do poprawy")
        ACCEPTED = "accepted", _("przyjęta formalnie")
        SCORED = "scored", _("oceniona")
        LISTED_MAIN = "listed_main", _("na liście podstawowej")
        LISTED_RESERVE = "listed_reserve", _("na liście rezerwowej")
        NOT_SELECTED = "not_selected", _("niewybrana")
        APPLICATION_FILED = "application_filed", _("wniosek złożony w IZ")
        OPINION_ISSUED = "opinion_issued", _("opinia o zgodności wydana")
        SELECTED = "selected", _("wybrana do dofinansowania")
        OPINION_NEGATIVE = "opinion_negative", _("opinia negatywna – decyzja należy do IZ")
        REJECTED = "rejected", _("odrzucona przez IZ")
        CONTRACTED = "contracted", _("umowa podpisana")
        TERMINATED = "terminated", _("umowa rozwiązana")
        WITHDRAWN = "withdrawn", _("wycofana")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="cards", verbose_name=_("nabór"))
    number = models.CharField(_("numer fiszki"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("tytuł projektu"), max_length=300)
    summary = models.TextField(
        _("krótki opis"), help_text=_("Co powstanie, dla kogo i po co. Do 2000 znaków.")
    )
    beneficiary = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="project_cards",
        verbose_name=_("wnioskodawca"),
    )
    # the FEW 2021+ source drawing on the ZIT envelopes; empty when the card is funded only from other sources
    # (models_sources.CardFundingSource)
    measure = models.ForeignKey(
        "funding.Measure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_cards",
        verbose_name=_("działanie FEW 2021+"),
    )
    fund = models.ForeignKey(
        "funding.Fund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="project_cards",
        verbose_name=_("fundusz"),
    )
    gminas = models.ManyToManyField(
        "territory.AdministrativeUnit",
        related_name="project_cards",
        verbose_name=_("gminy, w których powstanie"),
    )
    location = models.JSONField(_("punkt lub linia (GeoJSON, WGS84)"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    starts_on = models.DateField(_("początek realizacji"), null=True, blank=True)
    ends_on = models.DateField(_("koniec realizacji"), null=True, blank=True)
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), null=True, blank=True, **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), null=True, blank=True, **AMOUNT)
    cofinancing_rate = models.DecimalField(
        _("poziom dofinansowania UE"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), null=True, blank=True, **AMOUNT)
    # counted in RCO76 (monitoring.indicators_zit), beside the rule "partners from two or more members"
    integrated = models.BooleanField(
        _("projekt zintegrowany"),
        default=False,
        help_text=_(
            "Zaznacz, jeśli projekt łączy działania kilku sektorów, gmin albo partnerów i realizuje strategię ZIT "
            "jako całość (np. węzeł przesiadkowy z drogą rowerową i parkingiem). Projekt z partnerami z dwóch "
            "lub więcej gmin albo powiatu członkowskiego liczymy jako zintegrowany także bez tego pola."
        ),
    )
    state = models.CharField(_("stan"), max_length=30, choices=State.choices, default=State.DRAFT)
    state_changed_at = models.DateTimeField(_("zmiana stanu"), null=True, blank=True)
    application_number = models.CharField(
        _("numer wniosku w systemie IZ"),
        max_length=60,
        blank=True,
        help_text=_("Np. FEWP.03.02-IZ.00-0012/26."),
    )
    call = models.ForeignKey(
        "projects.Call",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("nabór IZ"),
    )
    iz_score = models.DecimalField(
        _("wynik oceny w IZ (pkt)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # the IZ's request for the association's opinion, recorded when its letter comes (before the opinion is
    # written): its deadline is in the inbox from that day; a new opinion starts from it
    opinion_request_reference = models.CharField(_("znak pisma IZ"), max_length=120, blank=True)
    opinion_requested_on = models.DateField(_("data prośby IZ"), null=True, blank=True)
    opinion_due_on = models.DateField(_("termin na opinię"), null=True, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "number"]
        indexes = [models.Index(fields=["state"], name="card_state_idx")]
        verbose_name = _("fiszka projektowa")
        verbose_name_plural = _("fiszki projektowe")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def own_pln(self) -> Decimal | None:
        """The beneficiary's own contribution: what the EU does not pay of the whole project."""
        if self.total_pln is None or self.eu_pln is None:
            return None
        return self.total_pln - self.eu_pln

    @property
    def editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class CardPartner(models.Model):
    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="card_partnerships",
        verbose_name=_("partner"),
    )
    role = models.CharField(_("zadanie partnera"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["card", "organisation"], name="card_partner_unique")]
        verbose_name = _("partner projektu")
        verbose_name_plural = _("partnerzy projektu")

    def __str__(self) -> str:
        return str(self.organisation)


class BudgetLine(models.Model):
    """The budget of one organisation (the beneficiary or a partner) in one year."""

    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="budget_lines")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organizacja"),
    )
    year = models.PositiveSmallIntegerField(_("rok"))
    total_pln = models.DecimalField(_("wartość (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)

    class Meta:
        ordering = ["organisation__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["card", "organisation", "year"], name="budget_line_unique")
        ]
        verbose_name = _("pozycja budżetu")
        verbose_name_plural = _("budżet według partnerów i lat")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.total_pln}"


class CardIndicator(models.Model):
    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "funding.Indicator", on_delete=models.PROTECT, related_name="+", verbose_name=_("wskaźnik")
    )
    target_value = models.DecimalField(_("wartość docelowa"), max_digits=15, decimal_places=3)
    target_year = models.PositiveSmallIntegerField(_("rok osiągnięcia"))

    class Meta:
        ordering = ["indicator__code"]
        constraints = [models.UniqueConstraint(fields=["card", "indicator"], name="card_indicator_unique")]
        verbose_name = _("wskaźnik projektu")
        verbose_name_plural = _("wskaźniki projektu")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value} ({self.target_year})"


class CardUndertaking(models.Model):
    """An undertaking of the strategy the card serves, by its stable key, so it survives new versions."""

    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="undertakings")
    key = models.CharField(_("klucz przedsięwzięcia"), max_length=40)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["card", "key"], name="card_undertaking_unique")]

    def __str__(self) -> str:
        return self.key


class SocialClause(models.Model):
    """A social clause or a reserved contract planned in the project's procurement (Pzp, the public
    procurement act of 11 September 2019): planned on the card, then announced, awarded or cancelled."""

    class Kind(models.TextChoices):
        RESERVED = "reserved", _("zamówienie zastrzeżone (art. 94 Pzp)")
        EMPLOYMENT = (
            "employment",
            _("wymóg zatrudnienia osób z grup defaworyzowanych (art. 96 ust. 2 pkt 2 Pzp)"),
        )
        CRITERION = "criterion", _("społeczne kryterium oceny ofert (art. 242 ust. 2 Pzp)")
        OTHER = "other", _("inny aspekt społeczny")

    class State(models.TextChoices):
        PLANNED = "planned", _("planowana")
        ANNOUNCED = "announced", _("ogłoszone postępowanie")
        AWARDED = "awarded", _("udzielone zamówienie")
        CANCELLED = "cancelled", _("zrezygnowano")

    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="social_clauses")
    kind = models.CharField(_("rodzaj"), max_length=12, choices=Kind.choices)
    subject = models.CharField(
        _("przedmiot zamówienia"),
        max_length=300,
        help_text=_("Np. utrzymanie zieleni przy ścieżce rowerowej."),
    )
    estimated_pln = models.DecimalField(_("szacunkowa wartość (PLN)"), **AMOUNT)
    planned_year = models.PositiveSmallIntegerField(_("planowany rok"))
    planned_quarter = models.PositiveSmallIntegerField(
        _("planowany kwartał"), choices=[(q, str(q)) for q in (1, 2, 3, 4)]
    )
    state = models.CharField(_("stan"), max_length=12, choices=State.choices, default=State.PLANNED)
    announced_on = models.DateField(_("data ogłoszenia"), null=True, blank=True)
    awarded_on = models.DateField(_("data udzielenia"), null=True, blank=True)
    awarded_pln = models.DecimalField(
        _("wartość udzielonego zamówienia (PLN)"), null=True, blank=True, **AMOUNT
    )
    contractor = models.CharField(_("wykonawca"), max_length=300, blank=True)
    contractor_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_contracts",
        verbose_name=_("wykonawca z rejestru (podmiot ekonomii społecznej)"),
    )
    cancel_reason = models.TextField(_("powód rezygnacji"), blank=True)
    outcome_by_label = models.CharField(max_length=200, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["planned_year", "planned_quarter", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_pln__gt=0), name="social_clause_value_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="awarded") | models.Q(awarded_pln__gt=0),
                name="social_clause_awarded_has_value",
            ),
        ]
        verbose_name = _("klauzula społeczna")
        verbose_name_plural = _("klauzule społeczne i zamówienia zastrzeżone")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def final(self) -> bool:
        return self.state in (self.State.AWARDED, self.State.CANCELLED)

    @property
    def awarded(self) -> bool:
        return self.state == self.State.AWARDED

    @property
    def cancelled(self) -> bool:
        return self.state == self.State.CANCELLED


class CardTransition(models.Model):
    """One state change of a card: the history beneficiaries and the office read on the card."""

    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30)
    to_state = models.CharField(max_length=30)
    reason = models.TextField(_("uzasadnienie"), blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("zmiana stanu fiszki")
        verbose_name_plural = _("historia fiszki")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def to_label(self) -> str:
        return str(ProjectCard.State(self.to_state).label)


class ListVersion(models.Model):
    """A version of the list of strategic projects: main and reserve projects per measure within the ZIT
    envelope. Approved by the association's resolution, then accepted by the managing authority."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("projekt listy")
        APPROVED = "approved", _("zatwierdzona uchwałą")
        SUPERSEDED = "superseded", _("zastąpiona nowszą")

    agreement = models.ForeignKey(
        "funding.Agreement",
        on_delete=models.PROTECT,
        related_name="project_lists",
        verbose_name=_("porozumienie"),
    )
    # the list is the strategy's annex: a version belongs to the strategy version it is attached to
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="list_versions",
        verbose_name=_("wersja strategii"),
    )
    number = models.PositiveIntegerField(_("wersja"))
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rate_date = models.DateField(
        _("data kursu"), help_text=_("Kwoty projektów w złotych przeliczamy na euro po kursie z tego dnia.")
    )
    conversion = models.JSONField(_("zastosowany kurs"), default=dict, blank=True)
    decision = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała zatwierdzająca"),
    )
    # an update of the annex (a version based on an earlier one): is the change significant, and if so its
    # consultation (art. 6 ust. 3 u.z.p.p.r.: at least 35 days from the day of the notice)
    change_significant = models.BooleanField(_("zmiana istotna"), null=True, blank=True)
    consultation_notice_on = models.DateField(_("ogłoszenie konsultacji"), null=True, blank=True)
    consultation_ends_on = models.DateField(_("koniec konsultacji"), null=True, blank=True)
    iz_accepted_on = models.DateField(_("przyjęta przez IZ"), null=True, blank=True)
    iz_reference = models.CharField(_("pismo lub uchwała IZ"), max_length=300, blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="list_version_unique")]
        verbose_name = _("wersja listy projektów strategicznych")
        verbose_name_plural = _("wersje listy projektów strategicznych")

    def __str__(self) -> str:
        return str(_("Lista projektów strategicznych, wersja %(n)d") % {"n": self.number})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_annex_update(self) -> bool:
        """A version based on an earlier one changes the strategy's annex (aktualizacja załącznika)."""
        return self.based_on_id is not None


class ListEntry(models.Model):
    class Position(models.TextChoices):
        MAIN = "main", _("podstawowa")
        RESERVE = "reserve", _("rezerwowa")

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    card = models.ForeignKey(ProjectCard, on_delete=models.PROTECT, related_name="list_entries")
    position = models.CharField(_("lista"), max_length=10, choices=Position.choices)
    order = models.PositiveIntegerField(_("kolejność"), default=0)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    eu_eur = models.DecimalField(_("dofinansowanie UE (EUR)"), **AMOUNT)

    class Meta:
        ordering = ["position", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "card"], name="list_entry_unique")]
        verbose_name = _("pozycja listy")
        verbose_name_plural = _("pozycje listy")

    def __str__(self) -> str:
        return f"{self.card.number} ({self.get_position_display()})"


class NotificationRule(models.Model):
    """Whether a card's state change sends e-mail, and to whom. Off unless the office turns it on; messages
    go only to platform accounts (the applicant's and partners' users, the office), never to an
    organisation's general or its head's address."""

    event = models.CharField(_("zdarzenie"), max_length=40, unique=True)
    enabled = models.BooleanField(_("wysyłaj"), default=False)
    to_applicant = models.BooleanField(_("do użytkowników wnioskodawcy"), default=True)
    to_partners = models.BooleanField(_("do użytkowników partnerów"), default=False)
    to_office = models.BooleanField(_("do biura"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event"]
        verbose_name = _("powiadomienie o fiszce")
        verbose_name_plural = _("powiadomienia o fiszkach")

    def __str__(self) -> str:
        return self.event


class CardAnswer(models.Model):
    card = models.ForeignKey(ProjectCard, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoundQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("odpowiedź"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["card", "question"], name="card_answer_unique")]
        verbose_name = _("odpowiedź na pytanie naboru")
        verbose_name_plural = _("odpowiedzi na pytania naboru")

    def __str__(self) -> str:
        return f"{self.card.number}: {self.question}"


# the IZ's calls and the association's compliance opinions, kept in their own module for size; imported here so
# that every model of the app is reachable as zit.projects.models.<Name>
from zit.projects.models_calls import (  # noqa: E402, F401
    Call,
    ChecklistCriterion,
    ComplianceOpinion,
    OpinionAnswer,
    OpinionChecklist,
    OpinionSignatories,
)
from zit.projects.models_schedule import (  # noqa: E402, F401
    IndividualCall,
    IzAssessment,
    IzStep,
    ScheduleEntry,
    ScheduleVersion,
)
from zit.projects.models_shares import ShareExcess  # noqa: E402, F401

# the card's sources beside the FEW 2021+ measure (own module for size)
from zit.projects.models_sources import CardFundingSource  # noqa: E402, F401
