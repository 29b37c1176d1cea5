"""The managing authority's calls (run in its own system) and the association's compliance opinions on the
applications filed in them: the checklist versioned per call, the opinion with its answers, who signs."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.projects.models import AMOUNT, ListVersion, ProjectCard


class Call(models.Model):
    """A call of the managing authority, run in its own system (LSI 2021+): listed projects apply in the
    non-competitive mode; in competitive calls the association's representative may sit on the panel."""

    class OpinionsPublished(models.TextChoices):
        AFTER_ISSUE = "after_issue", _("po wydaniu opinii")
        AFTER_RESULTS = "after_results", _("po rozstrzygnięciu naboru")
        NEVER = "never", _("nie publikujemy")

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
    agreement_clause = models.CharField(
        _("postanowienie porozumienia ZIT"),
        max_length=300,
        blank=True,
        help_text=_("Paragraf porozumienia z IZ o opiniowaniu projektów, np. § 5 ust. 2 pkt 3."),
    )
    zit_criterion = models.CharField(
        _("kryterium naboru o zgodności ze strategią ZIT"),
        max_length=300,
        blank=True,
        help_text=_("Nazwa i numer kryterium z regulaminu naboru."),
    )
    results_on = models.DateField(_("rozstrzygnięcie naboru"), null=True, blank=True)
    opinions_published = models.CharField(
        _("publikacja opinii w rejestrze"),
        max_length=20,
        choices=OpinionsPublished.choices,
        default=OpinionsPublished.AFTER_RESULTS,
        help_text=_("Kiedy regulamin naboru IZ pozwala pokazać opinie publicznie."),
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


class OpinionChecklist(models.Model):
    """A version of the checklist the association answers in its compliance opinions on a call's applications.
    A new version does not change issued opinions: each answer keeps a copy of its criterion's text."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="checklists", verbose_name=_("nabór IZ")
    )
    number = models.PositiveIntegerField(_("wersja"))
    note = models.CharField(_("co się zmieniło"), max_length=300, blank=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "-number"]
        constraints = [models.UniqueConstraint(fields=["call", "number"], name="opinion_checklist_unique")]
        verbose_name = _("lista sprawdzająca opinii")
        verbose_name_plural = _("listy sprawdzające opinii")

    def __str__(self) -> str:
        return f"{self.call.number} v{self.number}"


class ChecklistCriterion(models.Model):
    checklist = models.ForeignKey(OpinionChecklist, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    text = models.CharField(_("kryterium"), max_length=500)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("kryterium listy sprawdzającej")
        verbose_name_plural = _("kryteria listy sprawdzającej")

    def __str__(self) -> str:
        return self.text


class ComplianceOpinion(models.Model):
    """The association's opinion on an application's compliance with the ZIT strategy, at the managing
    authority's request. A card may have several (a corrected application, a later call, an amendment). Each
    names the strategy version that is the ZIT strategy on its day and the list version in force then. Generated
    as a DOCX, signed outside the platform; the uploaded signed file is the record (core.SignedDocument)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("do podpisu")
        ISSUED = "issued", _("wydana")

    class Decision(models.TextChoices):
        SELECTED = "selected", _("wybrany do dofinansowania")
        NOT_SELECTED = "not_selected", _("niewybrany")

    card = models.ForeignKey(ProjectCard, on_delete=models.PROTECT, related_name="opinions")
    call = models.ForeignKey(
        Call, null=True, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("nabór IZ")
    )
    application_number = models.CharField(_("numer wniosku w systemie IZ"), max_length=60, blank=True)
    application_version = models.CharField(
        _("wersja wniosku"), max_length=40, blank=True, help_text=_("Np. 2 (po poprawkach).")
    )
    application_date = models.DateField(_("data wersji wniosku"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("rok"))
    sequence = models.PositiveIntegerField(_("numer kolejny w roku"))
    state = models.CharField(_("stan"), max_length=10, choices=State.choices, default=State.DRAFT)
    compliant = models.BooleanField(_("projekt zgodny ze strategią"))
    justification = models.TextField(_("uzasadnienie"), blank=True)
    issued_on = models.DateField(_("data opinii"))
    requested_on = models.DateField(_("data prośby IZ"), null=True, blank=True)
    due_on = models.DateField(_("termin na opinię"), null=True, blank=True)
    request_reference = models.CharField(_("znak pisma IZ"), max_length=120, blank=True)
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wersja strategii"),
    )
    list_version = models.ForeignKey(
        ListVersion, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("wersja listy")
    )
    checklist = models.ForeignKey(
        OpinionChecklist,
        null=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("lista sprawdzająca"),
    )
    signatories = models.TextField(_("podpisujący"), blank=True)
    iz_decision = models.CharField(
        _("rozstrzygnięcie IZ"), max_length=20, choices=Decision.choices, blank=True
    )
    iz_decision_on = models.DateField(_("data rozstrzygnięcia IZ"), null=True, blank=True)
    iz_decision_reference = models.CharField(_("znak rozstrzygnięcia IZ"), max_length=200, blank=True)
    iz_decision_source = models.CharField(
        _("źródło informacji o rozstrzygnięciu"), max_length=300, blank=True
    )
    created_by_label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="compliance_opinion_number_unique")
        ]
        verbose_name = _("opinia o zgodności ze strategią")
        verbose_name_plural = _("opinie o zgodności ze strategią")

    def __str__(self) -> str:
        return f"{self.number} ({self.card.number})"

    @property
    def number(self) -> str:
        return f"{self.sequence}/{self.year}"

    @property
    def issued(self) -> bool:
        return self.state == self.State.ISSUED


class OpinionAnswer(models.Model):
    """One criterion of the checklist answered in an opinion, with the criterion's text as it was then."""

    class Answer(models.TextChoices):
        MET = "met", _("spełnione")
        NOT_MET = "not_met", _("niespełnione")
        NOT_APPLICABLE = "na", _("nie dotyczy")

    opinion = models.ForeignKey(ComplianceOpinion, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(
        ChecklistCriterion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("kolejność"), default=0)
    criterion_text = models.CharField(_("kryterium"), max_length=500)
    answer = models.CharField(_("ocena"), max_length=10, choices=Answer.choices)
    justification = models.TextField(_("uzasadnienie"))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("odpowiedź listy sprawdzającej")
        verbose_name_plural = _("odpowiedzi listy sprawdzającej")

    def __str__(self) -> str:
        return f"{self.criterion_text}: {self.get_answer_display()}"


class OpinionSignatories(models.Model):
    """Who signs the compliance opinions and their cover letters for the association: one setting, kept by
    the office (e.g. the President of the Management Board alone, or two members of the Board)."""

    signatories = models.TextField(
        _("podpisujący"),
        help_text=_(
            "Jedna osoba w wierszu: imię i nazwisko, przecinek, funkcja, np. „Jan Kowalski, Prezes Zarządu”. "
            "Zgodnie ze statutem: prezes albo dwóch członków Zarządu."
        ),
    )
    updated_by_label = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("podpisujący opinie")
        verbose_name_plural = _("podpisujący opinie")

    def __str__(self) -> str:
        return self.signatories.replace("\n", "; ")

    def lines(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]
