"""The office's pages of the records app: the file plan, the kinds of documents and their retention, holds and
the yearly disposal lists. Thin: each calls one selector or service."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.form_flow import ReasonForm, fire, submit
from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate
from zit.records import documents, selectors, services
from zit.records import forms as f
from zit.records.lifecycles import DISPOSAL, SLUGS
from zit.records.models import DisposalItem, DisposalList, FilePlanEntry, RetentionHold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def plan(request):
    page = paginate(request, selectors.file_plan(user=request.user), per_page=50)
    return render(request, "records/plan.html", {"page": page})


@login_required
def plan_edit(request, pk: int | None = None):
    require(request.user, Perm.RECORDS_MANAGE)
    entry = get_object_or_404(FilePlanEntry, pk=pk) if pk else None
    form = f.FilePlanEntryForm(request.POST or None, instance=entry)
    done = submit(
        request,
        form,
        lambda: services.file_plan_entry_save(
            actor=request.user, entry=FilePlanEntry.objects.get(pk=pk) if pk else None, **form.cleaned_data
        ),
        success=reverse("records:plan"),
        message=lambda e: _("Zapisano pozycję %(s)s wykazu akt.") % {"s": e.symbol},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Pozycja wykazu akt %(s)s") % {"s": entry.symbol}
            if entry
            else _("Nowa pozycja wykazu akt"),
            "intro": _(
                "Kategoria A to materiały archiwalne, przechowywane wieczyście i przekazywane do archiwum "
                "państwowego; B i BE to dokumentacja niearchiwalna z okresem przechowywania w latach (art. 5 i 6 "
                "ustawy z dnia 14 lipca 1983 r. o narodowym zasobie archiwalnym i archiwach; do weryfikacji). "
                "Wykaz akt Stowarzyszenia trzeba uzgodnić z archiwum państwowym."
            ),
            "submit": _("Zapisz"),
            "back": ("records:plan",),
        },
    )


@login_required
def kinds(request):
    rows = selectors.kinds_overview(user=request.user)
    return render(request, "records/kinds.html", {"rows": rows})


@login_required
def holds(request):
    require(request.user, Perm.RECORDS_MANAGE)
    form = f.HoldForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.hold_place(
            actor=request.user, obj=form.cleaned_data["card"], reason=form.cleaned_data["reason"]
        ),
        success=reverse("records:holds"),
        message=_("Wstrzymano brakowanie dokumentów projektu."),
    )
    if done:
        return done
    page = paginate(request, selectors.holds(user=request.user))
    return render(request, "records/holds.html", {"page": page, "form": form})


@login_required
@require_POST
def hold_lift(request, pk: int):
    require(request.user, Perm.RECORDS_MANAGE)
    hold = get_object_or_404(RetentionHold, pk=pk)
    return fire(
        request,
        lambda reason, confirmed: services.hold_lift(actor=request.user, hold=hold, reason=reason),
        success=reverse("records:holds"),
        message=_("Zniesiono wstrzymanie."),
    )


@login_required
def disposals(request):
    require(request.user, Perm.RECORDS_MANAGE)
    form = f.YearForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.disposal_list_create(actor=request.user, year=form.cleaned_data["year"]),
        success=lambda d: reverse("records:disposal", args=[d.pk]),
        message=lambda d: _("Sporządzono spis %(n)s: pozycji %(c)s.") % {"n": d.number, "c": d.items.count()},
    )
    if done:
        return done
    page = paginate(request, selectors.disposal_lists(user=request.user))
    return render(request, "records/disposals.html", {"page": page, "form": form})


@login_required
def disposal(request, pk: int):
    require(request.user, Perm.RECORDS_MANAGE)
    item = get_object_or_404(DisposalList, pk=pk)
    page = paginate(request, selectors.disposal_items(item), per_page=100)
    return render(
        request,
        "records/disposal.html",
        {
            "item": item,
            "page": page,
            "state": DISPOSAL.describe(item),
            "actions": DISPOSAL.actions(request.user, item, today=timezone.localdate()),
            "removable": DISPOSAL.state_of(item) == DisposalList.State.DRAFT,
            "destroyed": DISPOSAL.state_of(item) == DisposalList.State.DESTROYED,
        },
    )


@login_required
@require_POST
def action(request, pk: int, action: str):
    require(request.user, Perm.RECORDS_MANAGE)
    item = get_object_or_404(DisposalList, pk=pk)
    name = next((n for n, slug in SLUGS.items() if slug == action and n != "record_consent"), None)
    if name is None:
        raise Http404
    back = reverse("records:disposal", args=[item.pk])

    def call(reason, confirmed):
        if name == "destroy":
            return services.disposal_destroy(actor=request.user, disposal=item)
        return services.disposal_fire(actor=request.user, disposal=item, name=name, reason=reason)

    return fire(request, call, success=back, message=_("Zapisano."))


@login_required
def consent(request, pk: int):
    require(request.user, Perm.RECORDS_MANAGE)
    item = get_object_or_404(DisposalList, pk=pk)
    form = f.ConsentForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda: services.disposal_consent(
            actor=request.user,
            disposal=item,
            consent_on=form.cleaned_data["consent_on"],
            reference=form.cleaned_data["reference"],
            letter=form.cleaned_data["letter"],
        ),
        success=reverse("records:disposal", args=[item.pk]),
        message=_("Zapisano zgodę archiwum."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Zgoda archiwum państwowego na brakowanie – spis %(n)s") % {"n": item.number},
            "intro": _(
                "Dokumentację niearchiwalną niszczy się za zgodą dyrektora właściwego archiwum państwowego (art. 5 "
                "ust. 1 pkt 2 ustawy o narodowym zasobie archiwalnym i archiwach). Wpisz datę i znak pisma, dołącz "
                "jego skan."
            ),
            "submit": _("Zapisz zgodę"),
            "back": ("records:disposal", item.pk),
        },
    )


@login_required
def consent_letter(request, pk: int):
    require(request.user, Perm.RECORDS_MANAGE)
    item = get_object_or_404(DisposalList, pk=pk)
    if not item.consent_letter:
        raise Http404
    return FileResponse(item.consent_letter.open("rb"), as_attachment=True)


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    require(request.user, Perm.RECORDS_MANAGE)
    entry = get_object_or_404(DisposalItem, pk=item_pk, disposal_id=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    return fire(
        request,
        lambda reason, confirmed: services.disposal_item_remove(
            actor=request.user, item=entry, reason=reason
        ),
        success=reverse("records:disposal", args=[pk]),
        message=_("Zdjęto pozycję ze spisu."),
    )


@login_required
def download(request, pk: int, which: str, fmt: str):
    require(request.user, Perm.RECORDS_MANAGE)
    item = get_object_or_404(DisposalList, pk=pk)
    if which == "spis" and fmt == "xlsx":
        return documents.disposal_list_xlsx(item)
    if which == "spis" and fmt == "docx":
        content, name = documents.disposal_list_docx(item), f"spis-brakowania-{item.number}.docx"
    elif which == "protokol" and fmt == "docx" and item.protocol_number:
        content, name = documents.protocol_docx(item), f"protokol-brakowania-{item.protocol_number}.docx"
    else:
        raise Http404
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
