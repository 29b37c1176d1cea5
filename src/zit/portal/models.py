"""The accessibility statement's editable parts: the office keeps them; the page adds the fixed legal text.

Ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów
publicznych, art. 10 (the statement, made with the template of Commission Implementing Decision (EU)
2018/1523), and the Minister's technical conditions of its publication (art. 12 pkt 7). The information in
easy-to-read text and in Polish Sign Language: ustawa z dnia 19 lipca 2019 r. o zapewnianiu dostępności osobom
ze szczególnymi potrzebami, art. 6 pkt 3 lit. c. The website's own dates and the contact for accessibility
stay in `association.AssociationProfile` (the open-data catalogue reads them too)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PJM_UPLOAD_TO = "portal/pjm/"


class AccessibilityStatement(models.Model):
    """One row: the statement of the platform's website."""

    class Compliance(models.TextChoices):
        FULL = "full", _("zgodna")
        PARTIAL = "partial", _("częściowo zgodna")
        NONE = "none", _("niezgodna")

    class Method(models.TextChoices):
        SELF = "self", _("samoocena")
        AUDIT = "audit", _("audyt zewnętrzny")

    prepared_on = models.DateField(_("data sporządzenia deklaracji"))
    reviewed_on = models.DateField(_("data ostatniego przeglądu i aktualizacji deklaracji"))
    compliance = models.CharField(
        _("status zgodności z ustawą"), max_length=10, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    known_problems = models.TextField(
        _("treści niedostępne"),
        blank=True,
        help_text=_("Jedna niezgodność w wierszu, z alternatywnym sposobem dostępu."),
    )
    exemptions = models.TextField(
        _("wyłączenia"),
        blank=True,
        help_text=_("Jedno wyłączenie w wierszu, z podstawą prawną lub powodem."),
    )
    method = models.CharField(
        _("sposób przygotowania deklaracji"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    audit_url = models.URLField(_("adres raportu z audytu"), blank=True)
    architecture = models.TextField(_("dostępność architektoniczna"))
    sign_language = models.TextField(_("informacje o tłumaczu języka migowego"), blank=True)
    mobile_apps = models.TextField(_("aplikacje mobilne"), blank=True)
    easy_read = models.TextField(
        _("informacje w tekście łatwym do czytania"),
        help_text=_(
            "Krótkie zdania, jedna myśl w zdaniu. Nagłówek zaczyna się od „## ”, punkt listy od „- ”; "
            "akapity oddziela pusty wiersz."
        ),
    )
    pjm_video = models.FileField(
        _("nagranie w polskim języku migowym (plik)"), upload_to=PJM_UPLOAD_TO, blank=True
    )
    pjm_link = models.URLField(_("nagranie w polskim języku migowym (odnośnik)"), blank=True)
    pjm_text = models.TextField(
        _("treść nagrania w polskim języku migowym"),
        blank=True,
        help_text=_("Tekst, który nagranie przekazuje: odpowiednik tekstowy dla osób, które nie znają PJM."),
    )

    class Meta:
        verbose_name = _("deklaracja dostępności")
        verbose_name_plural = _("deklaracje dostępności")

    def __str__(self) -> str:
        return str(_("Deklaracja dostępności"))

    @property
    def problem_lines(self) -> list[str]:
        return [line.strip() for line in self.known_problems.splitlines() if line.strip()]

    @property
    def exemption_lines(self) -> list[str]:
        return [line.strip() for line in self.exemptions.splitlines() if line.strip()]
