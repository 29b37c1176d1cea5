"""Social economy entities (PES) in the area, the requests to be listed, and the support centre's offer.

An entity is an `organisations.Organisation` with a PES profile: the registry keeps the legal person (name,
NIP, REGON, KRS, address), this app what makes it a PES and what the public directory shows about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PesKind(models.TextChoices):
    """The kinds of PES in art. 2 pkt 5 of the act of 5 August 2022 on the social economy."""

    SOCIAL_COOPERATIVE = "social_cooperative", _("spółdzielnia socjalna")
    WTZ = "wtz", _("warsztat terapii zajęciowej (WTZ)")
    ZAZ = "zaz", _("zakład aktywności zawodowej (ZAZ)")
    CIS = "cis", _("centrum integracji społecznej (CIS)")
    KIS = "kis", _("klub integracji społecznej (KIS)")
    WORK_COOPERATIVE = "work_cooperative", _("spółdzielnia pracy, inwalidów lub niewidomych")
    FOUNDATION = "foundation", _("fundacja")
    ASSOCIATION = "association", _("stowarzyszenie")
    RURAL_WOMEN_CIRCLE = "rural_women_circle", _("koło gospodyń wiejskich")
    NON_PROFIT_COMPANY = "non_profit_company", _("spółka non-profit")
    OTHER_NGO = "other_ngo", _("inna organizacja pozarządowa")


class Entity(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("roboczy")
        PUBLISHED = "published", _("opublikowany")
        WITHDRAWN = "withdrawn", _("wycofany z katalogu")

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="social_economy_entity",
        verbose_name=_("organizacja"),
    )
    kind = models.CharField(_("rodzaj PES"), max_length=30, choices=PesKind.choices)
    social_enterprise = models.BooleanField(_("status przedsiębiorstwa społecznego"), default=False)
    social_enterprise_since = models.DateField(
        _("status przedsiębiorstwa społecznego od"), null=True, blank=True
    )
    description = models.TextField(_("o podmiocie"), blank=True)
    services = models.TextField(_("usługi"), blank=True)
    products = models.TextField(_("produkty"), blank=True)
    contact_name = models.CharField(_("osoba do kontaktu"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail do kontaktu"), blank=True)
    contact_phone = models.CharField(_("telefon do kontaktu"), max_length=40, blank=True)
    lon = models.FloatField(_("długość geograficzna"), null=True, blank=True)
    lat = models.FloatField(_("szerokość geograficzna"), null=True, blank=True)
    state = models.CharField(_("stan"), max_length=12, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(_("opublikowano"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("powód wycofania"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        indexes = [models.Index(fields=["state", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(social_enterprise=False) | models.Q(social_enterprise_since__isnull=False),
                name="social_enterprise_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True, lat__isnull=True)
                | models.Q(lon__isnull=False, lat__isnull=False),
                name="entity_point_complete",
            ),
        ]
        verbose_name = _("podmiot ekonomii społecznej")
        verbose_name_plural = _("podmioty ekonomii społecznej")

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def is_demo(self) -> bool:
        return self.organisation.is_demo

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == self.State.WITHDRAWN


TEXT_MAX = 2000  # characters of the description, services and products sent through the public form


class ListingRequest(models.Model):
    """What an entity sends through the public form. It never publishes anything by itself: staff or the
    support centre's contact person accept it (creating or updating an entity as a draft) or reject it."""

    class Status(models.TextChoices):
        NEW = "new", _("nowe")
        ACCEPTED = "accepted", _("przyjęte")
        REJECTED = "rejected", _("odrzucone")
        PARKED = "parked", _("wstrzymane: przekroczony limit wysyłek")

    name = models.CharField(_("nazwa"), max_length=300)
    kind = models.CharField(_("rodzaj PES"), max_length=30, choices=PesKind.choices)
    nip = models.CharField(_("NIP"), max_length=13, blank=True)
    regon = models.CharField(_("REGON"), max_length=17, blank=True)
    krs = models.CharField(_("KRS"), max_length=10, blank=True)
    street = models.CharField(_("ulica i numer"), max_length=200, blank=True)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6, blank=True)
    city = models.CharField(_("miejscowość"), max_length=120, blank=True)
    gmina = models.ForeignKey(
        "territory.AdministrativeUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gmina siedziby"),
    )
    website = models.URLField(_("strona internetowa"), blank=True)
    social_enterprise = models.BooleanField(_("status przedsiębiorstwa społecznego"), default=False)
    social_enterprise_since = models.DateField(
        _("status przedsiębiorstwa społecznego od"), null=True, blank=True
    )
    description = models.TextField(_("o podmiocie"), blank=True)
    services = models.TextField(_("usługi"), blank=True)
    products = models.TextField(_("produkty"), blank=True)
    # the requester: for the support centre's questions about the request only, never published
    contact_name = models.CharField(_("osoba do kontaktu"), max_length=200)
    contact_email = models.EmailField(_("e-mail do kontaktu"))
    contact_phone = models.CharField(_("telefon do kontaktu"), max_length=40, blank=True)
    # what the entity wants shown in the directory (often the office's general address)
    public_email = models.EmailField(_("e-mail do publikacji"), blank=True)
    public_phone = models.CharField(_("telefon do publikacji"), max_length=40, blank=True)
    lon = models.FloatField(_("długość geograficzna"), null=True, blank=True)
    lat = models.FloatField(_("szerokość geograficzna"), null=True, blank=True)
    consent_at = models.DateTimeField(_("zapoznanie z klauzulą informacyjną"), null=True, blank=True)
    status = models.CharField(_("stan"), max_length=10, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("wpłynęło"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("rozpatrzono"), null=True, blank=True)
    rejection_reason = models.TextField(_("powód odrzucenia"), blank=True)
    entity = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listing_requests",
        verbose_name=_("wpis w katalogu"),
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "-received_at"])]
        verbose_name = _("zgłoszenie do katalogu PES")
        verbose_name_plural = _("zgłoszenia do katalogu PES")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Waiting for a decision (new, or parked over the sending limit)."""
        return self.status in (self.Status.NEW, self.Status.PARKED)

    @property
    def is_parked(self) -> bool:
        return self.status == self.Status.PARKED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED


class SupportOffer(models.Model):
    """One section of the support centre's (WOES) offer, written and ordered by staff."""

    title = models.CharField(_("tytuł"), max_length=200)
    title_en = models.CharField(_("tytuł po angielsku"), max_length=200, blank=True)
    body = models.TextField(_("treść"))
    body_en = models.TextField(_("treść po angielsku"), blank=True)
    link = models.URLField(_("odnośnik"), blank=True)
    position = models.PositiveIntegerField(_("kolejność"), default=0)
    is_published = models.BooleanField(_("opublikowana"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("część oferty wsparcia")
        verbose_name_plural = _("oferta wsparcia OWES")

    def __str__(self) -> str:
        return self.title
