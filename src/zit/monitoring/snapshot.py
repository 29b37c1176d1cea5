"""The figures of an annual report, frozen: every number the documents print comes from this JSON, never
from the database at rendering time, so a report regenerated later prints exactly the same figures."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from zit.funding.rates import rate_note
from zit.monitoring import finance, geography, indicators
from zit.monitoring.warnings import RULES, warnings

SCHEMA = 1


def _d(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _figures(
    report: finance.FinancialReport, row: finance.Row, *, allocation: bool, absorption: bool = True
) -> dict:
    values = finance.row_values(report, row, with_allocation=allocation, with_absorption=absorption)
    label = f"{values.pop('label')} {values.pop('detail')}".strip()
    return {"label": label} | {k: _d(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _progress(items: list[indicators.TargetProgress]) -> list[dict[str, Any]]:
    return [
        {
            "label": i.label,
            "owner": i.owner,
            "unit": i.indicator.unit_pl or i.indicator.unit_en,
            # "en" while the indicator has no Polish name: documents mark the English name as English
            "label_lang": i.indicator.display_name_lang if i.indicator else "pl",
            "baseline": _d(i.baseline),
            "baseline_year": i.baseline_year,
            "target": _d(i.target),
            "target_year": i.target_year,
            "value": _d(i.value) if i.rollup and i.rollup.summed else None,
            "summed": bool(i.rollup and i.rollup.summed),
            "status": i.status,
            "status_label": i.status_label,
        }
        for i in items
    ]


def _version_text(version: Any) -> str:
    """The strategy version as the report names it: its state in words from the strategy's lifecycle (projekt do
    konsultacji; obowiązująca, przyjęta uchwałą nr … z …), never the description typed when it was created."""
    with translation.override("pl"):
        title = version.strategy.short_title or version.strategy.title
        return f"{title} – wersja {version.number}: {version.state_label}"


def snapshot_build(*, year: int, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    as_of = min(dt.date(year, 12, 31), today)
    report = finance.financial_report(on=as_of)
    total = report.total
    version, strategy = indicators.strategy_progress(on=as_of)
    found = warnings(today=as_of)
    counts: dict[str, int] = {}
    for w in found:
        counts[w.rule] = counts.get(w.rule, 0) + 1
    allocation_pln = report.pln(total.allocation_eur) if total.allocation_eur else None
    return {
        "schema": SCHEMA,
        "year": year,
        "as_of": as_of.isoformat(),
        "generated_at": timezone.localtime().isoformat(timespec="minutes"),
        "rate": (
            {
                "rate": _d(report.conversion.rate),
                "date": report.conversion.rate_date.isoformat(),
                "series": report.conversion.series,
                "table": report.conversion.table,
                "note": rate_note(report.conversion),
            }
            if report.conversion
            else None
        ),
        "totals": {
            "allocation_eur": _d(total.allocation_eur),
            "allocation_pln": _d(allocation_pln),
            "listed_pln": _d(total.listed_pln),
            "contracted_pln": _d(total.contracted_pln),
            "spent_pln": _d(total.spent_pln),
            "corrected_pln": _d(total.corrected_pln),
            "projects": total.projects,
        },
        "envelopes": [_figures(report, r, allocation=True) for r in report.by_envelope],
        "beneficiaries": [_figures(report, r, allocation=False) for r in report.by_beneficiary],
        "years": [_figures(report, r, allocation=False, absorption=False) for r in report.by_year],
        "absorption": [[y, _d(a), _d(s)] for y, a, s in finance.cumulative_absorption(report)],
        "strategy_version": _version_text(version) if version else "",
        "strategy_indicators": _progress(strategy),
        "agreement_indicators": _progress(indicators.agreement_progress(on=as_of)),
        "gminas": [
            {
                "terc": r.unit.terc,
                "name": r.unit.name,
                "contracted_pln": _d(r.contracted_pln),
                "spent_pln": _d(r.spent_pln),
                "projects": r.projects,
                "population": _d(r.population),
                "population_year": r.population_year,
                "per_inhabitant": _d(r.per_inhabitant),
            }
            for r in geography.gmina_rows(on=as_of)
        ],
        "warnings": [{"rule": rule, "statement": str(RULES[rule]), "count": n} for rule, n in counts.items()],
        "projects": [
            {
                "number": p.contract.number,
                "title": p.contract.title,
                "beneficiary": p.contract.beneficiary_name,
                "contracted_pln": _d(p.figures.contracted_pln),
                "spent_pln": _d(p.figures.spent_pln),
                "corrected_pln": _d(p.figures.corrected_pln),
                "status": "terminated"
                if p.contract.terminated_on
                else ("settled" if p.contract.final_payment_on else "running"),
            }
            for p in sorted(report.projects, key=lambda p: p.contract.number)
        ],
        "is_demo": report.is_demo or bool(version and version.is_demo),
    }


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """The fingerprint of the figures (the time of generation aside), to show two reports print the same."""
    figures = {k: v for k, v in snapshot.items() if k != "generated_at"}
    return hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
