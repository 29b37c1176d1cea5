"""Pages of the remedies (the office only): a complaint to the court registered and forwarded with the answer,
and the DOCX drafts of the decision on reconsideration, the answer to the complaint and the cover letter."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.form_flow import submit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require
from zit.public_information import forms as f
from zit.public_information import remedies, remedy_documents
from zit.public_information.models import InactionComplaint, InformationRequest

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def complaint_new(request, pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    item = get_object_or_404(InformationRequest, pk=pk)
    form = f.ComplaintForm(request.POST or None, initial={"received_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: remedies.complaint_register(actor=request.user, request=item, **form.cleaned_data),
        success=reverse("public_information:detail", args=[item.pk]),
        message=lambda c: (
            _("Zapisano skargę. Przekaż ją do sądu z odpowiedzią do %(d)s.")
            % {"d": format_date(c.forward_deadline)}
        ),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Skarga do sądu administracyjnego (%(n)s)") % {"n": item.number},
            "intro": _(
                "Skargę na bezczynność lub na decyzję wnosi się za pośrednictwem Stowarzyszenia. Trzeba ją "
                "przekazać do sądu z aktami sprawy i odpowiedzią na skargę w 15 dni od jej otrzymania "
                "(art. 21 pkt 1 ustawy o dostępie do informacji publicznej, art. 54 § 2 PPSA)."
            ),
            "submit": _("Zapisz skargę"),
            "back_url": reverse("public_information:detail", args=[item.pk]),
        },
    )


@login_required
def complaint_forward(request, pk: int, complaint_pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    complaint = get_object_or_404(
        InactionComplaint.objects.select_related("request"), pk=complaint_pk, request_id=pk
    )
    form = f.ComplaintForwardForm(request.POST or None, initial={"forwarded_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: remedies.complaint_forward(actor=request.user, complaint=complaint, **form.cleaned_data),
        success=reverse("public_information:detail", args=[pk]),
        message=_("Zapisano przekazanie skargi do sądu."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Przekazanie skargi do sądu (%(n)s)") % {"n": complaint.request.number},
            "intro": _("Termin przekazania: %(d)s. Skarga wpłynęła %(r)s.")
            % {"d": format_date(complaint.forward_deadline), "r": format_date(complaint.received_on)},
            "submit": _("Zapisz przekazanie"),
            "back_url": reverse("public_information:detail", args=[pk]),
        },
    )


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def letter(request, pk: int, which: str, complaint_pk: int | None = None):
    require(request.user, Perm.INFORMATION_REQUESTS)
    item = get_object_or_404(InformationRequest, pk=pk)
    slug = item.number.replace(".", "-")
    if which == "decyzja-ponowne-rozpatrzenie":
        if not item.reconsideration_filed_on:
            raise Http404
        return _docx(remedy_documents.reconsideration_decision_docx(item), f"decyzja-{slug}.docx")
    complaint = get_object_or_404(InactionComplaint, pk=complaint_pk, request=item)
    if which == "odpowiedz-na-skarge":
        return _docx(remedy_documents.complaint_answer_docx(complaint), f"odpowiedz-na-skarge-{slug}.docx")
    if which == "pismo-przewodnie":
        return _docx(
            remedy_documents.complaint_cover_letter_docx(complaint), f"przekazanie-skargi-{slug}.docx"
        )
    raise Http404
