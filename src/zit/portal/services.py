"""Writes of the portal: the accessibility statement, kept by the office; checked and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.portal import statement_defaults as defaults
from zit.portal.models import AccessibilityStatement

STATEMENT_FIELDS = (
    "prepared_on",
    "reviewed_on",
    "compliance",
    "known_problems",
    "exemptions",
    "method",
    "audit_url",
    "architecture",
    "sign_language",
    "mobile_apps",
    "easy_read",
    "pjm_video",
    "pjm_link",
    "pjm_text",
)
PJM_VIDEO_TYPES = (".mp4", ".webm")
PJM_VIDEO_MAX_BYTES = 50 * 1024 * 1024  # within the web server's body limit (docs/deployment.md)


def statement_default() -> AccessibilityStatement:
    """The first statement, unsaved: what the page shows until the office saves its own."""
    return AccessibilityStatement(
        prepared_on=defaults.PREPARED_ON,
        reviewed_on=defaults.PREPARED_ON,
        compliance=AccessibilityStatement.Compliance.PARTIAL,
        known_problems=defaults.KNOWN_PROBLEMS,
        exemptions=defaults.EXEMPTIONS,
        method=AccessibilityStatement.Method.SELF,
        architecture=defaults.ARCHITECTURE,
        sign_language=defaults.SIGN_LANGUAGE,
        mobile_apps=defaults.MOBILE_APPS,
        easy_read=defaults.EASY_READ,
        pjm_text=defaults.PJM_TEXT,
    )


def _validate(statement: AccessibilityStatement, today: dt.date) -> None:
    errors: dict[str, str] = {}
    if statement.reviewed_on and statement.prepared_on and statement.reviewed_on < statement.prepared_on:
        errors["reviewed_on"] = _("Przegląd nie może być wcześniejszy niż sporządzenie deklaracji.")
    if statement.reviewed_on and statement.reviewed_on > today:
        errors["reviewed_on"] = _("Data przeglądu nie może być późniejsza niż dzisiejsza.")
    if statement.prepared_on and statement.prepared_on > today:
        errors["prepared_on"] = _("Data sporządzenia nie może być późniejsza niż dzisiejsza.")
    full = statement.compliance == AccessibilityStatement.Compliance.FULL
    if full and statement.problem_lines:
        errors["known_problems"] = _(
            "Strona z niezgodnościami nie jest zgodna: wybierz status „częściowo zgodna” albo „niezgodna”."
        )
    if not full and not (statement.problem_lines or statement.exemption_lines):
        errors["known_problems"] = _(
            "Przy statusie innym niż „zgodna” wymień niezgodności lub wyłączenia, z ich powodami."
        )
    if statement.method == AccessibilityStatement.Method.AUDIT and not statement.audit_url:
        errors["audit_url"] = _("Przy audycie zewnętrznym podaj adres raportu z audytu.")
    if (statement.pjm_video or statement.pjm_link) and not statement.pjm_text.strip():
        errors["pjm_text"] = _(
            "Dodaj tekst, który przekazuje nagranie: to jego odpowiednik dla osób bez PJM."
        )
    video = statement.pjm_video
    if video and not getattr(video, "_committed", True):  # a new upload
        if not video.name.lower().endswith(PJM_VIDEO_TYPES):
            errors["pjm_video"] = _("Nagranie dodaj jako plik MP4 lub WebM.")
        elif video.size > PJM_VIDEO_MAX_BYTES:
            errors["pjm_video"] = _(
                "Plik nagrania może mieć najwyżej 50 MB; dłuższe nagranie dodaj jako odnośnik."
            )
    if not statement.easy_read.strip():
        errors["easy_read"] = _("Informacja w tekście łatwym do czytania jest wymagana przez prawo.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def statement_update(*, actor: Any, **fields: Any) -> AccessibilityStatement:
    """Save the statement (the first save creates it from the defaults). `pjm_video=False` removes the file."""
    require_unless_system(actor, Perm.STATEMENT_EDIT)
    statement = AccessibilityStatement.objects.select_for_update().first()
    before = audit.snapshot(statement) if statement is not None else None
    if statement is None:
        statement = statement_default()
    old_video = statement.pjm_video.name if statement.pjm_video else ""
    for name, value in fields.items():
        if name not in STATEMENT_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        if name == "pjm_video" and value is None:
            continue  # the form's "keep the file"
        setattr(statement, name, value if value is not False else "")
    _validate(statement, timezone.localdate())
    statement.full_clean()
    statement.save()
    if old_video and statement.pjm_video.name != old_video:
        # The old recording is replaced or removed: its file goes once the change is committed.
        storage, name = statement.pjm_video.storage, old_video
        transaction.on_commit(lambda: storage.delete(name))
    after = audit.snapshot(statement)
    if before is None or audit.changed(before, after):
        audit.record(actor=actor, action="portal.statement_update", obj=statement, before=before, after=after)
    return statement
