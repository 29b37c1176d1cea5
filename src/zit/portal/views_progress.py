"""The public progress pages (/postepy/): money, the strategy's goals, indicators and undertakings, each chart
with its table and a download. Thin views over `portal.progress`, which reads the office's monitoring."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.core.charts import bar_chart
from zit.core.exports import table_response
from zit.core.formatting import format_amount, format_number, letter_date
from zit.funding.rates import rate_note
from zit.monitoring.indicators import STATUS_LABELS
from zit.portal import progress


def _money_chart(table: progress.MoneyTable) -> str:
    if table.key == "lata":
        items = [(r.label, r.cumulative_spent_pln or progress.ZERO) for r in table.rows]
        title = _("Dofinansowanie UE wydane narastająco, według lat (PLN)")
    else:
        # the short label ("3.2 (EFRR)"): the measure's name is in the table, a long label would not fit
        items = [(r.label, r.contracted_pln) for r in table.rows if r.contracted_pln]
        title = _("Dofinansowanie UE w umowach: %(t)s (PLN)") % {"t": table.title.lower()}
    return bar_chart(
        items,
        title=title,
        description=_("Wykres słupkowy; te same dane są w tabeli pod wykresem."),
        value_label=format_amount,
        chart_id=f"chart-{table.key}",
        polish_labels=table.key in ("dzialania", "czlonkowie", "gminy"),
    )


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    money = progress.money_progress()
    strategy = progress.strategy_progress()
    version = strategy.version
    context = {"money": money, "report": money.report, "strategy_progress": strategy, "version": version}
    if version is not None:
        links = progress.undertakings_by_goal(version)
        context["goals"] = [
            (goal, strategy.for_goal(goal, links.get(goal.pk, set()))) for goal in progress.goals_of(version)
        ]
        context["undertakings"] = progress.undertakings_overview(version, on=money.report.on)
    return render(request, "portal/progress/index.html", context)


@require_safe
def money(request: HttpRequest) -> HttpResponse:
    data = progress.money_progress()
    tables = [(table, _money_chart(table)) for table in data.tables]
    return render(
        request,
        "portal/progress/money.html",
        {"money": data, "report": data.report, "tables": tables},
    )


@require_safe
def money_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx") or table not in progress.MONEY_TABLES:
        raise Http404
    data = progress.money_progress()
    header, lines, columns = progress.money_lines(data, table)
    report = data.report
    note = _("Stan na %(on)s.") % {"on": letter_date(report.on)}
    if report.conversion:
        note += " " + rate_note(report.conversion)
    if report.is_demo:
        note += " " + _("Zestawienie obejmuje projekty demonstracyjne.")
    return table_response(
        f"postepy-pieniadze-{table}-{report.on.isoformat()}.{fmt}",
        fmt,
        header,
        lines,
        money=columns["money"],
        shares=columns["shares"],
        note=note,
    )


def _version_or_404():
    version = progress.version_public()
    if version is None:
        raise Http404(_("Strategia nie jest jeszcze opublikowana."))
    return version


@require_safe
def goal(request: HttpRequest, key: str) -> HttpResponse:
    version = _version_or_404()
    found = progress.goal_by_key(version, key)
    if found is None:
        raise Http404(_("Nie ma takiego celu w obowiązującej wersji strategii."))
    undertakings = progress.undertakings_of_goal(found)
    strategy = progress.strategy_progress()
    overview = {s.undertaking.pk: s for s in progress.undertakings_overview(version)}
    return render(
        request,
        "portal/progress/goal.html",
        {
            "goal": found,
            "version": version,
            "items": strategy.for_goal(found, {u.pk for u in undertakings}),
            "undertakings": [overview[u.pk] for u in undertakings],
        },
    )


def _indicator(key: str):
    _version_or_404()
    found = progress.indicator_by_key(progress.strategy_progress(), key)
    if found is None:
        raise Http404(_("Nie ma takiego wskaźnika w obowiązującej wersji strategii."))
    return progress.indicator_detail(found)


def _indicator_chart(detail: progress.IndicatorDetail) -> str:
    item = detail.item
    unit = item.indicator.display_unit
    items = []
    if item.baseline_value is not None and item.baseline_value >= 0:
        items.append((_("%(y)s – wartość bazowa") % {"y": item.baseline_year or ""}, item.baseline_value))
    items += [(str(y.year), y.value) for y in detail.years if y.value is not None and y.value >= 0]
    if item.target_value is not None and item.target_value >= 0:
        items.append((_("%(y)s – wartość docelowa") % {"y": item.target_year or ""}, item.target_value))
    return bar_chart(
        items,
        title=_("%(name)s: wartość bazowa, wartości w kolejnych latach i wartość docelowa")
        % {"name": item.indicator.display_name},
        description=_("Wykres słupkowy; te same dane, ze źródłami, są w tabeli pod wykresem."),
        value_label=lambda v: f"{format_number(v)} {unit}".strip(),
        chart_id="indicator-chart",
    )


@require_safe
def indicator(request: HttpRequest, key: str) -> HttpResponse:
    detail = _indicator(key)
    return render(
        request,
        "portal/progress/indicator.html",
        {
            "detail": detail,
            "item": detail.item,
            "progress_item": detail.progress,
            "chart": _indicator_chart(detail),
            "status_labels": STATUS_LABELS,
        },
    )


@require_safe
def indicator_export(request: HttpRequest, key: str) -> HttpResponse:
    detail = _indicator(key)
    header, lines = progress.indicator_lines(detail)
    code = detail.item.indicator.code or detail.item.key
    return table_response(f"wskaznik-{code}.csv", "csv", header, lines)


@require_safe
def undertaking(request: HttpRequest, key: str) -> HttpResponse:
    version = _version_or_404()
    found = progress.undertaking_by_key(version, key)
    if found is None:
        raise Http404(_("Nie ma takiego przedsięwzięcia w obowiązującej wersji strategii."))
    strategy = progress.strategy_progress()
    projects = progress.undertaking_projects(found)
    goals = {d.operational_goal.goal for d in found.directions.all() if d.operational_goal}
    return render(
        request,
        "portal/progress/undertaking.html",
        {
            "undertaking": found,
            "version": version,
            "goals": sorted(goals, key=lambda g: (g.order, g.code)),
            "items": strategy.for_undertaking(found),
            "projects": projects,
            "contracted": sum((p.contracted_pln or progress.ZERO for p in projects), progress.ZERO),
            "spent": sum((p.spent_pln or progress.ZERO for p in projects), progress.ZERO),
            "any_demo": any(p.project.is_demo for p in projects),
        },
    )
