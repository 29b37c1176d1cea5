"""Meetings of the association's bodies, resolutions and the documents of the public register (the votes are in
`votes.py`).

Bodies, members, people and mandates live in `association`; a resolution acts on other apps through their
services (`governance.effects`), with the `core.DecisionReference` it creates as their decision reference.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date

__all__ = [
    "ResolutionKind",
    "Meeting",
    "AgendaItem",
    "Attendance",
    "Resolution",
    "ResolutionAttachment",
    "BoardDischarge",
    "PublicDocument",
]


class ResolutionKind(models.TextChoices):
    """What a resolution decides; the kinds with an effect act on another app when adopted."""

    STRATEGY_PROCEDURE = "strategy_procedure", _("tryb i harmonogram prac nad strategią")
    STRATEGY_ADOPTION = "strategy_adoption", _("przyjęcie strategii ZIT")
    PROJECT_LIST = "project_list", _("zatwierdzenie listy projektów strategicznych")
    SAVINGS_REALLOCATION = "savings_reallocation", _("przeznaczenie oszczędności na projekty z listy")
    ANNUAL_REPORT = "annual_report", _("przyjęcie sprawozdania z realizacji strategii")
    ACCOUNTS_APPROVAL = "accounts_approval", _("zatwierdzenie sprawozdania finansowego")
    DISCHARGE = "discharge", _("absolutorium dla Zarządu")
    FEE_RULE = "fee_rule", _("wysokość składek członkowskich")
    BUDGET = "budget", _("budżet Stowarzyszenia")
    MEMBER_JOIN = "member_join", _("przyjęcie członka")
    MEMBER_LEAVE = "member_leave", _("wystąpienie lub wykluczenie członka")
    AMENDMENT = "amendment", _("zmiana uchwały")
    REPEAL = "repeal", _("uchylenie uchwały")
    OTHER = "other", _("inna sprawa")


class Publishable(models.Model):
    """What the public register shows of an entry's *metryczka*: who prepared it, who published it and when.
    The change history comes from the audit log."""

    prepared_by = models.CharField(
        _("informację wytworzył(a)"),
        max_length=200,
        blank=True,
        help_text=_("Imię, nazwisko i funkcja osoby odpowiedzialnej za treść."),
    )
    prepared_on = models.DateField(_("data wytworzenia"), null=True, blank=True)
    published_at = models.DateTimeField(_("opublikowano"), null=True, blank=True)
    published_by_label = models.CharField(_("opublikował(a)"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Meeting(Publishable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("zaplanowane")
        INVITED = "invited", _("zaproszenia wysłane")
        OPEN = "open", _("w toku")
        CLOSED = "closed", _("zakończone")
        CANCELLED = "cancelled", _("odwołane")

    body = models.ForeignKey(
        "association.Body", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("organ")
    )
    number = models.CharField(
        _("numer posiedzenia"), max_length=20, blank=True, help_text=_("Np. XII albo 3/2025; nieobowiązkowy.")
    )
    starts_at = models.DateTimeField(_("początek"))
    ends_at = models.DateTimeField(_("planowany koniec"), null=True, blank=True)
    place = models.CharField(_("miejsce"), max_length=300, blank=True)
    online_url = models.URLField(_("link do spotkania online"), blank=True)
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    chair = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("przewodniczący obrad"),
    )
    minutes_taker = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("protokolant"),
    )
    minutes_notes = models.TextField(
        _("przebieg obrad"), blank=True, help_text=_("Trafia do protokołu; można go poprawić w pliku DOCX.")
    )
    invitation_note = models.TextField(_("treść zaproszenia"), blank=True)
    invitation_sent_at = models.DateTimeField(_("zaproszenia wysłano"), null=True, blank=True)
    invitation_sent_by_label = models.CharField(max_length=200, blank=True)
    opened_at = models.DateTimeField(_("otwarto"), null=True, blank=True)
    closed_at = models.DateTimeField(_("zamknięto"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE: raised on each change")
    invited_sequence = models.PositiveIntegerField(
        null=True, blank=True, help_text="the SEQUENCE the last invitations carried"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        verbose_name = _("posiedzenie")
        verbose_name_plural = _("posiedzenia")

    def __str__(self) -> str:
        day = format_date(timezone.localtime(self.starts_at).date())
        if self.body.name_genitive and (get_language() or "pl").startswith("pl"):
            return f"Posiedzenie {self.body.name_genitive}, {day}"  # "Posiedzenie Rady, 27 listopada 2026"
        return _("Posiedzenie: %(body)s, %(day)s") % {"body": self.body.name, "day": day}

    @property
    def label_html(self) -> str:
        """The meeting's name on a page: the body's name (data typed in Polish) marked so in other languages."""
        if (get_language() or "pl").startswith("pl"):
            return str(self)
        from django.utils.html import conditional_escape
        from django.utils.safestring import mark_safe

        from zit.core.templatetags.zit import pl

        day = format_date(timezone.localtime(self.starts_at).date())
        return mark_safe(  # noqa: S308 - every part escaped
            str(conditional_escape(_("Posiedzenie: %(body)s, %(day)s")))
            % {"body": conditional_escape(pl(self.body.name)), "day": conditional_escape(day)}
        )

    # the states as the pages ask about them (templates never compare state strings)
    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        """Held and closed: the minutes can be prepared."""
        return self.status == self.Status.CLOSED

    @property
    def is_finished(self) -> bool:
        """Closed or cancelled: its details, agenda and attendance no longer change."""
        return self.status in (self.Status.CLOSED, self.Status.CANCELLED)

    @property
    def invitations_outdated(self) -> bool:
        """The time or place changed after the invitations went out."""
        return self.invited_sequence is not None and self.invited_sequence != self.sequence


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("kolejność"))
    title = models.CharField(_("punkt porządku obrad"), max_length=500)
    description = models.TextField(_("opis"), blank=True)
    resolution = models.OneToOneField(
        "governance.Resolution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_item",
        verbose_name=_("projekt uchwały"),
    )

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("punkt porządku obrad")
        verbose_name_plural = _("porządek obrad")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    """Who sat in one seat of the body at a meeting. A seat is a member for a body of members' representatives
    (the Rada), and a person holding a mandate for the others."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.CharField(max_length=20, help_text="m:<member id> or p:<person id>")
    member = models.ForeignKey(
        "association.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("obecny(-a)"),
    )
    present = models.BooleanField(_("obecny"), default=False)
    note = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "member__number", "person__last_name", "seat"]
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="governance_one_per_seat")]
        verbose_name = _("obecność")
        verbose_name_plural = _("lista obecności")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.member or self.person}"


class Resolution(Publishable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("projekt")
        ADOPTED = "adopted", _("podjęta")
        REJECTED = "rejected", _("niepodjęta")
        WITHDRAWN = "withdrawn", _("wycofana")

    class Effect(models.TextChoices):
        NONE = "none", _("bez skutków w innych rejestrach")
        PENDING = "pending", _("skutek do wprowadzenia")
        APPLIED = "applied", _("skutek wprowadzony")
        MANUAL = "manual", _("skutek wprowadza się ręcznie")

    body = models.ForeignKey(
        "association.Body", on_delete=models.PROTECT, related_name="resolutions", verbose_name=_("organ")
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("posiedzenie"),
    )
    kind = models.CharField(
        _("czego dotyczy"), max_length=30, choices=ResolutionKind.choices, default=ResolutionKind.OTHER
    )
    subject = models.CharField(
        _("w sprawie"), max_length=500, help_text=_("Dokończenie zdania „Uchwała … w sprawie …”.")
    )
    text = models.TextField(_("treść"), help_text=_("Paragrafy uchwały; każdy akapit to osobny paragraf."))
    justification = models.TextField(_("uzasadnienie"), blank=True)
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    year = models.PositiveSmallIntegerField(_("rok"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("numer kolejny w roku"), null=True, blank=True)
    adopted_on = models.DateField(_("data podjęcia"), null=True, blank=True)
    decision = models.OneToOneField(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolution",
        verbose_name=_("podstawa decyzji"),
    )
    effect = models.CharField(_("skutek"), max_length=10, choices=Effect.choices, default=Effect.NONE)
    effect_applied_at = models.DateTimeField(_("skutek wprowadzono"), null=True, blank=True)
    effect_note = models.TextField(_("co wprowadzono"), blank=True)
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amended_by",
        verbose_name=_("zmienia uchwałę"),
    )
    repeals = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repealed_by",
        verbose_name=_("uchyla uchwałę"),
    )
    # what the resolution acts on; which one depends on `kind`
    strategy_version = models.ForeignKey(
        "strategy.StrategyVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wersja strategii"),
    )
    list_version = models.ForeignKey(
        "projects.ListVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wersja listy projektów"),
    )
    annual_report = models.ForeignKey(
        "monitoring.AnnualReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sprawozdanie roczne"),
    )
    fee_rule = models.ForeignKey(
        "fees.FeeRule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("zasady składek"),
    )
    member = models.ForeignKey(
        "association.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("członek"),
    )
    effective_on = models.DateField(
        _("ze skutkiem od"),
        null=True,
        blank=True,
        help_text=_("Dla przyjęcia lub wystąpienia członka: dzień, od którego zmienia się członkostwo."),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("za rok"),
        null=True,
        blank=True,
        help_text=_("Dla zatwierdzenia sprawozdania finansowego, absolutorium i budżetu."),
    )

    class Meta:
        ordering = ["-year", "-sequence", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="governance_resolution_number",
            )
        ]
        verbose_name = _("uchwała")
        verbose_name_plural = _("uchwały")

    def __str__(self) -> str:
        if self.number:
            return _("Uchwała nr %(n)s w sprawie %(s)s") % {"n": self.number, "s": self.subject}
        return _("Projekt uchwały w sprawie %(s)s") % {"s": self.subject}

    @property
    def number(self) -> str:
        return f"{self.sequence}/{self.year}" if self.sequence and self.year else ""

    # the states as the pages ask about them (templates never compare state strings)
    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def has_vote(self) -> bool:
        try:
            return self.vote is not None
        except ObjectDoesNotExist:  # no vote yet (the reverse side of Vote.resolution)
            return False

    @property
    def is_editable(self) -> bool:
        """A draft nobody has started voting on: its text can still change."""
        return self.is_draft and not self.has_vote

    @property
    def effect_pending(self) -> bool:
        return self.effect == self.Effect.PENDING

    @property
    def effect_none(self) -> bool:
        return self.effect == self.Effect.NONE


class ResolutionAttachment(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="attachments")
    order = models.PositiveSmallIntegerField(_("numer załącznika"), default=1)
    title = models.CharField(_("tytuł załącznika"), max_length=300)
    file = models.FileField(_("plik"), upload_to="governance/attachments/%Y/")
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resolution", "order", "id"]
        verbose_name = _("załącznik do uchwały")
        verbose_name_plural = _("załączniki do uchwał")

    def __str__(self) -> str:
        return self.title


class BoardDischarge(models.Model):
    """The Rada's annual discharge (*absolutorium*) of the board, or its refusal, by resolution."""

    year = models.PositiveSmallIntegerField(_("za rok"))
    board = models.ForeignKey("association.Body", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "association.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("członek Zarządu"),
        help_text=_("Puste: absolutorium dla Zarządu jako całości."),
    )
    granted = models.BooleanField(_("udzielono"))
    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="discharges")

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("absolutorium")
        verbose_name_plural = _("absolutoria")

    def __str__(self) -> str:
        return f"{self.year}: {self.person or self.board}"


class PublicDocument(Publishable):
    """A document of the public register besides resolutions and minutes: the statute, a budget, a report."""

    class Category(models.TextChoices):
        STATUTE = "statute", _("statut i regulaminy")
        BUDGET = "budget", _("budżet i finanse")
        REPORT = "report", _("sprawozdania")
        MINUTES = "minutes", _("protokoły")
        ANNOUNCEMENT = "announcement", _("ogłoszenia")
        OTHER = "other", _("inne")

    title = models.CharField(_("tytuł"), max_length=300)
    category = models.CharField(_("kategoria"), max_length=20, choices=Category.choices)
    description = models.TextField(_("opis"), blank=True)
    file = models.FileField(_("plik"), upload_to="governance/documents/%Y/")
    sha256 = models.CharField(max_length=64, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("posiedzenie"),
        help_text=_("Gdy dokument to materiał na posiedzenie."),
    )
    withdrawn_at = models.DateTimeField(_("wycofano z publikacji"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("powód wycofania"), max_length=300, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenty")

    def __str__(self) -> str:
        return self.title
