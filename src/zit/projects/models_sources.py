"""A card's funding beside the FEW 2021+ measure: other programmes (FEnIKS, FERS, KPO, the Just Transition Fund
outside ZIT), national programmes, the members' own budgets and other sources, each with its own amounts.

The card's own `measure`, `fund` and budget stay the FEW 2021+ (Fundusze Europejskie dla Wielkopolski) source:
only they draw on the ZIT envelopes. A card without a measure is funded only from the sources kept here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

AMOUNT = {"max_digits": 15, "decimal_places": 2}


class CardFundingSource(models.Model):
    class Kind(models.TextChoices):
        FENIKS = "feniks", _("FEnIKS 2021–2027 (Fundusze Europejskie na Infrastrukturę, Klimat, Środowisko)")
        FERS = "fers", _("FERS (Fundusze Europejskie dla Rozwoju Społecznego)")
        KPO = "kpo", _("KPO (Krajowy Plan Odbudowy)")
        FST = "fst", _("Fundusz Sprawiedliwej Transformacji poza ZIT")
        FEW_OTHER = "few_other", _("FEW 2021+ poza ZIT")
        NATIONAL = "national", _("program krajowy")
        OWN = "own", _("budżety własne członków")
        OTHER = "other", _("inne")

    card = models.ForeignKey("projects.ProjectCard", on_delete=models.CASCADE, related_name="funding_sources")
    kind = models.CharField(_("rodzaj źródła"), max_length=12, choices=Kind.choices)
    programme = models.CharField(
        _("program lub źródło"),
        max_length=300,
        blank=True,
        help_text=_("Np. Rządowy Fundusz Polski Ład, budżet Gminy Wilczyn, nabór FEnIKS.02.01."),
    )
    # only for FEW 2021+ outside ZIT: the measure the grant comes from (it does not draw on the ZIT envelopes)
    measure = models.ForeignKey(
        "funding.Measure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("działanie FEW 2021+"),
    )
    grant_pln = models.DecimalField(_("kwota finansowania (PLN)"), **AMOUNT)
    eligible_pln = models.DecimalField(_("koszt kwalifikowalny objęty źródłem (PLN)"), **AMOUNT)
    category = models.CharField(
        _("kategoria wydatków"),
        max_length=200,
        blank=True,
        help_text=_("Np. roboty budowlane, zakup taboru. Pusta: cały projekt."),
    )
    period_from = models.DateField(_("okres od"), null=True, blank=True)
    period_to = models.DateField(_("okres do"), null=True, blank=True)
    note = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grant_pln__gte=0) & models.Q(eligible_pln__gte=0),
                name="card_source_amounts_not_negative",
            )
        ]
        verbose_name = _("źródło finansowania fiszki")
        verbose_name_plural = _("źródła finansowania fiszki")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        kind = str(self.get_kind_display())
        return f"{kind}: {self.programme}" if self.programme else kind

    @property
    def is_grant(self) -> bool:
        """Money from outside the beneficiaries: counted against double funding (own budgets are not)."""
        return self.kind != self.Kind.OWN
