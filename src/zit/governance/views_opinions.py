"""The office's page of the Partners' Working Group's opinions: the list with a filter by subject, the form to
record one, and the withdrawal of a mistaken one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zit.core.form_flow import submit
from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate
from zit.governance import forms, opinions, opinions_selectors
from zit.governance.models import AdvisoryOpinion
from zit.governance.views import may_manage, require_view


@login_required
def opinion_list(request):
    require_view(request)
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
    form = forms.AdvisoryOpinionForm(
        request.POST or None, request.FILES or None, subjects=opinions_selectors.subject_choices()
    )
    done = submit(
        request,
        form,
        lambda: opinions.advisory_opinion_record(actor=request.user, **form.cleaned_data),
        success=reverse("governance:opinions"),
        message=_("Opinię grupy roboczej zapisano."),
    )
    if done:
        return done
    kind = request.GET.get("rodzaj", "")
    return render(
        request,
        "governance/opinions.html",
        {
            "page": paginate(request, opinions_selectors.opinion_list(kind)),
            "kinds": AdvisoryOpinion.SubjectKind.choices,
            "kind": kind,
            "form": form,
            "can_manage": may_manage(request),
        },
    )


@login_required
def opinion_withdraw(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    opinion = get_object_or_404(AdvisoryOpinion, pk=pk)
    form = forms.ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: opinions.advisory_opinion_withdraw(
            actor=request.user, opinion=opinion, reason=form.cleaned_data["reason"]
        ),
        success=reverse("governance:opinions"),
        message=_("Opinię wycofano; zostaje w zapisie z powodem."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Wycofanie opinii grupy roboczej: %(o)s") % {"o": opinion},
            "submit": _("Wycofaj"),
            "danger": True,
            "back": ("governance:opinions",),
        },
    )
