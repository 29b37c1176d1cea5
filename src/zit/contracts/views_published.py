"""The public list of projects: the page, its CSV and XLSX, and the office's import of an official list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zit.contracts import published, published_columns
from zit.contracts.models import PublishedImport, PublishedProject
from zit.core.roles import Perm, require
from zit.core.views_helpers import apply_errors, paginate
from zit.projects.forms import ListImportForm


def _filters(request) -> dict[str, str]:
    funds = published.published_funds()
    fund = request.GET.get("fundusz", "")
    return {"q": request.GET.get("q", "").strip()[:200], "fundusz": fund if fund in funds else ""}


def _freshness() -> dict:
    """When the list was updated and whether art. 49(3)'s four months have passed since."""
    updated_on = published_columns.published_updated_on()
    return {
        "updated_on": updated_on,
        "update_due": published_columns.update_due(updated_on),
        "stale": published_columns.is_stale(updated_on),
    }


def _columns() -> list[tuple[str, str]]:
    """Each column's header and the letter of art. 49(3) it answers ("" for the programme's own)."""
    return [(str(header), published_columns.LETTERS.get(name, "")) for name, header, _w in published.COLUMNS]


def public_list(request):
    filters = _filters(request)
    rows = published.published_search(q=filters["q"], fund=filters["fundusz"])
    page = paginate(request, rows, per_page=50)
    params = {k: v for k, v in filters.items() if v}
    return render(
        request,
        "contracts/published.html",
        {
            "page": page,
            "filters": filters,
            "funds": published.published_funds(),
            "query_string": urlencode(params),
            "has_demo": PublishedProject.objects.filter(is_demo=True).exists(),
            "freshness": _freshness(),
            "columns": _columns(),
        },
    )


def _export_name(extension: str) -> str:
    return f"wykaz-projektow-{timezone.localdate().isoformat()}.{extension}"


def public_list_csv(request):
    filters = _filters(request)
    rows = published.published_search(q=filters["q"], fund=filters["fundusz"]).iterator(chunk_size=2000)
    response = StreamingHttpResponse(published.csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    return response


def public_list_xlsx(request):
    filters = _filters(request)
    if not any(filters.values()):
        handle = open(published.full_xlsx(), "rb")  # noqa: SIM115 - FileResponse closes it
        return FileResponse(handle, as_attachment=True, filename=_export_name("xlsx"))
    rows = published.published_search(q=filters["q"], fund=filters["fundusz"])
    count = rows.count()
    if count > published.XLSX_LIMIT:
        return render(
            request,
            "contracts/published_too_long.html",
            {"count": count, "limit": published.XLSX_LIMIT, "query_string": urlencode(filters)},
        )
    path = published.xlsx_file(rows.iterator(chunk_size=2000))
    handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it when the response is sent
    path.unlink()  # the open handle keeps the data until then
    return FileResponse(handle, as_attachment=True, filename=_export_name("xlsx"))


@login_required
def imports(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    form = ListImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = published.published_import_start(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("core:job", pk=batch.job_id)
    return render(
        request,
        "contracts/published_imports.html",
        {
            "form": form,
            "page": paginate(request, PublishedImport.objects.select_related("job")),
            "columns": _columns(),
            "freshness": _freshness(),
            "counts": {
                "platform": PublishedProject.objects.filter(origin=PublishedProject.Origin.PLATFORM).count(),
                "import": PublishedProject.objects.filter(origin=PublishedProject.Origin.IMPORT).count(),
            },
        },
    )


@login_required
def import_template(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    response = HttpResponse(published.import_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wykaz-projektow-wzor.csv"'
    return response
