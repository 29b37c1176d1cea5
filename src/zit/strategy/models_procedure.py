"""The legal procedure of a strategy version: its steps (with their dates, the resolution or decision, the
document, an opinion's outcome) and the letters to each addressee (the correspondence log)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.strategy.models import StrategyVersion


class ProcedureStep(models.Model):
    """One step of the legal procedure of a version (act on gmina self-government art. 10g, act on
    development policy art. 6), with its dates and the document that proves it."""

    class Kind(models.TextChoices):
        DRAFTING_RESOLUTION = "drafting_resolution", _("uchwała o procedurze i trybie konsultacji")
        CONSULTATION = "consultation", _("konsultacje społeczne (co najmniej 35 dni)")
        OPINION = "opinion", _("opinia organu, którego trzeba zapytać")
        SEA = "sea", _("strategiczna ocena oddziaływania na środowisko albo zgoda na odstąpienie")
        REGIONAL_OPINION = "regional_opinion", _("opinia Zarządu Województwa")
        MINISTRY_OPINION = "ministry_opinion", _("opinia ministra właściwego do spraw rozwoju regionalnego")
        ADOPTION = "adoption", _("uchwała przyjmująca strategię")
        OTHER = "other", _("inny krok")
        CONSULTATION_REPORT = "consultation_report", _("raport z konsultacji")
        SEA_SCOPE = "sea_scope", _("uzgodnienie zakresu prognozy oddziaływania na środowisko")
        SEA_OPINIONS = "sea_opinions", _("opinie RDOŚ i PPIS o projekcie z prognozą")
        SEA_PARTICIPATION = "sea_participation", _("udział społeczeństwa w ocenie (co najmniej 21 dni)")
        SEA_SUMMARY = "sea_summary", _("podsumowanie strategicznej oceny")
        SEA_WAIVER = "sea_waiver", _("odstąpienie od strategicznej oceny (uzgodnione)")
        IZ_OPINION = "iz_opinion", _("opinia instytucji zarządzającej programem regionalnym")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        POSITIVE = "positive", _("pozytywna")
        NEGATIVE = "negative", _("negatywna")
        DEEMED = "deemed", _("uznana za pozytywną: brak opinii w terminie")

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="procedure_steps")
    kind = models.CharField(_("krok"), max_length=30, choices=Kind.choices)
    title = models.CharField(
        _("opis"), max_length=300, help_text=_("Np. „opinia Wód Polskich, RZGW w Poznaniu”.")
    )
    due_on = models.DateField(_("termin"), null=True, blank=True)
    started_on = models.DateField(_("rozpoczęto"), null=True, blank=True)
    completed_on = models.DateField(_("zakończono"), null=True, blank=True)
    decision = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uchwała lub decyzja"),
    )
    document = models.FileField(_("dokument"), upload_to="strategy/procedure/", blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    outcome = models.CharField(
        _("wynik opinii"), max_length=20, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    order = models.PositiveSmallIntegerField(default=0)

    class State(models.TextChoices):
        """A step's state, computed from its dates."""

        PLANNED = "planned", _("zaplanowany")
        STARTED = "started", _("rozpoczęty")
        DONE = "done", _("wykonany")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("krok procedury")
        verbose_name_plural = _("kroki procedury")

    def __str__(self) -> str:
        return self.title

    @property
    def state(self) -> str:
        if self.completed_on:
            return self.State.DONE
        return self.State.STARTED if self.started_on else self.State.PLANNED

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None


class ProcedureLetter(models.Model):
    """One addressee of a step: the letter sent, the day it reached them (which starts a term counted from
    receipt), the answer and the computed deadline. The correspondence log of the procedure."""

    step = models.ForeignKey(ProcedureStep, on_delete=models.CASCADE, related_name="letters")
    addressee = models.CharField(
        _("adresat"), max_length=300, help_text=_("Np. „Zarząd Województwa Wielkopolskiego”.")
    )
    sent_on = models.DateField(_("wysłano"))
    reference = models.CharField(_("znak pisma"), max_length=120, blank=True)
    received_on = models.DateField(
        _("doręczono adresatowi"),
        null=True,
        blank=True,
        help_text=_("Dzień doręczenia (np. z urzędowego poświadczenia odbioru); od niego liczy się termin."),
    )
    sent_document = models.FileField(_("pismo"), upload_to="strategy/letters/", blank=True)
    answered_on = models.DateField(_("odpowiedź z dnia"), null=True, blank=True)
    answer_reference = models.CharField(_("znak odpowiedzi"), max_length=120, blank=True)
    answer_document = models.FileField(_("odpowiedź"), upload_to="strategy/letters/", blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("pismo w procedurze")
        verbose_name_plural = _("korespondencja procedury")

    def __str__(self) -> str:
        return f"{self.addressee} ({self.sent_on})"
