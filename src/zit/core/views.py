from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zit.core import selectors
from zit.core.forms import AuditCorrectionForm
from zit.core.roles import Perm, has_perm
from zit.core.services import audit_correct
from zit.core.views_helpers import apply_errors, paginate


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
        if request.method == "POST" and form.is_valid():
            try:
                correction = audit_correct(
                    actor=request.user, event=event, values=form.values(), reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Zapisano korektę jako osobne zdarzenie."))
                return redirect("core:audit_event", pk=correction.pk)
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
    page = paginate(request, selectors.jobs_visible(user=request.user))
    return render(request, "staff/jobs.html", {"page": page})


@login_required
def job_detail(request, pk: int):
    job = selectors.job_get(user=request.user, pk=pk)
    template = "staff/job_progress.html" if request.htmx else "staff/job_detail.html"
    return render(request, template, {"job": job})
