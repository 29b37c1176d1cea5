"""The secretary's and the office's pages: meetings, agenda, attendance, documents, voting rules. Resolutions and
their votes are in `views_resolutions.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.association.models import Body
from zit.core.form_flow import fire, submit
from zit.core.roles import Perm, has_perm, require
from zit.core.signed import signed_document_for
from zit.core.views_helpers import paginate
from zit.governance import forms, invitations, meetings, public_documents, register, votes
from zit.governance import voting_rules as rules_services
from zit.governance.meetings_selectors import meeting_actions
from zit.governance.models import AgendaItem, Meeting, PublicDocument, VotingRule


def require_view(request) -> None:
    require(request.user, Perm.GOVERNANCE_VIEW)


def may_manage(request) -> bool:
    return has_perm(request.user, Perm.GOVERNANCE_MANAGE)


def show_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def chair_prepared_by(meeting: Meeting | None) -> str:
    """Who usually answers for the content of a body's documents: the chair of the meeting."""
    if meeting is None or meeting.chair is None:
        return ""
    return _("%(person)s, przewodniczący obrad") % {"person": meeting.chair}


# --- meetings


@login_required
def meeting_list(request):
    require_view(request)
    items = Meeting.objects.select_related("body").order_by("-starts_at")
    body = request.GET.get("organ", "")
    status = request.GET.get("stan", "")
    if body:
        items = items.filter(body__slug=body)
    if status in Meeting.Status.values:
        items = items.filter(status=status)
    return render(
        request,
        "governance/meetings.html",
        {
            "page": paginate(request, items),
            "bodies": Body.objects.all(),
            "statuses": Meeting.Status.choices,
            "body": body,
            "status": status,
            "can_manage": may_manage(request),
        },
    )


@login_required
def meeting_edit(request, pk: int | None = None):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    done = submit(
        request,
        form,
        lambda: meetings.meeting_save(
            actor=request.user,
            meeting=meeting,
            **{name: form.cleaned_data[name] for name in forms.MeetingForm.Meta.fields},
        ),
        success=lambda saved: reverse("governance:meeting", args=[saved.pk]),
        message=_("Zapisano posiedzenie."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Zmiana posiedzenia") if meeting else _("Nowe posiedzenie"),
            "submit": _("Zapisz"),
            "back": ("governance:meeting", meeting.pk) if meeting else ("governance:meetings",),
        },
    )


def _meeting_context(request, meeting: Meeting, **bound) -> dict:
    """The meeting page; `bound` holds a form sent back with its errors (agenda_form, notes_form,
    publish_form), which replaces the empty one."""
    composition = meetings.meeting_seats(meeting)
    attendance = {a.seat: a for a in meeting.attendance.select_related("person")}
    return {
        "meeting": meeting,
        "actions": meeting_actions(user=request.user, meeting=meeting),
        "quorum": meetings.quorum(meeting, composition),
        "seats": [(seat, attendance.get(seat.key)) for seat in composition],
        "agenda": meeting.agenda.select_related("resolution__vote"),
        "agenda_form": forms.AgendaItemForm(meeting=meeting),
        "notes_form": forms.MinutesNotesForm(initial={"minutes_notes": meeting.minutes_notes}),
        "publish_form": forms.PublishForm(
            initial={"prepared_by": meeting.prepared_by or chair_prepared_by(meeting)}
        ),
        "minutes_document": signed_document_for(subject=meeting, kind=meetings.MINUTES_KIND),
        "can_manage": may_manage(request),
        "finished": meeting.is_finished,
        "metryczka": register.metryczka(meeting) if meeting.is_published else None,
    } | bound


def _meeting_page(request, meeting: Meeting, **bound):
    return render(request, "governance/meeting.html", _meeting_context(request, meeting, **bound))


@login_required
def meeting_detail(request, pk: int):
    require_view(request)
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair", "minutes_taker"), pk=pk)
    return _meeting_page(request, meeting)


@login_required
def meeting_quorum(request, pk: int):
    """The quorum box alone, refreshed while the attendance is taken."""
    require_view(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    return render(
        request, "governance/_quorum.html", {"quorum": meetings.quorum(meeting), "meeting": meeting}
    )


_MEETING_TRANSITIONS = {
    "otworz": (meetings.meeting_open, _("Posiedzenie otwarte: możesz zapisywać obecność i głosowania.")),
    "zamknij": (meetings.meeting_close, _("Posiedzenie zamknięte. Przygotuj protokół.")),
    "odwolaj": (meetings.meeting_cancel, _("Posiedzenie odwołane.")),
}


@login_required
@require_POST
def meeting_action(request, pk: int, action: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair", "minutes_taker"), pk=pk)
    back = reverse("governance:meeting", args=[meeting.pk])
    if action in _MEETING_TRANSITIONS:  # the lifecycle's buttons
        service, message = _MEETING_TRANSITIONS[action]

        def act(reason: str, confirmed: bool):
            if service is meetings.meeting_cancel:
                return service(actor=request.user, meeting=meeting, reason=reason)
            return service(actor=request.user, meeting=meeting)

        return fire(request, act, success=back, message=str(message))
    if action == "przebieg":
        form = forms.MinutesNotesForm(request.POST)
        done = submit(
            request,
            form,
            lambda: meetings.minutes_notes_save(
                actor=request.user, meeting=meeting, minutes_notes=form.cleaned_data["minutes_notes"]
            ),
            success=back,
            message=_("Zapisano przebieg obrad."),
        )
        return done or _meeting_page(request, meeting, notes_form=form)
    if action == "publikuj":
        form = forms.PublishForm(request.POST)
        done = submit(
            request,
            form,
            lambda: meetings.meeting_publish(
                actor=request.user, meeting=meeting, prepared_by=form.cleaned_data["prepared_by"]
            ),
            success=back,
            message=_("Posiedzenie jest w publicznym rejestrze."),
        )
        return done or _meeting_page(request, meeting, publish_form=form)
    try:
        if action == "protokol":
            meetings.minutes_generate(actor=request.user, meeting=meeting)
            messages.success(request, _("Protokół do podpisu gotowy do pobrania (DOCX)."))
        else:
            raise ValidationError(_("Nieznane działanie."))
    except ValidationError as exc:
        show_errors(request, exc)
    return redirect("governance:meeting", meeting.pk)


@login_required
@require_POST
def agenda_add(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair", "minutes_taker"), pk=pk)
    form = forms.AgendaItemForm(request.POST, meeting=meeting)
    done = submit(
        request,
        form,
        lambda: meetings.agenda_item_save(actor=request.user, meeting=meeting, **form.cleaned_data),
        success=reverse("governance:meeting", args=[meeting.pk]),
        message=_("Dodano punkt porządku obrad."),
    )
    return done or _meeting_page(request, meeting, agenda_form=form)


@login_required
@require_POST
def agenda_item_action(request, pk: int, action: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    try:
        if action == "usun":
            meetings.agenda_item_delete(actor=request.user, item=item)
        else:
            meetings.agenda_item_move(actor=request.user, item=item, up=action == "wyzej")
    except ValidationError as exc:
        show_errors(request, exc)
    return redirect("governance:meeting", item.meeting_id)


@login_required
def meeting_attendance(request, pk: int):
    """The attendance list: one row per seat; each change saves at once and refreshes the quorum."""
    require_view(request)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    back = reverse("governance:meeting_attendance", args=[meeting.pk])
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
        if "all_present" in request.POST:
            try:
                marked = meetings.attendance_all_present(actor=request.user, meeting=meeting)
                messages.success(request, _("Zaznaczono jako obecnych: %(n)d.") % {"n": marked})
            except ValidationError as exc:
                show_errors(request, exc)
            return redirect(back)
        form = forms.AttendanceRowForm(request.POST)
        done = submit(
            request,
            form,
            lambda: meetings.attendance_record(
                actor=request.user,
                meeting=meeting,
                seat=form.cleaned_data["seat"],
                present=form.cleaned_data["present"] == "1",
                person=form.cleaned_data["person"],
            ),
            success=back,
        )
        if done is None:  # one row is one form: its errors come back above the list, with the quorum
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        if request.htmx:
            return render(request, "governance/_attendance.html", _attendance_context(request, meeting))
        return done or redirect(back)
    return render(request, "governance/attendance.html", _attendance_context(request, meeting))


def _attendance_context(request, meeting: Meeting) -> dict:
    context = _meeting_context(request, meeting)
    context["people"] = {
        seat.key: votes.member_choices_for_seat(seat.member) for seat, _a in context["seats"]
    }
    return context


@login_required
def meeting_invitations(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":  # the lifecycle's "invite", after the preview
        return fire(
            request,
            lambda reason, confirmed: invitations.invitations_send(actor=request.user, meeting=meeting),
            success=reverse("governance:meeting", args=[meeting.pk]),
            message=lambda sent: _("Wysłano zaproszenia: %(n)d.") % {"n": sent},
            failure=reverse("governance:meeting_invitations", args=[meeting.pk]),
        )
    return render(
        request,
        "governance/invitations.html",
        {
            "meeting": meeting,
            "invitations": invitations.invitations(meeting),
            "invite": meeting_actions(user=request.user, meeting=meeting).get("invite"),
        },
    )


@login_required
def meeting_invitation_ics(request, pk: int):
    require_view(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(invitations.invitation_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="posiedzenie.ics"'
    return response


@login_required
def meeting_minutes_pdf(request, pk: int):
    require_view(request)
    from zit.governance.documents import minutes_pdf

    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokol-{meeting.pk}.pdf"'
    return response


# --- documents of the register


@login_required
def document_list(request):
    require_view(request)
    form = forms.PublicDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
    done = submit(
        request,
        form,
        lambda: public_documents.document_publish(actor=request.user, **form.cleaned_data),
        success=reverse("governance:documents"),
        message=_("Dokument opublikowany w rejestrze."),
    )
    if done:
        return done
    return render(
        request,
        "governance/documents.html",
        {
            "page": paginate(request, PublicDocument.objects.order_by("-published_at")),
            "form": form,
            "can_manage": may_manage(request),
        },
    )


@login_required
def document_withdraw(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    document = get_object_or_404(PublicDocument, pk=pk)
    form = forms.ReasonForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: public_documents.document_withdraw(
            actor=request.user, document=document, reason=form.cleaned_data["reason"]
        ),
        success=reverse("governance:documents"),
        message=_("Dokument wycofano z publikacji; zostaje w metryczce."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Wycofanie z publikacji: %(t)s") % {"t": document.title},
            "submit": _("Wycofaj"),
            "danger": True,
            "back": ("governance:documents",),
        },
    )


# --- voting rules


@login_required
def voting_rule_list(request):
    require_view(request)
    return render(
        request,
        "governance/voting_rules.html",
        {
            "bodies": Body.objects.prefetch_related("voting_rules"),
            "can_edit": has_perm(request.user, Perm.BODIES_EDIT),
        },
    )


@login_required
def voting_rule_edit(request, pk: int | None = None):
    require(request.user, Perm.BODIES_EDIT)
    rule = get_object_or_404(VotingRule, pk=pk) if pk else None
    form = forms.VotingRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and "delete" in request.POST and rule is not None:
        rules_services.voting_rule_delete(actor=request.user, rule=rule)
        messages.success(request, _("Usunięto zasadę: obowiązuje ogólna zasada organu."))
        return redirect("governance:voting_rules")
    done = submit(
        request,
        form,
        lambda: rules_services.voting_rule_save(actor=request.user, rule=rule, **form.cleaned_data),
        success=reverse("governance:voting_rules"),
        message=_("Zapisano zasadę głosowania."),
    )
    if done:
        return done
    return render(
        request,
        "governance/voting_rule.html",
        {
            "form": form,
            "rule": rule,
            "title": _("Zasada głosowania"),
            "intro": _(
                "Większość potrzebna do podjęcia uchwał danego rodzaju, jeśli statut ustala ją inaczej niż "
                "ogólna zasada organu. Próg 0,6667 oznacza 2/3."
            ),
            "submit": _("Zapisz"),
            "back": ("governance:voting_rules",),
        },
    )
