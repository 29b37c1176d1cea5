"""The secretary's and the office's pages for resolutions: drafting, the roll-call vote with its ballots,
adoption and publication (meetings, documents and voting rules are in `views.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.association.models import Body
from zit.core.form_flow import fire, submit
from zit.core.roles import Perm, require
from zit.core.signed import signed_document_for
from zit.core.views_helpers import paginate
from zit.governance import effect_rights, effects, forms, meetings, register, resolutions, votes
from zit.governance.lifecycles import seats_without_vote
from zit.governance.meetings_selectors import resolution_actions, vote_actions
from zit.governance.models import Resolution, ResolutionKind, Vote
from zit.governance.opinions_selectors import opinions_for_resolution
from zit.governance.views import chair_prepared_by, may_manage, require_view, show_errors
from zit.governance.voting import rule_for


@login_required
def resolution_list(request):
    require_view(request)
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
            "can_manage": may_manage(request),
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
    if resolution is None and request.GET.get("lista", "").isdigit():  # from the list's page
        initial["list_version"] = int(request.GET["lista"])
    form = forms.ResolutionForm(request.POST or None, instance=resolution, initial=initial)

    def save():
        data = dict(form.cleaned_data)
        body = data.pop("body")
        return resolutions.resolution_save(actor=request.user, body=body, resolution=resolution, **data)

    done = submit(
        request,
        form,
        save,
        success=lambda saved: reverse("governance:resolution", args=[saved.pk]),
        message=_("Zapisano projekt uchwały."),
    )
    if done:
        return done
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


def _resolution_page(request, resolution: Resolution, **bound):
    """The resolution page; `bound` holds a form sent back with its errors (attachment_form, publish_form)."""
    vote = Vote.objects.filter(resolution=resolution).first()
    perm = effects.EFFECTS.get(resolution.kind, (None,))[0]
    context = {
        "resolution": resolution,
        "actions": resolution_actions(user=request.user, resolution=resolution),
        "title": resolutions.full_title(resolution),
        "vote": vote,
        "vote_open": vote is not None and not vote.is_closed,
        "vote_lines": votes.closed_tally(vote).lines if vote and vote.is_closed else [],
        "rule": rule_for(resolution.body, resolution.kind),
        "document": signed_document_for(subject=resolution, kind=resolutions.RESOLUTION_KIND),
        "attachment_form": forms.AttachmentForm(),
        "publish_form": forms.PublishForm(
            initial={"prepared_by": resolution.prepared_by or chair_prepared_by(resolution.meeting)}
        ),
        "can_manage": may_manage(request),
        "can_apply": perm is not None and effect_rights.may_apply_effect(request.user),
        "who_applies": effect_rights.who_applies(),
        "metryczka": register.metryczka(resolution) if resolution.is_published else None,
        "paragraphs": resolutions.paragraphs(resolution.text),
        "opinions": opinions_for_resolution(resolution),
    }
    return render(request, "governance/resolution.html", context | bound)


def _resolution(pk: int) -> Resolution:
    return get_object_or_404(
        Resolution.objects.select_related("body", "meeting", "decision", "amends", "repeals"), pk=pk
    )


@login_required
def resolution_detail(request, pk: int):
    require_view(request)
    return _resolution_page(request, _resolution(pk))


@login_required
@require_POST
def resolution_action(request, pk: int, action: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    resolution = _resolution(pk)
    back = reverse("governance:resolution", args=[resolution.pk])
    if action == "wycofaj":  # the lifecycle's button
        return fire(
            request,
            lambda reason, confirmed: resolutions.resolution_withdraw(
                actor=request.user, resolution=resolution, reason=reason
            ),
            success=back,
            message=_("Projekt uchwały wycofany."),
        )
    if action == "publikuj":
        form = forms.PublishForm(request.POST)
        done = submit(
            request,
            form,
            lambda: resolutions.resolution_publish(
                actor=request.user, resolution=resolution, prepared_by=form.cleaned_data["prepared_by"]
            ),
            success=back,
            message=_("Uchwała jest w publicznym rejestrze."),
        )
        return done or _resolution_page(request, resolution, publish_form=form)
    if action == "zalacznik":
        form = forms.AttachmentForm(request.POST, request.FILES)
        done = submit(
            request,
            form,
            lambda: resolutions.attachment_add(
                actor=request.user, resolution=resolution, **form.cleaned_data
            ),
            success=back,
            message=_("Dodano załącznik."),
        )
        return done or _resolution_page(request, resolution, attachment_form=form)
    try:
        if action == "dokument":
            resolutions.resolution_document_generate(actor=request.user, resolution=resolution)
            messages.success(request, _("Dokument uchwały do podpisu gotowy do pobrania (DOCX)."))
        elif action == "skutek":
            resolutions.resolution_effect_apply(actor=request.user, resolution=resolution)
            messages.success(request, _("Skutek uchwały wprowadzony."))
        else:
            raise ValidationError(_("Nieznane działanie."))
    except ValidationError as exc:
        show_errors(request, exc)
    return redirect(back)


@login_required
def resolution_vote(request, pk: int):
    """The roll call: started live on an open meeting or afterwards from the minutes; every change is saved
    at once (with htmx) and the result so far is shown beside it; closing computes the result for good."""
    require_view(request)
    resolution = get_object_or_404(Resolution.objects.select_related("body", "meeting"), pk=pk)
    vote = Vote.objects.filter(resolution=resolution).first()
    if request.method != "POST":
        return _vote_page(request, resolution, vote)
    require(request.user, Perm.GOVERNANCE_MANAGE)
    if vote is None:  # the lifecycle's "start_vote"
        start = forms.VoteStartForm(request.POST)
        done = submit(
            request,
            start,
            lambda: votes.vote_start(
                actor=request.user, resolution=resolution, mode=start.cleaned_data["mode"]
            ),
            success=reverse("governance:resolution_vote", args=[resolution.pk]),
        )
        return done or _vote_page(request, resolution, vote, start_form=start)
    if "close" not in request.POST:
        return _ballots_save(request, resolution, vote)
    close = forms.VoteCloseForm(request.POST, from_minutes=vote.from_minutes)  # the vote's lifecycle: "close"
    done = submit(
        request,
        close,
        lambda: votes.vote_close(actor=request.user, vote=vote, number=close.cleaned_data.get("number")),
        success=reverse("governance:resolution", args=[resolution.pk]),
        message=_vote_closed_message(request),
    )
    return done or _vote_page(request, resolution, vote, close_form=close)


def _vote_closed_message(request):
    def say(closed: Resolution) -> str:
        if closed.effect_pending:
            messages.warning(request, closed.effect_note)
        if closed.is_adopted:
            return _("Uchwała nr %(n)s została podjęta.") % {"n": closed.number}
        return _("Uchwała nie została podjęta.")

    return say


def _ballots_save(request, resolution: Resolution, vote: Vote):
    """Save the ballots sent from the page, all or none. With an error the page keeps every choice and shows
    each error by its seat: the whole page again for a plain form, or (with htmx, whose form stays as the
    user left it) the result and the error places filled in."""
    form = forms.BallotsForm(request.POST, ballots=_ballots(vote), seats=_seats(resolution))

    def record():
        recorded = votes.ballots_record(actor=request.user, vote=vote, changes=form.changes())
        if recorded and not request.htmx:  # with htmx the result shows in place
            messages.success(request, _("Zapisano głosy."))
        return recorded

    done = submit(
        request,
        form,
        record,
        success=reverse("governance:resolution_vote", args=[resolution.pk]),
        route_errors=form.add_ballot_errors,
    )
    if request.htmx:
        if done is not None:  # saved: the result so far, with the error places emptied
            return render(request, "governance/_vote_update.html", _vote_context(request, resolution, vote))
        return render(request, "governance/_vote_update.html", _vote_context(request, resolution, vote, form))
    return done or _vote_page(request, resolution, vote, form)


def _vote_page(request, resolution: Resolution, vote: Vote | None, form=None, **bound):
    context = {"resolution": resolution, "vote": vote, "start_form": forms.VoteStartForm()}
    if vote is not None:
        context |= _vote_context(request, resolution, vote, form)
    context["can_manage"] = may_manage(request)
    context["start_action"] = resolution_actions(user=request.user, resolution=resolution).get("start_vote")
    context["title"] = resolutions.full_title(resolution)
    context["rule"] = rule_for(resolution.body, resolution.kind)
    return render(request, "governance/vote.html", context | bound)


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
        "tally": votes.current_tally(vote),
        "close_form": forms.VoteCloseForm(from_minutes=vote.from_minutes),
        "close_action": vote_actions(user=request.user, vote=vote).get("close"),
        # the seats named on the page, each marked as Polish data (the guard's message is plain text)
        "seats_without_vote": seats_without_vote(vote),
        "can_manage": may_manage(request),
    }


@login_required
def governance_settings(request):
    """The office's choice of who applies the resolutions' effects (`effect_rights`)."""
    require_view(request)
    current = effect_rights.settings_get()
    if not effect_rights.may_change_settings(request.user):  # the secretary and the bodies see the choice
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "governance/settings.html", {"current": current})
    form = forms.EffectAppliersForm(
        request.POST or None, initial={"effect_appliers": current.effect_appliers}
    )
    done = submit(
        request,
        form,
        lambda: effect_rights.effect_appliers_set(
            actor=request.user, appliers=form.cleaned_data["effect_appliers"]
        ),
        success=reverse("governance:settings"),
        message=_("Zapisano, kto wprowadza skutki uchwał."),
    )
    return done or render(request, "governance/settings.html", {"form": form, "current": current})
