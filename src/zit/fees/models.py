"""Members' fees: the year's rule (adopted by a resolution), assessments per member, payments, bank
statements and reminders."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date

__all__ = [
    "FeeRule",
    "FeeRuleKindRate",
    "FeeAssessment",
    "BankStatement",
    "FeePayment",
    "HeldBankLine",
    "FeeReminder",
]


class Proration(models.TextChoices):
    FULL = "full", _("pełna składka dla członka w dniu ustalenia składu")
    MONTHS = "months", _("proporcjonalnie do miesięcy członkostwa w roku")


class FeeRule(models.Model):
    """How the year's membership fees are computed. A draft until a resolution of the Rada adopts it
    (`governance.effects`, the effect registered by `fees.effects`); only one rule per year is in force."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("projekt")
        ADOPTED = "adopted", _("przyjęta uchwałą")
        SUPERSEDED = "superseded", _("zastąpiona")

    Proration = Proration

    year = models.PositiveSmallIntegerField(_("rok"))
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    fixed_amount = models.DecimalField(
        _("kwota stała od członka (zł)"), max_digits=12, decimal_places=2, default=0
    )
    per_inhabitant = models.DecimalField(
        _("kwota od mieszkańca (zł)"), max_digits=8, decimal_places=4, default=0
    )
    population_date = models.DateField(
        _("liczba mieszkańców na dzień"),
        null=True,
        blank=True,
        help_text=_("Zwykle 31 grudnia roku poprzedzającego."),
    )
    minimum = models.DecimalField(
        _("składka minimalna (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("termin płatności"), null=True, blank=True)
    members_on = models.DateField(
        _("skład członków na dzień"),
        null=True,
        blank=True,
        help_text=_("Puste: 1 stycznia roku składki. Dotyczy składki pełnej."),
    )
    proration = models.CharField(
        _("członek przystępujący lub występujący w trakcie roku"),
        max_length=10,
        choices=Proration.choices,
        default=Proration.MONTHS,
    )
    note = models.TextField(_("uwagi"), blank=True)
    adopted_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("przyjęta uchwałą"),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("zasady składek")
        verbose_name_plural = _("zasady składek")

    def __str__(self) -> str:
        return _("Składki na %(year)d r.") % {"year": self.year}

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def is_full_fee(self) -> bool:
        return self.proration == Proration.FULL

    @property
    def per_inhabitant_label(self) -> str:
        """The rate per inhabitant with its four places and the currency of the page's language."""
        from zit.core.formatting import NBSP, currency_symbol, format_number

        return f"{format_number(self.per_inhabitant, 4)}{NBSP}{currency_symbol()}"


class FeeRuleKindRate(models.Model):
    """Own amounts for one kind of member (the county, the city); members of other kinds pay by the rule's
    general amounts."""

    rule = models.ForeignKey(FeeRule, on_delete=models.CASCADE, related_name="kind_rates")
    kind = models.CharField(_("rodzaj członka"), max_length=10)  # association.Member.Kind
    fixed_amount = models.DecimalField(_("kwota stała (zł)"), max_digits=12, decimal_places=2, default=0)
    per_inhabitant = models.DecimalField(
        _("kwota od mieszkańca (zł)"), max_digits=8, decimal_places=4, default=0
    )
    minimum = models.DecimalField(
        _("składka minimalna (zł)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["rule", "kind"]
        constraints = [models.UniqueConstraint(fields=["rule", "kind"], name="one_fee_rate_per_kind")]
        verbose_name = _("stawki dla rodzaju członka")
        verbose_name_plural = _("stawki dla rodzajów członków")

    def __str__(self) -> str:
        return f"{self.rule}: {self.kind}"

    @property
    def kind_label(self) -> str:
        """The kind in short ("powiat", "miasto"), as the list of rules shows it."""
        return str(_("powiat")) if self.kind == "powiat" else str(_("miasto"))


class FeeAssessment(models.Model):
    """The fee one member owes for one year, with the figures and the explanation it was computed from.
    Regenerating supersedes the current row and keeps it as history."""

    class Status(models.TextChoices):
        CURRENT = "current", _("obowiązujące")
        SUPERSEDED = "superseded", _("zastąpione")

    rule = models.ForeignKey(FeeRule, on_delete=models.PROTECT, related_name="assessments")
    member = models.ForeignKey("association.Member", on_delete=models.PROTECT, related_name="fee_assessments")
    year = models.PositiveSmallIntegerField(_("rok"))
    reference = models.CharField(_("numer składki"), max_length=20)
    status = models.CharField(_("stan"), max_length=12, choices=Status.choices, default=Status.CURRENT)
    population = models.DecimalField(_("liczba mieszkańców"), max_digits=14, decimal_places=2, null=True)
    population_date = models.DateField(_("liczba mieszkańców na dzień"), null=True)
    population_source = models.TextField(_("źródło liczby mieszkańców"), blank=True)
    months = models.PositiveSmallIntegerField(_("miesiące członkostwa"), default=12)
    amount = models.DecimalField(_("kwota składki (zł)"), max_digits=12, decimal_places=2)
    explanation = models.JSONField(_("wyliczenie"), default=list)
    due_on = models.DateField(_("termin płatności"), null=True, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "member__number", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                condition=models.Q(status="current"),
                name="one_current_assessment_per_member_year",
            )
        ]
        verbose_name = _("naliczenie składki")
        verbose_name_plural = _("naliczenia składek")

    def __str__(self) -> str:
        return f"{self.reference} {self.member}"


class BankStatement(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        MT940 = "mt940", _("MT940")

    file_name = models.CharField(_("plik"), max_length=255)
    format = models.CharField(_("format"), max_length=6, choices=Format.choices)
    sha256 = models.CharField(max_length=64)
    lines = models.PositiveIntegerField(_("operacje w pliku"), default=0)
    credits = models.PositiveIntegerField(_("wpływy"), default=0)
    new_payments = models.PositiveIntegerField(_("nowe wpłaty"), default=0)
    duplicates = models.PositiveIntegerField(_("już zaksięgowane"), default=0)
    held = models.PositiveIntegerField(_("możliwe duplikaty do potwierdzenia"), default=0)
    matched = models.PositiveIntegerField(_("dopasowane"), default=0)
    created_by_label = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("wyciąg bankowy")
        verbose_name_plural = _("wyciągi bankowe")

    def __str__(self) -> str:
        return self.file_name


class FeePayment(models.Model):
    """Money received: typed by hand or read from a bank statement. Booked to a member and a year (not to
    one assessment row), so a regenerated assessment keeps its payments."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("wpisana ręcznie")
        BANK = "bank", _("z wyciągu bankowego")

    class Status(models.TextChoices):
        MATCHED = "matched", _("zaksięgowana na członka")
        UNMATCHED = "unmatched", _("do wyjaśnienia")
        NOT_FEE = "not_fee", _("nie jest składką")

    source = models.CharField(_("źródło"), max_length=8, choices=Source.choices)
    statement = models.ForeignKey(
        BankStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    line_number = models.PositiveIntegerField(_("wiersz wyciągu"), null=True, blank=True)
    booked_on = models.DateField(_("data wpływu"))
    amount = models.DecimalField(_("kwota (zł)"), max_digits=12, decimal_places=2)
    payer_name = models.CharField(_("wpłacający"), max_length=300, blank=True)
    payer_account = models.CharField(_("rachunek wpłacającego"), max_length=40, blank=True)
    title = models.TextField(_("tytuł przelewu"), blank=True)
    bank_reference = models.CharField(_("identyfikator operacji w banku"), max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    status = models.CharField(_("stan"), max_length=10, choices=Status.choices, default=Status.UNMATCHED)
    member = models.ForeignKey(
        "association.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fee_payments",
        verbose_name=_("członek"),
    )
    year = models.PositiveSmallIntegerField(_("za rok"), null=True, blank=True)
    match_note = models.CharField(_("jak dopasowano"), max_length=300, blank=True)
    note = models.TextField(_("uwagi"), blank=True)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_on", "-id"]
        indexes = [models.Index(fields=["member", "year"])]
        verbose_name = _("wpłata")
        verbose_name_plural = _("wpłaty")

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.payer_name}"


class HeldBankLine(models.Model):
    """A credit of a bank statement not booked because it looks like a payment already recorded (the same
    member, amount, date and title) or like another line of the same file. It becomes a payment only when
    someone confirms it is not a duplicate. Its state follows from `payment` (`fees.lifecycles.HELD_LINE`)."""

    class State(models.TextChoices):
        HELD = "held", _("wstrzymany: możliwy duplikat")
        BOOKED = "booked", _("zapisany jako wpłata po potwierdzeniu")

    statement = models.ForeignKey(BankStatement, on_delete=models.CASCADE, related_name="held_lines")
    line_number = models.PositiveIntegerField(_("wiersz wyciągu"))
    booked_on = models.DateField(_("data wpływu"))
    amount = models.DecimalField(_("kwota (zł)"), max_digits=12, decimal_places=2)
    payer_name = models.CharField(_("wpłacający"), max_length=300, blank=True)
    payer_account = models.CharField(_("rachunek wpłacającego"), max_length=40, blank=True)
    title = models.TextField(_("tytuł przelewu"), blank=True)
    bank_reference = models.CharField(_("identyfikator operacji w banku"), max_length=100, blank=True)
    dedupe_key = models.CharField(max_length=80)
    member = models.ForeignKey(
        "association.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        FeePayment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("podobna wpłata już zapisana"),
    )
    duplicate_of_line = models.PositiveIntegerField(_("podobny wiersz tego pliku"), null=True, blank=True)
    payment = models.OneToOneField(
        FeePayment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_from",
        verbose_name=_("zapisana po potwierdzeniu"),
    )
    confirmed_by_label = models.CharField(max_length=200, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement", "line_number", "id"]
        verbose_name = _("możliwy duplikat z wyciągu")
        verbose_name_plural = _("możliwe duplikaty z wyciągu")

    def __str__(self) -> str:
        return f"{self.statement} #{self.line_number}"

    @property
    def state(self) -> str:
        return self.State.BOOKED if self.payment_id else self.State.HELD

    @property
    def is_booked(self) -> bool:
        return self.state == self.State.BOOKED


class FeeReminder(models.Model):
    """A reminder as sent: to whom, what it said and the amount due at that moment."""

    member = models.ForeignKey("association.Member", on_delete=models.PROTECT, related_name="fee_reminders")
    year = models.PositiveSmallIntegerField(_("rok"))
    amount_due = models.DecimalField(_("zaległość (zł)"), max_digits=12, decimal_places=2)
    recipients = models.JSONField(_("odbiorcy"), default=list)
    subject = models.CharField(_("temat"), max_length=300)
    body = models.TextField(_("treść"))
    sent_by_label = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("przypomnienie o składce")
        verbose_name_plural = _("przypomnienia o składkach")

    def __str__(self) -> str:
        return f"{self.member} {self.year} ({format_date(self.sent_at)})"
