"""The IZ's periodic data in the office: the sources, the mapping editor with a preview on the first rows,
the import history and what each import changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.contracts import iz_import, iz_sources
from zit.contracts.forms_iz import FeedForm, FeedUploadForm, MappingForm
from zit.contracts.models import IzFeed, IzFeedChange, IzFeedImport
from zit.core.roles import Perm, require
from zit.core.views_helpers import apply_errors, paginate


def _mapping_errors(form: MappingForm, exc: ValidationError) -> ValidationError | None:
    """Errors of mapped fields go next to their boxes; the rest is returned for the settings form."""
    rest = {}
    for key, errors in exc.error_dict.items():
        if f"col_{key}" in form.fields:
            form.add_error(f"col_{key}", errors)
        else:
            rest[key] = errors
    return ValidationError(rest) if rest else None


@login_required
def feeds(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    form = FeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feed = iz_sources.feed_save(actor=request.user, data=form.cleaned_data, mapping={})
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("contracts:iz_feed", pk=feed.pk)
    return render(
        request,
        "contracts/iz_feeds.html",
        {"form": form, "feeds": IzFeed.objects.all(), "kinds": IzFeed.Kind.choices},
    )


@login_required
def feed_detail(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    feed = get_object_or_404(IzFeed, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    settings_form = FeedForm(request.POST if action == "save" else None, instance=feed, prefix="feed")
    mapping_form = MappingForm(
        request.POST if action == "save" else None, kind=feed.kind, mapping=feed.mapping, prefix="map"
    )
    upload_form = FeedUploadForm(
        request.POST if action == "upload" else None, request.FILES if action == "upload" else None
    )
    if action == "save" and settings_form.is_valid() and mapping_form.is_valid():
        try:
            iz_sources.feed_save(
                actor=request.user,
                feed=feed,
                data=settings_form.cleaned_data,
                mapping=mapping_form.mapping(),
            )
        except ValidationError as exc:
            rest = _mapping_errors(mapping_form, exc)
            if rest is not None:
                apply_errors(settings_form, rest)
        else:
            messages.success(request, _("Zapisano ustawienia i przypisanie kolumn."))
            return redirect("contracts:iz_feed", pk=feed.pk)
    if action == "upload" and upload_form.is_valid():
        feed.refresh_from_db()
        try:
            batch = iz_sources.feed_upload(
                actor=request.user, feed=feed, upload=upload_form.cleaned_data["file"]
            )
        except ValidationError as exc:
            apply_errors(upload_form, exc)
        else:
            return redirect("contracts:iz_preview", pk=batch.pk)
    feed.refresh_from_db()
    return render(
        request,
        "contracts/iz_feed.html",
        {
            "feed": feed,
            "settings_form": settings_form,
            "mapping_form": mapping_form,
            "upload_form": upload_form,
            "page": paginate(request, feed.imports.exclude(status=IzFeedImport.Status.PREVIEW)),
            "waiting": feed.imports.filter(status=IzFeedImport.Status.PREVIEW)[:5],
        },
    )


@login_required
def preview(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    batch = get_object_or_404(IzFeedImport.objects.select_related("feed"), pk=pk)
    if request.method == "POST":
        try:
            batch = iz_import.feed_import_start(actor=request.user, batch=batch)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("contracts:iz_import", pk=batch.pk)
        return redirect("core:job", pk=batch.job_id)
    if batch.status != IzFeedImport.Status.PREVIEW:
        return redirect("contracts:iz_import", pk=batch.pk)
    result = iz_sources.feed_preview(batch)
    fields = [
        (f, result.columns[f.key]) for f in iz_sources.fields_of(batch.feed.kind) if f.key in result.columns
    ]
    return render(
        request,
        "contracts/iz_preview.html",
        {"batch": batch, "feed": batch.feed, "preview": result, "fields": fields},
    )


@login_required
def import_detail(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    batch = get_object_or_404(IzFeedImport.objects.select_related("feed", "job", "reconciliation"), pk=pk)
    kind = request.GET.get("rodzaj", "")
    changes = batch.changes.all()
    if kind in IzFeedChange.Kind.values:
        changes = changes.filter(kind=kind)
    page = paginate(request, changes)
    rows = [
        (
            change,
            iz_sources.FIELD_BY_KEY[change.field].label if change.field in iz_sources.FIELD_BY_KEY else "",
            iz_sources.shown(change.field, change.old_value),
            iz_sources.shown(change.field, change.new_value),
        )
        for change in page
    ]
    return render(
        request,
        "contracts/iz_import.html",
        {
            "batch": batch,
            "feed": batch.feed,
            "page": page,
            "rows": rows,
            "kind": kind,
            "kinds": IzFeedChange.Kind.choices,
        },
    )


@login_required
@require_POST
def feed_fetch(request, pk: int):
    """Fetch the source's address now, as the daily job does, in the background; its page shows the progress."""
    require(request.user, Perm.PROJECTS_MANAGE)
    feed = get_object_or_404(IzFeed, pk=pk)
    try:
        job = iz_import.feed_fetch_start(actor=request.user, feed=feed)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contracts:iz_feed", pk=feed.pk)
    return redirect("core:job", pk=job.pk)
