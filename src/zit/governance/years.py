"""The association's reporting year: every write (opening the year, the documents, the approval's link, the
filing) and the check the approval resolution must pass. The steps and deadlines are `year_rules`; the reads
are `year_selectors`.

The documents go through `public_documents.document_publish`, so each is in the public register with its
metryczka; the year only points at them. A year is opened when first needed (its page, a document, the
approval), never before it has ended: its statement cannot exist before the balance-sheet day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require_unless_system
from zit.governance import year_rules
from zit.governance.models import AssociationYear, PublicDocument, Resolution
from zit.governance.public_documents import document_publish

FIRST_YEAR = 2000
# the register's category of each document
CATEGORIES = {
    year_rules.STATEMENT: PublicDocument.Category.BUDGET,
    year_rules.BOARD_REPORT: PublicDocument.Category.REPORT,
    year_rules.AUDIT_OPINION: PublicDocument.Category.REPORT,
}
FIELDS = {
    year_rules.STATEMENT: "financial_statement",
    year_rules.BOARD_REPORT: "board_report",
    year_rules.AUDIT_OPINION: "audit_opinion",
}


def year_ended(year: int, today: dt.date) -> bool:
    return year < today.year


def not_ended_reason(year: int) -> str:
    return _(
        "Rok %(y)d jeszcze się nie skończył: dokumenty i uchwały za ten rok przyjmujemy od 1 stycznia %(n)d r."
    ) % {"y": year, "n": year + 1}


@transaction.atomic
def year_open(*, actor: Any, year: int, today: dt.date | None = None) -> AssociationYear:
    """The year's record, made the first time it is needed; only for a year that has ended."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    today = today or timezone.localdate()
    if not year >= FIRST_YEAR:
        raise ValidationError({"year": _("Podaj rok, np. %(y)d.") % {"y": today.year - 1}})
    if not year_ended(year, today):
        raise ValidationError({"year": not_ended_reason(year)})
    record, created = AssociationYear.objects.get_or_create(year=year)
    if created:
        audit.record(actor=actor, action="governance.year_open", obj=record, after=audit.snapshot(record))
    return record


def approval_refusal(
    fiscal_year: int | None, *, resolution: Resolution | None = None, today: dt.date | None = None
) -> str | None:
    """Why the Rada cannot approve the statement for the year now, or None: the year must have ended, its
    statement must be in the register and not already approved by another resolution."""
    if not fiscal_year:
        return None
    if not year_ended(fiscal_year, today or timezone.localdate()):
        return not_ended_reason(fiscal_year)
    record = (
        AssociationYear.objects.select_related("financial_statement", "approval")
        .filter(year=fiscal_year)
        .first()
    )
    if record is None or record.document(year_rules.STATEMENT) is None:
        return _(
            "Sprawozdanie finansowe za %(y)d r. nie zostało jeszcze dodane na stronie roku sprawozdawczego: "
            "Rada zatwierdza sprawozdanie, które już jest w rejestrze."
        ) % {"y": fiscal_year}
    if record.approval is not None and (resolution is None or record.approval.pk != resolution.pk):
        return _("Sprawozdanie finansowe za %(y)d r. zatwierdzono już uchwałą nr %(n)s.") % {
            "y": fiscal_year,
            "n": record.approval.number,
        }
    return None


@transaction.atomic
def year_approval_link(*, actor: Any, resolution: Resolution) -> AssociationYear:
    """The effect of the approval resolution: the year points at it. Refused (the effect then waits with the
    reason) while the statement is not in the register."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    day = resolution.adopted_on or timezone.localdate()
    refusal = approval_refusal(resolution.fiscal_year, resolution=resolution, today=day)
    if refusal:
        raise ValidationError(refusal)
    record = AssociationYear.objects.select_for_update().get(year=resolution.fiscal_year)
    before = audit.snapshot(record)
    record.approval = resolution
    record.save(update_fields=["approval"])
    audit.record(
        actor=actor,
        action="governance.year_approve",
        obj=record,
        before=before,
        after=audit.snapshot(record),
    )
    return record


@transaction.atomic
def year_document_upload(
    *,
    actor: Any,
    year: int,
    step: str,
    title: str,
    file: Any,
    prepared_by: str,
    prepared_on: dt.date | None = None,
    description: str = "",
    is_demo: bool = False,
    today: dt.date | None = None,
) -> PublicDocument:
    """Publish one of the year's documents in the register and link it to the year, all or nothing."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    if step not in FIELDS:
        raise ValueError(f"Unknown document step: {step}")
    today = today or timezone.localdate()
    if not year_ended(year, today):
        raise ValidationError(not_ended_reason(year))
    record = AssociationYear.objects.select_for_update().get(
        pk=year_open(actor=actor, year=year, today=today).pk
    )
    if step == year_rules.STATEMENT and record.approval_id:
        raise ValidationError(
            _(
                "Sprawozdanie finansowe za %(y)d r. jest już zatwierdzone uchwałą nr %(n)s: nie można go zastąpić."
            )
            % {"y": year, "n": record.approval.number}
        )
    if record.document(step) is not None:
        raise ValidationError(
            _(
                "Ten dokument jest już w rejestrze. Aby dodać inny, najpierw wycofaj poprzedni z publikacji "
                "(Dokumenty w rejestrze)."
            )
        )
    if prepared_on and prepared_on <= year_rules.balance_sheet_day(year):
        raise ValidationError(
            {
                "prepared_on": _(
                    "Dokument za %(y)d r. powstaje po dniu bilansowym: podaj datę od 1 stycznia %(n)d r."
                )
                % {"y": year, "n": year + 1}
            }
        )
    document = document_publish(
        actor=actor,
        title=title,
        category=CATEGORIES[step],
        file=file,
        prepared_by=prepared_by,
        prepared_on=prepared_on,
        description=description,
        is_demo=is_demo,
    )
    before = audit.snapshot(record)
    setattr(record, FIELDS[step], document)
    record.save(update_fields=[FIELDS[step]])
    audit.record(
        actor=actor,
        action="governance.year_document",
        obj=record,
        before=before,
        after=audit.snapshot(record) | {"step": step},
    )
    return document


@transaction.atomic
def year_filing_record(
    *, actor: Any, year: int, filed_on: dt.date, reference: str, today: dt.date | None = None
) -> AssociationYear:
    """The office records when and how the approved statement went to the Szef KAS (art. 27 ust. 2 of the CIT
    act, do weryfikacji): never before the approval, never in the future."""
    require_unless_system(actor, Perm.GOVERNANCE_MANAGE)
    today = today or timezone.localdate()
    record = (
        AssociationYear.objects.select_for_update(of=("self",))
        .filter(year=year)
        .select_related("approval")
        .first()
    )
    if record is None or record.approval is None:
        raise ValidationError(
            _("Sprawozdanie finansowe za %(y)d r. nie jest jeszcze zatwierdzone: wysyła się zatwierdzone.")
            % {"y": year}
        )
    errors = {}
    approved_on = record.approval.adopted_on
    if filed_on < approved_on:
        errors["filed_on"] = _(
            "Data wysłania nie może być wcześniejsza niż zatwierdzenie sprawozdania (uchwała nr %(n)s z %(d)s)."
        ) % {"n": record.approval.number, "d": format_date(approved_on)}
    elif filed_on > today:
        errors["filed_on"] = _("Data wysłania nie może być z przyszłości.")
    if not reference.strip():
        errors["reference"] = _("Podaj numer potwierdzenia wysłania (np. numer UPO) albo inny znak wysyłki.")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(record)
    record.filed_on, record.filing_reference = filed_on, reference.strip()
    record.save(update_fields=["filed_on", "filing_reference"])
    audit.record(
        actor=actor,
        action="governance.year_filing",
        obj=record,
        before=before,
        after=audit.snapshot(record),
    )
    return record
