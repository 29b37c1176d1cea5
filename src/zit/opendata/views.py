"""The public page of open data (/dane/) and the downloads of every dataset in every format."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.opendata import exports
from zit.opendata.datasets import DATASETS, FORMATS, LICENCE, LICENCE_URL, PUBLISHER, dataset


@require_safe
def datasets(request: HttpRequest) -> HttpResponse:
    """The page, or the DCAT catalogue for a client that asks for RDF (Accept: text/turtle,
    application/rdf+xml, application/ld+json); the answer varies on Accept."""
    from django.utils.cache import patch_vary_headers

    from zit.opendata.views_dcat import negotiated

    catalogue = negotiated(request)
    if catalogue is not None:
        patch_vary_headers(catalogue, ["Accept"])
        return catalogue
    entries = [{"dataset": d, "modified": exports.last_modified(d.key)} for d in DATASETS]
    response = render(
        request,
        "opendata/datasets.html",
        {"entries": entries, "licence": LICENCE, "licence_url": LICENCE_URL, "publisher": PUBLISHER},
    )
    patch_vary_headers(response, ["Accept"])
    return response


def _download(key: str, fmt: str) -> HttpResponse:
    found = dataset(key)
    if found is None or fmt not in found.formats:
        raise Http404(_("Nie ma takiego zbioru danych w tym formacie."))
    table = exports.TABLES[key]
    if fmt == "xlsx":
        return FileResponse(
            open(exports.xlsx_path(key), "rb"),  # noqa: SIM115 - FileResponse closes it
            as_attachment=True,
            filename=f"{key}.xlsx",
            content_type=FORMATS["xlsx"][0],
        )
    if fmt == "geojson":
        lines, name, content_type = exports.geojson_lines(table), f"{key}.geojson", FORMATS["geojson"][0]
    elif fmt == "csv-excel":
        lines, name = exports.csv_lines(table, excel=True), f"{key}-excel.csv"
        content_type = "text/csv; charset=utf-8"
    else:
        lines, name, content_type = exports.csv_lines(table), f"{key}.csv", "text/csv; charset=utf-8"
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    stamp = exports.last_modified(key)
    if stamp is not None:
        from django.utils.http import http_date

        response["Last-Modified"] = http_date(stamp.timestamp())
    return response


@require_safe
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    if fmt == "csv-excel":
        raise Http404(_("Plik CSV dla Excela ma adres /dane/<zbiór>-excel.csv."))
    return _download(key, fmt)


@require_safe
def download_excel(request: HttpRequest, key: str) -> HttpResponse:
    return _download(key, "csv-excel")
