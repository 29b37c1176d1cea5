"""The secretary's and the office's pages: meetings, agenda, attendance, live votes, resolutions, documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.association.models import Body, Person
from zit.core.roles import Perm, has_perm, require
from zit.core.signed import signed_document_for
from zit.core.views_helpers import apply_errors, paginate
from zit.governance import effects, forms, invitations, meetings, public_documents, register, resolutions
from zit.governance import voting_rules as rules_services
from zit.governance.models import (
    AgendaItem,
    Meeting,
    PublicDocument,
    Resolution,
    ResolutionKind,
    Vote,
    VotingRule,
)
from zit.governance.voting import rule_for


def _view(request) -> None:
    require(request.user, Perm.GOVERNANCE_VIEW)


def _manage(request) -> bool:
    return has_perm(request.user, Perm.GOVERNANCE_MANAGE)


def _error(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _prepared_by(meeting: Meeting | None) -> str:
    """Who usually answers for the content of a body's documents: the chair of the meeting."""
    if meeting is None or meeting.chair is None:
        return ""
    return _("%(person)s, przewodniczący obrad") % {"person": meeting.chair}


# --- meetings


@login_required
def meeting_list(request):
    _view(request)
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
            "can_manage": _manage(request),
        },
    )


@login_required
def meeting_edit(request, pk: int | None = None):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in forms.MeetingForm.Meta.fields}
        try:
            saved = meetings.meeting_save(actor=request.user, meeting=meeting, **fields)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano posiedzenie."))
            return redirect("governance:meeting", saved.pk)
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


def _meeting_context(request, meeting: Meeting) -> dict:
    composition = meetings.meeting_seats(meeting)
    attendance = {a.seat: a for a in meeting.attendance.select_related("person")}
    return {
        "meeting": meeting,
        "quorum": meetings.quorum(meeting, composition),
        "seats": [(seat, attendance.get(seat.key)) for seat in composition],
        "agenda": meeting.agenda.select_related("resolution__vote"),
        "agenda_form": forms.AgendaItemForm(meeting=meeting),
        "notes_form": forms.MinutesNotesForm(initial={"minutes_notes": meeting.minutes_notes}),
        "publish_form": forms.PublishForm(
            initial={"prepared_by": meeting.prepared_by or _prepared_by(meeting)}
        ),
        "minutes_document": signed_document_for(subject=meeting, kind=meetings.MINUTES_KIND),
        "can_manage": _manage(request),
        "finished": meeting.status in (Meeting.Status.CLOSED, Meeting.Status.CANCELLED),
        "metryczka": register.metryczka(meeting) if meeting.is_published else None,
    }


@login_required
def meeting_detail(request, pk: int):
    _view(request)
    meeting = get_object_or_404(Meeting.objects.select_related("body", "chair", "minutes_taker"), pk=pk)
    return render(request, "governance/meeting.html", _meeting_context(request, meeting))


@login_required
def meeting_quorum(request, pk: int):
    """The quorum box alone, refreshed while the attendance is taken."""
    _view(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    return render(
        request, "governance/_quorum.html", {"quorum": meetings.quorum(meeting), "meeting": meeting}
    )


@login_required
@require_POST
def meeting_action(request, pk: int, action: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        if action == "otworz":
            meetings.meeting_open(actor=request.user, meeting=meeting)
            messages.success(request, _("Posiedzenie otwarte: możesz zapisywać obecność i głosowania."))
        elif action == "zamknij":
            meetings.meeting_close(actor=request.user, meeting=meeting)
            messages.success(request, _("Posiedzenie zamknięte. Przygotuj protokół."))
        elif action == "odwolaj":
            meetings.meeting_cancel(
                actor=request.user, meeting=meeting, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Posiedzenie odwołane."))
        elif action == "protokol":
            meetings.minutes_generate(actor=request.user, meeting=meeting)
            messages.success(request, _("Protokół do podpisu gotowy do pobrania (DOCX)."))
        elif action == "przebieg":
            meetings.minutes_notes_save(
                actor=request.user, meeting=meeting, minutes_notes=request.POST.get("minutes_notes", "")
            )
            messages.success(request, _("Zapisano przebieg obrad."))
        elif action == "publikuj":
            meetings.meeting_publish(
                actor=request.user, meeting=meeting, prepared_by=request.POST.get("prepared_by", "")
            )
            messages.success(request, _("Posiedzenie jest w publicznym rejestrze."))
        else:
            raise ValidationError(_("Nieznane działanie."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("governance:meeting", meeting.pk)


@login_required
@require_POST
def agenda_add(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = forms.AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            meetings.agenda_item_save(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Dodano punkt porządku obrad."))
        except ValidationError as exc:
            _error(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("governance:meeting", meeting.pk)


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
        _error(request, exc)
    return redirect("governance:meeting", item.meeting_id)


@login_required
def meeting_attendance(request, pk: int):
    """The attendance list: one row per seat; each change saves at once and refreshes the quorum."""
    _view(request)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
        if "all_present" in request.POST:
            try:
                marked = meetings.attendance_all_present(actor=request.user, meeting=meeting)
                messages.success(request, _("Zaznaczono jako obecnych: %(n)d.") % {"n": marked})
            except ValidationError as exc:
                _error(request, exc)
            return redirect("governance:meeting_attendance", meeting.pk)
        seat = request.POST.get("seat", "")
        person_id = request.POST.get("person") or None
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        try:
            meetings.attendance_record(
                actor=request.user,
                meeting=meeting,
                seat=seat,
                present=request.POST.get("present") == "1",
                person=person,
            )
        except ValidationError as exc:
            _error(request, exc)
        if request.htmx:
            return render(request, "governance/_attendance.html", _attendance_context(request, meeting))
        return redirect("governance:meeting_attendance", meeting.pk)
    return render(request, "governance/attendance.html", _attendance_context(request, meeting))


def _attendance_context(request, meeting: Meeting) -> dict:
    context = _meeting_context(request, meeting)
    context["people"] = {
        seat.key: resolutions.member_choices_for_seat(seat.member) for seat, _a in context["seats"]
    }
    return context


@login_required
def meeting_invitations(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if request.method == "POST":
        try:
            sent = invitations.invitations_send(actor=request.user, meeting=meeting)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Wysłano zaproszenia: %(n)d.") % {"n": sent})
            return redirect("governance:meeting", meeting.pk)
    return render(
        request,
        "governance/invitations.html",
        {
            "meeting": meeting,
            "invitations": invitations.invitations(meeting),
            "already": meeting.invited_sequence == meeting.sequence,
            "started": meeting.starts_at <= timezone.now(),
        },
    )


@login_required
def meeting_invitation_ics(request, pk: int):
    _view(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(invitations.invitation_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="posiedzenie.ics"'
    return response


@login_required
def meeting_minutes_pdf(request, pk: int):
    _view(request)
    from zit.governance.documents import minutes_pdf

    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokol-{meeting.pk}.pdf"'
    return response


# --- resolutions


@login_required
def resolution_list(request):
    _view(request)
    items = Resolution.objects.select_related("body", "meeting").order_by("-created_at")
    filters = {
        "body": request.GET.get("organ", ""),
        "status": request.GET.get("stan", ""),
        "q": request.GET.get("q", ""),
    }
    if filters["body"]:
        items = items.filter(body__slug=filters["body"])
    if filters["status"] in Resolution.Status.values:
        items = items.filter(status=filters["status"])
    if filters["q"].strip():
        items = items.filter(subject__icontains=filters["q"].strip())
    return render(
        request,
        "governance/resolutions.html",
        {
            "page": paginate(request, items),
            "bodies": Body.objects.all(),
            "statuses": Resolution.Status.choices,
            "filters": filters,
            "can_manage": _manage(request),
            "pending": Resolution.objects.filter(effect=Resolution.Effect.PENDING).count(),
        },
    )


@login_required
def resolution_edit(request, pk: int | None = None):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    resolution = get_object_or_404(Resolution, pk=pk) if pk else None
    initial = {}
    if resolution is None:
        initial["body"] = Body.objects.filter(kind=Body.Kind.ASSEMBLY).order_by("order").first()
    if resolution is None and request.GET.get("rodzaj") in ResolutionKind.values:
        initial["kind"] = request.GET["rodzaj"]
    form = forms.ResolutionForm(request.POST or None, instance=resolution, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        body = data.pop("body")
        try:
            saved = resolutions.resolution_save(actor=request.user, body=body, resolution=resolution, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano projekt uchwały."))
            return redirect("governance:resolution", saved.pk)
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Zmiana projektu uchwały") if resolution else _("Nowy projekt uchwały"),
            "submit": _("Zapisz projekt"),
            "back": ("governance:resolution", resolution.pk) if resolution else ("governance:resolutions",),
        },
    )


@login_required
def resolution_detail(request, pk: int):
    _view(request)
    resolution = get_object_or_404(
        Resolution.objects.select_related("body", "meeting", "decision", "amends", "repeals"), pk=pk
    )
    vote = Vote.objects.filter(resolution=resolution).first()
    perm = effects.EFFECTS.get(resolution.kind, (None,))[0]
    return render(
        request,
        "governance/resolution.html",
        {
            "resolution": resolution,
            "title": resolutions.full_title(resolution),
            "vote": vote,
            "vote_lines": resolutions.closed_tally(vote).lines if vote and vote.is_closed else [],
            "rule": rule_for(resolution.body, resolution.kind),
            "document": signed_document_for(subject=resolution, kind=resolutions.RESOLUTION_KIND),
            "attachment_form": forms.AttachmentForm(),
            "publish_form": forms.PublishForm(
                initial={"prepared_by": resolution.prepared_by or _prepared_by(resolution.meeting)}
            ),
            "can_manage": _manage(request),
            "can_apply": perm is not None and has_perm(request.user, perm),
            "effect_perm_missing": perm is not None and not has_perm(request.user, perm),
            "metryczka": register.metryczka(resolution) if resolution.is_published else None,
            "paragraphs": resolutions.paragraphs(resolution.text),
        },
    )


@login_required
@require_POST
def resolution_action(request, pk: int, action: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    resolution = get_object_or_404(Resolution, pk=pk)
    try:
        if action == "dokument":
            resolutions.resolution_document_generate(actor=request.user, resolution=resolution)
            messages.success(request, _("Dokument uchwały do podpisu gotowy do pobrania (DOCX)."))
        elif action == "skutek":
            resolutions.resolution_effect_apply(actor=request.user, resolution=resolution)
            messages.success(request, _("Skutek uchwały wprowadzony."))
        elif action == "publikuj":
            resolutions.resolution_publish(
                actor=request.user, resolution=resolution, prepared_by=request.POST.get("prepared_by", "")
            )
            messages.success(request, _("Uchwała jest w publicznym rejestrze."))
        elif action == "wycofaj":
            resolutions.resolution_withdraw(
                actor=request.user, resolution=resolution, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Projekt uchwały wycofany."))
        elif action == "zalacznik":
            form = forms.AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            resolutions.attachment_add(actor=request.user, resolution=resolution, **form.cleaned_data)
            messages.success(request, _("Dodano załącznik."))
        else:
            raise ValidationError(_("Nieznane działanie."))
    except ValidationError as exc:
        _error(request, exc)
    return redirect("governance:resolution", resolution.pk)


@login_required
def resolution_vote(request, pk: int):
    """The roll call: started live on an open meeting or afterwards from the minutes; every change is saved
    at once (with htmx) and the result so far is shown beside it; closing computes the result for good."""
    _view(request)
    resolution = get_object_or_404(Resolution.objects.select_related("body", "meeting"), pk=pk)
    vote = Vote.objects.filter(resolution=resolution).first()
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
        if vote is not None and "close" not in request.POST:
            return _ballots_save(request, resolution, vote)
        try:
            if vote is None:
                start = forms.VoteStartForm(request.POST)
                mode = start.data.get("mode", Vote.Mode.LIVE)
                resolutions.vote_start(actor=request.user, resolution=resolution, mode=mode)
                return redirect("governance:resolution_vote", resolution.pk)
            close = forms.VoteCloseForm(request.POST)
            number = close.cleaned_data.get("number") if close.is_valid() else None
            closed = resolutions.vote_close(actor=request.user, vote=vote, number=number)
            if closed.status == Resolution.Status.ADOPTED:
                messages.success(request, _("Uchwała nr %(n)s została podjęta.") % {"n": closed.number})
            else:
                messages.warning(request, _("Uchwała nie została podjęta."))
            if closed.effect == Resolution.Effect.PENDING:
                messages.warning(request, closed.effect_note)
            return redirect("governance:resolution", resolution.pk)
        except ValidationError as exc:
            _error(request, exc)
        return redirect("governance:resolution_vote", resolution.pk)
    return _vote_page(request, resolution, vote)


def _ballots_save(request, resolution: Resolution, vote: Vote):
    """Save the ballots sent from the page, all or none. With an error the page keeps every choice and shows
    each error by its seat: the whole page again for a plain form, or (with htmx, whose form stays as the
    user left it) the result and the error places filled in."""
    form = forms.BallotsForm(request.POST, ballots=_ballots(vote), seats=_seats(resolution))
    if form.is_valid():
        try:
            recorded = resolutions.ballots_record(actor=request.user, vote=vote, changes=form.changes())
        except ValidationError as exc:
            form.add_ballot_errors(exc)
        else:
            if request.htmx:
                return render(
                    request, "governance/_vote_update.html", _vote_context(request, resolution, vote)
                )
            if recorded:
                messages.success(request, _("Zapisano głosy."))
            return redirect("governance:resolution_vote", resolution.pk)
    if request.htmx:
        return render(request, "governance/_vote_update.html", _vote_context(request, resolution, vote, form))
    return _vote_page(request, resolution, vote, form)


def _vote_page(request, resolution: Resolution, vote: Vote | None, form: forms.BallotsForm | None = None):
    context = {"resolution": resolution, "vote": vote, "start_form": forms.VoteStartForm()}
    if vote is not None:
        context |= _vote_context(request, resolution, vote, form)
    context["can_manage"] = _manage(request)
    context["title"] = resolutions.full_title(resolution)
    context["rule"] = rule_for(resolution.body, resolution.kind)
    return render(request, "governance/vote.html", context)


def _seats(resolution: Resolution):
    return meetings.meeting_seats(resolution.meeting) if resolution.meeting else []


def _ballots(vote: Vote):
    return vote.ballots.select_related("member", "person")


def _vote_context(request, resolution: Resolution, vote: Vote, form: forms.BallotsForm | None = None) -> dict:
    """The vote's context; `form` is the one sent back with its errors, else the ballots as saved."""
    if form is None:
        form = forms.BallotsForm(ballots=_ballots(vote), seats=_seats(resolution))
    return {
        "resolution": resolution,
        "vote": vote,
        "form": form,
        "tally": resolutions.current_tally(vote),
        "close_form": forms.VoteCloseForm(),
        "can_manage": _manage(request),
    }


# --- documents of the register


@login_required
def document_list(request):
    _view(request)
    form = forms.PublicDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, Perm.GOVERNANCE_MANAGE)
        if form.is_valid():
            try:
                public_documents.document_publish(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Dokument opublikowany w rejestrze."))
                return redirect("governance:documents")
    return render(
        request,
        "governance/documents.html",
        {
            "page": paginate(request, PublicDocument.objects.order_by("-published_at")),
            "form": form,
            "can_manage": _manage(request),
        },
    )


@login_required
def document_withdraw(request, pk: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    document = get_object_or_404(PublicDocument, pk=pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            public_documents.document_withdraw(
                actor=request.user, document=document, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Dokument wycofano z publikacji; zostaje w metryczce."))
            return redirect("governance:documents")
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
    _view(request)
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
    if request.method == "POST":
        if "delete" in request.POST and rule is not None:
            rules_services.voting_rule_delete(actor=request.user, rule=rule)
            messages.success(request, _("Usunięto zasadę: obowiązuje ogólna zasada organu."))
            return redirect("governance:voting_rules")
        if form.is_valid():
            try:
                rules_services.voting_rule_save(actor=request.user, rule=rule, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Zapisano zasadę głosowania."))
                return redirect("governance:voting_rules")
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
