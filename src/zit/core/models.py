"""The shared kernel's data: audit events, decision references, background jobs and signed documents."""

from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    """One recorded decision. Rows are written once by `core.audit.record` and never changed.

    The actor is kept as an id plus a label rather than a foreign key: the log must outlive accounts, and a
    GDPR erasure pseudonymises the label without touching the row's meaning.
    """

    created_at = models.DateTimeField(_("czas"), default=timezone.now, editable=False, db_index=True)
    actor_id = models.BigIntegerField(_("id użytkownika"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("kto"), max_length=200)
    action = models.CharField(_("działanie"), max_length=100, db_index=True)
    object_type = models.CharField(_("typ obiektu"), max_length=100)
    object_id = models.CharField(_("id obiektu"), max_length=64)
    object_repr = models.CharField(_("obiekt"), max_length=300)
    before = models.JSONField(_("przed"), null=True, blank=True)
    after = models.JSONField(_("po"), null=True, blank=True)
    reason = models.TextField(_("uzasadnienie"), blank=True)
    client_address = models.GenericIPAddressField(
        _("adres, z którego działano"), null=True, blank=True, help_text=_("Pusty dla zadań w tle.")
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("korekta zdarzenia"),
    )
    digest = models.CharField(
        _("odcisk"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("SHA-256 treści zdarzenia z chwili zapisu."),
    )
    redacted_digest = models.CharField(
        _("odcisk po pseudonimizacji"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Pusty, dopóki nie pseudonimizowano w zdarzeniu danych osoby (RODO)."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]
        verbose_name = _("zdarzenie audytu")
        verbose_name_plural = _("dziennik audytu")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        # the database refuses it too (zit.core.audit_guard); this stops it before the query, with a clear message
        if self.pk is not None:
            raise AuditLogIsAppendOnly(_("Dziennik audytu można tylko uzupełniać."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("Zdarzeń audytu nie można usuwać."))


class AuditSeal(models.Model):
    """A link in the chain over the audit log, appended by the daily integrity check.

    It seals the events after the previous seal up to `last_event_id`: its hash is SHA-256 of the previous
    seal's hash and each sealed event's id and digest, so removing, inserting or rewriting a sealed event (or a
    seal) breaks every later link. Pseudonymisation does not: it keeps the event's digest (see
    AuditEvent.redacted_digest). Like the events, seals are only ever appended (zit.core.audit_guard).
    """

    created_at = models.DateTimeField(_("czas"), default=timezone.now, editable=False)
    first_event_id = models.BigIntegerField(_("pierwsze zdarzenie"))
    last_event_id = models.BigIntegerField(_("ostatnie zdarzenie"), unique=True)
    event_count = models.PositiveIntegerField(_("liczba zdarzeń"))
    previous_hash = models.CharField(_("poprzednie ogniwo"), max_length=64)
    hash = models.CharField(_("ogniwo"), max_length=64)

    class Meta:
        ordering = ["last_event_id"]
        verbose_name = _("pieczęć dziennika audytu")
        verbose_name_plural = _("pieczęcie dziennika audytu")

    def __str__(self) -> str:
        return f"{self.first_event_id}–{self.last_event_id}: {self.hash[:12]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditLogIsAppendOnly(_("Dziennik audytu można tylko uzupełniać."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly(_("Zdarzeń audytu nie można usuwać."))


class DecisionReference(models.Model):
    """A reference to the decision that an enacting service records: who decided, number, date, document."""

    class IssuerKind(models.TextChoices):
        VOIVODESHIP_BOARD = "voivodeship_board", _("Zarząd Województwa Wielkopolskiego")
        ASSOCIATION_BODY = "association_body", _("organ Stowarzyszenia")
        MANAGING_AUTHORITY = "managing_authority", _("Instytucja Zarządzająca")
        OTHER = "other", _("inna instytucja")

    issuer_kind = models.CharField(_("rodzaj organu"), max_length=40, choices=IssuerKind.choices)
    issuer_name = models.CharField(_("organ lub instytucja"), max_length=200)
    kind = models.CharField(_("rodzaj aktu"), max_length=100, default="uchwała", help_text=_("np. uchwała"))
    number = models.CharField(_("numer"), max_length=100, blank=True)
    date = models.DateField(_("data"), null=True, blank=True)
    title = models.CharField(_("tytuł"), max_length=500, blank=True)
    url = models.URLField(_("link"), blank=True)
    document = models.FileField(_("plik"), upload_to="decisions/%Y/", blank=True)
    note = models.TextField(
        _("uwagi"), blank=True, help_text=_("Np. czego brakuje w źródłach i kto ma to uzupełnić.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("podstawa decyzji")
        verbose_name_plural = _("podstawy decyzji")

    def __str__(self) -> str:
        from zit.core.formatting import polish_date

        parts = [self.kind, self.number and f"nr {self.number}"]
        if self.date:
            parts.append(f"z dnia {polish_date(self.date)} r.")  # a Polish citation in any language
        return f"{self.issuer_name}: " + " ".join(p for p in parts if p)

    @property
    def is_complete(self) -> bool:
        return bool(self.number and self.date)


class Job(models.Model):
    """A background job's visible state; the task itself runs through the Django Tasks API."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("w kolejce")
        RUNNING = "running", _("w toku")
        SUCCEEDED = "succeeded", _("zakończone")
        FAILED = "failed", _("błąd")

    kind = models.CharField(_("rodzaj"), max_length=100, db_index=True)
    title = models.CharField(_("nazwa"), max_length=300)
    status = models.CharField(_("stan"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("postęp (%)"), default=0)
    message = models.CharField(_("komunikat"), max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    created_by_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_by_label = models.CharField(max_length=200, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # While a job runs, its worker writes the time here every ZIT_JOB_HEARTBEAT_SECONDS; a running job whose
    # heartbeat is older than ZIT_JOB_HEARTBEAT_TIMEOUT lost its worker and is reaped (zit.core.jobs.jobs_reap).
    heartbeat_at = models.DateTimeField(_("ostatni sygnał pracy"), null=True, blank=True)
    worker_name = models.CharField(_("proces zadań w tle"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "finished_at"], name="core_job_status_finished")]
        verbose_name = _("zadanie w tle")
        verbose_name_plural = _("zadania w tle")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED


class WorkerHeartbeat(models.Model):
    """A running worker (`manage.py run_worker`) and when it last said it is alive: /readyz and the office's
    dashboard read it. Written by the worker only; a worker that stops deletes its row."""

    name = models.CharField(_("nazwa"), max_length=200, unique=True)
    hostname = models.CharField(_("komputer"), max_length=200)
    pid = models.PositiveIntegerField(_("proces"))
    backend = models.CharField(_("kolejka"), max_length=50)
    started_at = models.DateTimeField(_("uruchomiony"))
    seen_at = models.DateTimeField(_("ostatni sygnał"), db_index=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = _("proces zadań w tle")
        verbose_name_plural = _("procesy zadań w tle")

    def __str__(self) -> str:
        return self.name


class SignedDocument(models.Model):
    """A document the platform generates, people sign outside it, and the signed file becomes the record.

    Written only by `core.signed`. The draft can be regenerated until the signed file is uploaded; from then
    on the document is locked and the row is never written again, not even by an audit correction.
    """

    class SignatureKind(models.TextChoices):
        PDF_SIGNATURE = "pdf_signature", _("PDF z osadzonym podpisem elektronicznym")
        XADES = "xades", _("osobny plik podpisu XAdES")
        SCAN = "scan", _("skan lub PDF bez osadzonego podpisu")

    class CheckResult(models.TextChoices):
        VALID = "valid", _("podpis ważny")
        INVALID = "invalid", _("podpis nieważny")
        UNTRUSTED = "untrusted", _("podpis poprawny, ale wystawca certyfikatu nie jest na liście zaufanych")
        INDETERMINATE = "indeterminate", _("nie da się rozstrzygnąć, czy podpis jest ważny")
        NOT_APPLICABLE = "not_applicable", _("nie dotyczy (skan, bez podpisu elektronicznego)")

    class Qualification(models.TextChoices):
        QUALIFIED = "qualified", _("kwalifikowany podpis elektroniczny")
        PUBLIC = "public", _("podpis zaufany lub podpis osobisty (ważny, ale nie kwalifikowany)")
        NOT_QUALIFIED = "not_qualified", _("podpis niekwalifikowany")
        UNKNOWN = "unknown", _("nie ustalono")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("typ obiektu"))
    object_id = models.PositiveBigIntegerField(_("id obiektu"))
    # no cascade: a signed record outlives the object it was about
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(
        _("rodzaj dokumentu"), max_length=100, help_text=_("np. projects.compliance_opinion")
    )
    title = models.CharField(_("tytuł"), max_length=300)
    read_perm = models.CharField(_("uprawnienie do pobrania"), max_length=100)
    write_perm = models.CharField(_("uprawnienie do wgrania i ponownego wygenerowania"), max_length=100)
    # an id rather than a foreign key: core sits below the organisations app
    organisation_id = models.BigIntegerField(_("id organizacji"), null=True, blank=True, db_index=True)
    draft = models.FileField(_("projekt do podpisu"), upload_to="signed/drafts/%Y/", blank=True)
    draft_generated_at = models.DateTimeField(_("projekt wygenerowano"), null=True, blank=True)
    draft_generated_by_label = models.CharField(_("projekt wygenerował"), max_length=200, blank=True)
    signed = models.FileField(_("podpisany dokument"), upload_to="signed/%Y/", blank=True)
    signed_sha256 = models.CharField(_("SHA-256 podpisanego pliku"), max_length=64, blank=True)
    signed_size = models.PositiveBigIntegerField(
        _("rozmiar podpisanego pliku (bajty)"), null=True, blank=True
    )
    signature_kind = models.CharField(
        _("rodzaj podpisu"), max_length=20, choices=SignatureKind.choices, blank=True
    )
    signed_at = models.DateTimeField(_("podpisany dokument wgrano"), null=True, blank=True)
    signed_by_label = models.CharField(_("podpisany dokument wgrał"), max_length=200, blank=True)
    locked = models.BooleanField(_("zablokowany"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # the check of the signature (`core.signature_check`), made when the signed file is uploaded; the empty
    # default is the database's too, so rows written by code that predates the check stay valid
    check_result = models.CharField(
        _("wynik sprawdzenia podpisu"), max_length=20, choices=CheckResult.choices, blank=True, db_default=""
    )
    check_qualified = models.CharField(
        _("rodzaj podpisu według sprawdzenia"),
        max_length=20,
        choices=Qualification.choices,
        blank=True,
        db_default="",
    )
    check_signer = models.CharField(
        _("podpisujący według certyfikatu"), max_length=300, blank=True, db_default=""
    )
    check_signing_time = models.DateTimeField(_("czas podpisania według podpisu"), null=True, blank=True)
    check_details = models.TextField(_("szczegóły sprawdzenia podpisu"), blank=True, db_default="")
    checked_at = models.DateTimeField(_("podpis sprawdzono"), null=True, blank=True)
    lock_override_reason = models.TextField(
        _("powód zablokowania mimo nieważnego podpisu"), blank=True, db_default=""
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"], name="core_signed_document_one_per_kind"
            )
        ]
        verbose_name = _("dokument podpisywany")
        verbose_name_plural = _("dokumenty podpisywane")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self).objects.filter(pk=self.pk, locked=True).exists():
            raise ValidationError(_("Podpisany dokument jest zablokowany: nie można go zmienić."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, locked=True).exists():
            raise ValidationError(_("Podpisanego dokumentu nie można usunąć."))
        return super().delete(*args, **kwargs)

    @property
    def signature_valid(self) -> bool:
        return self.check_result == self.CheckResult.VALID

    @property
    def signature_invalid(self) -> bool:
        return self.check_result == self.CheckResult.INVALID

    @property
    def signature_checked(self) -> bool:
        return bool(self.check_result)

    @property
    def lock_overridable(self) -> bool:
        """An invalid signature keeps the document open; the office may still lock it, giving a reason."""
        return bool(self.signed) and not self.locked and self.signature_invalid

    @property
    def draft_format(self) -> str:
        """ "DOCX" for a link's text, so people know what they download."""
        return PurePath(self.draft.name).suffix.lstrip(".").upper() if self.draft else ""

    @property
    def signed_format(self) -> str:
        return PurePath(self.signed.name).suffix.lstrip(".").upper() if self.signed else ""


class TrustAnchor(models.Model):
    """A certificate the platform trusts as the start of a signer's certificate chain: a qualified CA read from a
    trusted list (ETSI TS 119 612) the office uploaded or the recurring job fetched, or a certificate the office
    uploaded by itself. Written only by `core.trust_list`."""

    class Source(models.TextChoices):
        TRUSTED_LIST = "trusted_list", _("lista zaufanych usług")
        CERTIFICATE = "certificate", _("certyfikat wgrany przez biuro")

    sha256 = models.CharField(_("SHA-256 certyfikatu"), max_length=64, unique=True)
    subject = models.CharField(_("nazwa wystawcy"), max_length=500)
    certificate = models.BinaryField(_("certyfikat (DER)"))
    qualified = models.BooleanField(_("kwalifikowany dostawca (usługa CA/QC)"), default=False)
    service_name = models.CharField(_("nazwa usługi"), max_length=500, blank=True)
    source = models.CharField(_("źródło"), max_length=20, choices=Source.choices)
    source_label = models.CharField(_("skąd pochodzi"), max_length=500, blank=True)
    added_at = models.DateTimeField(_("dodano"), auto_now_add=True)

    class Meta:
        ordering = ["subject", "id"]
        verbose_name = _("zaufany certyfikat")
        verbose_name_plural = _("zaufane certyfikaty")

    def __str__(self) -> str:
        return self.subject


class PublicFormPost(models.Model):
    """One post of a public form by one sender key (a keyed hash of the address or of the e-mail), counted
    against the limits in `core.public_forms`. Kept for a day, the longest window."""

    form = models.CharField(max_length=60)
    sender = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["form", "sender", "at"])]
        verbose_name = _("wysłanie formularza publicznego")
        verbose_name_plural = _("wysłania formularzy publicznych")

    def __str__(self) -> str:
        return f"{self.form} {self.at:%Y-%m-%d %H:%M:%S}"


class Notice(models.Model):
    """One thing announced to one person: an item of their inbox (zit.core.inbox) that appeared, or an event
    (a card's new state). Announced once per item key while it waits; mailed per the person's preference."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("adresat"),
    )
    source = models.CharField(_("źródło"), max_length=100)
    key = models.CharField(_("klucz"), max_length=200)
    title = models.CharField(_("tytuł"), max_length=500)
    detail = models.TextField(_("szczegóły"), blank=True)
    url = models.CharField(_("adres"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("utworzono"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("przeczytano"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("wysłano e-mailem"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="core_notice_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notice_unread")]
        verbose_name = _("powiadomienie")
        verbose_name_plural = _("powiadomienia")

    def __str__(self) -> str:
        return self.title


class NoticePreference(models.Model):
    """How a person wants their notices by e-mail; a person without a row gets the default (daily)."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("od razu")
        DAILY = "daily", _("raz dziennie")
        WEEKLY = "weekly", _("raz w tygodniu")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preference",
        verbose_name=_("osoba"),
    )
    delivery = models.CharField(
        _("wysyłka e-mailem"), max_length=20, choices=Delivery.choices, default=Delivery.DAILY
    )
    last_mailed_at = models.DateTimeField(_("ostatni skrót"), null=True, blank=True)

    class Meta:
        verbose_name = _("ustawienie powiadomień")
        verbose_name_plural = _("ustawienia powiadomień")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"
