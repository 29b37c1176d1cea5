"""Writes to the programme layer (the programme, its priorities and measures, the agreement, its allocation
lines and obligations): keyword-only, atomic, permission-checked, validated and audited. The exchange rates
and the indicator catalogue are written by `catalogues.py`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_amount
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import Table
from zit.funding import importers
from zit.funding.models import Agreement, AllocationLine, Fund, Measure, Obligation, Priority, Programme


def check_actor(actor: Any, perm: str = Perm.FUNDING_EDIT) -> None:
    if actor is not None:  # None: reference loaders run by the platform itself
        require(actor, perm)


def write_audited(actor: Any, obj: Any, action: str, before: dict | None = None, **extra: Any) -> Any:
    obj.full_clean()
    obj.save()
    after = audit.snapshot(obj)
    if before is None or audit.changed(before, after):
        audit.record(actor=actor, action=action, obj=obj, before=before, after=after, **extra)
    return obj


def apply_fields(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"Unknown field: {name}")
        setattr(obj, name, value)


def _check_rate(value: Decimal | None, field: str = "max_cofinancing_rate") -> None:
    if value is not None and not 0 < value <= 1:
        raise ValidationError({field: _("Poziom dofinansowania to część od 0,01 do 1, np. 0,70 dla 70%.")})


PROGRAMME_FIELDS = (
    "name_pl",
    "name_en",
    "managing_authority",
    "approved_on",
    "eu_amount_eur",
    "max_cofinancing_rate",
    "source",
)
PRIORITY_FIELDS = ("number", "name_pl", "name_en", "fund", "max_cofinancing_rate", "source")
MEASURE_FIELDS = (
    "number",
    "name_pl",
    "name_en",
    "priority",
    "fund",
    "max_cofinancing_rate",
    "rate_source",
    "is_zit",
    "source",
)


@transaction.atomic
def programme_update(*, actor: Any, programme: Programme, **fields: Any) -> Programme:
    check_actor(actor)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    before = audit.snapshot(programme)
    apply_fields(programme, fields, PROGRAMME_FIELDS)
    _check_rate(programme.max_cofinancing_rate)
    if programme.eu_amount_eur is not None and programme.eu_amount_eur < 0:
        raise ValidationError({"eu_amount_eur": _("Kwota nie może być ujemna.")})
    return write_audited(actor, programme, "funding.programme_update", before)


def _priority_for(programme: Programme, number: str) -> Priority | None:
    return Priority.objects.filter(programme=programme, number=number.split(".")[0]).first()


@transaction.atomic
def priority_save(
    *, actor: Any, programme: Programme, priority: Priority | None = None, **fields: Any
) -> Priority:
    check_actor(actor)
    if priority is not None:
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
    before = audit.snapshot(priority) if priority else None
    priority = priority or Priority(programme=programme)
    apply_fields(priority, fields, PRIORITY_FIELDS)
    priority.number = str(priority.number).strip().rstrip(".")
    if not importers.NUMBER.match(priority.number) or "." in priority.number:
        raise ValidationError({"number": _("Numer priorytetu to liczba, np. 3.")})
    _check_rate(priority.max_cofinancing_rate)
    if Priority.objects.filter(programme=programme, number=priority.number).exclude(pk=priority.pk).exists():
        raise ValidationError({"number": _("Priorytet o tym numerze już jest w programie.")})
    if before is not None and before.get("number") != priority.number and priority.measures.exists():
        raise ValidationError(
            {"number": _("Priorytet ma działania: numeru nie zmienia się, bo wynika z niego numer działań.")}
        )
    own = models.Q(priority=priority) if priority.pk else models.Q(pk__in=[])
    candidates = Measure.objects.filter(programme=programme).filter(
        own | models.Q(priority=None, number__startswith=f"{priority.number}.")
    )
    if priority.fund_id:
        clash = [m.number for m in candidates if m.fund_id and m.fund_id != priority.fund_id]
        if clash:
            raise ValidationError(
                {
                    "fund": _("Działania %(m)s są finansowane z innego funduszu niż %(f)s.")
                    % {"m": ", ".join(clash), "f": priority.fund}
                }
            )
    priority = write_audited(
        actor, priority, "funding.priority_create" if before is None else "funding.priority_update", before
    )
    # measures typed before their priority existed find it now
    Measure.objects.filter(
        programme=programme, priority=None, number__startswith=f"{priority.number}."
    ).update(priority=priority)
    return priority


@transaction.atomic
def measure_save(
    *, actor: Any, programme: Programme, measure: Measure | None = None, **fields: Any
) -> Measure:
    """Create or correct a measure. Its priority follows from its number ("3.2" → priority 3) when none is
    given; its fund must agree with the priority's."""
    check_actor(actor)
    if measure is not None:
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
    before = audit.snapshot(measure) if measure else None
    measure = measure or Measure(programme=programme)
    apply_fields(measure, fields, MEASURE_FIELDS)
    measure.number = str(measure.number).strip().rstrip(".")
    errors: dict[str, str] = {}
    if not importers.NUMBER.match(measure.number) or "." not in measure.number:
        errors["number"] = _("Numer działania ma postać priorytet.działanie, np. 3.2.")
    elif Measure.objects.filter(programme=programme, number=measure.number).exclude(pk=measure.pk).exists():
        errors["number"] = _("Działanie o tym numerze już jest w programie.")
    if measure.max_cofinancing_rate is not None and not 0 < measure.max_cofinancing_rate <= 1:
        errors["max_cofinancing_rate"] = _("Poziom dofinansowania to część od 0,01 do 1, np. 0,70 dla 70%.")
    elif measure.max_cofinancing_rate is not None and not measure.rate_source.strip():
        errors["rate_source"] = _("Podaj źródło poziomu dofinansowania, np. SZOP z datą wersji.")
    if "number" not in errors and measure.priority is None:
        measure.priority = _priority_for(programme, measure.number)
    if measure.priority and measure.priority.number != measure.number.split(".")[0]:
        errors["priority"] = _("Działanie %(m)s nie należy do priorytetu %(p)s.") % {
            "m": measure.number,
            "p": measure.priority.number,
        }
    if (
        measure.priority
        and measure.priority.fund_id
        and measure.fund_id
        and measure.fund_id != measure.priority.fund_id
    ):
        errors["fund"] = _("Priorytet %(p)s jest finansowany z %(f)s.") % {
            "p": measure.priority.number,
            "f": measure.priority.fund,
        }
    if measure.pk and "fund" in fields:
        clash = AllocationLine.objects.filter(measure=measure).exclude(fund=measure.fund).exists()
        if clash:
            errors["fund"] = _(
                "Alokacja ZIT przypisuje to działanie do innego funduszu; zmień najpierw podział."
            )
    if errors:
        raise ValidationError(errors)
    return write_audited(
        actor, measure, "funding.measure_create" if before is None else "funding.measure_update", before
    )


AGREEMENT_FIELDS = ("title", "number", "signed_on", "parties", "source", "decision")


@transaction.atomic
def agreement_update(*, actor: Any, agreement: Agreement, **fields: Any) -> Agreement:
    """The agreement's facts. Its total changes only together with the split (allocation_split_replace)."""
    check_actor(actor)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    before = audit.snapshot(agreement)
    apply_fields(agreement, fields, AGREEMENT_FIELDS)
    if agreement.signed_on and agreement.signed_on > dt.date.today():
        raise ValidationError({"signed_on": _("Data zawarcia nie może być z przyszłości.")})
    return write_audited(actor, agreement, "funding.agreement_update", before)


@transaction.atomic
def allocation_split_replace(
    *,
    actor: Any,
    agreement: Agreement,
    lines: list[tuple[Measure, Fund | None, Decimal]],
    total_eur: Decimal | None = None,
    is_demo: bool = False,
) -> list[AllocationLine]:
    """Replace the whole split at once (it is only ever true as a whole): every line positive, each
    measure–fund pair once, the fund the measure's own, and the sum equal to the agreement's total to the
    cent. A new total (an annex) is set in the same step."""
    check_actor(actor)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    total = agreement.total_eur if total_eur is None else total_eur
    # each line's problems under "lines.<index>.<field>", so a table shows them on their row
    errors: dict[str, list[str]] = {}

    def refuse(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if total is None or total <= 0:
        raise ValidationError({"total_eur": _("Kwota alokacji musi być większa od zera.")})
    if not lines:
        raise ValidationError(
            _("Podział musi mieć co najmniej jedną pozycję: alokacji nie da się podzielić na nic.")
        )
    seen = set()
    clean: list[tuple[Measure, Fund, Decimal]] = []
    for index, (measure, fund, amount) in enumerate(lines):
        label = measure.number
        fund = fund or measure.fund
        if fund is None:
            refuse(
                f"lines.{index}.fund",
                _("Działanie %(m)s: podaj fundusz (działanie nie ma go w programie).") % {"m": label},
            )
            continue
        if measure.fund_id and fund.pk != measure.fund_id:
            refuse(
                f"lines.{index}.fund",
                _("Działanie %(m)s jest finansowane z %(f)s, nie z %(g)s.")
                % {"m": label, "f": measure.fund, "g": fund},
            )
        if measure.programme_id != agreement.programme_id:
            refuse(
                f"lines.{index}.measure",
                _("Działanie %(m)s nie należy do programu porozumienia.") % {"m": label},
            )
        if amount is None or amount <= 0:
            refuse(
                f"lines.{index}.amount_eur",
                _("Działanie %(m)s: kwota musi być większa od zera.") % {"m": label},
            )
        elif amount != amount.quantize(Decimal("0.01")):
            refuse(
                f"lines.{index}.amount_eur",
                _("Działanie %(m)s: kwota może mieć najwyżej dwa miejsca po przecinku.") % {"m": label},
            )
        if (measure.pk, fund.pk) in seen:
            refuse(
                f"lines.{index}.measure",
                _("Działanie %(m)s z funduszu %(f)s występuje dwa razy.") % {"m": label, "f": fund},
            )
        seen.add((measure.pk, fund.pk))
        clean.append((measure, fund, amount))
    if not errors and clean:
        total_of_lines = sum((a for _, _, a in clean), Decimal(0))
        if total_of_lines != total:
            difference = total - total_of_lines
            refuse(
                "__all__",
                _("Suma podziału (%(s)s) nie jest równa kwocie alokacji (%(t)s): %(what)s %(d)s.")
                % {
                    "s": format_amount(total_of_lines, "EUR"),
                    "t": format_amount(total, "EUR"),
                    "what": _("brakuje") if difference > 0 else _("przekroczono o"),
                    "d": format_amount(abs(difference), "EUR"),
                },
            )
    if errors:
        raise ValidationError(errors)
    before = {
        "total_eur": str(agreement.total_eur),
        "lines": [
            f"{line.measure.number} {line.fund.code}: {line.amount_eur}"
            for line in agreement.allocation_lines.select_related("measure", "fund")
        ],
    }
    agreement.allocation_lines.all().delete()
    created = AllocationLine.objects.bulk_create(
        AllocationLine(agreement=agreement, measure=m, fund=f, amount_eur=a, is_demo=is_demo)
        for m, f, a in clean
    )
    agreement.total_eur = total
    agreement.save(update_fields=["total_eur"])
    after = {"total_eur": str(total), "lines": [f"{m.number} {f.code}: {a}" for m, f, a in clean]}
    if before != after:
        audit.record(
            actor=actor, action="funding.allocation_split_replace", obj=agreement, before=before, after=after
        )
    return created


OBLIGATION_FIELDS = (
    "kind",
    "title",
    "description",
    "clause",
    "due_on",
    "responsible",
    "indicator",
    "target_value",
    "target_share",
)


@transaction.atomic
def obligation_save(
    *,
    actor: Any,
    agreement: Agreement,
    obligation: Obligation | None = None,
    is_demo: bool = False,
    **fields: Any,
) -> Obligation:
    check_actor(actor)
    if obligation is not None:
        obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    before = audit.snapshot(obligation) if obligation else None
    obligation = obligation or Obligation(agreement=agreement, is_demo=is_demo)
    apply_fields(obligation, fields, OBLIGATION_FIELDS)
    errors: dict[str, str] = {}
    if obligation.responsible_id and not has_perm(obligation.responsible, Perm.FUNDING_EDIT):
        errors["responsible"] = _("Odpowiada pracownik biura: wybierz osobę z kontem pracownika biura.")
    if obligation.kind == Obligation.Kind.INDICATOR and obligation.indicator is None:
        errors["indicator"] = _("Zobowiązanie wskaźnikowe wskazuje wskaźnik z katalogu.")
    if obligation.kind == Obligation.Kind.INDICATOR and obligation.target_value is None:
        errors["target_value"] = _("Podaj wartość docelową wskaźnika.")
    if obligation.kind in (Obligation.Kind.CONTRACTING, Obligation.Kind.SPENDING):
        if obligation.target_share is None:
            errors["target_share"] = _("Podaj próg kamienia milowego, np. 0,40 dla 40% alokacji.")
        elif not 0 < obligation.target_share <= 1:
            errors["target_share"] = _("Próg to część alokacji od 0,01 do 1.")
    if obligation.target_value is not None and obligation.target_value < 0:
        errors["target_value"] = _("Wartość docelowa nie może być ujemna.")
    milestone = obligation.kind in (Obligation.Kind.CONTRACTING, Obligation.Kind.SPENDING)
    if obligation.target_share is not None and not milestone:
        errors.setdefault(
            "target_share", _("Próg alokacji dotyczy tylko kamieni milowych kontraktacji i wydatkowania.")
        )
    if obligation.kind != Obligation.Kind.INDICATOR and (
        obligation.indicator or obligation.target_value is not None
    ):
        errors.setdefault(
            "indicator", _("Wskaźnik i wartość docelową podaje się tylko przy zobowiązaniu wskaźnikowym.")
        )
    if obligation.due_on and obligation.due_on < agreement.signed_on:
        errors["due_on"] = _("Termin nie może być wcześniejszy niż zawarcie porozumienia (%(d)s).") % {
            "d": agreement.signed_on.isoformat()
        }
    if errors:
        raise ValidationError(errors)
    return write_audited(
        actor,
        obligation,
        "funding.obligation_create" if before is None else "funding.obligation_update",
        before,
    )


@transaction.atomic
def obligation_complete(*, actor: Any, obligation: Obligation, completed_on: dt.date | None) -> Obligation:
    """Mark done on a date, or reopen with None."""
    check_actor(actor)
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    before = audit.snapshot(obligation)
    if completed_on and completed_on > dt.date.today():
        raise ValidationError({"completed_on": _("Data wykonania nie może być z przyszłości.")})
    if completed_on and completed_on < obligation.agreement.signed_on:
        raise ValidationError(
            {"completed_on": _("Data wykonania nie może być wcześniejsza niż zawarcie porozumienia.")}
        )
    obligation.completed_on = completed_on
    return write_audited(
        actor,
        obligation,
        "funding.obligation_complete" if completed_on else "funding.obligation_reopen",
        before,
    )


# --- imports: parse everything, then write in one transaction; one audit event per import


def _lookup_measure(programme: Programme, number: str) -> Measure | None:
    return Measure.objects.filter(programme=programme, number=number).select_related("fund").first()


@transaction.atomic
def measures_import(*, actor: Any, programme: Programme, table: Table) -> dict[str, int]:
    """Priorities and measures (and, from the reference file, the programme's and funds' figures). Existing
    rows are updated by number; a value left empty in the file does not erase one already entered."""
    check_actor(actor)
    rows = importers.parse_measures(table)
    counts = {"created": 0, "updated": 0}
    funds = {f.code: f for f in Fund.objects.all()}
    report = ImportReport()
    known = set(funds) | {r.number for r in rows if r.level == "fund"}
    for row in rows:
        if row.fund and row.fund not in known and row.level in ("priority", "measure"):
            report.add(
                table.file,
                row.row,
                "fund",
                _("Funduszu %(f)s nie ma w programie: dodaj go najpierw.") % {"f": row.fund},
            )
    if not report.ok:
        raise ImportRejected(report)
    order = {"fund": 0, "programme": 1, "priority": 2, "measure": 3}
    for row in sorted(rows, key=lambda r: order[r.level]):
        values = {
            k: v for k, v in (("name_pl", row.name_pl), ("name_en", row.name_en), ("source", row.source)) if v
        }
        if row.level == "fund":
            fund, created = Fund.objects.get_or_create(
                code=row.number, defaults={"name_pl": row.name_pl or row.number, "order": len(funds)}
            )
            apply_fields(
                fund,
                values | ({"eu_amount_eur": row.amount_eur} if row.amount_eur is not None else {}),
                ("name_pl", "name_en", "source", "eu_amount_eur"),
            )
            fund.save()
            funds[fund.code] = fund
        elif row.level == "programme":
            if row.number != programme.cci:
                report.add(
                    table.file,
                    row.row,
                    "number",
                    _("Plik dotyczy programu %(c)s, a nie %(p)s.") % {"c": row.number, "p": programme.cci},
                )
                continue
            extra = {"eu_amount_eur": row.amount_eur} if row.amount_eur is not None else {}
            extra |= {"max_cofinancing_rate": row.max_rate} if row.max_rate is not None else {}
            apply_fields(programme, values | extra, PROGRAMME_FIELDS)
            programme.save()
        else:
            # priorities and measures go through the same services as the forms, with the same checks
            model = Priority if row.level == "priority" else Measure
            existing = model.objects.filter(programme=programme, number=row.number).first()
            extra = {"fund": funds[row.fund]} if row.fund else {}
            extra |= {"max_cofinancing_rate": row.max_rate} if row.max_rate is not None else {}
            if model is Measure:
                extra |= {"is_zit": row.is_zit} if row.is_zit is not None else {}
                if row.max_rate is not None:
                    extra["rate_source"] = row.rate_source or row.source
            fields = values | extra
            if existing is None:
                fields["number"] = row.number
            try:
                if model is Priority:
                    priority_save(actor=actor, programme=programme, priority=existing, **fields)
                else:
                    measure_save(actor=actor, programme=programme, measure=existing, **fields)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    report.add(
                        table.file,
                        row.row,
                        name if name in ("number", "fund", "max_cofinancing_rate") else "",
                        " ".join(messages),
                    )
                continue
            counts["updated" if existing else "created"] += 1
    if not report.ok:
        transaction.set_rollback(True)
        raise ImportRejected(report)
    audit.record(
        actor=actor, action="funding.measures_import", obj=programme, after={"file": table.file, **counts}
    )
    return counts


@transaction.atomic
def allocations_import(*, actor: Any, agreement: Agreement, table: Table) -> list[AllocationLine]:
    """The whole split from a file: the same checks as the form, every problem reported with its row."""
    check_actor(actor)
    report = ImportReport()
    rows = importers.parse_allocations(table, report)
    funds = {f.code: f for f in Fund.objects.all()}
    lines = []
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        measure = _lookup_measure(agreement.programme, row.measure)
        if measure is None:
            report.add(
                table.file, row.row, "measure", _("Działania %(m)s nie ma w programie.") % {"m": row.measure}
            )
            continue
        fund = funds.get(row.fund) if row.fund else measure.fund
        if row.fund and fund is None:
            report.add(table.file, row.row, "fund", _("Funduszu %(f)s nie ma w programie.") % {"f": row.fund})
            continue
        if fund is None:
            report.add(
                table.file,
                row.row,
                "fund",
                _("Działanie %(m)s nie ma funduszu w programie: podaj go.") % {"m": measure.number},
            )
            continue
        if measure.fund_id and fund.pk != measure.fund_id:
            report.add(
                table.file,
                row.row,
                "fund",
                _("Działanie %(m)s jest finansowane z %(f)s, nie z %(g)s.")
                % {"m": measure.number, "f": measure.fund, "g": fund},
            )
            continue
        if (measure.pk, fund.pk) in seen:
            report.add(
                table.file,
                row.row,
                "measure",
                _("Działanie %(m)s z funduszu %(f)s jest już w wierszu %(r)d.")
                % {"m": measure.number, "f": fund, "r": seen[(measure.pk, fund.pk)]},
            )
            continue
        seen[(measure.pk, fund.pk)] = row.row
        lines.append((measure, fund, row.amount_eur))
    total = sum((amount for *_, amount in lines), Decimal(0))
    if lines and report.ok is not None and total != agreement.total_eur:
        difference = agreement.total_eur - total
        report.add(
            table.file,
            None,
            "amount_eur",
            _("Suma kwot w pliku (%(s)s) nie jest równa kwocie alokacji (%(t)s): %(what)s %(d)s.")
            % {
                "s": format_amount(total, "EUR"),
                "t": format_amount(agreement.total_eur, "EUR"),
                "what": _("brakuje") if difference > 0 else _("przekroczono o"),
                "d": format_amount(abs(difference), "EUR"),
            },
        )
    if not report.ok:
        raise ImportRejected(report)
    try:
        return allocation_split_replace(actor=actor, agreement=agreement, lines=lines)
    except ValidationError as exc:
        for message in exc.messages:
            report.add(table.file, None, "", message)
        raise ImportRejected(report) from exc
