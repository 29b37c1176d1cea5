"""Requests for public information (ustawa o dostępie do informacji publicznej) and what was done with them.

The deadlines are stored when they are set (at registration, extension or fee notice) by
`public_information.services`, counted by `public_information.deadlines`; what depends on today is computed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zit.public_information import deadlines

__all__ = ["InactionComplaint", "InformationRequest", "RequestAction"]

DUE_SOON_WORKING_DAYS = 3
# the folder of the files from before the app was split from governance: stored names point there, and the
# files of a request stay together
UPLOAD_TO = "governance/requests/%Y/"


class InformationRequest(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        EPUAP = "epuap", _("ePUAP")
        LETTER = "letter", _("list lub pismo")
        IN_PERSON = "in_person", _("osobiście w biurze")
        ORAL = "oral", _("telefonicznie lub ustnie (notatka)")
        OTHER = "other", _("inny")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("e-mailem")
        EPUAP = "epuap", _("przez ePUAP")
        POST = "post", _("pocztą")
        IN_PERSON = "in_person", _("do odbioru w biurze")
        INSPECTION = "inspection", _("wgląd w dokumenty w biurze")
        OTHER = "other", _("inny sposób")

    class State(models.TextChoices):
        RECEIVED = "received", _("przyjęty, w toku")
        EXTENDED = "extended", _("termin przedłużony")
        FEE_NOTIFIED = "fee_notified", _("powiadomiono o opłacie")
        ANSWERED = "answered", _("udostępniono informację")
        REFUSED = "refused", _("odmowa (decyzja)")
        DISCONTINUED = "discontinued", _("umorzono (decyzja)")
        LETTER = "letter", _("zamknięty pismem (nie informacja publiczna)")
        RECONSIDERATION = "reconsider", _("wniosek o ponowne rozpatrzenie w toku")
        UPHELD = "upheld", _("decyzja utrzymana po ponownym rozpatrzeniu")

    # the office must act by `due_on`: the request itself, or a request for reconsideration of its decision
    OPEN_STATES = (State.RECEIVED, State.EXTENDED, State.FEE_NOTIFIED, State.RECONSIDERATION)

    year = models.PositiveSmallIntegerField(_("rok rejestru"))
    sequence = models.PositiveIntegerField(_("numer kolejny w roku"))
    number = models.CharField(_("znak sprawy"), max_length=40, unique=True)
    received_on = models.DateField(_("data wpływu"))
    received_time = models.TimeField(_("godzina wpływu"), null=True, blank=True)
    channel = models.CharField(_("sposób złożenia"), max_length=12, choices=Channel.choices)
    requester_name = models.CharField(
        _("wnioskodawca"),
        max_length=200,
        blank=True,
        help_text=_("Wniosek nie musi być podpisany: zostaw puste, gdy wnioskodawca się nie przedstawił."),
    )
    reply_email = models.EmailField(_("e-mail do odpowiedzi"), blank=True)
    reply_address = models.TextField(_("adres do odpowiedzi"), blank=True)
    subject = models.CharField(_("przedmiot wniosku"), max_length=300)
    requested_information = models.TextField(_("o jaką informację wnioskodawca prosi"))
    delivery = models.CharField(
        _("sposób udostępnienia, o który prosi"), max_length=12, choices=Delivery.choices
    )
    delivery_note = models.CharField(_("uwagi o sposobie lub formie"), max_length=300, blank=True)
    attachment = models.FileField(_("skan lub plik wniosku"), upload_to=UPLOAD_TO, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("prowadzi"),
    )
    state = models.CharField(_("stan"), max_length=14, choices=State.choices, default=State.RECEIVED)
    deadline = models.DateField(_("termin 14-dniowy"))
    extended_to = models.DateField(_("termin przedłużony do"), null=True, blank=True)
    extension_reason = models.TextField(_("przyczyna przedłużenia"), blank=True)
    fee_period_end = models.DateField(_("koniec 14 dni od powiadomienia o opłacie"), null=True, blank=True)
    closed_on = models.DateField(_("data zakończenia"), null=True, blank=True)
    decision_delivered_on = models.DateField(_("data doręczenia decyzji"), null=True, blank=True)
    reconsideration_filed_on = models.DateField(
        _("data złożenia wniosku o ponowne rozpatrzenie"), null=True, blank=True
    )
    reconsideration_deadline = models.DateField(
        _("termin rozpatrzenia wniosku o ponowne rozpatrzenie"), null=True, blank=True
    )
    late = models.BooleanField(_("załatwiony po terminie"), default=False)
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="public_information_request_sequence"),
        ]
        indexes = [models.Index(fields=["state", "year"])]
        verbose_name = _("wniosek o informację publiczną")
        verbose_name_plural = _("wnioski o informację publiczną")

    def __str__(self) -> str:
        return f"{self.number}: {self.subject}"

    @property
    def requester_label(self) -> str:
        return self.requester_name or str(_("wnioskodawca anonimowy"))

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def due_on(self) -> dt.date:
        """The date by which the office must act now: the 14 days, the extended date, or, after a fee notice,
        the end of the requester's 14 days (after which the information is provided)."""
        if self.state == self.State.FEE_NOTIFIED and self.fee_period_end:
            return self.fee_period_end
        if self.state == self.State.RECONSIDERATION and self.reconsideration_deadline:
            return self.reconsideration_deadline
        return self.extended_to or self.deadline

    @property
    def extension_limit(self) -> dt.date:
        return deadlines.extension_limit(self.received_on)

    def calendar_days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days

    def working_days_left(self, today: dt.date) -> int:
        return deadlines.working_days_between(today, self.due_on)

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.due_on

    def is_due_soon(self, today: dt.date) -> bool:
        return (
            self.is_open
            and not self.is_overdue(today)
            and self.due_on <= deadlines.add_working_days(today, DUE_SOON_WORKING_DAYS)
        )


class RequestAction(models.Model):
    """One step of a request: registration, extension, fee notice, answer, decision or letter, with its date
    (the day the letter was sent or the decision issued) and its document or text."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("rejestracja wniosku")
        ASSIGNED = "assigned", _("przydzielenie sprawy")
        EXTENDED = "extended", _("przedłużenie terminu (art. 13 ust. 2)")
        FEE_NOTIFIED = "fee_notified", _("powiadomienie o opłacie (art. 15 ust. 2)")
        ANSWERED = "answered", _("udostępnienie informacji")
        REFUSED = "refused", _("decyzja o odmowie (art. 16)")
        DISCONTINUED = "discontinued", _("decyzja o umorzeniu (art. 14 ust. 2, art. 16)")
        LETTER = "letter", _("pismo: to nie jest informacja publiczna")
        RECONSIDERATION = "reconsider", _("wniosek o ponowne rozpatrzenie sprawy (art. 17 ust. 2)")
        UPHELD = "upheld", _("decyzja po ponownym rozpatrzeniu: utrzymanie w mocy")
        OVERTURNED = "overturned", _("decyzja po ponownym rozpatrzeniu: uchylenie i udostępnienie")

    class Ground(models.TextChoices):
        PRIVACY = "privacy", _("prywatność osoby fizycznej (art. 5 ust. 2)")
        BUSINESS_SECRET = "business_secret", _("tajemnica przedsiębiorcy (art. 5 ust. 2)")
        CLASSIFIED = "classified", _("informacja niejawna lub inna tajemnica ustawowa (art. 5 ust. 1)")
        PROCESSED = (
            "processed",
            _("informacja przetworzona bez szczególnie istotnego interesu publicznego (art. 3 ust. 1 pkt 1)"),
        )
        OTHER = "other", _("inna podstawa (opisz)")

    class DiscontinueGround(models.TextChoices):
        OTHER_WAY = (
            "other_way",
            _("wnioskodawca nie wskazał innego sposobu udostępnienia w 14 dni (art. 14 ust. 2)"),
        )
        WITHDRAWN = "withdrawn", _("wnioskodawca wycofał wniosek")
        OTHER = "other", _("inna podstawa (opisz)")

    class LetterReason(models.TextChoices):
        NOT_PUBLIC = "not_public", _("żądana informacja nie jest informacją publiczną")
        NOT_HELD = "not_held", _("Stowarzyszenie nie ma tej informacji")
        FORWARDED = "forwarded", _("wskazano lub powiadomiono podmiot, który ma tę informację")
        OTHER_PROCEDURE = "other_procedure", _("dostęp reguluje inna ustawa (art. 1 ust. 2)")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="actions", verbose_name=_("wniosek")
    )
    kind = models.CharField(_("czynność"), max_length=14, choices=Kind.choices)
    done_on = models.DateField(_("data"))
    text = models.TextField(_("treść lub opis"), blank=True)
    document = models.FileField(_("dokument"), upload_to=UPLOAD_TO, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    ground = models.CharField(_("podstawa"), max_length=16, blank=True)
    ground_other = models.CharField(_("inna podstawa"), max_length=300, blank=True)
    new_due_on = models.DateField(_("nowy termin"), null=True, blank=True)
    fee_amount = models.DecimalField(_("opłata (zł)"), max_digits=10, decimal_places=2, null=True, blank=True)
    late = models.BooleanField(_("po terminie"), default=False)
    created_by_label = models.CharField(_("zapisał(a)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "created_at", "pk"]
        verbose_name = _("czynność w sprawie wniosku")
        verbose_name_plural = _("czynności w sprawie wniosku")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.done_on})"

    @property
    def is_extension(self) -> bool:
        return self.kind == self.Kind.EXTENDED

    @property
    def deadline_note(self) -> str:
        """The registration entry's note is the platform's own sentence (stored in Polish when written):
        shown in the reader's language from the request's deadline."""
        if self.kind != self.Kind.REGISTERED or not self.text.startswith("Termin 14-dniowy:"):
            return ""
        from django.utils.translation import gettext

        from zit.core.formatting import format_date

        return gettext("Termin 14-dniowy: %(d)s.") % {"d": format_date(self.request.deadline)}

    @property
    def ground_label(self) -> str:
        choices = {
            self.Kind.REFUSED: self.Ground,
            self.Kind.DISCONTINUED: self.DiscontinueGround,
            self.Kind.LETTER: self.LetterReason,
        }.get(self.kind)
        if not choices or not self.ground:
            return ""
        label = str(dict(choices.choices).get(self.ground, self.ground))
        return f"{label}: {self.ground_other}" if self.ground_other else label

    @property
    def ground_name(self) -> str:
        """The ground alone (the platform's words); the other ground typed by people is shown apart."""
        choices = {
            self.Kind.REFUSED: self.Ground,
            self.Kind.DISCONTINUED: self.DiscontinueGround,
            self.Kind.LETTER: self.LetterReason,
        }.get(self.kind)
        return str(dict(choices.choices).get(self.ground, self.ground)) if choices and self.ground else ""


class InactionComplaint(models.Model):
    """A complaint to the administrative court about the association's inaction (or its decision) in a
    request: lodged through the association (art. 54 § 1 PPSA), which forwards it to the court with the case
    file and its answer within 15 days of receipt (art. 21 pkt 1 of the act; art. 54 § 2 PPSA sets 30 days
    for other cases)."""

    class Kind(models.TextChoices):
        INACTION = "inaction", _("skarga na bezczynność")
        DECISION = "decision", _("skarga na decyzję")

    class State(models.TextChoices):
        RECEIVED = "received", _("przyjęta, do przekazania do sądu")
        FORWARDED = "forwarded", _("przekazana do sądu z odpowiedzią")

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="complaints", verbose_name=_("wniosek")
    )
    kind = models.CharField(_("rodzaj skargi"), max_length=10, choices=Kind.choices, default=Kind.INACTION)
    received_on = models.DateField(_("data wpływu skargi"))
    forward_deadline = models.DateField(_("termin przekazania do sądu"))
    court = models.CharField(_("sąd"), max_length=200, default="Wojewódzki Sąd Administracyjny w Poznaniu")
    complaint_summary = models.TextField(_("zarzuty skargi w skrócie"))
    state = models.CharField(_("stan"), max_length=10, choices=State.choices, default=State.RECEIVED)
    answer = models.TextField(_("odpowiedź na skargę"), blank=True)
    forwarded_on = models.DateField(_("data przekazania do sądu"), null=True, blank=True)
    late = models.BooleanField(_("przekazana po terminie"), default=False)
    created_by_label = models.CharField(_("zapisał(a)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("skarga do sądu administracyjnego")
        verbose_name_plural = _("skargi do sądu administracyjnego")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.request.number})"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.RECEIVED

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and today > self.forward_deadline
