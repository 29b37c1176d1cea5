"""Documents of the public register besides resolutions and minutes: published with their metryczka,
withdrawn (never deleted) with a reason, so the register keeps what was public and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import file_sha256
from zit.governance.models import Meeting, PublicDocument

DOCUMENT_TYPES = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".csv", ".txt")


@transaction.atomic
def document_publish(
    *,
    actor: Any,
    title: str,
    category: str,
    file: Any,
    prepared_by: str,
    prepared_on: dt.date | None = None,
    description: str = "",
    meeting: Meeting | None = None,
    is_demo: bool = False,
) -> PublicDocument:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    errors = {}
    if not title.strip():
        errors["title"] = _("Podaj tytuł dokumentu.")
    if category not in PublicDocument.Category.values:
        errors["category"] = _("Wybierz kategorię.")
    name = (getattr(file, "name", "") or "").rsplit("/", 1)[-1]
    if not name.lower().endswith(DOCUMENT_TYPES):
        errors["file"] = _("Dołącz plik PDF, DOCX, XLSX, ODT, ODS, CSV albo TXT.")
    if not prepared_by.strip():
        errors["prepared_by"] = _("Podaj, kto wytworzył informację (imię, nazwisko, funkcja).")
    if prepared_on and prepared_on > timezone.localdate():
        errors["prepared_on"] = _("Data wytworzenia nie może być z przyszłości.")
    if errors:
        raise ValidationError(errors)
    document = PublicDocument(
        title=title.strip(),
        category=category,
        description=description.strip(),
        prepared_by=prepared_by.strip(),
        prepared_on=prepared_on or timezone.localdate(),
        meeting=meeting,
        sha256=file_sha256(file),
        published_at=timezone.now(),
        published_by_label=audit.actor_label(actor),
        is_demo=is_demo,
    )
    document.file.save(name, file, save=False)
    document.save()
    audit.record(
        actor=actor, action="governance.document_publish", obj=document, after=audit.snapshot(document)
    )
    return document


@transaction.atomic
def document_withdraw(*, actor: Any, document: PublicDocument, reason: str) -> PublicDocument:
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    document = PublicDocument.objects.select_for_update().get(pk=document.pk)
    if document.withdrawn_at:
        raise ValidationError(_("Ten dokument już wycofano."))
    if not reason.strip():
        raise ValidationError({"reason": _("Podaj powód wycofania: zostaje w metryczce.")})
    document.withdrawn_at, document.withdrawn_reason = timezone.now(), reason.strip()
    document.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    audit.record(
        actor=actor,
        action="governance.document_withdraw",
        obj=document,
        after={"withdrawn_reason": document.withdrawn_reason},
        reason=document.withdrawn_reason,
    )
    return document
