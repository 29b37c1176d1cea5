"""The managing authority's calendar: its call schedule (harmonogram naborów) in dated versions, its individual
calls to listed applicants in the non-competitive mode (wezwanie do złożenia wniosku), and the IZ's assessment
of an application filed in a call, step by step (`lifecycles_iz.IZ_ASSESSMENT`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.projects.models import AMOUNT, ProjectCard
from zit.projects.models_calls import Call


class ScheduleVersion(models.Model):
    """One version of the IZ's call schedule as it published it: a new version never changes an older one."""

    published_on = models.DateField(_("data publikacji harmonogramu"))
    source = models.CharField(
        _("źródło"),
        max_length=500,
        help_text=_(
            "Adres ogłoszenia IZ albo znak pisma, np. https://wielkopolskie.pl/… lub DPR-II.433.1.2026."
        ),
    )
    note = models.CharField(_("uwagi"), max_length=300, blank=True)
    file_name = models.CharField(_("plik"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("wersja harmonogramu naborów IZ")
        verbose_name_plural = _("wersje harmonogramu naborów IZ")

    def __str__(self) -> str:
        return str(_("Harmonogram naborów IZ z %(d)s") % {"d": self.published_on.isoformat()})


class ScheduleEntry(models.Model):
    """A call planned in a version of the schedule. The IZ may give only the month: then the dates are the
    month's first and last day and `by_month` says so."""

    version = models.ForeignKey(ScheduleVersion, on_delete=models.CASCADE, related_name="entries")
    order = models.PositiveIntegerField(_("kolejność"), default=0)
    call_number = models.CharField(_("numer naboru"), max_length=60, blank=True)
    name = models.CharField(_("nazwa naboru"), max_length=300, blank=True)
    measure = models.ForeignKey(
        "funding.Measure", on_delete=models.PROTECT, related_name="+", verbose_name=_("działanie")
    )
    mode = models.CharField(_("tryb"), max_length=20, choices=Call.Mode.choices)
    opens_on = models.DateField(_("planowany początek"))
    closes_on = models.DateField(_("planowany koniec"))
    by_month = models.BooleanField(_("podano tylko miesiące"), default=False)
    amount_pln = models.DecimalField(_("kwota (PLN)"), null=True, blank=True, **AMOUNT)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("nabór w harmonogramie IZ")
        verbose_name_plural = _("nabory w harmonogramie IZ")

    def __str__(self) -> str:
        return self.call_number or self.name

    @property
    def key(self) -> str:
        """What identifies the planned call across versions: its number, else its measure and name."""
        return self.call_number or f"{self.measure.number}|{self.name.strip().lower()}"


class IndividualCall(models.Model):
    """The IZ's call to a listed applicant to file its application in the non-competitive mode, with the
    deadline to file it."""

    card = models.ForeignKey(ProjectCard, on_delete=models.PROTECT, related_name="individual_calls")
    call = models.ForeignKey(
        Call,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="individual_calls",
        verbose_name=_("nabór IZ"),
    )
    sent_on = models.DateField(_("data wezwania"))
    reference = models.CharField(_("znak pisma IZ"), max_length=200)
    deadline = models.DateField(_("termin złożenia wniosku"))
    note = models.CharField(_("uwagi"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("wezwanie IZ do złożenia wniosku")
        verbose_name_plural = _("wezwania IZ do złożenia wniosku")

    def __str__(self) -> str:
        return f"{self.card.number}: {self.reference}"


class IzAssessment(models.Model):
    """The IZ's assessment of the card's application in one call. Its state changes only through
    `lifecycles_iz.IZ_ASSESSMENT`; each step keeps its date and the IZ's reference (IzStep)."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("wniosek złożony w IZ")
        ASSESSMENT = "assessment", _("ocena w IZ")
        CORRECTIONS = "corrections", _("poprawa lub uzupełnienie wniosku")
        NEGOTIATIONS = "negotiations", _("negocjacje")
        SELECTED = "selected", _("wybrany do dofinansowania")
        NOT_SELECTED = "not_selected", _("niewybrany")
        FINAL_NOT_SELECTED = "final_not_selected", _("niewybrany – rozstrzygnięcie ostateczne")
        PROTEST = "protest", _("protest wniesiony")
        PROTEST_UPHELD = "protest_upheld", _("protest uwzględniony")
        PROTEST_DISMISSED = "protest_dismissed", _("protest nieuwzględniony")

    card = models.ForeignKey(ProjectCard, on_delete=models.PROTECT, related_name="iz_assessments")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="iz_assessments")
    state = models.CharField(_("stan"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["card", "call"], name="iz_assessment_unique")]
        verbose_name = _("ocena wniosku w IZ")
        verbose_name_plural = _("oceny wniosków w IZ")

    def __str__(self) -> str:
        return f"{self.card.number} / {self.call.number}"


class IzStep(models.Model):
    """One step of the IZ's assessment, from its letter: a state change, or the IZ's request for a new
    opinion (name "opinion_request")."""

    assessment = models.ForeignKey(IzAssessment, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=40)
    to_state = models.CharField(max_length=20, blank=True, choices=IzAssessment.State.choices)
    on = models.DateField(_("data"))
    reference = models.CharField(_("znak pisma IZ"), max_length=200)
    note = models.TextField(_("uwagi"), blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]  # as recorded: the IZ's letters are refused out of their dates' order
        verbose_name = _("krok oceny w IZ")
        verbose_name_plural = _("kroki oceny w IZ")

    def __str__(self) -> str:
        return f"{self.name} {self.on}"
