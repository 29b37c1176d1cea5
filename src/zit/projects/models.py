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
    measure = models.ForeignKey(
        "funding.Measure", on_delete=models.PROTECT, related_name="project_cards", verbose_name=_("działanie")
    )
    fund = models.ForeignKey(
        "funding.Fund", on_delete=models.PROTECT, related_name="project_cards", verbose_name=_("fundusz")
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


class Call(models.Model):
    """A call of the managing authority, run in its own system (LSI 2021+): listed projects apply in the
    non-competitive mode; in competitive calls the association's representative may sit on the panel."""

    class Mode(models.TextChoices):
        NON_COMPETITIVE = "non_competitive", _("niekonkurencyjny (projekty z listy)")
        COMPETITIVE = "competitive", _("konkurencyjny")

    number = models.CharField(
        _("numer naboru"),
        max_length=60,
        unique=True,
        help_text=_("Np. FEWP.03.02-IZ.00-001/26."),
        error_messages={"unique": _("Ten nabór IZ jest już zapisany.")},
    )
    measure = models.ForeignKey(
        "funding.Measure", on_delete=models.PROTECT, related_name="calls", verbose_name=_("działanie")
    )
    mode = models.CharField(_("tryb"), max_length=20, choices=Mode.choices)
    limit_pln = models.DecimalField(_("kwota na nabór (PLN)"), null=True, blank=True, **AMOUNT)
    opens_on = models.DateField(_("początek naboru"))
    closes_on = models.DateField(_("koniec naboru"))
    url = models.URLField(_("ogłoszenie"), blank=True)
    panel_representative = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("przedstawiciel ZIT w komisji oceny projektów"),
        help_text=_("Tylko w naborze konkurencyjnym."),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class State(models.TextChoices):
        ANNOUNCED = "announced", _("ogłoszony, jeszcze nie trwa")
        OPEN = "open", _("trwa")
        CLOSED = "closed", _("zakończony")

    class Meta:
        ordering = ["-opens_on", "number"]
        verbose_name = _("nabór IZ")
        verbose_name_plural = _("nabory IZ")

    def __str__(self) -> str:
        return self.number

    def state_on(self, day: dt.date) -> str:
        """A call has no acts of its own in the platform: its state follows from its dates."""
        if day < self.opens_on:
            return self.State.ANNOUNCED
        return self.State.OPEN if day <= self.closes_on else self.State.CLOSED

    @property
    def state(self) -> str:
        from django.utils import timezone

        return self.state_on(timezone.localdate())

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)


class ComplianceOpinion(models.Model):
    """The association's opinion on an application's compliance with the ZIT strategy. Generated as a DOCX,
    signed outside the platform; the uploaded signed file is the record (core.SignedDocument)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("do podpisu")
        ISSUED = "issued", _("wydana")

    card = models.OneToOneField(ProjectCard, on_delete=models.PROTECT, related_name="opinion")
    number = models.CharField(_("numer opinii"), max_length=40, unique=True)
    state = models.CharField(_("stan"), max_length=10, choices=State.choices, default=State.DRAFT)
    compliant = models.BooleanField(_("projekt zgodny ze strategią"))
    justification = models.TextField(_("uzasadnienie"))
    issued_on = models.DateField(_("data opinii"))
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opinia o zgodności ze strategią")
        verbose_name_plural = _("opinie o zgodności ze strategią")

    def __str__(self) -> str:
        return f"{self.number} ({self.card.number})"

    @property
    def issued(self) -> bool:
        return self.state == self.State.ISSUED


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


class Contract(models.Model):
    """The grant contract (umowa o dofinansowanie) signed with the managing authority: the final amounts,
    the schedule, milestones and indicator targets. Amendments change them; every state of the amounts is
    kept in `AmountRecord`. Its state (`lifecycles.CONTRACT`): in force, after the final payment (the
    durability period runs), closed (the period is over), or terminated early."""

    class State(models.TextChoices):
        SIGNED = "signed", _("w realizacji")
        FINAL_PAID = "final_paid", _("po płatności końcowej, w okresie trwałości")
        CLOSED = "closed", _("zamknięta, okres trwałości minął")
        TERMINATED = "terminated", _("rozwiązana")

    card = models.OneToOneField(ProjectCard, on_delete=models.PROTECT, related_name="contract")
    state = models.CharField(_("stan"), max_length=20, choices=State.choices, default=State.SIGNED)
    number = models.CharField(
        _("numer umowy"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("Umowa o tym numerze jest już zapisana.")},
    )
    signed_on = models.DateField(_("data zawarcia"))
    parties = models.TextField(
        _("strony umowy"), help_text=_("Np. Województwo Wielkopolskie – IZ FEW 2021+ i Gmina Golina.")
    )
    starts_on = models.DateField(_("początek realizacji"))
    ends_on = models.DateField(_("koniec realizacji"))
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    terminated_on = models.DateField(_("data rozwiązania"), null=True, blank=True)
    termination_reason = models.TextField(_("powód rozwiązania"), blank=True)
    eu_retained_pln = models.DecimalField(
        _("dofinansowanie wypłacone i zatrzymane (PLN)"),
        null=True,
        blank=True,
        help_text=_("Po rozwiązaniu umowy tyle zostaje wykorzystane z koperty; reszta wraca."),
        **AMOUNT,
    )
    final_payment_on = models.DateField(_("płatność końcowa"), null=True, blank=True)
    final_payment_reference = models.CharField(
        _("pismo lub zlecenie płatności IZ"),
        max_length=200,
        blank=True,
        help_text=_(
            "Płatność końcową przekazuje beneficjentowi instytucja zarządzająca: numer jej pisma albo zlecenia."
        ),
    )
    durability_years = models.PositiveSmallIntegerField(
        _("okres trwałości (lata)"),
        null=True,
        blank=True,
        help_text=_("Zwykle 5 lat od płatności końcowej, 3 lata dla MŚP (art. 65 rozporządzenia 2021/1060)."),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("umowa o dofinansowanie")
        verbose_name_plural = _("umowy o dofinansowanie")

    def __str__(self) -> str:
        return self.number

    @property
    def own_pln(self) -> Decimal:
        return self.total_pln - self.eu_pln

    @property
    def is_in_force(self) -> bool:
        """Signed and not yet finally paid or terminated: amendments, reports and the final payment apply."""
        return self.state == self.State.SIGNED

    @property
    def is_terminated(self) -> bool:
        return self.state == self.State.TERMINATED

    @property
    def is_after_final_payment(self) -> bool:
        """The final payment is made: from now on only a financial correction changes the contract."""
        return self.state in (self.State.FINAL_PAID, self.State.CLOSED)

    def expenditure_reported_pln(self) -> Decimal:
        """Eligible expenditure in the accepted progress reports."""
        total = ReportExpenditure.objects.filter(
            report__contract=self, report__status=ProgressReport.Status.ACCEPTED
        ).aggregate(total=models.Sum("amount_pln"))["total"]
        return total or Decimal(0)

    @property
    def durability_ends_on(self) -> dt.date | None:
        """The same day as the final payment, `durability_years` later (28 February for 29 February)."""
        if not self.final_payment_on or not self.durability_years:
            return None
        day = self.final_payment_on
        try:
            return day.replace(year=day.year + self.durability_years)
        except ValueError:
            return day.replace(year=day.year + self.durability_years, day=28)

    def durability_years_due(self, today: dt.date) -> list[int]:
        """Years of the durability period that have ended by `today`: each needs a statement."""
        if not self.final_payment_on or not self.durability_years:
            return []
        start = self.final_payment_on.year
        last = min(today.year - 1, start + self.durability_years - 1)
        return list(range(start, last + 1))

    @property
    def corrected_eu_pln(self) -> Decimal:
        """The EU amount less every financial correction."""
        return self.eu_pln - sum((c.eu_pln for c in self.corrections.all()), Decimal(0))

    @property
    def corrected_eligible_pln(self) -> Decimal:
        return self.eligible_pln - sum((c.eligible_pln for c in self.corrections.all()), Decimal(0))

    @property
    def committed_eu_pln(self) -> Decimal:
        """What the project takes from the envelope now: the contract's EU amount less corrections, or after
        termination only what was paid and kept."""
        if self.terminated_on:
            return self.eu_retained_pln or Decimal(0)
        return self.corrected_eu_pln


class ContractLine(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="lines")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("rok"))
    total_pln = models.DecimalField(_("wartość (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)

    class Meta:
        ordering = ["organisation__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "organisation", "year"], name="contract_line_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"


class ContractMilestone(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("kamień milowy"), max_length=300)
    due_on = models.DateField(_("termin"))
    reached_on = models.DateField(_("osiągnięty"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.name


class ContractIndicator(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey("funding.Indicator", on_delete=models.PROTECT, related_name="+")
    target_value = models.DecimalField(_("wartość docelowa"), max_digits=15, decimal_places=3)
    target_year = models.PositiveSmallIntegerField(_("rok osiągnięcia"))

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "indicator"], name="contract_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value}"


class Amendment(models.Model):
    """An amendment (aneks) to the contract: its date, the reason and the signed file."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="amendments")
    number = models.CharField(_("numer aneksu"), max_length=80)
    signed_on = models.DateField(_("data zawarcia"))
    reason = models.TextField(_("powód zmiany"))
    document = models.FileField(_("podpisany aneks"), upload_to="projects/amendments/%Y/")
    document_sha256 = models.CharField(max_length=64)
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="amendment_number_unique")]
        verbose_name = _("aneks")
        verbose_name_plural = _("aneksy")

    def __str__(self) -> str:
        return self.number

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("obowiązuje")

    @property
    def state(self) -> str:
        """An amendment is recorded once, signed, and stays in force: it has no other state."""
        return self.State.IN_FORCE


class AmountRecord(models.Model):
    """The contract's amounts as they stood from a date: at signing, then after each amendment."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amount_history")
    amendment = models.ForeignKey(
        Amendment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("obowiązuje od"))
    total_pln = models.DecimalField(_("wartość projektu (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("wydatki kwalifikowalne (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("dofinansowanie UE (PLN)"), **AMOUNT)
    ends_on = models.DateField(_("koniec realizacji"))
    lines = models.JSONField(default=list)

    class Meta:
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.valid_from}"


class Correction(models.Model):
    """An irregularity and the financial correction for it: it lowers the eligible costs and the EU amount
    of the contract in every total; recoveries record what the beneficiary has paid back."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="corrections")
    found_on = models.DateField(_("data stwierdzenia"))
    description = models.TextField(_("nieprawidłowość"))
    eligible_pln = models.DecimalField(_("korekta wydatków kwalifikowalnych (PLN)"), **AMOUNT)
    eu_pln = models.DecimalField(_("korekta dofinansowania UE (PLN)"), **AMOUNT)
    decision = models.ForeignKey(
        "core.DecisionReference", on_delete=models.PROTECT, related_name="+", verbose_name=_("decyzja")
    )
    recovered_pln = models.DecimalField(_("odzyskano (PLN)"), default=Decimal(0), **AMOUNT)
    reason = models.TextField(
        _("uzasadnienie korekty po płatności końcowej"),
        blank=True,
        help_text=_("Po płatności końcowej umowę zmienia już tylko korekta, a ta wymaga uzasadnienia."),
    )
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["found_on", "pk"]
        verbose_name = _("korekta finansowa")
        verbose_name_plural = _("korekty finansowe")

    def __str__(self) -> str:
        return f"{self.contract}: {self.eu_pln}"

    class State(models.TextChoices):
        TO_RECOVER = "to_recover", _("do odzyskania")
        PARTLY_RECOVERED = "partly_recovered", _("odzyskana częściowo")
        RECOVERED = "recovered", _("odzyskana w całości")

    @property
    def state(self) -> str:
        """Computed from what came back: nothing, part of the EU amount, or all of it."""
        if self.recovered_pln >= self.eu_pln:
            return self.State.RECOVERED
        if self.recovered_pln > 0:
            return self.State.PARTLY_RECOVERED
        return self.State.TO_RECOVER


class ProgressReport(models.Model):
    """A progress report for a period, written by the beneficiary's users and accepted or returned by the
    office."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("w przygotowaniu")
        SUBMITTED = "submitted", _("złożone")
        RETURNED = "returned", _("zwrócone do poprawy")
        ACCEPTED = "accepted", _("przyjęte")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="reports")
    period_from = models.DateField(_("okres od"))
    period_to = models.DateField(_("okres do"))
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("opis postępu"), blank=True)
    return_reason = models.TextField(_("powód zwrotu"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=200, blank=True)
    created_by_label = models.CharField(max_length=200)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["contract", "period_from"]
        verbose_name = _("sprawozdanie z postępu")
        verbose_name_plural = _("sprawozdania z postępu")

    def __str__(self) -> str:
        return f"{self.contract}: {self.period_from} – {self.period_to}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def returned(self) -> bool:
        return self.status == self.Status.RETURNED


class ReportExpenditure(models.Model):
    class Category(models.TextChoices):
        WORKS = "works", _("roboty budowlane")
        SUPPLIES = "supplies", _("dostawy")
        SERVICES = "services", _("usługi")
        STAFF = "staff", _("wynagrodzenia")
        OTHER = "other", _("inne")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="expenditure")
    year = models.PositiveSmallIntegerField(_("rok"))
    category = models.CharField(_("kategoria"), max_length=20, choices=Category.choices)
    amount_pln = models.DecimalField(_("wydatki kwalifikowalne poniesione (PLN)"), **AMOUNT)

    class Meta:
        ordering = ["year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["report", "year", "category"], name="report_expenditure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.amount_pln}"


class ReportIndicator(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    target = models.ForeignKey(ContractIndicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("wartość osiągnięta (narastająco)"), max_digits=15, decimal_places=3)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="report_indicator_unique")]

    def __str__(self) -> str:
        return f"{self.target.indicator}: {self.value}"


class ReportMilestone(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="milestone_dates")
    milestone = models.ForeignKey(ContractMilestone, on_delete=models.CASCADE, related_name="+")
    reached_on = models.DateField(_("osiągnięty"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "milestone"], name="report_milestone_unique")
        ]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.reached_on}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("załącznik"), upload_to="projects/reports/%Y/")
    sha256 = models.CharField(max_length=64)
    uploaded_by_label = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class DurabilityStatement(models.Model):
    """The beneficiary's yearly statement that the project keeps its purpose during the durability period."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="durability_statements")
    year = models.PositiveSmallIntegerField(_("rok"))
    conditions_met = models.BooleanField(_("warunki trwałości zachowane"))
    statement = models.TextField(_("oświadczenie"))
    submitted_by_label = models.CharField(max_length=200)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="durability_statement_unique")
        ]
        verbose_name = _("oświadczenie o trwałości")
        verbose_name_plural = _("oświadczenia o trwałości")

    def __str__(self) -> str:
        return f"{self.contract} {self.year}"

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("złożone")

    @property
    def state(self) -> str:
        """A statement is submitted once for its year and is not accepted or returned: it has no other state."""
        return self.State.SUBMITTED


class DurabilityCheck(models.Model):
    class Result(models.TextChoices):
        KEPT = "kept", _("trwałość zachowana")
        BROKEN = "broken", _("trwałość naruszona")

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="durability_checks")
    checked_on = models.DateField(_("data kontroli"))
    result = models.CharField(_("wynik"), max_length=10, choices=Result.choices)
    notes = models.TextField(_("ustalenia"), blank=True)
    checked_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ["checked_on", "pk"]
        verbose_name = _("kontrola trwałości")
        verbose_name_plural = _("kontrole trwałości")

    def __str__(self) -> str:
        return f"{self.contract} {self.checked_on}"


class PublishedProject(models.Model):
    """A row of the public list of projects (art. 49 of Regulation 2021/1060) in the columns of the official
    list. Rows of the platform's own contracts are kept in step with the contract; other rows come from an
    imported list (upsert by contract number)."""

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
