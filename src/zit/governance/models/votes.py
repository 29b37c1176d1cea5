"""Roll-call votes on resolutions: the majority a body's statute sets for a kind of resolution (`VotingRule`),
the vote with the rule applied and its frozen result (`Vote`), and one ballot per seat (`Ballot`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.governance.models.meetings import Resolution, ResolutionKind

__all__ = ["Majority", "MajorityBase", "VotingRule", "Vote", "Ballot"]


class Majority(models.TextChoices):
    SIMPLE = "simple", _("zwykła większość")
    ABSOLUTE = "absolute", _("bezwzględna większość")
    QUALIFIED = "qualified", _("większość kwalifikowana")
    UNANIMOUS = "unanimous", _("jednomyślność")


class MajorityBase(models.TextChoices):
    """What an absolute or qualified majority is counted against."""

    CAST = "cast", _("głosów oddanych (za, przeciw i wstrzymujących się)")
    PRESENT = "present", _("obecnych na posiedzeniu")
    COMPOSITION = "composition", _("statutowego składu organu")


class VotingRule(models.Model):
    """The majority a body needs for one kind of resolution, where the statute sets one apart from the
    body's general rule (kept on `association.Body`)."""

    body = models.ForeignKey(
        "association.Body", on_delete=models.CASCADE, related_name="voting_rules", verbose_name=_("organ")
    )
    kind = models.CharField(_("rodzaj uchwały"), max_length=30, choices=ResolutionKind.choices)
    majority = models.CharField(_("większość"), max_length=12, choices=Majority.choices)
    base = models.CharField(
        _("liczona od"), max_length=12, choices=MajorityBase.choices, default=MajorityBase.CAST
    )
    qualified_fraction = models.DecimalField(
        _("próg większości kwalifikowanej"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Np. 0,6667 dla 2/3."),
    )
    note = models.CharField(_("podstawa w statucie"), max_length=300, blank=True)

    class Meta:
        ordering = ["body", "kind"]
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="governance_rule_per_kind")]
        verbose_name = _("zasada głosowania")
        verbose_name_plural = _("zasady głosowania")

    def __str__(self) -> str:
        return f"{self.body}: {self.get_kind_display()}"


class Vote(models.Model):
    """One roll-call vote on a resolution, with its result as computed when it was closed."""

    class Mode(models.TextChoices):
        LIVE = "live", _("na bieżąco, w trakcie posiedzenia")
        MINUTES = "minutes", _("wprowadzone po posiedzeniu, z protokołu")

    class State(models.TextChoices):
        """Not stored: a vote is open until it is closed (`closed_at`), when its result is frozen."""

        OPEN = "open", _("w toku")
        CLOSED = "closed", _("zamknięte")

    resolution = models.OneToOneField(Resolution, on_delete=models.CASCADE, related_name="vote")
    mode = models.CharField(_("sposób zapisu"), max_length=10, choices=Mode.choices, default=Mode.LIVE)
    held_on = models.DateField(_("data głosowania"))
    closed_at = models.DateTimeField(_("zamknięto"), null=True, blank=True)
    recorded_by_label = models.CharField(_("zapisał(a)"), max_length=200, blank=True)
    # the rule applied, copied so the result stays explainable if the rule changes later
    majority = models.CharField(max_length=12, choices=Majority.choices, blank=True)
    base = models.CharField(max_length=12, choices=MajorityBase.choices, blank=True)
    qualified_fraction = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    quorum_fraction = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    composition = models.PositiveSmallIntegerField(null=True, blank=True)
    present = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    adopted = models.BooleanField(null=True)
    explanation = models.TextField(_("wyjaśnienie wyniku"), blank=True)

    class Meta:
        verbose_name = _("głosowanie")
        verbose_name_plural = _("głosowania")

    def __str__(self) -> str:
        return _("Głosowanie: %(r)s") % {"r": self.resolution}

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def state(self) -> str:
        return self.State.CLOSED if self.closed_at is not None else self.State.OPEN

    @property
    def from_minutes(self) -> bool:
        """Entered after the meeting from its minutes (the number of the resolution may come from them)."""
        return self.mode == self.Mode.MINUTES


class Ballot(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("za")
        AGAINST = "against", _("przeciw")
        ABSTAIN = "abstain", _("wstrzymał(a) się")
        NOT_VOTING = "not_voting", _("obecny(-a), nie głosował(a)")
        ABSENT = "absent", _("nieobecny")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    seat = models.CharField(max_length=20)
    member = models.ForeignKey(
        "association.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("głosował(a)"),
    )
    choice = models.CharField(
        _("głos"),
        max_length=10,
        choices=Choice.choices,
        blank=True,
        help_text=_("Puste: jeszcze nie zapisano."),
    )

    class Meta:
        ordering = ["vote", "member__number", "person__last_name", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "seat"], name="governance_one_ballot_per_seat")
        ]
        verbose_name = _("głos")
        verbose_name_plural = _("głosy")

    def __str__(self) -> str:
        return f"{self.member or self.person}: {self.get_choice_display()}"
