"""Every write to the strategy: keyword-only, atomic, permission-checked, validated, audited.

Only a draft version is edited; a version in consultation or adopted is frozen, and a change means a new
version, which starts as a copy of the last one with the same item keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.roles import Perm, require
from zit.strategy.lifecycles import (
    COMMENT,
    CONSULTATION,
    CONSULTATION_MIN_DAYS,
    VERSION,
    completed_not_in_future,
    resolution_given,
)
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    InterventionArea,
    Issue,
    OperationalGoal,
    ProcedureStep,
    Strategy,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)

# in dependency order: an item's foreign keys point only at items earlier in this list
ITEM_MODELS: list[type[models.Model]] = [
    Issue,
    Goal,
    OperationalGoal,
    Direction,
    Undertaking,
    FundingSource,
    TargetIndicator,
    Chapter,
    InterventionArea,
]
CODED = (Goal, OperationalGoal, Direction, Undertaking)


def _locked(version: StrategyVersion) -> StrategyVersion:
    """The caller's own version, locked for the transaction and read afresh, so the caller sees the change."""
    StrategyVersion.objects.select_for_update().filter(pk=version.pk).first()
    version.refresh_from_db()
    return version


def _check(actor: Any) -> None:
    if actor is not None:  # None: the platform's own loaders
        require(actor, Perm.STRATEGY_EDIT)


def _editable(version: StrategyVersion) -> None:
    if not version.editable:
        raise ValidationError(
            _("Wersja %(n)d jest %(s)s: zmiany wprowadza się w nowej wersji.")
            % {"n": version.number, "s": version.get_status_display()}
        )


@transaction.atomic
def strategy_create(*, actor: Any, title: str, short_title: str = "", horizon: int | None = None) -> Strategy:
    _check(actor)
    strategy = Strategy(title=title, short_title=short_title, horizon=horizon)
    strategy.full_clean()
    strategy.save()
    audit.record(actor=actor, action="strategy.create", obj=strategy, after=audit.snapshot(strategy))
    return strategy


@transaction.atomic
def version_create(
    *,
    actor: Any,
    strategy: Strategy,
    label: str,
    based_on: StrategyVersion | None = None,
    is_demo: bool = False,
) -> StrategyVersion:
    """A new draft. By default a copy of the newest version: every item is copied with its key, and the
    links between items are rebuilt inside the new version."""
    _check(actor)
    draft = StrategyVersion.objects.filter(strategy=strategy, status=StrategyVersion.Status.DRAFT).first()
    if draft is not None:
        raise ValidationError(
            _("Strategia ma już wersję roboczą nr %(n)d: pracuj w niej albo ją usuń.") % {"n": draft.number}
        )
    based_on = based_on or StrategyVersion.objects.filter(strategy=strategy).order_by("-number").first()
    number = (StrategyVersion.objects.filter(strategy=strategy).aggregate(m=Max("number"))["m"] or 0) + 1
    version = StrategyVersion.objects.create(
        strategy=strategy, number=number, label=label, based_on=based_on, is_demo=is_demo
    )
    if based_on is not None:
        _copy_items(based_on, version)
    audit.record(
        actor=actor,
        action="strategy.version_create",
        obj=version,
        after={"number": number, "label": label, "based_on": based_on.number if based_on else None},
    )
    return version


def _copy_items(source: StrategyVersion, target: StrategyVersion) -> None:
    mapping: dict[tuple[type, int], models.Model] = {}
    for model in ITEM_MODELS:
        for item in model.objects.filter(version=source).order_by("pk"):
            old_pk = item.pk
            m2m = {f.name: list(getattr(item, f.name).all()) for f in model._meta.many_to_many}
            item.pk = item.id = None
            item.version = target
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in ITEM_MODELS:
                    related_id = getattr(item, field.attname)
                    if related_id is not None:
                        setattr(item, field.name, mapping[(field.related_model, related_id)])
            item.save()
            mapping[(model, old_pk)] = item
            for name, values in m2m.items():
                related = model._meta.get_field(name).related_model
                getattr(item, name).set(
                    [mapping[(related, v.pk)] if related in ITEM_MODELS else v for v in values]
                )


@transaction.atomic
def version_delete(*, actor: Any, version: StrategyVersion, reason: str = "", today=None) -> None:
    """Delete a draft nothing depends on (`lifecycles.VERSION`, "delete"), with the reason in the audit log:
    the event keeps what the version was, its items go with it."""
    from django.utils import timezone

    version = _locked(version)
    context = Context(actor=actor, today=today or timezone.localdate(), reason=reason.strip())
    transition = VERSION.check(actor, version, "delete", context)
    audit.record(
        actor=actor,
        action=transition.audit_action,
        obj=version,
        before={
            "state": version.status,
            "status": version.status,
            "number": version.number,
            "label": version.label,
            "based_on": version.based_on.number if version.based_on else None,
            "items": {m._meta.model_name: m.objects.filter(version=version).count() for m in ITEM_MODELS},
        },
        after={"state": transition.target},
        reason=context.reason,
    )
    for model in reversed(ITEM_MODELS):
        model.objects.filter(version=version).delete()
    version.delete()


# what `version_status_set` asks for, as the version's transitions
STATUS_ACTS = {
    StrategyVersion.Status.CONSULTATION: "start_consultation",
    StrategyVersion.Status.DRAFT: "return_to_draft",
    StrategyVersion.Status.ADOPTED: "adopt",
    StrategyVersion.Status.WITHDRAWN: "withdraw",
}


def _adopting_decision(
    actor: Any, version: StrategyVersion, given: DecisionReference | None
) -> DecisionReference:
    """The adopting resolution is recorded once: the procedure's adoption step and the version share it.
    Without one given, the step's is used; one given fills a step that has none; two different ones are
    refused."""
    step = version.procedure_steps.filter(kind=ProcedureStep.Kind.ADOPTION).select_related("decision").first()
    recorded = step.decision if step else None
    if given is None and recorded is None:
        raise ValidationError({"decision": _("Przyjęcie strategii wymaga uchwały: podaj jej numer i datę.")})
    if given is None:
        return recorded
    if recorded is not None and recorded.number.strip() != given.number.strip():
        raise ValidationError(
            {
                "decision": _(
                    "W procedurze zapisano już uchwałę przyjmującą nr %(nr)s. Przyjmij wersję tą uchwałą "
                    "albo popraw krok procedury."
                )
                % {"nr": recorded.number}
            }
        )
    if step is not None and recorded is None:
        before = audit.snapshot(step)
        step.decision = given
        step.completed_on = step.completed_on or min(given.date or dt.date.today(), dt.date.today())
        step.save(update_fields=["decision", "completed_on"])
        audit.record(
            actor=actor,
            action="strategy.procedure_step_update",
            obj=step,
            before=before,
            after=audit.snapshot(step),
        )
    return recorded or given


@transaction.atomic
def version_transition(
    *,
    actor: Any,
    version: StrategyVersion,
    name: str,
    reason: str = "",
    confirmed: bool = False,
    decision: DecisionReference | None = None,
    today=None,
) -> StrategyVersion:
    """Move a version along its lifecycle (`lifecycles.VERSION`: from where, to where, who, the guards). Here
    only what an act records beyond the state: adoption takes the adopting resolution and supersedes the version
    adopted before; withdrawing records the day and the reason the public page shows."""
    from django.utils import timezone

    if name == "delete":
        version_delete(actor=actor, version=version, reason=reason, today=today)
        return version
    today = today or timezone.localdate()
    version = _locked(version)
    VERSION.transition(name)  # an unknown act is a programming error, not a message
    previous: list[StrategyVersion] = []
    if name == "adopt":
        # the permission and the state first, so nobody learns of a missing resolution they may not give
        VERSION.check(actor, version, name, Context(actor=actor, today=today))
        decision = _adopting_decision(actor, version, decision)
        previous = list(
            StrategyVersion.objects.select_for_update().filter(
                strategy_id=version.strategy_id, status=StrategyVersion.Status.ADOPTED
            )
        )

    def apply(obj: StrategyVersion) -> None:
        if name == "adopt":
            obj.adopted_by = decision
        if name == "withdraw":
            obj.consultation_withdrawn_on = today
            obj.consultation_end_reason = reason.strip()

    before = {"status": version.status}
    VERSION.fire(
        actor=actor,
        obj=version,
        name=name,
        reason=reason,
        confirmed=confirmed,
        today=today,
        apply=apply,
        before=before,
        after={"status": VERSION.transition(name).target},
    )
    for old in previous:
        VERSION.fire(
            actor=actor,
            obj=old,
            name="supersede",
            today=today,
            before={"status": old.status},
            after={"status": StrategyVersion.Status.SUPERSEDED, "by": version.number},
        )
    return version


@transaction.atomic
def version_status_set(
    *, actor: Any, version: StrategyVersion, status: str, decision: DecisionReference | None = None
) -> StrategyVersion:
    """Move a version to `status` by the act that leads there (`STATUS_ACTS`); kept for the loaders and the
    resolution register, which name the state they want."""
    name = STATUS_ACTS.get(status)
    if name is None:
        raise ValidationError(
            _("Nie można zmienić stanu z „%(a)s” na „%(b)s”.")
            % {"a": version.get_status_display(), "b": StrategyVersion.Status(status).label}
        )
    return version_transition(actor=actor, version=version, name=name, decision=decision)


@transaction.atomic
def version_document_set(
    *, actor: Any, version: StrategyVersion, document: Any, note: str = ""
) -> StrategyVersion:
    """Attach the authoritative text (PDF or DOCX); allowed also after adoption, since it is the record."""
    _check(actor)
    name = getattr(document, "name", "") or ""
    if not name.lower().endswith((".pdf", ".docx")):
        raise ValidationError({"document": _("Dołącz plik PDF albo DOCX.")})
    before = {"document": version.document.name, "document_note": version.document_note}
    version.document = document
    version.document_note = note
    version.save()
    audit.record(
        actor=actor,
        action="strategy.version_document",
        obj=version,
        before=before,
        after={"document": version.document.name, "document_note": note},
    )
    return version


# --- items


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
    _check(actor)
    version = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
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
    _check(actor)
    version = StrategyVersion.objects.select_for_update().get(pk=item.version_id)
    _editable(version)
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

    _check(actor)
    _editable(version)
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


DEFAULT_PROCEDURE = [
    (
        "drafting_resolution",
        "Uchwała Rady o przystąpieniu do opracowania strategii, procedurze i trybie konsultacji",
    ),
    ("consultation", "Konsultacje społeczne projektu strategii"),
    ("opinion", "Opinie gmin sąsiednich"),
    ("opinion", "Opinia Państwowego Gospodarstwa Wodnego Wody Polskie (właściwy RZGW)"),
    ("sea", "Strategiczna ocena oddziaływania na środowisko albo uzgodnione odstąpienie (RDOŚ, PPIS)"),
    ("regional_opinion", "Opinia Zarządu Województwa Wielkopolskiego"),
    ("adoption", "Uchwała Rady przyjmująca strategię"),
]


@transaction.atomic
def procedure_start(*, actor: Any, version: StrategyVersion) -> list:
    """The standard steps for a version that has none yet; staff add others (more bodies to ask)."""
    _check(actor)
    if version.procedure_steps.exists():
        raise ValidationError(_("Ta wersja ma już listę kroków procedury."))
    steps = [
        ProcedureStep.objects.create(version=version, kind=kind, title=title, order=i * 10)
        for i, (kind, title) in enumerate(DEFAULT_PROCEDURE, start=1)
    ]
    if version.consultation_opens and version.consultation_closes:
        ProcedureStep.objects.filter(version=version, kind=ProcedureStep.Kind.CONSULTATION).update(
            started_on=version.consultation_opens,
            due_on=version.consultation_closes,
            completed_on=version.consultation_closes
            if version.consultation_closes < dt.date.today()
            else None,
        )
    audit.record(actor=actor, action="strategy.procedure_start", obj=version, after={"steps": len(steps)})
    return steps


STEP_FIELDS = ("kind", "title", "due_on", "started_on", "completed_on", "decision", "document", "note")


@transaction.atomic
def procedure_step_save(*, actor: Any, version: StrategyVersion, step: Any = None, **fields: Any) -> Any:
    """Dates in order, the consultation at least 35 days long, a resolution step completed only with the
    resolution's reference."""
    _check(actor)
    before = audit.snapshot(step) if step else None
    step = step or ProcedureStep(
        version=version, order=(version.procedure_steps.aggregate(m=Max("order"))["m"] or 0) + 10
    )
    for name, value in fields.items():
        if name not in STEP_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        if name == "document" and not value:
            continue
        setattr(step, name, value)
    errors: dict[str, str] = {}
    if step.started_on and step.completed_on and step.completed_on < step.started_on:
        errors["completed_on"] = _("Zakończenie nie może być wcześniejsze niż rozpoczęcie.")
    if step.completed_on:  # the guards of "complete" (lifecycles.PROCEDURE_STEP), each next to its field
        context = Context(actor=actor, today=dt.date.today(), data={"decision": step.decision})
        for guard, field in ((completed_not_in_future, "completed_on"), (resolution_given, "decision")):
            message = guard(step, context)
            if message:
                errors.setdefault(field, str(message))
    closed_early = (
        version.consultation_closed_early_on is not None
        and step.kind == ProcedureStep.Kind.CONSULTATION
        and (step.completed_on or step.due_on) == version.consultation_closes
    )
    if (
        step.kind == ProcedureStep.Kind.CONSULTATION
        and step.started_on
        and (step.completed_on or step.due_on)
        and not closed_early  # closed early with a reason: shorter than the minimum, knowingly
    ):
        end = step.completed_on or step.due_on
        days = (end - step.started_on).days + 1
        if days < CONSULTATION_MIN_DAYS:
            errors["completed_on" if step.completed_on else "due_on"] = _(
                "Konsultacje muszą trwać co najmniej %(min)d dni; tu trwają %(n)d."
            ) % {"min": CONSULTATION_MIN_DAYS, "n": days}
    document = fields.get("document")
    if document and not getattr(document, "name", "").lower().endswith(
        (".pdf", ".docx", ".doc", ".odt", ".xml", ".xades")
    ):
        errors["document"] = _("Dołącz dokument PDF, DOCX, ODT albo plik podpisu (XML, XAdES).")
    end = step.completed_on or step.due_on
    period_from_step = step.kind == ProcedureStep.Kind.CONSULTATION and step.started_on and end
    frozen = version.status not in (StrategyVersion.Status.DRAFT, StrategyVersion.Status.CONSULTATION)
    if (
        period_from_step
        and not errors
        and frozen
        and version.consultation_opens is not None
        and (step.started_on, end) != (version.consultation_opens, version.consultation_closes)
    ):
        errors["started_on"] = _(
            "Ta wersja jest już przyjęta, a jej konsultacje trwały od %(a)s do %(b)s; daty kroku muszą "
            "się z tym zgadzać."
        ) % {"a": format_date(version.consultation_opens), "b": format_date(version.consultation_closes)}
    if period_from_step and not errors and (not frozen or version.consultation_opens is None):
        errors.update(_period_refusal(version, step.started_on, end, dt.date.today()))
        if "closes" in errors:
            errors["completed_on" if step.completed_on else "due_on"] = errors.pop("closes")
    if errors:
        raise ValidationError(errors)
    step.full_clean(exclude=["document"])
    step.save()
    if period_from_step and (not frozen or version.consultation_opens is None):
        _period_write(actor, version, step.started_on, end)
    after = audit.snapshot(step)
    if before is None or audit.changed(before, after):
        action = "strategy.procedure_step_update" if before else "strategy.procedure_step_create"
        audit.record(actor=actor, action=action, obj=step, before=before, after=after)
    return step


# --- public consultation

COMMENT_MAX = 5000  # characters of a comment and of its proposal (the form shows the same cap)
GENERAL = "ogolna"  # a comment on the strategy as a whole


def _period_refusal(version: StrategyVersion, opens, closes, today) -> dict[str, str]:
    """Why the consultation period may not become `opens`–`closes`: after an early close it is history; once
    comments came in, its end is not moved to a day gone by (closing early is its own act, with a reason)."""
    if (version.consultation_opens, version.consultation_closes) == (opens, closes):
        return {}
    if version.consultation_closed_early_on is not None:
        return {
            "closes": _("Konsultacje zakończono wcześniej, %(d)s; ich okresu już się nie zmienia.")
            % {"d": format_date(version.consultation_closed_early_on)}
        }
    if closes < today and closes != version.consultation_closes and version.comments.exists():
        return {
            "closes": _(
                "Do tych konsultacji wpłynęły już uwagi, więc ich końca nie można przesunąć na dzień, który "
                "minął (%(d)s). Jeśli konsultacje mają się skończyć wcześniej, użyj czynności „Zakończ "
                "konsultacje wcześniej” i podaj powód: strona publiczna pokaże nowy koniec i ten powód."
            )
            % {"d": format_date(closes)}
        }
    return {}


@transaction.atomic
def consultation_period_set(
    *, actor: Any, version: StrategyVersion, opens, closes, today=None
) -> StrategyVersion:
    from django.utils import timezone

    _check(actor)
    today = today or timezone.localdate()
    version = _locked(version)
    if not (version.editable or version.status == StrategyVersion.Status.CONSULTATION):
        raise ValidationError(
            _("Konsultacje dotyczą projektu strategii, nie wersji przyjętej ani wycofanej.")
        )
    if closes < opens:
        raise ValidationError({"closes": _("Koniec konsultacji nie może być wcześniejszy niż początek.")})
    days = (closes - opens).days + 1
    if days < CONSULTATION_MIN_DAYS:
        raise ValidationError(
            {
                "closes": _("Konsultacje muszą trwać co najmniej %(min)d dni; tu trwają %(n)d.")
                % {"min": CONSULTATION_MIN_DAYS, "n": days}
            }
        )
    refused = _period_refusal(version, opens, closes, today)
    if refused:
        raise ValidationError(refused)
    _period_write(actor, version, opens, closes)
    for step in version.procedure_steps.filter(kind=ProcedureStep.Kind.CONSULTATION):
        before = audit.snapshot(step)
        step.started_on, step.due_on = opens, closes
        step.completed_on = closes if step.completed_on and closes < dt.date.today() else None
        step.save(update_fields=["started_on", "due_on", "completed_on"])
        if audit.changed(before, after := audit.snapshot(step)):
            audit.record(
                actor=actor, action="strategy.procedure_step_update", obj=step, before=before, after=after
            )
    return version


@transaction.atomic
def consultation_transition(
    *, actor: Any, version: StrategyVersion, name: str, reason: str = "", confirmed: bool = False, today=None
) -> StrategyVersion:
    """An act on the consultation (`lifecycles.CONSULTATION`); the one with a button is "close_early": the
    consultation ends today, the planned end and the reason are kept for the public page, and the consultation
    step of the procedure ends with it."""
    from django.utils import timezone

    today = today or timezone.localdate()
    version = _locked(version)
    if name != "close_early":
        raise ValidationError(_("Tej czynności nie wykonuje się na konsultacjach bezpośrednio."))
    planned = version.consultation_closes

    def apply(obj: StrategyVersion) -> None:
        obj.consultation_planned_closes = planned
        obj.consultation_closes = today
        obj.consultation_closed_early_on = today
        obj.consultation_end_reason = reason.strip()

    CONSULTATION.fire(
        actor=actor,
        obj=version,
        name=name,
        reason=reason,
        confirmed=confirmed,
        today=today,
        apply=apply,
        before={"closes": str(planned)},
        after={"closes": str(today), "planned_closes": str(planned)},
    )
    for step in version.procedure_steps.filter(kind=ProcedureStep.Kind.CONSULTATION):
        before = audit.snapshot(step)
        step.due_on = step.completed_on = today
        step.save(update_fields=["due_on", "completed_on"])
        audit.record(
            actor=actor,
            action="strategy.procedure_step_update",
            obj=step,
            before=before,
            after=audit.snapshot(step),
            reason=reason.strip(),
        )
    return version


def consultation_close_early(
    *, actor: Any, version: StrategyVersion, reason: str, confirmed: bool = False, today=None
) -> StrategyVersion:
    return consultation_transition(
        actor=actor, version=version, name="close_early", reason=reason, confirmed=confirmed, today=today
    )


def _period_write(actor: Any, version: StrategyVersion, opens, closes) -> None:
    before = {"opens": str(version.consultation_opens), "closes": str(version.consultation_closes)}
    if (version.consultation_opens, version.consultation_closes) == (opens, closes):
        return
    version.consultation_opens, version.consultation_closes = opens, closes
    version.save(update_fields=["consultation_opens", "consultation_closes"])
    audit.record(
        actor=actor,
        action="strategy.consultation_period_set",
        obj=version,
        before=before,
        after={"opens": str(opens), "closes": str(closes)},
    )


def consultation_targets(version: StrategyVersion) -> list[tuple[str, str]]:
    """What a comment can be about: the whole strategy, a chapter, a goal or an undertaking (by key)."""
    targets = [(GENERAL, _("strategia w całości"))]
    targets += [
        (c.key, _("rozdział: %(c)s") % {"c": c.get_kind_display()})
        for c in Chapter.objects.filter(version=version)
    ]
    targets += [
        (g.key, _("cel strategiczny %(c)s %(t)s") % {"c": g.code, "t": g.title})
        for g in Goal.objects.filter(version=version)
    ]
    targets += [
        (o.key, _("cel operacyjny %(c)s %(t)s") % {"c": o.code, "t": o.title})
        for o in OperationalGoal.objects.filter(version=version)
    ]
    targets += [
        (u.key, _("przedsięwzięcie %(c)s %(t)s") % {"c": u.code, "t": u.title})
        for u in Undertaking.objects.filter(version=version)
    ]
    return targets


@transaction.atomic
def comment_submit(
    *,
    version: StrategyVersion,
    target_key: str,
    text: str,
    proposal: str = "",
    author_name: str = "",
    organisation: str = "",
    email: str = "",
    sender=None,
    today=None,
):
    """A comment from anyone while the consultation is open. It waits for moderation; nothing is published
    by itself. A sender over the public forms' limits (`sender`: a `core.public_forms.Sender`) still has the
    comment kept, parked for the moderator. The audit keeps what was commented on, not who wrote it."""
    from django.utils import timezone

    from zit.core.public_forms import admit, check_lengths
    from zit.strategy.models import Comment

    today = today or timezone.localdate()
    if not version.consultation_open_on(today):
        raise ValidationError(_("Konsultacje tej wersji nie trwają: uwag nie przyjmujemy."))
    targets = dict(consultation_targets(version))
    if target_key not in targets:
        raise ValidationError({"target_key": _("Wybierz, czego dotyczy uwaga.")})
    text = text.strip()
    if len(text) < 10:
        raise ValidationError({"text": _("Opisz uwagę w co najmniej 10 znakach.")})
    too_long = check_lengths(
        {"text": text, "proposal": proposal}, {"text": COMMENT_MAX, "proposal": COMMENT_MAX}
    )
    if too_long:
        raise ValidationError(too_long)
    within = admit(form="strategy.comment", sender=sender)
    comment = Comment(
        version=version,
        target_key=target_key,
        target_label=str(targets[target_key])[:300],
        text=text,
        proposal=proposal.strip(),
        author_name=author_name.strip(),
        organisation=organisation.strip(),
        email=email.strip(),
        client_hash=sender.daily_hash() if sender else "",
        status=Comment.Status.PENDING if within else Comment.Status.PARKED,
    )
    comment.full_clean()
    comment.save()
    audit.record(
        actor=None,
        action="strategy.comment_submit",
        obj=comment,
        after={"target": comment.target_label, "length": len(text), "status": comment.status},
    )
    return comment


@transaction.atomic
def comment_moderate(*, actor: Any, comment, publish: bool, note: str = ""):
    """Publish or reject (with the reason) a comment waiting for moderation (`lifecycles.COMMENT`)."""
    from zit.strategy.models import Comment

    Comment.objects.select_for_update().filter(pk=comment.pk).first()  # lock, then read it fresh
    comment.refresh_from_db()
    note = "" if publish else note.strip()
    before = {"status": comment.status}

    def apply(obj: Comment) -> None:
        obj.moderation_note = note

    try:
        COMMENT.fire(
            actor=actor,
            obj=comment,
            name="publish" if publish else "reject",
            reason=note if len(note) >= 3 else "",  # a reason of a letter or two is no reason
            apply=apply,
            before=before,
            after={"status": Comment.Status.PUBLISHED if publish else Comment.Status.REJECTED, "note": note},
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
            raise ValidationError({"moderation_note": exc.error_dict["reason"]}) from exc
        raise
    return comment


@transaction.atomic
def comment_respond(*, actor: Any, comment, response: str, text: str):
    """How the comment was handled and why; every published comment needs one for the report."""
    from django.utils import timezone

    from zit.strategy.models import Comment

    _check(actor)
    if comment.status != Comment.Status.PUBLISHED:
        raise ValidationError(_("Odpowiada się na uwagi przyjęte w moderacji."))
    if response not in Comment.Response.values:
        raise ValidationError({"response": _("Wybierz rozstrzygnięcie.")})
    if len(text.strip()) < 10:
        raise ValidationError({"response_text": _("Uzasadnij rozstrzygnięcie (co najmniej 10 znaków).")})
    before = {"response": comment.response, "response_text": comment.response_text}
    comment.response, comment.response_text, comment.responded_at = response, text.strip(), timezone.now()
    comment.save(update_fields=["response", "response_text", "responded_at"])
    audit.record(
        actor=actor,
        action="strategy.comment_respond",
        obj=comment,
        before=before,
        after={"response": response, "response_text": comment.response_text},
    )
    return comment


@transaction.atomic
def opinion_record(
    *,
    actor: Any,
    version: StrategyVersion,
    target_key: str,
    organisation: str,
    source: str,
    text: str,
    proposal: str = "",
):
    """An opinion of a body that must be asked, entered by the office with its source; published at once,
    since it is an official letter, and answered like any comment."""
    from zit.strategy.models import Comment

    _check(actor)
    targets = dict(consultation_targets(version))
    errors = {}
    if target_key not in targets:
        errors["target_key"] = _("Wybierz, czego dotyczy opinia.")
    if not organisation.strip():
        errors["organisation"] = _("Podaj organ.")
    if not source.strip():
        errors["source"] = _("Podaj pismo: znak i datę.")
    if len(text.strip()) < 10:
        errors["text"] = _("Wpisz treść opinii (co najmniej 10 znaków).")
    if errors:
        raise ValidationError(errors)
    comment = Comment.objects.create(
        version=version,
        target_key=target_key,
        target_label=str(targets[target_key])[:300],
        text=text.strip(),
        proposal=proposal.strip(),
        organisation=organisation.strip(),
        source=source.strip(),
        status=Comment.Status.PUBLISHED,
    )
    audit.record(
        actor=actor,
        action="strategy.opinion_record",
        obj=comment,
        after={"organisation": comment.organisation, "source": comment.source},
    )
    return comment
