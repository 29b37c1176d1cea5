"""Pages of the list of strategic projects: its versions, entries, approval, the XLSX for the managing
authority and the import back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.importing import ImportRejected
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import read_table
from zit.core.views_helpers import apply_errors
from zit.projects import list_io, lists
from zit.projects.forms import (
    ListAcceptForm,
    ListActApproveForm,
    ListAddForm,
    ListAnnexForm,
    ListImportForm,
    ListVersionForm,
)
from zit.projects.models import ListEntry, ListVersion

# --- the list of strategic projects


def list_reader(user) -> None:
    if not has_perm(user, Perm.PROJECTS_VIEW):  # unscoped readers only: the office and the bodies
        raise PermissionDenied(_("Listę projektów strategicznych widzą biuro i organy Stowarzyszenia."))


@login_required
def list_versions(request):
    list_reader(request.user)
    from zit.funding.selectors import agreement_current

    agreement = agreement_current()
    form = ListVersionForm(request.POST or None, initial={"rate_date": timezone.localdate()})
    if request.method == "POST":
        require(request.user, Perm.PROJECTS_MANAGE)
        if agreement is None:
            raise Http404(_("Nie wpisano porozumienia ZIT."))
        if form.is_valid():
            try:
                version = lists.list_version_create(
                    actor=request.user, agreement=agreement, rate_date=form.cleaned_data["rate_date"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Utworzono wersję roboczą %(n)d listy.") % {"n": version.number})
                return redirect("projects:list", pk=version.pk)
    versions = (
        ListVersion.objects.filter(agreement=agreement).select_related("decision", "strategy_version")
        if agreement
        else []
    )
    return render(
        request,
        "projects/lists.html",
        {"versions": versions, "form": form, "can_manage": has_perm(request.user, Perm.PROJECTS_MANAGE)},
    )


def _list_version(request, pk: int) -> ListVersion:
    list_reader(request.user)
    return get_object_or_404(
        ListVersion.objects.select_related("agreement", "decision", "strategy_version__strategy", "based_on"),
        pk=pk,
    )


@login_required
def list_detail(request, pk: int):
    version = _list_version(request, pk)
    can_manage = has_perm(request.user, Perm.PROJECTS_MANAGE)
    draft = version.is_draft
    add_form = annex_form = act_form = accept_form = None
    if can_manage and draft:
        add_form = ListAddForm(
            request.POST or None if "card" in request.POST else None, cards=lists.cards_to_add(version)
        )
        act_form = ListActApproveForm(
            request.POST if "issuer_name" in request.POST else None,
            request.FILES if "issuer_name" in request.POST else None,
        )
        if version.is_annex_update:
            annex_form = ListAnnexForm(
                request.POST if "significant" in request.POST else None,
                initial={
                    "significant": {True: "1", False: "0"}.get(version.change_significant),
                    "notice_on": version.consultation_notice_on,
                    "ends_on": version.consultation_ends_on,
                },
            )
    if can_manage and version.is_approved:
        accept_form = ListAcceptForm(
            request.POST if "accepted_on" in request.POST else None,
            initial={"accepted_on": version.iz_accepted_on, "reference": version.iz_reference},
        )
    if request.method == "POST":
        require(request.user, Perm.PROJECTS_MANAGE)
        done = _list_post(request, version, add_form, annex_form, act_form, accept_form)
        if done:
            return redirect("projects:list", pk=version.pk)
    return render(
        request,
        "projects/list.html",
        {
            "version": version,
            "envelopes": lists.envelopes(version),
            "totals": lists.totals(version),
            "can_manage": can_manage,
            "draft": draft,
            "add_form": add_form,
            "annex_form": annex_form,
            "act_form": act_form,
            "accept_form": accept_form,
            "approvals": lists.list_approvals(version),
            "actions": lists.list_actions(user=request.user, version=version),
        },
    )


def _list_post(request, version, add_form, annex_form, act_form, accept_form) -> bool:
    try:
        if add_form is not None and add_form.is_bound:
            if not add_form.is_valid():
                return False
            entry = lists.list_entry_add(actor=request.user, version=version, **add_form.cleaned_data)
            messages.success(request, _("Dodano %(c)s.") % {"c": entry})
            return True
        if annex_form is not None and annex_form.is_bound:
            if not annex_form.is_valid():
                return False
            lists.list_annex_update_set(actor=request.user, version=version, **annex_form.cleaned_data)
            messages.success(request, _("Zapisano procedurę aktualizacji załącznika."))
            return True
        if act_form is not None and act_form.is_bound:
            if not act_form.is_valid():
                return False
            lists.list_version_approve_by_act(actor=request.user, version=version, **act_form.cleaned_data)
            messages.success(
                request, _("Lista zatwierdzona; fiszki przeszły na listę podstawową lub rezerwową.")
            )
            return True
        if accept_form is not None and accept_form.is_bound:
            if not accept_form.is_valid():
                return False
            lists.list_version_iz_accept(actor=request.user, version=version, **accept_form.cleaned_data)
            messages.success(request, _("Zapisano przyjęcie listy przez IZ."))
            return True
    except ValidationError as exc:
        forms = (add_form, annex_form, act_form, accept_form)
        form = next(f for f in forms if f is not None and f.is_bound)
        apply_errors(form, exc)
    return False


@login_required
@require_POST
def list_entry_action(request, pk: int, entry_pk: int, action: str):
    version = _list_version(request, pk)
    entry = get_object_or_404(ListEntry, pk=entry_pk, version=version)
    try:
        if action == "usun":
            lists.list_entry_remove(actor=request.user, entry=entry)
            messages.success(request, _("Usunięto %(c)s z listy.") % {"c": entry.card.number})
        elif action in ("podstawowa", "rezerwowa"):
            position = "main" if action == "podstawowa" else "reserve"
            reason = request.POST.get("share_reason", "")
            lists.list_entry_move(actor=request.user, entry=entry, position=position, share_reason=reason)
            messages.success(request, _("Przeniesiono %(c)s.") % {"c": entry.card.number})
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(
        f"{reverse('projects:list', args=[version.pk])}#m-{entry.card.measure_id}-{entry.card.fund_id}"
    )


@login_required
def list_act_file(request, pk: int):
    """The document of the act that approved the list (another body's act), for the list's readers."""
    from django.http import FileResponse, Http404

    version = _list_version(request, pk)
    document = version.decision.document if version.decision_id else None
    if not document:
        raise Http404
    return FileResponse(document.open("rb"), as_attachment=True, filename=document.name.rsplit("/", 1)[-1])


@login_required
def list_export(request, pk: int):
    from django.http import HttpResponse

    version = _list_version(request, pk)
    response = HttpResponse(
        list_io.list_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{list_io.list_filename(version)}"'
    return response


@login_required
def list_import(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    version = _list_version(request, pk)
    form = ListImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name, upload)
            counts = list_io.list_import(actor=request.user, version=version, table=table)
        except ImportRejected as exc:
            report = exc.report
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Import: dodano %(a)d, przeniesiono %(m)d, bez zmian %(u)d.")
                % {"a": counts["added"], "m": counts["moved"], "u": counts["unchanged"]},
            )
            return redirect("projects:list", pk=version.pk)
    return render(
        request,
        "projects/list_import.html",
        {"version": version, "form": form, "report": report, "hint": list_io.import_hint()},
    )
