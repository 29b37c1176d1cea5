"""Pages of the IZ's calendar: the call schedule's versions beside the list of strategic projects, the IZ's
individual call on a card, the steps of the IZ's assessment, and the card's panel that shows them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.form_flow import apply_errors, submit
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import read_table
from zit.projects import iz_calls, schedule, selectors
from zit.projects.forms_schedule import (
    IndividualCallForm,
    IzStepForm,
    OpinionRequestStepForm,
    ScheduleVersionForm,
)
from zit.projects.lifecycles_iz import IZ_ASSESSMENT
from zit.projects.models import Call, ProjectCard, ScheduleVersion
from zit.projects.views import card_url
from zit.projects.views_lists import list_reader

S = ProjectCard.State


@login_required
def schedule_page(request, pk: int | None = None):
    """A version of the schedule (the latest by default): its planned calls with the listed cards that fall
    into each, what contradicts a recorded call, what changed since the previous version."""
    list_reader(request.user)
    version = get_object_or_404(ScheduleVersion, pk=pk) if pk else schedule.schedule_current()
    previous = schedule.previous_version(version) if version else None
    return render(
        request,
        "projects/schedule.html",
        {
            "version": version,
            "versions": ScheduleVersion.objects.all(),
            "rows": schedule.entry_rows(version) if version else [],
            "cards": schedule.cards_by_entry(version) if version else [],
            "previous": previous,
            "changes": schedule.changes(version, previous) if version else [],
            "can_manage": has_perm(request.user, Perm.PROJECTS_MANAGE),
        },
    )


@login_required
def schedule_new(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    form = ScheduleVersionForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data["file"]
            table = read_table(upload.name, upload) if upload else schedule.read_typed(data["lines"])
            version = schedule.schedule_version_create(
                actor=request.user,
                published_on=data["published_on"],
                source=data["source"],
                note=data["note"],
                table=table,
            )
        except ImportRejected as exc:
            report = exc.report
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            from django.contrib import messages

            flagged = sum(1 for row in schedule.entry_rows(version) if row["conflicts"])
            messages.success(
                request,
                _("Zapisano wersję harmonogramu: naborów %(n)d, sprzecznych z zapisanymi naborami %(f)d.")
                % {"n": version.entries.count(), "f": flagged},
            )
            return redirect("projects:schedule_version", pk=version.pk)
    return render(request, "projects/schedule_new.html", {"form": form, "report": report})


def _manageable_card(request, pk: int) -> ProjectCard:
    require(request.user, Perm.PROJECTS_MANAGE)
    return selectors.card_get(user=request.user, pk=pk)


def _section(request, card, form, title: str, intro: str = ""):
    return render(
        request,
        "projects/card_section.html",
        {"card": card, "form": form, "section": "iz-calendar", "title": title, "intro": intro},
    )


@login_required
def card_individual_call(request, pk: int):
    card = _manageable_card(request, pk)
    if card.state != S.LISTED_MAIN:
        raise PermissionDenied(
            _("Wezwanie IZ zapisuje się dla projektu z listy podstawowej przed wnioskiem.")
        )
    form = IndividualCallForm(request.POST or None, card=card)
    done = submit(
        request,
        form,
        lambda: iz_calls.individual_call_record(actor=request.user, card=card, **form.cleaned_data),
        success=f"{card_url(card)}#iz-calendar",
        message=_("Zapisano wezwanie IZ do złożenia wniosku; termin widzą wnioskodawca i biuro."),
    )
    if done:
        return done
    return _section(
        request,
        card,
        form,
        _("Wezwanie IZ do złożenia wniosku"),
        _(
            "W trybie niekonkurencyjnym IZ wzywa wnioskodawcę z listy do złożenia wniosku w terminie. Od "
            "%(n)d dni przed terminem brak wniosku widać na pulpicie wnioskodawcy i biura."
        )
        % {"n": iz_calls.ALERT_DAYS},
    )


@login_required
def card_iz_step(request, pk: int, name: str):
    card = _manageable_card(request, pk)
    assessment = iz_calls.assessment_for(card)
    if assessment is None:
        raise Http404(_("Fiszka nie ma wniosku złożonego w naborze IZ."))
    if name == iz_calls.OPINION_REQUEST:
        if not iz_calls.opinion_request_open(assessment):
            raise PermissionDenied(_("O nową opinię IZ prosi w trakcie oceny wniosku."))
        form = OpinionRequestStepForm(request.POST or None)
        title = _("IZ prosi o nową opinię o zgodności")
    else:
        if not IZ_ASSESSMENT.has(name) or not IZ_ASSESSMENT.may(request.user, assessment, name):
            raise PermissionDenied(_("Tego kroku oceny w IZ nie można teraz zapisać."))
        form = IzStepForm(request.POST or None)
        title = str(IZ_ASSESSMENT.transition(name).label)
    done = submit(
        request,
        form,
        lambda: iz_calls.assessment_step(actor=request.user, card=card, name=name, **form.cleaned_data),
        success=f"{card_url(card)}#iz-calendar",
        message=lambda saved: (
            _("Zapisano krok oceny w IZ. Stan oceny: %(s)s.") % {"s": IZ_ASSESSMENT.describe(saved)}
        ),
    )
    if done:
        return done
    return _section(
        request,
        card,
        form,
        title,
        _(
            "Wpisz datę i znak pisma IZ; krok zostanie zapisany w przebiegu oceny wniosku %(a)s w naborze %(c)s."
        )
        % {"a": card.application_number or "—", "c": assessment.call.number},
    )


# --- the card's panel


def card_panel(user: Any, card: ProjectCard) -> dict[str, Any]:
    """What the card's page shows of the IZ's calendar: the individual calls, the calls open or planned for
    the card while it has no application, and the assessment of its application with its steps."""
    today = timezone.localdate()
    listed = card.state in (S.LISTED_MAIN, S.LISTED_RESERVE)
    individual = list(card.individual_calls.select_related("call"))
    assessment = iz_calls.assessment_for(card)
    if not (listed or individual or assessment):
        return {"iz_panel": None}
    can_manage = has_perm(user, Perm.PROJECTS_MANAGE)
    decided = (
        assessment is not None
        and assessment.state not in IZ_ASSESSMENT.final
        and card.state in (S.SELECTED, S.CONTRACTED, S.TERMINATED, S.REJECTED, S.WITHDRAWN)
    )
    open_calls = []
    planned = []
    if listed:
        open_calls = [
            (call, (call.closes_on - today).days)
            for call in Call.objects.filter(measure=card.measure, opens_on__lte=today, closes_on__gte=today)
            if iz_calls._takes(call, card)
        ]
        current = schedule.schedule_current()
        if current is not None:
            planned = next(
                (entries for c, entries in schedule.cards_by_entry(current) if c.pk == card.pk), []
            )
    return {
        "iz_panel": {
            "listed": listed,
            "individual": [(i, (i.deadline - today).days) for i in individual],
            "open_calls": open_calls,
            "planned": [e for e in planned if e.closes_on >= today],
            "assessment": assessment,
            "steps": list(assessment.steps.all()) if assessment is not None and assessment.pk else [],
            # an outcome recorded on the card directly (before the assessment's steps were kept) ends the track
            "decided_on_card": decided,
            "actions": IZ_ASSESSMENT.actions(user, assessment)
            if assessment is not None and not decided
            else [],
            "can_manage": can_manage,
            "can_individual": can_manage and card.state == S.LISTED_MAIN,
            "can_request": can_manage
            and not decided
            and assessment is not None
            and iz_calls.opinion_request_open(assessment),
            "alert_days": iz_calls.ALERT_DAYS,
        }
    }
