"""The office's pages for a version's public consultation (the period, closing early, moderating and answering comments, the bodies' opinions)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from zit.core import form_flow
from zit.core.roles import Perm, require
from zit.strategy import consultations, selectors
from zit.strategy.views import DONE, staff_version, version_url


@login_required
def consultation_transition(request, pk: int, name: str):
    """A button of the consultation's lifecycle (POST): close it early, with the reason."""
    version = staff_version(request, pk)
    if request.method != "POST":
        return redirect("strategy:version", pk=version.pk)
    from zit.strategy.lifecycles import CONSULTATION

    if not CONSULTATION.has(name) or CONSULTATION.transition(name).automatic:
        raise Http404
    return form_flow.fire(
        request,
        lambda reason, confirmed: consultations.consultation_transition(
            actor=request.user, version=version, name=name, reason=reason, confirmed=confirmed
        ),
        success=version_url(version),
        message=DONE.get(name, _("Zrobione: %(a)s.") % {"a": CONSULTATION.transition(name).label}),
    )


@login_required
def consultation(request, pk: int):
    version = staff_version(request, pk)
    from zit.strategy.forms import PeriodForm
    from zit.strategy.models import Comment

    posted = request.POST.get("form") if request.method == "POST" else None
    if posted in ("period", "opinion"):
        require(request.user, Perm.STRATEGY_EDIT)
    period_form = PeriodForm(
        request.POST if posted == "period" else None,
        initial={"opens": version.consultation_opens, "closes": version.consultation_closes},
    )
    if posted == "period":
        done = form_flow.submit(
            request,
            period_form,
            lambda: consultations.consultation_period_set(
                actor=request.user, version=version, **period_form.cleaned_data
            ),
            success=reverse("strategy:consultation", args=[version.pk]),
            message=_("Zapisano okres konsultacji."),
        )
        if done:
            return done
    status = request.GET.get("stan", "pending")
    comments = version.comments.all()
    if status in Comment.Status.values:
        comments = comments.filter(status=status)
    if request.GET.get("format") == "csv":
        return _consultation_csv(version)
    if request.GET.get("format") in ("docx", "pdf"):
        return _consultation_document(version, request.GET["format"])
    from zit.strategy.forms import OpinionForm

    opinion_form = OpinionForm(
        request.POST if posted == "opinion" else None,
        targets=consultations.consultation_target_choices(version),
    )
    if posted == "opinion":
        done = form_flow.submit(
            request,
            opinion_form,
            lambda: consultations.opinion_record(
                actor=request.user, version=version, **opinion_form.cleaned_data
            ),
            success=f"{reverse('strategy:consultation', args=[version.pk])}?stan=published",
            message=_("Zapisano opinię; wpisz teraz jej rozstrzygnięcie."),
        )
        if done:
            return done
    return render(
        request,
        "staff/strategy_consultation.html",
        {
            "version": version,
            "period_form": period_form,
            "opinion_form": opinion_form,
            "comments": selectors.comments_with_actions(user=request.user, comments=comments),
            "status": status,
            "tabs": [
                (key, label, version.comments.filter(status=key).count(), key == status)
                for key, label in Comment.Status.choices
            ],
            "showing_parked": status == Comment.Status.PARKED,
            "responses": Comment.Response.choices,
            "unanswered": version.comments.filter(status=Comment.Status.PUBLISHED, response="").count(),
            "parked_days": settings.ZIT_PUBLIC_FORM_PARKED_DAYS,
        },
    )


def _consultation_document(version, fmt: str):
    from django.http import HttpResponse

    from zit.strategy.documents import consultation_report_docx, consultation_report_pdf

    if fmt == "pdf":
        response = HttpResponse(consultation_report_pdf(version), content_type="application/pdf")
    else:
        response = HttpResponse(
            consultation_report_docx(version),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="raport-konsultacji-wersja-{version.number}.{fmt}"'
    )
    return response


def _consultation_csv(version):
    from zit.core.exports import csv_response
    from zit.strategy.models import Comment

    return csv_response(
        f"raport-konsultacji-wersja-{version.number}.csv",
        [
            _("Lp."),
            _("Zgłaszający"),
            _("Część strategii"),
            _("Uwaga"),
            _("Proponowana zmiana"),
            _("Rozstrzygnięcie"),
            _("Uzasadnienie"),
        ],
        (
            [
                i,
                c.author_display,
                c.target_label,
                c.text,
                c.proposal,
                c.get_response_display(),
                c.response_text,
            ]
            for i, c in enumerate(version.comments.filter(status=Comment.Status.PUBLISHED), start=1)
        ),
    )


@login_required
def comment_action(request, pk: int, comment_pk: int):
    require(request.user, Perm.STRATEGY_EDIT)
    version = staff_version(request, pk)
    comment = get_object_or_404(version.comments, pk=comment_pk)
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action == "publish":
                consultations.comment_moderate(actor=request.user, comment=comment, publish=True)
            elif action == "reject":
                consultations.comment_moderate(
                    actor=request.user, comment=comment, publish=False, note=request.POST.get("note", "")
                )
            elif action == "respond":
                consultations.comment_respond(
                    actor=request.user,
                    comment=comment,
                    response=request.POST.get("response", ""),
                    text=request.POST.get("response_text", ""),
                )
        except ValidationError as exc:
            messages.error(
                request, _("Uwaga nr %(n)d: %(e)s") % {"n": comment.pk, "e": " ".join(exc.messages)}
            )
        else:
            messages.success(request, _("Zapisano."))
    return redirect(
        f"{reverse('strategy:consultation', args=[version.pk])}?{urlencode({'stan': request.POST.get('stan', 'pending')})}#c{comment.pk}"
    )
