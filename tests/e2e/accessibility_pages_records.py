"""The records pages the accessibility walk visits (see accessibility_pages.py), and those it does not."""

from __future__ import annotations

RECORDS_NOT_PAGES = {
    "records:hold_lift": "POST-only; it redirects to the holds page",
    "records:item_remove": "POST-only; it redirects to the disposal list",
    "records:action": "POST-only; it redirects to the disposal list, whose buttons are checked",
    "records:download": "a DOCX or XLSX download (the disposal list or the destruction protocol)",
    "records:consent_letter": "a document download (the state archive's consent)",
}


def records_pages() -> dict[str, list[tuple[str | None, str]]]:
    """The file plan, the kinds, the holds and a disposal list (an empty one made for the walk)."""
    from zit.records.models import FilePlanEntry
    from zit.records.services import disposal_list_create

    entry = FilePlanEntry.objects.order_by("symbol").first()
    disposal = disposal_list_create(actor=None, year=2026)
    pages = {
        "records:plan": "/biuro/dokumentacja/jrwa/",
        "records:plan_new": "/biuro/dokumentacja/jrwa/nowa/",
        "records:plan_edit": f"/biuro/dokumentacja/jrwa/{entry.pk}/",
        "records:kinds": "/biuro/dokumentacja/rodzaje/",
        "records:holds": "/biuro/dokumentacja/wstrzymania/",
        "records:disposals": "/biuro/dokumentacja/brakowanie/",
        "records:disposal": f"/biuro/dokumentacja/brakowanie/{disposal.pk}/",
        "records:consent": f"/biuro/dokumentacja/brakowanie/{disposal.pk}/zgoda/",
    }
    return {name: [("biuro", path)] for name, path in pages.items()}
