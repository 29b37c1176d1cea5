"""The agreement's milestones with their monthly forecast, the association's reports to the managing
authority under the agreement, and the strategy's mid-term evaluation: pages and their documents."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.charts import bar_chart
from zit.core.exports import XLSX_TYPE
from zit.core.formatting import format_amount
from zit.core.roles import Perm, require
from zit.funding.models import Obligation
from zit.funding.selectors import agreement_current
from zit.monitoring import agreement_reports, midterm
from zit.monitoring.milestones import RULES, milestone_report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _chart(m, index: int):
    return bar_chart(
        [
            (_("Osiągnięto do dziś"), m.actual_pln),
            (_("Prognoza na termin"), m.forecast_pln),
            (_("Próg z porozumienia"), m.threshold_pln),
        ],
        title=_("%(t)s: osiągnięto, prognoza i próg") % {"t": m.obligation.title},
        description=_("Wykres słupkowy; kwoty miesiąc po miesiącu są w tabeli poniżej."),
        value_label=format_amount,
        chart_id=f"milestone-{index}",
    )


def _report_form(request) -> tuple[dict, dict[str, str]]:
    """The period and the agreement's reporting obligation from the query; errors by field, values kept."""
    today = timezone.localdate()
    values = {
        "od": request.GET.get("od", dt.date(today.year, 1, 1).isoformat()),
        "do": request.GET.get("do", today.isoformat()),
        "obowiazek": request.GET.get("obowiazek", ""),
    }
    errors: dict[str, str] = {}
    dates = {}
    for name in ("od", "do"):
        try:
            dates[name] = dt.date.fromisoformat(values[name])
        except ValueError:
            errors[name] = _("Podaj datę w postaci RRRR-MM-DD.")
    if not errors and dates["od"] > dates["do"]:
        errors["do"] = _("Koniec okresu nie może być przed jego początkiem.")
    if not errors and dates["do"] > today:
        errors["do"] = _("Koniec okresu nie może być z przyszłości: sprawozdanie mówi o tym, co się stało.")
    values |= dates
    return values, errors


def _reports_due():
    agreement = agreement_current()
    if agreement is None:
        return Obligation.objects.none()
    return Obligation.objects.filter(agreement=agreement, kind=Obligation.Kind.REPORT).order_by("due_on")


@login_required
def milestones_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    report = milestone_report()
    values, errors = _report_form(request)
    return render(
        request,
        "monitoring/milestones.html",
        {
            "report": report,
            "items": [(m, _chart(m, i)) for i, m in enumerate(report.milestones, start=1)],
            "rules": RULES,
            "form": values,
            "errors": errors if request.GET else {},
            "obligations": _reports_due(),
        },
    )


@login_required
def agreement_report_file(request, fmt: str):
    require(request.user, Perm.MONITORING_VIEW)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    values, errors = _report_form(request)
    if errors:
        response = milestones_page(request)
        response.status_code = 400
        return response
    obligation = (
        _reports_due().filter(pk=values["obowiazek"]).first() if values["obowiazek"].isdigit() else None
    )
    data = agreement_reports.report_data(start=values["od"], end=values["do"], obligation=obligation)
    if fmt == "docx":
        content, kind = agreement_reports.report_docx(data), DOCX_TYPE
    else:
        content, kind = agreement_reports.report_xlsx(data), XLSX_TYPE
    response = HttpResponse(content, content_type=kind)
    name = f"sprawozdanie-porozumienie-{values['od']}-{values['do']}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def midterm_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    data = midterm.midterm_data()
    for table in data["tables"]:  # the document's preview: Polish text and Polish numbers, as in the DOCX
        table.rows = [[agreement_reports.cell(v) for v in row] for row in table.rows]
    return render(request, "monitoring/midterm.html", {"data": data})


@login_required
def midterm_file(request):
    require(request.user, Perm.MONITORING_VIEW)
    today = timezone.localdate()
    response = HttpResponse(midterm.midterm_docx(midterm.midterm_data(today=today)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ewaluacja-srodokresowa-{today}.docx"'
    return response
