"""The association's file plan (JRWA), the holds that stop a record's disposal, and the yearly disposal lists with
their items. An item outlives the record it names: after destruction it is the metadata stub (what, symbol,
dates, protocol number) the office keeps."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """Archival categories of the file plan (art. 5 and 6 ustawy z 14 lipca 1983 r. o narodowym zasobie
    archiwalnym i archiwach; do weryfikacji)."""

    A = "A", _("A – materiały archiwalne, przechowywane wieczyście")
    B = "B", _("B – dokumentacja niearchiwalna")
    BE = "BE", _("BE – niearchiwalna, po upływie okresu ekspertyza archiwum")


class Counting(models.TextChoices):
    CLOSURE = "closure", _("od 1 stycznia roku następnego po zakończeniu sprawy")
    LAST_PAYMENT = (
        "last_payment",
        _(
            "od 31 grudnia roku, w którym dokonano ostatniej płatności na rzecz beneficjenta (art. 82 rozp. 2021/1060)"
        ),
    )


class FilePlanEntry(models.Model):
    symbol = models.CharField(
        _("symbol"),
        max_length=10,
        unique=True,
        help_text=_("Symbol klasyfikacyjny z wykazu akt, np. 0123."),
        error_messages={"unique": _("Pozycja o tym symbolu już jest w wykazie.")},
    )
    title = models.CharField(_("hasło klasyfikacyjne"), max_length=300)
    category = models.CharField(_("kategoria archiwalna"), max_length=2, choices=Category.choices)
    retention_years = models.PositiveSmallIntegerField(
        _("okres przechowywania (lata)"),
        null=True,
        blank=True,
        help_text=_("Dla kategorii B i BE; kategoria A jest przechowywana wieczyście."),
    )
    counting = models.CharField(
        _("jak liczymy okres"), max_length=20, choices=Counting.choices, default=Counting.CLOSURE
    )
    legal_basis = models.TextField(_("podstawa prawna"), blank=True)
    draft = models.BooleanField(
        _("do weryfikacji"),
        default=True,
        help_text=_("Wykaz akt Stowarzyszenia wymaga uzgodnienia z archiwum państwowym."),
    )
    note = models.TextField(_("uwagi"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["symbol"]
        verbose_name = _("pozycja wykazu akt")
        verbose_name_plural = _("wykaz akt")

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}"

    @property
    def qualifier(self) -> str:
        """The category as the file plan writes it: A, B5, BE10."""
        if self.category == Category.A:
            return "A"
        return f"{self.category}{self.retention_years or ''}"

    @property
    def is_archival(self) -> bool:
        return self.category == Category.A


class RetentionHold(models.Model):
    """Disposal stopped for one object: a record, or an operation (a project card) and so every document of
    it, while legal proceedings go on or at the Commission's request (art. 82 ust. 2 rozp. 2021/1060; do
    weryfikacji)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(_("czego dotyczy"), max_length=300)
    reason = models.TextField(_("powód wstrzymania"))
    placed_on = models.DateField(_("od"))
    placed_by_label = models.CharField(max_length=200, blank=True)
    lifted_on = models.DateField(_("zniesiono"), null=True, blank=True)
    lifted_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-placed_on", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="records_hold_object")]
        verbose_name = _("wstrzymanie brakowania")
        verbose_name_plural = _("wstrzymania brakowania")

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.lifted_on is None


class DisposalList(models.Model):
    """The yearly list of non-archival records whose retention ended (spis dokumentacji niearchiwalnej
    przeznaczonej do brakowania; nazwa do weryfikacji), the state archive's consent and the protocol."""

    class State(models.TextChoices):
        DRAFT = "draft", _("projekt spisu")
        SENT = "sent", _("wysłany do archiwum państwowego")
        CONSENT = "consent", _("zgoda archiwum otrzymana")
        DESTROYED = "destroyed", _("zniszczono (protokół brakowania)")

    year = models.PositiveSmallIntegerField(_("rok"))
    number = models.CharField(_("numer spisu"), max_length=40, unique=True)
    state = models.CharField(_("stan"), max_length=10, choices=State.choices, default=State.DRAFT)
    cutoff = models.DateField(_("okres przechowywania upłynął do"))
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_on = models.DateField(_("wysłano do archiwum"), null=True, blank=True)
    consent_on = models.DateField(_("data zgody"), null=True, blank=True)
    consent_reference = models.CharField(_("znak pisma archiwum"), max_length=120, blank=True)
    consent_letter = models.FileField(
        _("pismo archiwum ze zgodą"), upload_to="records/consents/%Y/", blank=True
    )
    protocol_number = models.CharField(_("numer protokołu brakowania"), max_length=40, blank=True)
    destroyed_on = models.DateField(_("data zniszczenia"), null=True, blank=True)
    destroyed_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("spis dokumentacji do brakowania")
        verbose_name_plural = _("spisy dokumentacji do brakowania")

    def __str__(self) -> str:
        return self.number


class DisposalItem(models.Model):
    disposal = models.ForeignKey(DisposalList, on_delete=models.CASCADE, related_name="items")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("rodzaj dokumentu"), max_length=100)
    kind_label = models.CharField(_("rodzaj dokumentu"), max_length=200)
    title = models.CharField(_("tytuł"), max_length=500)
    symbol = models.CharField(_("symbol"), max_length=10)
    qualifier = models.CharField(_("kategoria"), max_length=10)
    dated_from = models.DateField(_("daty skrajne od"), null=True, blank=True)
    dated_to = models.DateField(_("daty skrajne do"), null=True, blank=True)
    retention_ended_on = models.DateField(_("okres przechowywania upłynął"))
    files = models.JSONField(_("pliki"), default=list, blank=True)
    destroyed_at = models.DateTimeField(_("zniszczono"), null=True, blank=True)

    class Meta:
        ordering = ["symbol", "dated_to", "id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="records_item_once")
        ]
        verbose_name = _("pozycja spisu do brakowania")
        verbose_name_plural = _("pozycje spisu do brakowania")

    def __str__(self) -> str:
        return f"{self.symbol}: {self.title}"
