"""The register of processing activities (art. 30 ust. 1 RODO) kept by the association as controller.

The controller's name and contact are read from the association's data (zit.association), not copied here. Each
entry names the erasure rules of the platform (zit.core.personal_data) that carry out its time limits, so the
register shows the periods the daily job applies. Every change is a new numbered version of the entry.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ProcessingActivity", "ProcessingActivityVersion"]

# the entry's content, in the order of art. 30 ust. 1 RODO (a the controller comes from the association)
CONTENT_FIELDS = (
    "name",
    "joint_controllers",
    "purposes",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "recipients",
    "transfers",
    "retention",
    "erasure_rules",
    "security_measures",
    "to_verify",
    "verification_note",
)


class ProcessingActivity(models.Model):
    key = models.SlugField(_("oznaczenie"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("kolejność"), default=100)
    name = models.CharField(_("czynność przetwarzania"), max_length=200)
    joint_controllers = models.TextField(
        _("współadministratorzy"),
        blank=True,
        help_text=_("Art. 30 ust. 1 lit. a RODO: nazwa i dane kontaktowe, jeśli są; puste, gdy ich nie ma."),
    )
    purposes = models.TextField(_("cele przetwarzania"), help_text=_("Art. 30 ust. 1 lit. b RODO."))
    legal_basis = models.TextField(
        _("podstawa prawna"),
        help_text=_(
            "Przepis art. 6 ust. 1 (a przy danych szczególnych kategorii także art. 9 ust. 2) RODO "
            "wraz z ustawą, która nakłada obowiązek albo określa zadanie."
        ),
    )
    data_subjects = models.TextField(
        _("kategorie osób, których dane dotyczą"), help_text=_("Art. 30 ust. 1 lit. c RODO.")
    )
    data_categories = models.TextField(
        _("kategorie danych osobowych"), help_text=_("Art. 30 ust. 1 lit. c RODO.")
    )
    recipients = models.TextField(
        _("kategorie odbiorców"),
        help_text=_("Art. 30 ust. 1 lit. d RODO, także podmioty przetwarzające (np. dostawca serwera)."),
    )
    transfers = models.TextField(
        _("przekazywanie do państwa trzeciego lub organizacji międzynarodowej"),
        default="Nie przekazujemy.",
        help_text=_("Art. 30 ust. 1 lit. e RODO."),
    )
    retention = models.TextField(
        _("planowane terminy usunięcia danych"),
        help_text=_(
            "Art. 30 ust. 1 lit. f RODO. Okresy, które platforma stosuje sama, pokazują niżej wybrane reguły "
            "usuwania; tu opisz pozostałe."
        ),
    )
    erasure_rules = models.JSONField(_("reguły usuwania danych na platformie"), default=list, blank=True)
    security_measures = models.TextField(
        _("środki bezpieczeństwa"),
        help_text=_("Art. 30 ust. 1 lit. g w związku z art. 32 ust. 1 RODO: ogólny opis."),
    )
    to_verify = models.BooleanField(
        _("do weryfikacji"),
        default=True,
        help_text=_("Zaznaczone, dopóki podstawy i okresy nie zostaną sprawdzone z tekstem przepisów."),
    )
    verification_note = models.TextField(_("co sprawdzić i na jakim źródle oparto wpis"), blank=True)
    version = models.PositiveIntegerField(_("wersja"), default=1)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)
    updated_by_label = models.CharField(_("zmienił(a)"), max_length=200, blank=True)

    class Meta:
        ordering = ["order", "name", "pk"]
        verbose_name = _("czynność przetwarzania")
        verbose_name_plural = _("rejestr czynności przetwarzania")

    def __str__(self) -> str:
        return self.name


class ProcessingActivityVersion(models.Model):
    """The entry as it was saved: its content at that version, who saved it and why."""

    activity = models.ForeignKey(ProcessingActivity, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("wersja"))
    content = models.JSONField(_("treść"))
    note = models.CharField(_("powód zmiany"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("zapisano"), auto_now_add=True)
    created_by_label = models.CharField(_("zapisał(a)"), max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="privacy_activity_version_number")
        ]
        verbose_name = _("wersja wpisu rejestru")
        verbose_name_plural = _("wersje wpisów rejestru")

    def __str__(self) -> str:
        return f"{self.activity} v{self.number}"
