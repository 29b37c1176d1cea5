"""The items of a draft strategy version (issues, goals, directions, undertakings, indicators, chapters…):
one by one from the pages, or all at once from the XLSX template."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zit.core import audit
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    Issue,
    OperationalGoal,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)
from zit.strategy.services import CODED, ITEM_MODELS, check_actor, check_editable


def _validate(item: models.Model, version: StrategyVersion) -> dict[str, str]:
    errors: dict[str, str] = {}
    if isinstance(item, CODED):
        model = type(item)
        code = (item.code or "").strip()
        item.code = code
        if not code:
            errors["code"] = _("Podaj oznaczenie, np. C1.")
        elif model.objects.filter(version=version, code__iexact=code).exclude(pk=item.pk).exists():
            errors["code"] = _("To oznaczenie jest już zajęte w tej wersji.")
    for field in item._meta.concrete_fields:
        if field.is_relation and field.related_model in ITEM_MODELS:
            related = getattr(item, field.name)
            if related is not None and related.version_id != version.pk:
                errors[field.name] = _("Wskazana pozycja należy do innej wersji strategii.")
    if isinstance(item, TargetIndicator):
        owners = [o for o in (item.goal, item.operational_goal, item.undertaking) if o is not None]
        if len(owners) != 1:
            errors["goal"] = _(
                "Wskaźnik dotyczy dokładnie jednego: celu strategicznego, celu operacyjnego albo przedsięwzięcia."
            )
        if item.baseline_year and item.target_year and item.target_year < item.baseline_year:
            errors["target_year"] = _("Rok docelowy nie może być wcześniejszy niż rok bazowy.")
        if (item.baseline_value is None) != (item.baseline_year is None):
            errors["baseline_year"] = _("Wartość bazowa i rok bazowy podaje się razem.")
        if (item.target_value is None) != (item.target_year is None):
            errors["target_year"] = _("Wartość docelowa i rok docelowy podaje się razem.")
    if isinstance(item, Issue) and item.swot:
        allowed = {"barrier": {"weakness", "threat"}, "potential": {"strength", "opportunity"}}[item.kind]
        if item.swot not in allowed:
            errors["swot"] = _(
                "Bariera to słaba strona albo zagrożenie; potencjał – mocna strona albo szansa."
            )
    if isinstance(item, TargetIndicator):
        for name in ("baseline_year", "target_year"):
            year = getattr(item, name)
            if year is not None and not 1990 <= year <= 2060:
                errors[name] = _("Rok od 1990 do 2060.")
        for name in ("baseline_value", "target_value"):
            value = getattr(item, name)
            if value is not None and value < 0:
                errors[name] = _("Wartość nie może być ujemna.")
    if isinstance(item, Undertaking) and item.estimated_cost_pln is not None and item.estimated_cost_pln < 0:
        errors["estimated_cost_pln"] = _("Koszt nie może być ujemny.")
    if isinstance(item, FundingSource):
        if item.kind == FundingSource.Kind.PROGRAMME and not (item.measure or item.fund):
            errors["measure"] = _("Wskaż działanie programu albo fundusz.")
        if (
            item.kind != FundingSource.Kind.PROGRAMME
            and not item.name
            and item.kind == FundingSource.Kind.OTHER
        ):
            errors["name"] = _("Nazwij źródło finansowania.")
        if item.amount_pln is not None and item.amount_pln < 0:
            errors["amount_pln"] = _("Kwota nie może być ujemna.")
        if item.kind != FundingSource.Kind.PROGRAMME and (item.measure or item.fund):
            errors["measure"] = _("Działanie i fundusz wskazuje się tylko dla programu UE.")
        cost = item.undertaking.estimated_cost_pln if item.undertaking_id else None
        if cost is not None and item.amount_pln is not None:
            others = FundingSource.objects.filter(undertaking=item.undertaking).exclude(pk=item.pk)
            total = sum((s.amount_pln or 0 for s in others), item.amount_pln)
            if total > cost:
                errors["amount_pln"] = _(
                    "Źródła finansowania (%(s)s zł) przekroczyłyby szacowany koszt przedsięwzięcia (%(c)s zł)."
                ) % {"s": total, "c": cost}
        if item.measure and item.fund and item.measure.fund_id and item.measure.fund_id != item.fund_id:
            errors["fund"] = _("Działanie %(m)s jest finansowane z %(f)s.") % {
                "m": item.measure.number,
                "f": item.measure.fund,
            }
    if (
        isinstance(item, Chapter)
        and Chapter.objects.filter(version=version, kind=item.kind).exclude(pk=item.pk).exists()
    ):
        errors["kind"] = _("Ten rozdział już jest w tej wersji: edytuj go.")
    return errors


@transaction.atomic
def item_save(
    *,
    actor: Any,
    version: StrategyVersion,
    model: type[models.Model],
    item: models.Model | None = None,
    fields: dict[str, Any],
    is_demo: bool = False,
) -> models.Model:
    """Create or update one item of a draft version; many-to-many values go in `fields` like the rest."""
    check_actor(actor)
    version = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    check_editable(version)
    if model not in ITEM_MODELS:
        raise TypeError(f"Not a strategy item: {model}")
    if item is not None and item.version_id != version.pk:
        raise ValidationError(_("Ta pozycja należy do innej wersji strategii."))
    m2m_names = {f.name for f in model._meta.many_to_many}
    before = _item_snapshot(item) if item else None
    item = item or model(version=version, is_demo=is_demo)
    if before is None and "order" not in fields:
        item.order = (model.objects.filter(version=version).aggregate(m=Max("order"))["m"] or 0) + 1
    m2m = {}
    for name, value in fields.items():
        if name in m2m_names:
            m2m[name] = list(value or [])
        elif name in {f.name for f in model._meta.concrete_fields} and name not in {"id", "version", "key"}:
            setattr(item, name, value)
        else:
            raise TypeError(f"Unknown field: {name}")
    errors = _validate(item, version)
    for name, values in m2m.items():
        related = model._meta.get_field(name).related_model
        if related in ITEM_MODELS and any(v.version_id != version.pk for v in values):
            errors[name] = _("Wskazane pozycje należą do innej wersji strategii.")
    try:
        item.full_clean(exclude=[*errors, "version", "key"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, " ".join(messages))
    if errors:
        raise ValidationError(errors)
    item.save()
    for name, values in m2m.items():
        getattr(item, name).set(values)
    after = _item_snapshot(item)
    label = model._meta.model_name
    if before is None or audit.changed(before, after):
        audit.record(
            actor=actor,
            action=f"strategy.{label}_{'create' if before is None else 'update'}",
            obj=item,
            before=before,
            after=after,
        )
    return item


def _item_snapshot(item: models.Model) -> dict[str, Any]:
    data = audit.snapshot(item)
    for field in item._meta.many_to_many:
        data[field.name] = sorted(str(getattr(v, "key", v.pk)) for v in getattr(item, field.name).all())
    return data


@transaction.atomic
def item_delete(*, actor: Any, item: models.Model) -> None:
    """Remove an item from a draft. Items hanging on it (operational goals on a goal, indicators on an
    undertaking) go with it; links from other items are dropped."""
    check_actor(actor)
    version = StrategyVersion.objects.select_for_update().get(pk=item.version_id)
    check_editable(version)
    audit.record(
        actor=actor,
        action=f"strategy.{item._meta.model_name}_delete",
        obj=item,
        before=_item_snapshot(item),
    )
    item.delete()


@transaction.atomic
def version_import(*, actor: Any, version: StrategyVersion, tables: dict, file: str) -> dict[str, int]:
    """Goals, operational goals, directions, undertakings and indicators from the XLSX template, into a
    draft. Rows are matched by code; every problem is reported with its sheet, row and column, and nothing is
    written unless there are none."""
    from zit.core.importing import ImportRejected, ImportReport
    from zit.funding.models import Indicator
    from zit.organisations.models import Organisation
    from zit.strategy.importers import parse_workbook
    from zit.territory.models import AdministrativeUnit

    check_actor(actor)
    check_editable(version)
    report = ImportReport()
    parsed = parse_workbook(tables, report, file)  # shape problems are reported with the references below
    counts = {"created": 0, "updated": 0}

    def save(model, row: dict, fields: dict) -> Any:
        existing = (
            model.objects.filter(version=version, code__iexact=row["code"]).first()
            if "code" in row
            else row.get("_existing")
        )
        try:
            item = item_save(actor=actor, version=version, model=model, item=existing, fields=fields)
        except ValidationError as exc:
            for name, messages in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
            ):
                report.add(row["file"], row["row"], name if name != "__all__" else "", " ".join(messages))
            return None
        counts["updated" if existing else "created"] += 1
        return item

    def find(model, code: str, row: dict, column: str) -> Any:
        found = model.objects.filter(version=version, code__iexact=code).first()
        if found is None and code.lower() not in parsed.rejected_codes:
            report.add(row["file"], row["row"], column, _("Nie ma pozycji o oznaczeniu %(c)s.") % {"c": code})
        return found

    for row in parsed.goals:
        save(
            Goal,
            row,
            {
                "code": row["code"],
                "title": row["title"],
                "dimension": row["dimension"],
                "description": row.get("description", ""),
            },
        )
    for row in parsed.operational_goals:
        goal = find(Goal, row["goal"], row, "goal")
        if goal:
            save(
                OperationalGoal,
                row,
                {
                    "code": row["code"],
                    "goal": goal,
                    "title": row["title"],
                    "description": row.get("description", ""),
                },
            )
    for row in parsed.directions:
        parent = find(OperationalGoal, row["operational_goal"], row, "operational_goal")
        if parent:
            save(
                Direction,
                row,
                {
                    "code": row["code"],
                    "operational_goal": parent,
                    "title": row["title"],
                    "description": row.get("description", ""),
                },
            )
    gminas = {u.terc: u for u in AdministrativeUnit.objects.filter(level="gmina")}
    for row in parsed.undertakings:
        directions = [
            find(Direction, c.strip(), row, "directions")
            for c in row.get("directions", "").split(";")
            if c.strip()
        ]
        terc = [c.strip() for c in row.get("gminas_terc", "").split(";") if c.strip()]
        unknown = [c for c in terc if c not in gminas]
        if unknown:
            report.add(
                row["file"],
                row["row"],
                "gminas_terc",
                _("Nieznane kody TERC gmin: %(c)s.") % {"c": ", ".join(unknown)},
            )
        lead = None
        if row.get("lead_nip"):
            nip = "".join(ch for ch in row["lead_nip"] if ch.isascii() and ch.isdigit())
            lead = Organisation.objects.filter(nip=nip).first()
            if lead is None:
                report.add(
                    row["file"],
                    row["row"],
                    "lead_nip",
                    _("W rejestrze organizacji nie ma NIP %(n)s.") % {"n": row["lead_nip"]},
                )
        if None in directions or unknown or (row.get("lead_nip") and lead is None):
            continue
        save(
            Undertaking,
            row,
            {
                "code": row["code"],
                "title": row["title"],
                "kind": row["kind"],
                "is_key": row["is_key"],
                "description": row.get("description", ""),
                "directions": directions,
                "gminas": [gminas[c] for c in terc],
                "lead": lead,
                "estimated_cost_pln": row["estimated_cost_pln"],
            },
        )
    for row in parsed.indicators:
        from zit.funding.importers import normalise_code

        indicator = Indicator.objects.filter(code=normalise_code(row["indicator"])).first()
        if indicator is None:
            report.add(
                row["file"],
                row["row"],
                "indicator",
                _("W katalogu nie ma wskaźnika %(c)s.") % {"c": row["indicator"]},
            )
            continue
        owner = None
        for model in (Goal, OperationalGoal, Undertaking):
            owner = model.objects.filter(version=version, code__iexact=row["owner"]).first()
            if owner:
                break
        if owner is None:
            if row["owner"].lower() in parsed.rejected_codes:
                continue  # its own row is already reported
            report.add(
                row["file"],
                row["row"],
                "owner",
                _("Nie ma celu ani przedsięwzięcia o oznaczeniu %(c)s.") % {"c": row["owner"]},
            )
            continue
        owner_field = {Goal: "goal", OperationalGoal: "operational_goal", Undertaking: "undertaking"}[
            type(owner)
        ]
        row["_existing"] = TargetIndicator.objects.filter(
            version=version, indicator=indicator, **{owner_field: owner}
        ).first()
        save(
            TargetIndicator,
            row,
            {
                "indicator": indicator,
                owner_field: owner,
                "baseline_value": row["baseline_value"],
                "baseline_year": row["baseline_year"],
                "target_value": row["target_value"],
                "target_year": row["target_year"],
                "source": row.get("source", ""),
            },
        )
    if not report.ok:
        raise ImportRejected(report)  # leaving the atomic block with an exception undoes every row
    audit.record(actor=actor, action="strategy.version_import", obj=version, after={"file": file, **counts})
    return counts
