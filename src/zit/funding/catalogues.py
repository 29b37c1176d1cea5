"""Writes to the programme layer's shared catalogues: the exchange rates and their rules, and the indicators
(one by one or from a file). Keyword-only, atomic, permission-checked, validated and audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import Table
from zit.funding import importers
from zit.funding.models import ExchangeRate, Indicator, RateRule
from zit.funding.services import apply_fields, check_actor, write_audited


def _normalise_rate_date(series: str, day: dt.date) -> dt.date:
    return day.replace(day=1) if series == "ec_monthly" else day


@transaction.atomic
def rate_save(
    *,
    actor: Any,
    series: str,
    rate_date: dt.date,
    rate: Decimal,
    currency: str = "EUR",
    table: str = "",
    source: str = "",
) -> ExchangeRate:
    """Add or correct a rate. An EC accounting rate is stored for its month (the first day)."""
    check_actor(actor)
    if rate is None or not Decimal("0.5") <= rate <= Decimal("20"):
        raise ValidationError({"rate": _("Kurs musi mieć rozsądną wartość w złotych, np. 4,2730.")})
    rate_date = _normalise_rate_date(series, rate_date)
    existing = (
        ExchangeRate.objects.select_for_update()
        .filter(series=series, currency=currency, rate_date=rate_date)
        .first()
    )
    before = audit.snapshot(existing) if existing else None
    obj = existing or ExchangeRate(series=series, currency=currency, rate_date=rate_date)
    obj.rate, obj.table, obj.source = rate, table, source
    return write_audited(actor, obj, "funding.rate_update" if existing else "funding.rate_create", before)


@transaction.atomic
def rate_rule_save(
    *, actor: Any, purpose: str, series: str, fallback_series: str = "", note: str = ""
) -> RateRule:
    check_actor(actor)
    if fallback_series and fallback_series == series:
        raise ValidationError({"fallback_series": _("Seria zapasowa musi być inna niż podstawowa.")})
    rule = RateRule.objects.select_for_update().filter(purpose=purpose).first()
    before = audit.snapshot(rule) if rule else None
    rule = rule or RateRule(purpose=purpose)
    rule.series, rule.fallback_series, rule.note = series, fallback_series, note
    return write_audited(
        actor, rule, "funding.rate_rule_update" if before else "funding.rate_rule_create", before
    )


INDICATOR_FIELDS = (
    "code",
    "origin",
    "kind",
    "fund_scope",
    "name_pl",
    "name_en",
    "unit_pl",
    "unit_en",
    "additive",
    "policy_objective",
    "definition",
    "source",
    "active",
)


@transaction.atomic
def indicator_save(*, actor: Any, indicator: Indicator | None = None, **fields: Any) -> Indicator:
    check_actor(actor)
    if indicator is not None:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = audit.snapshot(indicator) if indicator else None
    indicator = indicator or Indicator()
    apply_fields(indicator, fields, INDICATOR_FIELDS)
    errors: dict[str, str] = {}
    indicator.code = importers.normalise_code(indicator.code or "") or None
    if indicator.code and not importers.CODE.match(indicator.code):
        errors["code"] = _("Kod składa się z liter i cyfr, np. RCO01 albo ZIT05.")
    elif indicator.code and Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).exists():
        errors["code"] = _("Wskaźnik o tym kodzie już jest w katalogu.")
    if (
        before
        and before.get("code")
        and indicator.code != before["code"]
        and indicator.origin == Indicator.Origin.EU_COMMON
    ):
        errors["code"] = _(
            "Kodu wspólnego wskaźnika UE nie zmienia się: to klucz, na który wskazują projekty."
        )
    if not (indicator.name_pl or indicator.name_en):
        errors["name_pl"] = _("Podaj nazwę wskaźnika.")
    if before is None and not indicator.code:
        errors["code"] = _("Nowy wskaźnik musi mieć kod.")
    if before and before.get("origin") == Indicator.Origin.EU_COMMON:
        for name in ("origin", "kind"):
            if before.get(name) != getattr(indicator, name):
                errors[name] = _(
                    "Pochodzenia i rodzaju wspólnego wskaźnika UE nie zmienia się: wynikają z rozporządzenia."
                )
    if indicator.origin != Indicator.Origin.EU_COMMON and not indicator.code:
        errors["code"] = _("Własny wskaźnik programu lub strategii musi mieć kod.")
    if errors:
        raise ValidationError(errors)
    return write_audited(
        actor, indicator, "funding.indicator_create" if before is None else "funding.indicator_update", before
    )


@transaction.atomic
def rates_import(*, actor: Any, series: str, table: Table) -> dict[str, int]:
    check_actor(actor)
    rows = importers.parse_rates(table, monthly=series == "ec_monthly")
    counts = {"created": 0, "updated": 0}
    for row in rows:
        day = _normalise_rate_date(series, row.rate_date)
        __, created = ExchangeRate.objects.update_or_create(
            series=series,
            currency=row.currency,
            rate_date=day,
            defaults={"rate": row.rate, "table": row.table, "source": row.source},
        )
        counts["created" if created else "updated"] += 1
    audit.record(
        actor=actor,
        action="funding.rates_import",
        obj=None,
        collection=ExchangeRate,
        after={"file": table.file, "series": series, **counts},
    )
    return counts


@transaction.atomic
def indicators_import(
    *, actor: Any, table: Table, default_origin: str = Indicator.Origin.EU_COMMON
) -> dict[str, int]:
    """Upsert by code (rows without a code by their English name). An empty cell keeps what staff entered,
    so a re-import of the EU list never wipes the Polish names."""
    check_actor(actor)
    report = ImportReport()
    rows = importers.parse_indicators(table, default_origin=default_origin, report=report)
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[r.code for r in rows if r.code])}
    for row in rows:
        current = existing.get(row.code)
        if current and current.origin == Indicator.Origin.EU_COMMON:
            if row.kind != current.kind:
                report.add(table.file, row.row, "kind", _("Rodzaju wspólnego wskaźnika UE nie zmienia się."))
            if row.origin != current.origin:
                report.add(
                    table.file, row.row, "origin", _("%(c)s to wspólny wskaźnik UE.") % {"c": row.code}
                )
    if not report.ok:
        raise ImportRejected(report)
    counts = {"created": 0, "updated": 0}
    for row in rows:
        if row.code:
            indicator = Indicator.objects.filter(code=row.code).first()
        else:
            indicator = (
                Indicator.objects.filter(code=None, name_en=row.name_en).first() if row.name_en else None
            )
        created = indicator is None
        indicator = indicator or Indicator(code=row.code, origin=row.origin, kind=row.kind)
        indicator.kind, indicator.origin = row.kind, row.origin
        for name in ("fund_scope", "name_en", "name_pl", "unit_en", "unit_pl", "policy_objective", "source"):
            if getattr(row, name):
                setattr(indicator, name, getattr(row, name))
        if row.additive is not None:
            indicator.additive = row.additive
        indicator.save()
        counts["created" if created else "updated"] += 1
    audit.record(
        actor=actor,
        action="funding.indicators_import",
        obj=None,
        collection=Indicator,
        after={"file": table.file, **counts},
    )
    return counts
