"""The opinions of the Partners' Working Group (the advisory body) on the list of strategic projects, the annual
report and strategy updates: recorded with their outcome and date, so the Rada sees them before it votes.
An opinion is never deleted: a mistaken one is withdrawn with a reason and stays on record."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["AdvisoryOpinion"]

SUBJECT_FIELDS = ("list_version", "strategy_version", "annual_report")


def _exactly_one_subject() -> Q:
    """The check that exactly one of the subject's foreign keys is set."""
    options = []
    for chosen in SUBJECT_FIELDS:
        condition = Q(**{f"{chosen}__isnull": False})
        for other in SUBJECT_FIELDS:
            if other != chosen:
                condition &= Q(**{f"{other}__isnull": True})
        options.append(condition)
    result = options[0]
    for option in options[1:]:
        result |= option
    return result


def subject_label(subject: models.Model) -> str:
    if subject._meta.label == "monitoring.AnnualReport":
        return str(_("sprawozdanie roczne za %(y)s r.") % {"y": subject.year})
    return str(subject)


class AdvisoryOpinion(models.Model):
    class Outcome(models.TextChoices):
        POSITIVE = "pozytywna", _("pozytywna")
        REMARKS = "pozytywna z uwagami", _("pozytywna z uwagami")
        NEGATIVE = "negatywna", _("negatywna")

    class SubjectKind(models.TextChoices):
        LIST = "list_version", _("lista projektów strategicznych")
        STRATEGY = "strategy_version", _("aktualizacja strategii")
        REPORT = "annual_report", _("sprawozdanie roczne")

    body = models.ForeignKey(
        "association.Body",
        on_delete=models.PROTECT,
        related_name="advisory_opinions",
        verbose_name=_("organ"),
    )
    list_version = models.ForeignKey(
        "projects.ListVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wersja listy projektów"),
    )
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wersja strategii"),
    )
    annual_report = models.ForeignKey(
        "monitoring.AnnualReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sprawozdanie roczne"),
    )
    given_on = models.DateField(_("data wydania opinii"))
    outcome = models.CharField(_("opinia"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("treść i uwagi"), blank=True)
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advisory_opinions",
        verbose_name=_("posiedzenie grupy"),
    )
    document = models.ForeignKey(
        "governance.PublicDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dokument opinii"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by_label = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(_("wycofano"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("powód wycofania"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_subject(), name="advisory_opinion_one_subject"),
        ]
        verbose_name = _("opinia grupy roboczej")
        verbose_name_plural = _("opinie grupy roboczej")

    def __str__(self) -> str:
        from zit.core.formatting import format_date

        return f"{self.get_outcome_display()} ({format_date(self.given_on)})"

    @property
    def subject(self) -> models.Model:
        return self.list_version or self.strategy_version or self.annual_report

    @property
    def subject_label(self) -> str:
        """What the opinion is on, as a person reads it (a report by its year, not its data date)."""
        return subject_label(self.subject)

    @property
    def subject_kind(self) -> str:
        return next(name for name in SUBJECT_FIELDS if getattr(self, f"{name}_id"))
