"""Pre-selection scoring of project cards in a round with more ideas than money: the round's criteria, the
assessors' impartiality declarations, who assesses which card, and the scores they give.

Totals, the final score and the ranking are computed from these rows (`scoring.py`), never stored, so a
correction of a score can never leave a stale total behind."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class CriteriaSet(models.Model):
    """The criteria of one round, with the pass threshold and the gap between two assessors that calls a third."""

    round = models.OneToOneField(
        "projects.Round", on_delete=models.PROTECT, related_name="criteria_set", verbose_name=_("nabór")
    )
    pass_threshold = models.DecimalField(
        _("próg punktowy"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Najniższy wynik końcowy (suma ważona), z którym fiszka przechodzi ocenę."),
    )
    third_share = models.DecimalField(
        _("rozbieżność, przy której ocenia trzeci oceniający"),
        max_digits=5,
        decimal_places=4,
        help_text=_(
            "Część największej możliwej sumy ważonej, np. 30%. Gdy sumy dwóch ocen różnią się o więcej, "
            "fiszkę ocenia trzeci oceniający."
        ),
    )
    closed_at = models.DateTimeField(_("ocena zamknięta"), null=True, blank=True)
    closed_by_label = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zestaw kryteriów oceny")
        verbose_name_plural = _("zestawy kryteriów oceny")

    def __str__(self) -> str:
        return gettext("Kryteria oceny w naborze %(n)s") % {"n": self.round.number}

    @property
    def max_total(self) -> Decimal:
        """The highest weighted total an assessor can give: Σ weight × maximum score."""
        return sum(
            (c.weight * c.max_score for c in self.criteria.all() if c.kind == Criterion.Kind.SCORED),
            Decimal(0),
        )

    @property
    def third_gap(self) -> Decimal:
        """How far apart two totals may be before a third assessor is needed."""
        return self.third_share * self.max_total


class Criterion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("obowiązkowe (tak/nie)")
        SCORED = "scored", _("punktowe")

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("kolejność"))
    name = models.CharField(_("kryterium"), max_length=300)
    description = models.TextField(
        _("jak oceniać"), blank=True, help_text=_("Co oceniający sprawdza i za co daje punkty.")
    )
    kind = models.CharField(_("rodzaj"), max_length=10, choices=Kind.choices)
    weight = models.DecimalField(_("waga"), max_digits=6, decimal_places=2, null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(_("najwyżej punktów"), null=True, blank=True)
    min_score = models.PositiveSmallIntegerField(
        _("minimum punktów"),
        null=True,
        blank=True,
        help_text=_("Średnia ocen w tym kryterium, którą fiszka musi osiągnąć. Puste: bez minimum."),
    )
    tie_break_order = models.PositiveSmallIntegerField(
        _("kolejność przy remisie"),
        null=True,
        blank=True,
        help_text=_("1, 2, …: przy równym wyniku wyżej jest fiszka z wyższą średnią w tym kryterium."),
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "position"], name="criterion_position_unique")
        ]
        verbose_name = _("kryterium oceny")
        verbose_name_plural = _("kryteria oceny")

    def __str__(self) -> str:
        return self.name

    @property
    def scored(self) -> bool:
        return self.kind == self.Kind.SCORED


class Declaration(models.Model):
    """An assessor's declaration of impartiality for one round, signed before they see any card of it."""

    round = models.ForeignKey(
        "projects.Round", on_delete=models.PROTECT, related_name="declarations", verbose_name=_("nabór")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="impartiality_declarations",
        verbose_name=_("oceniający"),
    )
    text = models.TextField(_("treść oświadczenia"))  # as signed, so a later wording does not change it
    ties = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("organizacje, z którymi oceniający jest powiązany"),
    )
    signed_at = models.DateTimeField(_("podpisano"))
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "assessor"], name="declaration_round_assessor_unique")
        ]
        verbose_name = _("oświadczenie o bezstronności")
        verbose_name_plural = _("oświadczenia o bezstronności")

    def __str__(self) -> str:
        return f"{self.assessor} – {self.round.number}"


class Assignment(models.Model):
    """One assessor assessing one card; the scores hang on it. Submitted means final."""

    card = models.ForeignKey(
        "projects.ProjectCard", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("fiszka")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessment_assignments",
        verbose_name=_("oceniający"),
    )
    third = models.BooleanField(_("trzeci oceniający"), default=False)
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("ocena złożona"), null=True, blank=True)
    # a tie that appeared after the assignment (a role given later), recorded when first found: the assessment
    # stays blocked from then on, even if the role goes, until the office takes the assessor off the card
    conflict_found_at = models.DateTimeField(_("powiązanie wykryte"), null=True, blank=True)
    conflict_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizacja, z którą oceniający jest powiązany"),
    )
    conflict_why = models.CharField(max_length=10, blank=True)  # as `selectors.Tie.why`
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["card__number", "third", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["card", "assessor"], name="assignment_card_assessor_unique")
        ]
        verbose_name = _("przydział do oceny")
        verbose_name_plural = _("przydziały do oceny")

    def __str__(self) -> str:
        return f"{self.card.number} – {self.assessor}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def conflicted(self) -> bool:
        return self.conflict_found_at is not None


class Score(models.Model):
    """The value an assessor gave one criterion, with the justification. Yes/no criteria: 1 yes, 0 no."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    # PROTECT: a scored criterion cannot disappear under the score, whatever the services allow
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("ocena"), null=True, blank=True)
    justification = models.TextField(_("uzasadnienie"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="score_assignment_criterion_unique"
            )
        ]
        verbose_name = _("ocena w kryterium")
        verbose_name_plural = _("oceny w kryteriach")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
