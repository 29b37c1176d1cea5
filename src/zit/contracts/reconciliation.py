"""Reconciliation with the managing authority: its exports (LSI 2021+, CST2021, spreadsheets) are compared
with the platform's own figures, so the office checks differences instead of retyping what the IZ holds.

The column mapping and the meaning of the IZ's status words are saved per source, because layouts change.
Rows are matched by contract number, then by application number. Each difference is confirmed (the
platform is right; a note says why) or corrected: dates and numbers the IZ keeps are corrected here through
the contract's services; amounts and the end date change only by an amendment and a state only by the card's
workflow, so for those the office acts on the card and a re-check closes what now agrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from zit.contracts.durability import contract_settle, default_years
from zit.contracts.models import Contract, Difference, IzSource, Reconciliation, ReportExpenditure
from zit.contracts.reconciliation_fields import (
    AMENDED,
    FIELD_BY_KEY,
    FIELDS,
    KEYS,
    SKIP_STATUS,
    STATUS_GROUPS,
    Field,
    decode_value,
    display,
    encode_value,
    expected_cards,
    guess_mapping,
    is_total_row,
    normalised,
    parse_cell,
    platform_value,
    same_value,
)
from zit.core import audit
from zit.core.exports import spreadsheet_row
from zit.core.files import local_path
from zit.core.formatting import document_datetime
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import file_sha256
from zit.core.tables import StreamedTable, stream_table
from zit.projects.models import ProjectCard

# --- upload and mapping ---------------------------------------------------------------------------------------


def _require(actor: Any) -> None:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)


@transaction.atomic
def source_create(*, actor: Any, name: str, system: str, is_demo: bool = False) -> IzSource:
    _require(actor)
    source = IzSource(name=name.strip(), system=system, is_demo=is_demo)
    source.full_clean()
    source.save()
    audit.record(actor=actor, action="contracts.iz_source_create", obj=source, after=audit.snapshot(source))
    return source


@contextmanager
def _opened_table(reconciliation: Reconciliation, report: ImportReport) -> Iterator[StreamedTable]:
    """The stored export read row by row, from wherever the storage keeps it."""
    with local_path(reconciliation.file) as path:
        yield stream_table(reconciliation.file_name, path, report)


def column_labels(reconciliation: Reconciliation) -> dict[str, str]:
    """The file's headers as written (the mapping keeps them in lower case)."""
    with _opened_table(reconciliation, ImportReport()) as table:
        return {key: label for key, label in zip(table.columns, table.labels, strict=False) if key}


def _status_values(reconciliation: Reconciliation, column: str) -> list[str]:
    with _opened_table(reconciliation, ImportReport()) as table:
        values = {cells.get(column, "").strip() for _n, cells in table.rows}
    return sorted(v for v in values if v)


def _columns_of_whole(upload: Any) -> list[str]:
    """The export's columns, read to its end before it is kept: a file the reader refuses, at once or halfway,
    is never stored (rows the comparison reports are its business, not this check's)."""
    try:
        table = stream_table(upload.name, upload, ImportReport())
        for _row in table.rows:
            pass
    except ImportRejected as exc:
        raise ValidationError({"file": [p.message for p in exc.report.problems]}) from exc
    return [c for c in table.columns if c]


@transaction.atomic
def reconciliation_upload(
    *, actor: Any, source: IzSource, upload: Any, is_demo: bool = False
) -> Reconciliation:
    """Check the export, keep it with its header; compare at once if the saved mapping still fits, otherwise
    the office maps the columns first (`reconciliation_map`). Nothing is kept of a refused file."""
    _require(actor)
    if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
        raise ValidationError({"file": _("Wgraj plik CSV lub XLSX.")})
    reconciliation = Reconciliation(
        source=source,
        file_name=upload.name,
        file_sha256=file_sha256(upload),
        created_by_label=audit.actor_label(actor),
        is_demo=is_demo,
        columns=_columns_of_whole(upload),
    )
    reconciliation.file.save(upload.name, upload, save=False)
    try:
        reconciliation.save()
        audit.record(
            actor=actor,
            action="contracts.reconciliation_upload",
            obj=reconciliation,
            after={"source": source.name, "file": upload.name, "sha256": reconciliation.file_sha256},
        )
        mapping = guess_mapping(reconciliation.columns, source.mapping)
        saved_fits = bool(source.mapping) and all(
            c in reconciliation.columns for c in source.mapping.values()
        )
        if saved_fits and "status" in mapping:
            statuses = _status_values(reconciliation, mapping["status"])
            saved_fits = all(s.lower() in source.status_map for s in statuses)
        if saved_fits:
            reconciliation_compare(actor=actor, reconciliation=reconciliation)
    except BaseException:
        reconciliation.file.delete(save=False)  # the row is rolled back; the stored file goes with it
        raise
    return reconciliation


def mapping_problems(mapping: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not any(mapping.get(k) for k in KEYS):
        errors["contract_number"] = [
            _("Wskaż kolumnę z numerem umowy lub numerem wniosku: po nich łączymy projekty.")
        ]
    seen: dict[str, str] = {}
    for key, column in mapping.items():
        if not column:
            continue
        if column in seen:
            errors.setdefault(key, []).append(
                _("Ta sama kolumna jest już wskazana jako „%(f)s”.") % {"f": FIELD_BY_KEY[seen[column]].label}
            )
        seen[column] = key
    return errors


def status_values_for(reconciliation: Reconciliation, mapping: dict[str, str]) -> list[str]:
    column = mapping.get("status")
    return _status_values(reconciliation, column) if column else []


@transaction.atomic
def reconciliation_map(
    *, actor: Any, reconciliation: Reconciliation, mapping: dict[str, str], status_map: dict[str, str]
) -> Reconciliation:
    """Save the columns and status meanings on the source (for the next export), then compare."""
    _require(actor)
    mapping = {k: v for k, v in mapping.items() if v and k in FIELD_BY_KEY}
    errors = mapping_problems(mapping)
    unknown = [c for c in mapping.values() if c not in reconciliation.columns]
    if unknown:
        errors.setdefault("__all__", []).append(_("W pliku nie ma kolumny „%(c)s”.") % {"c": unknown[0]})
    statuses = status_values_for(reconciliation, mapping) if not errors else []
    for text in statuses:
        if status_map.get(text.lower()) not in {*STATUS_GROUPS, SKIP_STATUS}:
            errors.setdefault("status", []).append(
                _("Wybierz, co znaczy status „%(s)s” (albo „nie porównuj”).") % {"s": text}
            )
    if errors:
        raise ValidationError(errors)
    source = IzSource.objects.select_for_update().get(pk=reconciliation.source_id)
    before = {"mapping": source.mapping, "status_map": source.status_map}
    source.mapping = mapping
    source.status_map = source.status_map | {t.lower(): status_map[t.lower()] for t in statuses}
    source.save(update_fields=["mapping", "status_map", "updated_at"])
    audit.record(
        actor=actor,
        action="contracts.iz_source_mapping",
        obj=source,
        before=before,
        after={"mapping": source.mapping, "status_map": source.status_map},
    )
    return reconciliation_compare(actor=actor, reconciliation=reconciliation)


# --- comparison -----------------------------------------------------------------------------------------------


def _spent(card_ids: list[int]) -> dict[int, Decimal]:
    rows = (
        ReportExpenditure.objects.filter(report__contract__card_id__in=card_ids, report__status="noted")
        .values("report__contract__card_id")
        .annotate(total=Sum("amount_pln"))
    )
    return {r["report__contract__card_id"]: r["total"] for r in rows}


@transaction.atomic
def reconciliation_compare(*, actor: Any, reconciliation: Reconciliation) -> Reconciliation:
    """Read every row, match it, and record what differs; cells that cannot be read are listed, not guessed."""
    _require(actor)
    source = IzSource.objects.get(pk=reconciliation.source_id)  # fresh: the mapping may just have changed
    mapping = source.mapping
    report = ImportReport()
    contracts = {normalised(c.number): c for c in Contract.objects.select_related("card")}
    cards_by_application = {
        normalised(c.application_number): c
        for c in ProjectCard.objects.exclude(application_number="").select_related("contract")
    }
    reconciliation.differences.all().delete()
    differences: list[Difference] = []
    matched: set[int] = set()
    seen_rows: dict[int, int] = {}
    rows_read = 0
    compared = [f for f in FIELDS if f.key in mapping and f.kind != "label"]
    pending: list[tuple[int, ProjectCard, Contract | None, dict[str, Any]]] = []
    with _opened_table(reconciliation, report) as table:
        for number, cells in table.rows:
            rows_read += 1
            raw = {key: cells.get(column, "").strip() for key, column in mapping.items()}
            contract = (
                contracts.get(normalised(raw.get("contract_number", "")))
                if raw.get("contract_number")
                else None
            )
            card = contract.card if contract else None
            if card is None and raw.get("application_number"):
                card = cards_by_application.get(normalised(raw["application_number"]))
                contract = getattr(card, "contract", None) if card else None
            if not raw.get("contract_number") and not raw.get("application_number"):
                if not is_total_row(cells):
                    report.add(
                        reconciliation.file_name,
                        number,
                        "",
                        _("Wiersz nie ma numeru umowy ani wniosku; pominięto go."),
                    )
                continue
            reference = raw.get("contract_number") or raw.get("application_number")
            if card is None:
                differences.append(
                    Difference(
                        reconciliation=reconciliation,
                        kind=Difference.Kind.NOT_IN_PLATFORM,
                        row=number,
                        reference=reference[:200],
                        iz_value=raw.get("title", "")[:300],
                    )
                )
                continue
            if card.pk in seen_rows:
                report.add(
                    reconciliation.file_name,
                    number,
                    "",
                    _("Ten projekt jest już w wierszu %(n)d; wiersz pominięto.") % {"n": seen_rows[card.pk]},
                )
                continue
            seen_rows[card.pk] = number
            matched.add(card.pk)
            values = {}
            for field in compared:
                try:
                    values[field.key] = parse_cell(field, raw.get(field.key, ""), source.status_map)
                except ValueError:
                    report.add(
                        reconciliation.file_name,
                        number,
                        mapping[field.key],
                        _("Nie da się odczytać „%(v)s”; tej wartości nie porównano.") % {"v": raw[field.key]},
                    )
            pending.append((number, card, contract, values))
    spent = _spent([card.pk for _n, card, _c, _v in pending])
    for number, card, contract, values in pending:
        for field in compared:
            theirs = values.get(field.key)
            if theirs is None:
                continue  # an empty cell says nothing
            ours = platform_value(field.key, card, contract, spent.get(card.pk))
            if same_value(field, ours, theirs):
                continue
            differences.append(
                Difference(
                    reconciliation=reconciliation,
                    kind=Difference.Kind.VALUE,
                    row=number,
                    card=card,
                    field=field.key,
                    reference=(contract.number if contract else card.application_number or card.number)[:200],
                    platform_value=encode_value(field, ours)[:300],
                    iz_value=encode_value(field, theirs)[:300],
                )
            )
    expected = expected_cards(source, mapping)
    for card in expected.exclude(pk__in=matched).select_related("contract"):
        contract = getattr(card, "contract", None)
        differences.append(
            Difference(
                reconciliation=reconciliation,
                kind=Difference.Kind.NOT_IN_EXPORT,
                card=card,
                reference=(contract.number if contract else card.application_number)[:200],
                platform_value=card.title[:300],
            )
        )
    Difference.objects.bulk_create(differences)
    reconciliation.rows_read = rows_read
    reconciliation.rows_matched = len(matched)
    reconciliation.problems = [str(p) for p in report.problems]
    reconciliation.status = Reconciliation.Status.DONE
    reconciliation.save(update_fields=["rows_read", "rows_matched", "problems", "status"])
    audit.record(
        actor=actor,
        action="contracts.reconciliation_compare",
        obj=reconciliation,
        after={
            "rows": rows_read,
            "matched": len(matched),
            "differences": len(differences),
            "mapping": mapping,
        },
    )
    return reconciliation


# --- resolving ------------------------------------------------------------------------------------------------


def _open(difference: Difference) -> Difference:
    difference = (
        Difference.objects.select_for_update(of=("self",)).select_related("card").get(pk=difference.pk)
    )
    if difference.status != Difference.Status.OPEN:
        raise ValidationError(_("Ta różnica jest już wyjaśniona."))
    return difference


def _close(actor: Any, difference: Difference, status: str, note: str, action: str) -> Difference:
    difference.status = status
    difference.note = note
    difference.resolved_at = timezone.now()
    difference.resolved_by_label = audit.actor_label(actor)
    difference.save(update_fields=["status", "note", "resolved_at", "resolved_by_label"])
    audit.record(
        actor=actor,
        action=action,
        obj=difference.reconciliation,
        after={
            "reference": difference.reference,
            "field": difference.field,
            "platform": difference.platform_value,
            "iz": difference.iz_value,
            "status": status,
        },
        reason=note,
    )
    return difference


@transaction.atomic
def difference_confirm(*, actor: Any, difference: Difference, note: str) -> Difference:
    """The platform's figure stands (the IZ's system lags, or the row is not the association's)."""
    _require(actor)
    difference = _open(difference)
    if not note.strip():
        raise ValidationError({"note": _("Napisz, dlaczego dane platformy są właściwe.")})
    return _close(
        actor, difference, Difference.Status.CONFIRMED, note.strip(), "contracts.difference_confirm"
    )


def correctable_here(difference: Difference) -> bool:
    field = FIELD_BY_KEY.get(difference.field)
    if difference.kind != Difference.Kind.VALUE or field is None or not field.correct_here:
        return False
    return difference.field == "application_number" or hasattr(difference.card, "contract")


@transaction.atomic
def difference_correct(*, actor: Any, difference: Difference) -> Difference:
    """Take the IZ's value into the platform through the owning service; audited there and here."""
    _require(actor)
    difference = _open(difference)
    if not correctable_here(difference):
        raise ValidationError(
            _(
                "Tę wartość zmienia się na karcie projektu (aneksem albo zmianą stanu); potem sprawdź ponownie."
            )
        )
    field = FIELD_BY_KEY[difference.field]
    value = decode_value(field, difference.iz_value)
    card = difference.card
    if field.key == "application_number":
        if ProjectCard.objects.exclude(pk=card.pk).filter(application_number__iexact=value).exists():
            raise ValidationError(_("Ten numer wniosku ma już inna fiszka."))
        before = audit.snapshot(card)
        card.application_number = value
        card.save(update_fields=["application_number", "updated_at"])
        audit.record(
            actor=actor, action="projects.card_update", obj=card, before=before, after=audit.snapshot(card)
        )
    elif field.key == "final_payment_on":
        contract = card.contract
        source = difference.reconciliation.source.name
        contract_settle(
            actor=actor,
            contract=contract,
            final_payment_on=value,
            durability_years=contract.durability_years or default_years(),
            reference=_("zestawienie IZ: %(s)s") % {"s": source},
            # the IZ made the payment; its own statement of it is the confirmation
            confirmed=True,
            reason=_("Przyjęto wartość z zestawienia IZ (%(s)s).") % {"s": source},
        )
    else:
        contract = Contract.objects.select_for_update().get(card=card)
        if field.key == "starts_on" and value > contract.ends_on:
            raise ValidationError(_("Początek realizacji byłby po jej końcu; sprawdź dane w IZ."))
        if field.key == "signed_on" and value > timezone.localdate():
            raise ValidationError(_("Data zawarcia nie może być z przyszłości."))
        before = audit.snapshot(contract)
        setattr(contract, field.key, value)
        contract.save(update_fields=[field.key])
        audit.record(
            actor=actor,
            action="contracts.contract_update",
            obj=contract,
            before=before,
            after=audit.snapshot(contract),
        )
        if field.key == "starts_on":
            from zit.contracts.published import published_refresh

            published_refresh(contract)
    note = _("Przyjęto wartość z zestawienia IZ (%(s)s).") % {"s": difference.reconciliation.source.name}
    return _close(actor, difference, Difference.Status.CORRECTED, note, "contracts.difference_correct")


@transaction.atomic
def reconciliation_recheck(*, actor: Any, reconciliation: Reconciliation) -> int:
    """Close as corrected the open value differences the platform now agrees with (after an amendment or a
    change of state made on the card)."""
    _require(actor)
    closed = 0
    open_values = list(
        reconciliation.differences.filter(
            status=Difference.Status.OPEN, kind=Difference.Kind.VALUE
        ).select_related("card__contract")
    )
    spent = _spent([d.card_id for d in open_values])
    for difference in open_values:
        field = FIELD_BY_KEY[difference.field]
        card = difference.card
        contract = getattr(card, "contract", None)
        ours = platform_value(field.key, card, contract, spent.get(card.pk))
        if same_value(field, ours, decode_value(field, difference.iz_value)):
            _close(
                actor,
                difference,
                Difference.Status.CORRECTED,
                _("Po zmianie na karcie projektu dane platformy zgadzają się z IZ."),
                "contracts.difference_recheck",
            )
            closed += 1
    return closed


def where_to_fix(difference: Difference) -> str:
    """The page on which the office changes what the reconciliation cannot change by itself."""
    from django.urls import reverse

    if difference.card_id is None:
        return ""
    contract = getattr(difference.card, "contract", None)
    if difference.field in AMENDED and contract is not None and not contract.terminated_on:
        return reverse("contracts:card_amendment", args=[difference.card_id])
    return reverse("projects:card", args=[difference.card_id])


def _sheet_value(field: Field | None, text: str) -> Any:
    """Amounts and dates as numbers and dates a spreadsheet can sum and sort; the rest as shown on the page."""
    if field is None:
        return text
    value = decode_value(field, text)
    if field.kind in {"amount", "date"} and value is not None:
        return value
    return display(field, value) if text else ""


def differences_xlsx(reconciliation: Reconciliation) -> bytes:
    """The differences as a sheet the office can send to the managing authority or file with the case."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Różnice"
    sheet.append(
        spreadsheet_row(
            [
                _("Wiersz"),
                _("Projekt"),
                _("Tytuł"),
                _("Co"),
                _("W platformie"),
                _("W zestawieniu IZ"),
                _("Stan"),
                _("Wyjaśnienie"),
                _("Kto i kiedy"),
            ]
        )
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for width, column in zip((8, 30, 40, 24, 22, 22, 24, 40, 28), "ABCDEFGHI", strict=True):
        sheet.column_dimensions[column].width = width
    for d in reconciliation.differences.select_related("card").order_by("row", "pk"):
        field = FIELD_BY_KEY.get(d.field)
        ours, theirs = (_sheet_value(field, d.platform_value), _sheet_value(field, d.iz_value))
        sheet.append(
            spreadsheet_row(
                [
                    d.row,
                    d.reference,
                    d.card.title if d.card else "",
                    capfirst(str(field.label if field else d.get_kind_display())),
                    ours,
                    theirs,
                    d.get_status_display(),
                    d.note,
                    f"{d.resolved_by_label}, {document_datetime(d.resolved_at)}" if d.resolved_at else "",
                ]
            )
        )
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
