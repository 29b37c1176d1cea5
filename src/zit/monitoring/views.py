"""The monitoring pages: financial progress with drill-down to projects, and the early warnings."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core.charts import bar_chart
from zit.core.exports import table_response
from zit.core.formatting import format_amount, letter_date
from zit.core.maps import svg_map
from zit.core.roles import Perm, has_perm, require
from zit.core.views_helpers import paginate, whole_number
from zit.funding.models import Fund, Measure
from zit.funding.rates import rate_note
from zit.monitoring import finance, geography, indicators, indicators_zit, services, social
from zit.monitoring.models import AnnualReport
from zit.monitoring.warnings import RULES, SEVERITY_LABELS, counts, grouped, warnings
from zit.organisations.models import Organisation


def _filters(request) -> dict[str, int]:
    result = {}
    for name in finance.FILTER_FIELDS:
        value = request.GET.get(name, "")
        if (number := whole_number(value)) is not None:
            result[name] = number
    return result


def _rows(
    report: finance.FinancialReport,
    rows: list[finance.Row],
    *,
    with_allocation: bool,
    with_absorption: bool = True,
) -> list[dict]:
    return [
        finance.row_values(report, row, with_allocation=with_allocation, with_absorption=with_absorption)
        | {"filters": urlencode(row.filters) if row.filters else "", "label_is_data": row.label_is_data}
        for row in rows
    ]


TABLES = {
    "koperty": (gettext_lazy("Według kopert (działanie i fundusz)"), "by_envelope", True),
    "fundusze": (gettext_lazy("Według funduszy"), "by_fund", True),
    "czlonkowie": (gettext_lazy("Według członków Stowarzyszenia (jako beneficjentów)"), "by_member", False),
    "beneficjenci": (gettext_lazy("Według beneficjentów"), "by_beneficiary", False),
    "lata": (
        gettext_lazy("Według lat (umowy według roku zawarcia, wydatki według roku poniesienia)"),
        "by_year",
        False,
    ),
}


def _tables(report: finance.FinancialReport) -> list[dict]:
    return [
        {
            "key": key,
            "title": title,
            "rows": _rows(
                report, getattr(report, attr), with_allocation=alloc, with_absorption=key != "lata"
            ),
        }
        for key, (title, attr, alloc) in TABLES.items()
    ]


@login_required
def dashboard(request):
    require(request.user, Perm.MONITORING_VIEW)
    report = finance.financial_report()
    total = report.total
    allocation_pln = report.pln(total.allocation_eur) if total.allocation_eur else None
    absorption = finance.cumulative_absorption(report)
    chart = bar_chart(
        [(str(year), amount) for year, amount, _share in absorption],
        title=_("Dofinansowanie UE wydane narastająco, według lat"),
        description=_(
            "Suma części UE wydatków z odnotowanych informacji o postępie do końca każdego roku, w złotych."
        ),
        value_label=format_amount,
        chart_id="absorption",
    )
    summary = [
        (_("Koperta ZIT"), allocation_pln, total.allocation_eur),
        (
            _("Na liście projektów strategicznych (lista podstawowa)"),
            total.listed_pln,
            report.eur(total.listed_pln),
        ),
        (_("W umowach (po aneksach i korektach)"), total.contracted_pln, report.eur(total.contracted_pln)),
        (
            _("Wydane (część UE wydatków z odnotowanych informacji o postępie)"),
            total.spent_pln,
            report.eur(total.spent_pln),
        ),
        (_("Korekty finansowe"), total.corrected_pln, report.eur(total.corrected_pln)),
    ]
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "report": report,
            "summary": summary,
            "tables": _tables(report),
            "absorption": absorption,
            "chart": chart,
        },
    )


def _table_lines(report: finance.FinancialReport, key: str) -> tuple[list[str], list[list]]:
    title, attr, alloc = TABLES[key]
    header = [
        _("Grupa"),
        _("Koperta (EUR)"),
        _("Koperta (PLN)"),
        _("Na liście (PLN)"),
        _("W umowach (PLN)"),
        _("W umowach (EUR)"),
        _("Wydane (PLN)"),
        _("Wydane (EUR)"),
        _("Korekty (PLN)"),
        _("Projekty"),
        _("Wykorzystanie"),
    ]
    lines = [
        [
            f"{r['label']} {r['detail']}".strip(),
            r["allocation_eur"],
            r["allocation_pln"],
            r["listed_pln"],
            r["contracted_pln"],
            r["contracted_eur"],
            r["spent_pln"],
            r["spent_eur"],
            r["corrected_pln"],
            r["projects"],
            r["absorption"],
        ]
        for r in _rows(report, getattr(report, attr), with_allocation=alloc, with_absorption=key != "lata")
    ]
    return header, lines


@login_required
def dashboard_download(request, table: str, fmt: str):
    require(request.user, Perm.MONITORING_VIEW)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    if table in SOCIAL_TABLES:
        return _social_download(table, fmt)
    if table not in TABLES:
        raise Http404
    report = finance.financial_report()
    header, lines = _table_lines(report, table)
    note = ""
    if report.conversion:
        note = _("Stan na %(on)s. %(rate)s") % {
            "on": letter_date(report.on),
            "rate": rate_note(report.conversion),
        }
    return table_response(
        f"monitoring-{table}-{report.on.isoformat()}.{fmt}",
        fmt,
        header,
        lines,
        money=range(1, 9),
        shares=(10,),
        note=note,
        sheet=TABLES[table][0],
    )


@login_required
def projects(request):
    require(request.user, Perm.MONITORING_VIEW)
    filters = _filters(request)
    report = finance.financial_report(filters=filters)
    names = []
    if "dzialanie" in filters:
        names.append(str(Measure.objects.filter(pk=filters["dzialanie"]).first() or ""))
    if "fundusz" in filters:
        names.append(str(Fund.objects.filter(pk=filters["fundusz"]).first() or ""))
    if "beneficjent" in filters:
        names.append(str(Organisation.objects.filter(pk=filters["beneficjent"]).first() or ""))
    rows = sorted(report.projects, key=lambda p: p.contract.number)
    return render(
        request,
        "monitoring/projects.html",
        {
            "report": report,
            "page": paginate(request, rows, per_page=50),
            "count": len(rows),
            "names": [n for n in names if n],
            "query_string": urlencode(filters),
        },
    )


SHOWN_PER_RULE = 100  # the rest are counted; the first ones are the most urgent


@login_required
def warnings_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    found = warnings()
    return render(
        request,
        "monitoring/warnings.html",
        {
            "groups": [
                {
                    "rule": rule,
                    "statement": statement,
                    "items": items[:SHOWN_PER_RULE],
                    "more": max(len(items) - SHOWN_PER_RULE, 0),
                    "count": len(items),
                    "severity": SEVERITY_LABELS[items[0].severity],
                }
                for rule, statement, items in grouped(found)
            ],
            "counts": counts(found),
            "rules": RULES,
            "total": len(found),
        },
    )


@login_required
def indicators_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    sums = indicators.rollups()
    version, strategy = indicators.strategy_progress(sums=sums)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "version": version,
            "strategy": strategy,
            "agreement": indicators.agreement_progress(sums=sums),
            "rollups": indicators.by_indicator(sums),
            "zit": indicators_zit.zit_indicators(),
            "can_record_iz": has_perm(request.user, Perm.PROJECTS_MANAGE),
            "source_note": indicators_zit.SOURCE,
        },
    )


@login_required
def gminas_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    rows = geography.gmina_rows()
    fills, classes = geography.fills(rows)
    svg = svg_map(
        [r.unit for r in rows],
        title=_("Dofinansowanie UE w umowach na mieszkańca, według gmin"),
        description=_(
            "Im ciemniejszy kolor, tym więcej złotych na mieszkańca; białe gminy nie mają danych o ludności. "
            "Wartości są w tabeli pod mapą."
        ),
        fills=fills,
        svg_id="eu-per-inhabitant",
    )
    return render(
        request,
        "monitoring/gminas.html",
        {"rows": rows, "map": mark_safe(svg), "classes": classes},  # svg_map escapes every text it writes
    )


@login_required
def gminas_download(request, fmt: str):
    require(request.user, Perm.MONITORING_VIEW)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    rows = geography.gmina_rows()
    header = [
        _("Gmina"),
        _("TERC"),
        _("Dofinansowanie UE w umowach (PLN)"),
        _("Wydane (PLN)"),
        _("Projekty"),
        _("Ludność"),
        _("Rok danych o ludności"),
        _("Na mieszkańca (PLN)"),
    ]
    lines = [
        [
            r.unit.name,
            r.unit.terc,
            r.contracted_pln,
            r.spent_pln,
            r.projects,
            r.population,
            r.population_year,
            r.per_inhabitant,
        ]
        for r in rows
    ]
    return table_response(
        f"monitoring-gminy-{timezone.localdate().isoformat()}.{fmt}",
        fmt,
        header,
        lines,
        money=(2, 3, 7),
        empty=_("brak danych"),
        sheet=_("Gminy"),
    )


@login_required
def reports(request):
    require(request.user, Perm.MONITORING_VIEW)
    can_generate = has_perm(request.user, Perm.PROJECTS_MANAGE)
    if request.method == "POST":
        require(request.user, Perm.PROJECTS_MANAGE)
        try:
            if request.POST.get("again"):
                source = get_object_or_404(AnnualReport, pk=request.POST["again"])
                report = services.annual_report_regenerate(actor=request.user, report=source)
            else:
                year = request.POST.get("year", "")
                report = services.annual_report_start(
                    actor=request.user, year=whole_number(year, maximum=9999) or 0
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("monitoring:reports")
        # back to this page with the report just queued: its progress, then its own files, not an older one's
        return redirect(f"{reverse('monitoring:reports')}?{urlencode({FRESH: report.pk})}")
    fresh = _fresh_report(request)
    if fresh is not None and request.htmx:
        return render(request, "monitoring/_report_fresh.html", {"fresh": fresh})
    return render(
        request,
        "monitoring/reports.html",
        {
            "page": paginate(
                request, AnnualReport.objects.select_related("job", "regenerated_from", "approved_by")
            ),
            "years": services.report_years(),
            "can_generate": can_generate,
            "fresh": fresh,
        },
    )


FRESH = "sprawozdanie"  # the report just queued, which the page follows until its files are ready


def _fresh_report(request) -> AnnualReport | None:
    pk = whole_number(request.GET.get(FRESH, ""))
    if pk is None:
        return None
    return AnnualReport.objects.select_related("job").filter(pk=pk).first()


@login_required
def report_file(request, pk: int, fmt: str):
    require(request.user, Perm.MONITORING_VIEW)
    report = get_object_or_404(AnnualReport, pk=pk, status__in=AnnualReport.WITH_FILES)
    if fmt not in {"pdf", "docx"}:
        raise Http404
    field = report.pdf if fmt == "pdf" else report.docx
    # each report's own name (its number, as on the page): two reports of one year are not one file twice
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=f"sprawozdanie-zit-{report.year}-{report.pk}.{fmt}"
    )


SOCIAL_TABLES = {
    "ekonomia-spoleczna-gminy": (gettext_lazy("Według gmin"), "by_gmina"),
    "ekonomia-spoleczna-fundusze": (gettext_lazy("Według funduszy"), "by_fund"),
}


@login_required
def social_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    report = social.social_report()
    total = report.total
    money = [
        (_("Planowane w klauzulach społecznych"), total.planned_pln),
        (_("Udzielone w zamówieniach z klauzulami"), total.awarded_pln),
        (_("W tym udzielone podmiotom ekonomii społecznej"), total.awarded_pes_pln),
        (_("Budżety partnerów – podmiotów ekonomii społecznej"), total.pes_budget_pln),
    ]
    short = [
        _("Planowane w klauzulach"),
        _("Udzielone z klauzulami"),
        _("Udzielone PES"),
        _("Budżety partnerów PES"),
    ]
    chart = bar_chart(
        [(label, amount) for label, (_long, amount) in zip(short, money, strict=True)],
        title=_("Pieniądze w projektach ZIT, które trafiają do ekonomii społecznej"),
        description=_("Cztery kwoty w złotych; te same są w tabeli pod wykresem."),
        value_label=format_amount,
        chart_id="social-money",
    )
    return render(
        request,
        "monitoring/social.html",
        {
            "total": total,
            "money": money,
            "chart": chart,
            "tables": [
                {"key": key, "title": title, "rows": getattr(report, attr)}
                for key, (title, attr) in SOCIAL_TABLES.items()
            ],
        },
    )


def _social_download(table: str, fmt: str):
    report = social.social_report()
    title, attr = SOCIAL_TABLES[table]
    rows = [*getattr(report, attr), report.total]
    return table_response(
        f"monitoring-{table}-{timezone.localdate().isoformat()}.{fmt}",
        fmt,
        social.table_header(),
        social.table_lines(rows),
        money=range(5, 9),
        sheet=title,
    )
