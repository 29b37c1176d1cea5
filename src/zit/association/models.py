"""The association itself, its members and their membership history, the people who act for members,
the bodies (as data, since the statute may name others) and mandates in them."""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssociationProfile(models.Model):
    """The association's own data; one row, edited by the office. Its name is data, not code."""

    name = models.CharField(_("nazwa"), max_length=300)
    other_names = models.CharField(_("inne używane nazwy"), max_length=300, blank=True)
    name_genitive = models.CharField(
        _("nazwa w dopełniaczu"),
        max_length=300,
        blank=True,
        help_text=_("Do tytułów uchwał: „Uchwała nr … Rady Stowarzyszenia Aglomeracji Konińskiej”."),
    )
    short_name = models.CharField(_("skrót"), max_length=20, blank=True)
    founded_on = models.DateField(_("data założenia"))
    street = models.CharField(_("ulica i numer"), max_length=200)
    postal_code = models.CharField(_("kod pocztowy"), max_length=6)
    city = models.CharField(_("miejscowość"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    website = models.URLField(_("strona internetowa"), blank=True)
    bank_account = models.CharField(
        _("numer rachunku bankowego"),
        max_length=40,
        blank=True,
        help_text=_("Na składki członkowskie; podajemy go w przypomnieniach i zestawieniach dla członków."),
    )
    organisation = models.OneToOneField(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accessibility_coordinator = models.CharField(_("koordynator dostępności"), max_length=200, blank=True)
    accessibility_email = models.EmailField(_("e-mail w sprawach dostępności"), blank=True)
    accessibility_phone = models.CharField(_("telefon w sprawach dostępności"), max_length=40, blank=True)
    website_published_on = models.DateField(_("data publikacji serwisu"), null=True, blank=True)
    website_updated_on = models.DateField(_("data ostatniej istotnej aktualizacji"), null=True, blank=True)

    class Meta:
        verbose_name = _("dane Stowarzyszenia")
        verbose_name_plural = _("dane Stowarzyszenia")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


class Member(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("miasto na prawach powiatu")
        POWIAT = "powiat", _("powiat")
        GMINA = "gmina", _("gmina")

    number = models.PositiveSmallIntegerField(_("numer na liście"), unique=True)
    name = models.CharField(_("nazwa członka"), max_length=200)
    kind = models.CharField(_("rodzaj"), max_length=10, choices=Kind.choices)
    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="member",
        verbose_name=_("organizacja"),
    )
    territory = models.ForeignKey(
        "territory.AdministrativeUnit",
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("terytorium"),
    )
    slug = models.SlugField(_("adres strony"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("członek")
        verbose_name_plural = _("członkowie")

    def __str__(self) -> str:
        return self.name

    def is_member_on(self, day: dt.date) -> bool:
        return any(p.covers(day) for p in self.periods.all())


class MembershipPeriod(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("od"))
    end = models.DateField(_("do"), null=True, blank=True)
    joined_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("podstawa przystąpienia"),
    )
    left_by = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("podstawa wystąpienia"),
    )
    note = models.CharField(_("uwagi"), max_length=300, blank=True)

    class Meta:
        ordering = ["member", "start"]
        verbose_name = _("okres członkostwa")
        verbose_name_plural = _("okresy członkostwa")

    def __str__(self) -> str:
        return f"{self.member}: {self.start} – {self.end or '…'}"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Person(models.Model):
    """Someone who acts for a member or sits in a body. Only what the work needs (GDPR)."""

    first_name = models.CharField(_("imię"), max_length=100)
    last_name = models.CharField(_("nazwisko"), max_length=100)
    email = models.EmailField(_("służbowy e-mail"), blank=True)
    phone = models.CharField(_("służbowy telefon"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organizacja"),
    )
    is_demo = models.BooleanField(_("dane demonstracyjne"), default=False)
    erased_at = models.DateTimeField(_("dane usunięte na wniosek"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Representation(models.Model):
    """A person acting for a member: its head (mayor, wójt, starosta), a delegate to the Rada, an officer."""

    class Function(models.TextChoices):
        HEAD = "head", _("organ wykonawczy (prezydent, burmistrz, wójt, starosta)")
        DELEGATE = "delegate", _("przedstawiciel w Radzie Stowarzyszenia")
        OFFICER = "officer", _("osoba do kontaktu w urzędzie")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="representations", verbose_name=_("osoba")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="representations", verbose_name=_("członek")
    )
    function = models.CharField(_("funkcja"), max_length=20, choices=Function.choices)
    title = models.CharField(
        _("tytuł"), max_length=100, blank=True, help_text=_("np. Burmistrz Gminy i Miasta")
    )
    start = models.DateField(_("od"))
    end = models.DateField(_("do"), null=True, blank=True)

    class Meta:
        ordering = ["member", "function", "-start"]
        verbose_name = _("reprezentacja członka")
        verbose_name_plural = _("reprezentacje członków")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_function_display()} ({self.member})"


class Body(models.Model):
    class Kind(models.TextChoices):
        ASSEMBLY = "assembly", _("organ stanowiący")
        BOARD = "board", _("organ wykonawczy")
        AUDIT = "audit", _("organ kontroli")
        ADVISORY = "advisory", _("organ doradczy")
        OTHER = "other", _("inny")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("zwykła większość")
        ABSOLUTE = "absolute", _("bezwzględna większość")
        QUALIFIED = "qualified", _("większość kwalifikowana")

    name = models.CharField(_("nazwa"), max_length=200, unique=True)
    name_genitive = models.CharField(
        _("nazwa w dopełniaczu, w tytule uchwały"),
        max_length=200,
        blank=True,
        help_text=_("Np. „Rady” albo „Zarządu”: „Uchwała nr 1/2026 Rady Stowarzyszenia …”."),
    )
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("opis"), blank=True)
    quorum = models.DecimalField(
        _("kworum (część składu)"),
        max_digits=3,
        decimal_places=2,
        default="0.50",
        help_text=_("Np. 0,50 – co najmniej połowa składu. Ustala statut."),
    )
    majority = models.CharField(
        _("większość"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE
    )
    qualified_fraction = models.DecimalField(
        _("próg większości kwalifikowanej"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(
        _("kolejność"), null=True, blank=True, help_text=_("Puste: na końcu listy organów.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organy")

    def __str__(self) -> str:
        return self.name

    @property
    def quorum_percent(self) -> int:
        return int(Decimal(str(self.quorum)) * 100)

    @property
    def rules_errors(self) -> dict[str, str]:
        """What in the body's voting rules cannot be true: a quorum or threshold outside (0, 1]."""
        errors = {}
        quorum = None if self.quorum is None else Decimal(str(self.quorum))
        fraction = None if self.qualified_fraction is None else Decimal(str(self.qualified_fraction))
        if quorum is None or not 0 < quorum <= 1:
            errors["quorum"] = _("Kworum to część składu od 0,01 do 1, np. 0,50 dla połowy.")
        if self.majority == self.Majority.QUALIFIED:
            if fraction is None:
                errors["qualified_fraction"] = _("Podaj próg większości kwalifikowanej, np. 0,67.")
            elif not Decimal("0.5") < fraction <= 1:
                errors["qualified_fraction"] = _(
                    "Próg większości kwalifikowanej musi być większy niż 0,50 i nie większy niż 1."
                )
        elif fraction is not None:
            errors["qualified_fraction"] = _("Próg podaje się tylko dla większości kwalifikowanej.")
        return errors


class Mandate(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Przewodniczący")
        VICE_CHAIR = "vice_chair", _("Wiceprzewodniczący")
        PRESIDENT = "president", _("Prezes")
        VICE_PRESIDENT = "vice_president", _("Wiceprezes")
        SECRETARY = "secretary", _("Sekretarz")
        MEMBER = "member", _("Członek")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("osoba")
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="mandates")
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandates",
        verbose_name=_("z ramienia członka"),
        help_text=_("Puste dla partnerów spoza członków, np. w grupie roboczej."),
    )
    role = models.CharField(_("funkcja"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(_("od"))
    end = models.DateField(_("do"), null=True, blank=True)
    decision = models.ForeignKey(
        "core.DecisionReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("podstawa powołania"),
    )

    class Meta:
        ordering = ["body", "role", "person__last_name"]
        verbose_name = _("mandat")
        verbose_name_plural = _("mandaty")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)
