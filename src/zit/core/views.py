from __future__ import annotations

import json
from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from zit.core import selectors
from zit.core.form_flow import submit
from zit.core.formatting import with_data
from zit.core.forms import (
    AuditCorrectionForm,
    SignedDocumentUploadForm,
    SignedLockOverrideForm,
    TrustListUploadForm,
)
from zit.core.models import Job, SignedDocument, TrustAnchor
from zit.core.roles import Perm, has_perm, require
from zit.core.services import audit_correct
from zit.core.signed import signed_document_lock_override, signed_document_upload
from zit.core.trust_list import MAX_LIST_BYTES as MAX_TRUST_UPLOAD
from zit.core.trust_list import trust_anchor_add, trust_list_load
from zit.core.views_helpers import paginate


@login_required
def audit_log(request):
    query = request.GET.get("q", "").strip()
    page = paginate(request, selectors.audit_events(user=request.user, query=query), per_page=50)
    return render(request, "staff/audit_log.html", {"page": page, "query": query})


@login_required
def audit_event(request, pk: int):
    event = selectors.audit_event_get(user=request.user, pk=pk)
    form = None
    if has_perm(request.user, Perm.AUDIT_CORRECT) and (event.before or event.after):
        form = AuditCorrectionForm(request.POST or None, event=event)
        done = submit(
            request,
            form,
            lambda: audit_correct(
                actor=request.user, event=event, values=form.values(), reason=form.cleaned_data["reason"]
            ),
            success=lambda correction: reverse("core:audit_event", args=[correction.pk]),
            message=_("Zapisano korektę jako osobne zdarzenie."),
        )
        if done:
            return done
    return render(
        request,
        "staff/audit_event.html",
        {
            "event": event,
            "form": form,
            "before": json.dumps(event.before, ensure_ascii=False, indent=2) if event.before else "",
            "after": json.dumps(event.after, ensure_ascii=False, indent=2) if event.after else "",
            "corrections": event.corrections.all(),
        },
    )


@login_required
def jobs(request):
    status = request.GET.get("stan", "")
    status = status if status in Job.Status.values else ""
    page = paginate(request, selectors.jobs_visible(user=request.user, status=status))
    return render(
        request,
        "staff/jobs.html",
        {
            "page": page,
            "status": status,
            "failed_only": status == Job.Status.FAILED,
            "statuses": Job.Status.choices,
            "query_string": f"stan={status}" if status else "",
        },
    )


@login_required
def job_detail(request, pk: int):
    job = selectors.job_get(user=request.user, pk=pk)
    template = "staff/job_progress.html" if request.htmx else "staff/job_detail.html"
    return render(request, template, {"job": job})


_CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".xml": "application/xml",
    ".xades": "application/xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def _readable_document(request, pk: int) -> SignedDocument:
    document = get_object_or_404(SignedDocument, pk=pk)
    if not has_perm(request.user, document.read_perm, organisation_id=document.organisation_id):
        raise PermissionDenied
    return document


def _download(file: FieldFile, name: str) -> FileResponse:
    """Always as an attachment: an uploaded XML or image is never rendered by the browser as our page."""
    suffix = PurePath(file.name).suffix.lower()
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=get_valid_filename(name.replace("/", "-")) + suffix,  # "nr 4/2026" stays readable
        content_type=_CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )


@login_required
def signed_draft(request, pk: int):
    document = _readable_document(request, pk)
    if not document.draft:
        raise Http404
    return _download(document.draft, _("%(title)s - projekt do podpisu") % {"title": document.title})


@login_required
def signed_file(request, pk: int):
    document = _readable_document(request, pk)
    if not document.signed:
        raise Http404
    return _download(document.signed, _("%(title)s - podpisany") % {"title": document.title})


def _safe_next(request) -> str | None:
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


@login_required
def signed_upload(request, pk: int):
    document = get_object_or_404(SignedDocument, pk=pk)
    require(request.user, document.write_perm, organisation_id=document.organisation_id)
    back = _safe_next(request)
    form = SignedDocumentUploadForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda: signed_document_upload(actor=request.user, document=document, file=form.cleaned_data["file"]),
        success=back or reverse("core:signed_upload", args=[document.pk]),
        message=_upload_message,
    )
    if done:
        return done
    if document.locked:
        intro = _("Podpisany dokument jest już wgrany i zablokowany: nie można wgrać innego pliku.")
    else:
        intro = _(
            "Wgraj plik podpisany poza platformą. Platforma rozpozna rodzaj podpisu, sprawdzi jego ważność "
            "i zapisze sumę kontrolną pliku. Dokument z ważnym podpisem albo skan zostaje zablokowany; plik "
            "z nieważnym podpisem zostaje zapisany, ale dokument pozostaje otwarty."
        )
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Podpisany dokument: %(title)s"), title=document.title),
            "intro": intro,
            "submit": _("Wgraj i zablokuj"),
            "back_url": back,
        },
    )


def _upload_message(document: SignedDocument) -> str:
    if document.locked:
        return _(
            "Wgrano podpisany dokument. Wynik sprawdzenia podpisu: %(result)s. Dokument jest zablokowany."
        ) % {"result": document.get_check_result_display()}
    return _(
        "Wgrano plik, ale podpis jest nieważny: %(details)s Dokumentu nie zablokowano: wgraj poprawnie podpisany "
        "plik albo poproś biuro o zablokowanie z podaniem powodu."
    ) % {"details": document.check_details}


@login_required
def signed_lock_override(request, pk: int):
    document = get_object_or_404(SignedDocument, pk=pk)
    require(request.user, Perm.AUDIT_CORRECT)
    back = _safe_next(request)
    form = SignedLockOverrideForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: signed_document_lock_override(
            actor=request.user, document=document, reason=form.cleaned_data["reason"]
        ),
        success=back or reverse("core:signed_lock_override", args=[document.pk]),
        message=_("Dokument zablokowano mimo nieważnego podpisu; powód zapisano w dzienniku zdarzeń."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": with_data(_("Zablokuj mimo nieważnego podpisu: %(title)s"), title=document.title),
            "intro": _("Wynik sprawdzenia podpisu: %(result)s. %(details)s")
            % {"result": document.get_check_result_display(), "details": document.check_details},
            "submit": _("Zablokuj dokument"),
            "danger": True,
            "back_url": back,
        },
    )


@login_required
def trust_list(request):
    require(request.user, Perm.AUDIT_CORRECT)
    form = TrustListUploadForm(request.POST or None, request.FILES or None)

    def load() -> int:
        data = form.cleaned_data["file"].read(MAX_TRUST_UPLOAD + 1)
        if len(data) > MAX_TRUST_UPLOAD:
            raise ValidationError({"file": _("Plik jest za duży.")})
        label = form.cleaned_data["label"]
        if form.cleaned_data["what"] == "certificate":
            return trust_anchor_add(actor=request.user, data=data, label=label)
        return trust_list_load(actor=request.user, data=data, label=label)

    done = submit(
        request,
        form,
        load,
        success=reverse("core:trust_list"),
        message=lambda n: _("Wczytano nowe certyfikaty: %(n)d.") % {"n": n},
    )
    if done:
        return done
    return render(
        request,
        "staff/trust_list.html",
        {"form": form, "anchors": TrustAnchor.objects.all()},
    )
