"""Reconciliation with the managing authority's exports: upload, map the columns, review the differences."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.contracts import reconciliation as recon
from zit.contracts import reconciliation_fields as fields
from zit.contracts.forms import ConfirmDifferenceForm, MappingForm, ReconciliationUploadForm
from zit.contracts.models import Difference, IzSource, Reconciliation
from zit.contracts.reconciliation_advice import advise
from zit.core.forms import PolishData
from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate


def _errors_to_form(form, exc: ValidationError, prefix: str = "col_") -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = f"{prefix}{key}"
            form.add_error(name if name in form.fields and key != "status" else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def reconciliations(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    form = ReconciliationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a refused file leaves no new source behind
                source = data["source"] or recon.source_create(
                    actor=request.user,
                    name=data["new_source_name"],
                    system=data["new_source_system"] or "other",
                )
                item = recon.reconciliation_upload(actor=request.user, source=source, upload=data["file"])
        except ValidationError as exc:
            _errors_to_form(form, exc, prefix="")
            if hasattr(exc, "error_dict") and "name" in exc.error_dict:
                form.add_error("new_source_name", exc.error_dict["name"])
        else:
            if item.status == Reconciliation.Status.MAPPING:
                return redirect("contracts:recon_mapping", pk=item.pk)
            messages.success(request, _("Porównano zestawienie z danymi platformy."))
            return redirect("contracts:recon", pk=item.pk)
    return render(
        request,
        "contracts/reconciliations.html",
        {
            "form": form,
            "page": paginate(
                request,
                Reconciliation.objects.select_related("source")
                .annotate(
                    open_count=Count("differences", filter=Q(differences__status=Difference.Status.OPEN))
                )
                .order_by("-created_at", "-pk"),  # an aggregate drops Meta.ordering
            ),
            "sources": [
                (
                    source,
                    [
                        (recon.FIELD_BY_KEY[k].label, c)
                        for k, c in source.mapping.items()
                        if k in recon.FIELD_BY_KEY
                    ],
                )
                for source in IzSource.objects.all()
            ],
        },
    )


@login_required
def reconciliation_mapping(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    item = get_object_or_404(Reconciliation.objects.select_related("source"), pk=pk)
    columns = item.columns
    if request.method == "POST":
        posted = {f.key: request.POST.get(f"col_{f.key}", "") for f in recon.FIELDS}
        statuses = recon.status_values_for(item, {k: v for k, v in posted.items() if v in columns})
        form = MappingForm(request.POST, columns=columns, statuses=statuses)
        if form.is_valid():
            try:
                recon.reconciliation_map(
                    actor=request.user,
                    reconciliation=item,
                    mapping=form.mapping(),
                    status_map=form.status_map(),
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(
                    request, _("Zapisano przypisanie kolumn dla źródła i porównano zestawienie.")
                )
                return redirect("contracts:recon", pk=item.pk)
    else:
        mapping = recon.guess_mapping(columns, item.source.mapping)
        statuses = recon.status_values_for(item, mapping)
        initial = {f"col_{k}": v for k, v in mapping.items()}
        for index, text in enumerate(statuses):
            initial[f"status_{index}"] = item.source.status_map.get(text.lower()) or fields.guess_status(text)
        form = MappingForm(initial=initial, columns=columns, statuses=statuses)
    labels = recon.column_labels(item)
    for field in recon.FIELDS:
        choices = form.fields[f"col_{field.key}"].choices
        # the file's own headers as it wrote them: Polish data, marked so on pages in other languages
        form.fields[f"col_{field.key}"].choices = [
            (key, PolishData(labels[key]) if key in labels else label) for key, label in choices
        ]
    column_fields = [form[f"col_{f.key}"] for f in recon.FIELDS]
    status_fields = [form[f"status_{i}"] for i in range(len(form.statuses))]
    return render(
        request,
        "contracts/reconciliation_mapping.html",
        {"item": item, "form": form, "column_fields": column_fields, "status_fields": status_fields},
    )


FILTERS = {
    "open": {"status": Difference.Status.OPEN},
    "resolved": {"status__in": [Difference.Status.CONFIRMED, Difference.Status.CORRECTED]},
    "all": {},
}


@login_required
def reconciliation_detail(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    item = get_object_or_404(Reconciliation.objects.select_related("source"), pk=pk)
    if item.status == Reconciliation.Status.MAPPING:
        return redirect("contracts:recon_mapping", pk=item.pk)
    shown = request.GET.get("pokaz", "open")
    shown = shown if shown in FILTERS else "open"
    kind = request.GET.get("rodzaj", "")
    kind = kind if kind in Difference.Kind.values else ""
    differences = (
        item.differences.filter(**FILTERS[shown])
        .select_related("card__contract")
        .prefetch_related("card__contract__amount_history__amendment")
    )
    if kind:
        differences = differences.filter(kind=kind)
    page = paginate(request, differences, per_page=50)
    rows = []
    for difference in page:
        field = recon.FIELD_BY_KEY.get(difference.field)
        rows.append(
            {
                "d": difference,
                "field": field.label if field else "",
                "ours": recon.display(field, recon.decode_value(field, difference.platform_value))
                if field
                else difference.platform_value,
                "theirs": recon.display(field, recon.decode_value(field, difference.iz_value))
                if field
                else difference.iz_value,
                # what to do follows who is behind: the IZ (ask it, keep the platform's record) or the platform
                "advice": advise(difference) if difference.is_open else None,
            }
        )
    counts = {
        "open": item.differences.filter(status=Difference.Status.OPEN).count(),
        "all": item.differences.count(),
    }
    params = {k: v for k, v in {"pokaz": shown, "rodzaj": kind}.items() if v}
    return render(
        request,
        "contracts/reconciliation.html",
        {
            "item": item,
            "rows": rows,
            "page": page,
            "shown": shown,
            "kind": kind,
            "kinds": Difference.Kind.choices,
            "counts": counts,
            "query_string": urlencode(params),
            "confirm_form": ConfirmDifferenceForm(),
        },
    )


@login_required
@require_POST
def difference_action(request, pk: int, difference_pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    difference = get_object_or_404(Difference, pk=difference_pk, reconciliation_id=pk)
    try:
        if request.POST.get("action") == "correct":
            recon.difference_correct(actor=request.user, difference=difference)
            messages.success(request, _("Przyjęto wartość z IZ: %(r)s.") % {"r": difference.reference})
        else:
            recon.difference_confirm(
                actor=request.user, difference=difference, note=request.POST.get("note", "")
            )
            messages.success(request, _("Potwierdzono dane platformy: %(r)s.") % {"r": difference.reference})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"{difference.reference}: {message}")
    query = request.POST.get("query", "")
    # back to the same row, so the office keeps its place in a long list
    url = reverse("contracts:recon", args=[pk]) + (f"?{query}" if query else "")
    return redirect(f"{url}#roznica-{difference.pk}")


@login_required
@require_POST
def reconciliation_recheck(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    item = get_object_or_404(Reconciliation, pk=pk)
    closed = recon.reconciliation_recheck(actor=request.user, reconciliation=item)
    if closed:
        messages.success(
            request,
            _("Sprawdzono ponownie. Różnice, które już się zgadzają i zamknięto je jako poprawione: %(n)d.")
            % {"n": closed},
        )
    else:
        messages.info(request, _("Sprawdzono ponownie. Żadna z otwartych różnic jeszcze się nie zgadza."))
    return redirect("contracts:recon", pk=item.pk)


@login_required
def reconciliation_xlsx(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    item = get_object_or_404(Reconciliation, pk=pk)
    response = HttpResponse(
        recon.differences_xlsx(item),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="uzgodnienie-{item.pk}-roznice.xlsx"'
    return response
