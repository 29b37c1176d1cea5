"""The register as a document to sign or hand to the supervisory authority (DOCX) and as a table (XLSX, CSV)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.formatting import document_date, one_full_stop
from zit.privacy.models import ProcessingActivity
from zit.privacy.selectors import Controller, rules_of


def rules_text(activity: ProcessingActivity) -> str:
    """The platform's erasure rules of the entry, one per line: what is emptied and when."""
    return "\n".join(
        _("%(title)s: %(fields)s – usuwane po %(period)s.")
        % {"title": rule.title, "fields": ", ".join(rule.field_labels()), "period": rule.period_label()}
        for rule in rules_of(activity)
    )


def retention_text(activity: ProcessingActivity) -> str:
    return "\n".join(part for part in (activity.retention, rules_text(activity)) if part)


def columns() -> list[tuple[str, Any]]:
    """(header, value of an entry) in the order of art. 30 ust. 1 RODO, with the legal basis after the
    purposes."""
    return [
        (_("Lp."), None),
        (_("Czynność przetwarzania"), lambda a: a.name),
        (_("Współadministratorzy (art. 30 ust. 1 lit. a)"), lambda a: a.joint_controllers),
        (_("Cele przetwarzania (lit. b)"), lambda a: a.purposes),
        (_("Podstawa prawna (art. 6 i 9 RODO, ustawa)"), lambda a: a.legal_basis),
        (_("Kategorie osób (lit. c)"), lambda a: a.data_subjects),
        (_("Kategorie danych (lit. c)"), lambda a: a.data_categories),
        (_("Kategorie odbiorców (lit. d)"), lambda a: a.recipients),
        (_("Przekazywanie do państwa trzeciego (lit. e)"), lambda a: a.transfers),
        (_("Terminy usunięcia danych (lit. f)"), retention_text),
        (_("Środki bezpieczeństwa (lit. g, art. 32 ust. 1)"), lambda a: a.security_measures),
        (
            _("Do weryfikacji"),
            lambda a: (_("tak: %(note)s") % {"note": a.verification_note}) if a.to_verify else _("nie"),
        ),
        (_("Wersja"), lambda a: a.version),
        (_("Zmieniono"), lambda a: document_date(timezone.localtime(a.updated_at).date())),
    ]


def table(activities: list[ProcessingActivity]) -> tuple[list[str], list[list[Any]]]:
    cols = columns()
    header = [str(h) for h, _f in cols]
    lines = [[n if f is None else f(a) for _h, f in cols] for n, a in enumerate(activities, start=1)]
    return header, lines


def register_docx(
    activities: list[ProcessingActivity], *, controller: Controller, letterhead: list[str]
) -> bytes:
    from zit.core.docx_house import house_bytes, house_document

    title = _("Rejestr czynności przetwarzania")
    doc = house_document(title, letterhead=letterhead, author=controller.name)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        one_full_stop(
            _(
                "Rejestr prowadzony na podstawie art. 30 ust. 1 rozporządzenia Parlamentu Europejskiego i Rady (UE) "
                "2016/679 (RODO). Stan na %(day)s."
            )
            % {"day": document_date(timezone.localdate())}
        )
    )
    doc.add_paragraph(_("Administrator (art. 30 ust. 1 lit. a): %(name)s") % {"name": controller.name})
    if controller.address:
        doc.add_paragraph(_("Adres: %(a)s") % {"a": controller.address})
    if controller.contact:
        doc.add_paragraph(_("Kontakt: %(c)s") % {"c": controller.contact})
    cols = columns()[1:-1]
    for n, activity in enumerate(activities, start=1):
        doc.add_heading(f"{n}. {activity.name}", level=2)
        grid = doc.add_table(rows=0, cols=2)
        grid.style = "Table Grid"
        for header, value in cols[1:]:
            row = grid.add_row().cells
            row[0].text = str(header)
            row[1].text = str(value(activity) or "–")
    if not activities:
        doc.add_paragraph(_("Rejestr nie ma jeszcze wpisów."))
    return house_bytes(doc)
