"""Pages of the requests for public information (the office only): list, registration, detail, steps,
downloads and the yearly register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zit.core.exports import table_response
from zit.core.form_flow import submit
from zit.core.formatting import format_date, letter_date
from zit.core.lifecycle import Context
from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate
from zit.public_information import deadlines, remedies, selectors, services
from zit.public_information import forms as f
from zit.public_information.lifecycles import REQUEST
from zit.public_information.models import InformationRequest, RequestAction

Kind = RequestAction.Kind


@dataclass(frozen=True)
class Step:
    kind: str
    form: type[forms.Form]
    title: Any
    submit: Any
    intro: Any
    danger: bool = False


STEPS: dict[str, Step] = {
    "odpowiedz": Step(
        Kind.ANSWERED,
        f.AnswerForm,
        gettext_lazy("Udostępnienie informacji"),
        gettext_lazy("Zapisz udostępnienie"),
        gettext_lazy("Wpisz dzień, w którym wysłano lub przekazano informację, i dołącz odpowiedź."),
    ),
    "przedluzenie": Step(
        Kind.EXTENDED,
        f.ExtendForm,
        gettext_lazy("Przedłużenie terminu (art. 13 ust. 2)"),
        gettext_lazy("Zapisz przedłużenie"),
        gettext_lazy(
            "Gdy informacji nie da się udostępnić w 14 dni, w tym terminie zawiadamiasz wnioskodawcę o przyczynie "
            "opóźnienia i nowym terminie, nie dłuższym niż 2 miesiące od złożenia wniosku."
        ),
    ),
    "oplata": Step(
        Kind.FEE_NOTIFIED,
        f.FeeForm,
        gettext_lazy("Powiadomienie o opłacie (art. 15)"),
        gettext_lazy("Zapisz powiadomienie"),
        gettext_lazy(
            "Opłata tylko za dodatkowe koszty sposobu lub formy udostępnienia. Wnioskodawca ma 14 dni od "
            "powiadomienia na zmianę lub wycofanie wniosku; potem udostępniasz informację."
        ),
    ),
    "odmowa": Step(
        Kind.REFUSED,
        f.RefuseForm,
        gettext_lazy("Decyzja o odmowie udostępnienia (art. 16)"),
        gettext_lazy("Zapisz decyzję o odmowie"),
        gettext_lazy(
            "Odmowa to decyzja administracyjna: wskaż podstawę prawną i uzasadnienie, dołącz decyzję."
        ),
        danger=True,
    ),
    "umorzenie": Step(
        Kind.DISCONTINUED,
        f.DiscontinueForm,
        gettext_lazy("Decyzja o umorzeniu postępowania"),
        gettext_lazy("Zapisz decyzję o umorzeniu"),
        gettext_lazy(
            "Np. gdy informacji nie można udostępnić w sposób, o który prosi wnioskodawca, a on w 14 dni od "
            "powiadomienia nie wskazał innego (art. 14 ust. 2)."
        ),
        danger=True,
    ),
    "ponowne-rozpatrzenie": Step(
        Kind.RECONSIDERATION,
        f.ReconsiderationForm,
        gettext_lazy("Wniosek o ponowne rozpatrzenie sprawy (art. 17 ust. 2)"),
        gettext_lazy("Zapisz wniosek"),
        gettext_lazy(
            "Wnioskodawca ma 14 dni od doręczenia decyzji (art. 129 § 2 KPA); Stowarzyszenie rozpatruje wniosek "
            "w 14 dni od jego złożenia (art. 16 ust. 2 pkt 1 ustawy)."
        ),
    ),
    "utrzymanie": Step(
        Kind.UPHELD,
        f.ReconsiderDecisionForm,
        gettext_lazy("Decyzja po ponownym rozpatrzeniu: utrzymanie w mocy"),
        gettext_lazy("Zapisz decyzję"),
        gettext_lazy("Decyzja utrzymuje w mocy odmowę lub umorzenie; przysługuje na nią skarga do sądu."),
        danger=True,
    ),
    "uchylenie": Step(
        Kind.OVERTURNED,
        f.ReconsiderDecisionForm,
        gettext_lazy("Decyzja po ponownym rozpatrzeniu: uchylenie"),
        gettext_lazy("Zapisz decyzję"),
        gettext_lazy("Decyzja uchyla odmowę lub umorzenie, a informację udostępniasz wnioskodawcy."),
    ),
    "pismo": Step(
        Kind.LETTER,
        f.LetterForm,
        gettext_lazy("Zamknięcie sprawy pismem"),
        gettext_lazy("Zapisz pismo"),
        gettext_lazy(
            "Gdy żądana informacja nie jest informacją publiczną albo Stowarzyszenie jej nie ma, odpowiadasz "
            "pismem – decyzja nie jest potrzebna."
        ),
    ),
}


def _call_step(step: Step, actor: Any, request: InformationRequest, data: dict[str, Any]) -> None:
    common = {"actor": actor, "request": request, "document": data.get("document")}
    if step.kind == Kind.ANSWERED:
        services.request_answer(answered_on=data["done_on"], text=data["text"], **common)
    elif step.kind == Kind.EXTENDED:
        services.request_extend(
            notified_on=data["done_on"], new_due_on=data["new_due_on"], reason=data["reason"], **common
        )
    elif step.kind == Kind.FEE_NOTIFIED:
        services.request_notify_fee(
            notified_on=data["done_on"], amount=data["amount"], text=data["text"], **common
        )
    elif step.kind == Kind.REFUSED:
        services.request_refuse(
            decided_on=data["done_on"],
            ground=data["ground"],
            ground_other=data["ground_other"],
            justification=data["text"],
            **common,
        )
    elif step.kind == Kind.DISCONTINUED:
        services.request_discontinue(
            decided_on=data["done_on"],
            ground=data["ground"],
            ground_other=data["ground_other"],
            justification=data["text"],
            **common,
        )
    elif step.kind == Kind.RECONSIDERATION:
        remedies.reconsideration_file(
            filed_on=data["done_on"], delivered_on=data["delivered_on"], text=data["text"], **common
        )
    elif step.kind in (Kind.UPHELD, Kind.OVERTURNED):
        remedies.reconsideration_decide(
            upheld=step.kind == Kind.UPHELD, decided_on=data["done_on"], justification=data["text"], **common
        )
    else:
        services.request_close_by_letter(
            sent_on=data["done_on"], reason=data["ground"], text=data["text"], **common
        )


def deadline_box(request: InformationRequest, today: dt.date) -> dict[str, Any]:
    """What the deadline box shows: the dates, why a date moved past days off, the days left."""
    nominal = request.received_on + dt.timedelta(days=deadlines.ANSWER_DAYS)
    limit_nominal = deadlines.add_months(request.received_on, deadlines.EXTENSION_MONTHS)
    return {
        "nominal": nominal,
        "skipped": deadlines.days_off_skipped(nominal),
        "limit": request.extension_limit,
        "limit_skipped": deadlines.days_off_skipped(limit_nominal),
        "due_on": request.due_on,
        "working_left": request.working_days_left(today),
        "calendar_left": request.calendar_days_left(today),
        "working_over": -request.working_days_left(today),
        "calendar_over": -request.calendar_days_left(today),
        "overdue": request.is_overdue(today),
        "soon": request.is_due_soon(today),
        "due_today": request.is_open and request.due_on == today,
        "received_day_off": deadlines.why_day_off(request.received_on),
    }


@login_required
def request_list(request):
    require(request.user, Perm.INFORMATION_REQUESTS)
    today = timezone.localdate()
    years = selectors.request_years()
    form = f.FilterForm(request.GET or None, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.requests_list(
            user=request.user,
            today=today,
            query=(filters.get("q") or "").strip(),
            state=filters.get("stan") or "",
            year=filters.get("rok"),
            due=filters.get("termin") or "",
        ),
    )
    rows = [
        {
            "r": r,
            "overdue": r.is_overdue(today),
            "soon": r.is_due_soon(today),
            "left": r.working_days_left(today),
        }
        for r in page
    ]
    params = {k: v for k, v in ((k, request.GET.get(k, "")) for k in ("q", "stan", "rok", "termin")) if v}
    return render(
        request,
        "public_information/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "counts": selectors.attention_counts(user=request.user, today=today),
            "years": years or [today.year],
            "today": today,
            "query_string": urlencode(params),
        },
    )


@login_required
def request_new(request):
    require(request.user, Perm.INFORMATION_REQUESTS)
    form = f.RegisterForm(
        request.POST or None, request.FILES or None, initial={"received_on": timezone.localdate()}
    )
    done = submit(
        request,
        form,
        lambda: services.request_register(actor=request.user, **form.cleaned_data),
        success=lambda item: reverse("public_information:detail", args=[item.pk]),
        message=lambda item: (
            _("Zarejestrowano wniosek %(n)s. Termin: %(d)s.")
            % {"n": item.number, "d": format_date(item.deadline)}
        ),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Rejestracja wniosku o informację publiczną"),
            "intro": _(
                "Zapisz tylko to, co potrzebne do załatwienia sprawy: wniosek nie wymaga podania imienia i "
                "nazwiska ani uzasadnienia. Znak sprawy nadamy sami, termin policzymy od daty wpływu."
            ),
            "submit": _("Zarejestruj wniosek"),
            "back_url": "../",
        },
    )


@login_required
def request_detail(request, pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    item = get_object_or_404(InformationRequest.objects.select_related("assignee"), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "public_information/detail.html",
        {
            "item": item,
            "timeline": list(item.actions.all()),
            "complaints": list(item.complaints.all()),
            "box": deadline_box(item, today),
            "actions": selectors.request_actions(user=request.user, request=item, today=today),
            "assign_form": f.AssignForm(initial={"assignee": item.assignee_id}),
            "today": today,
        },
    )


@login_required
@require_POST
def request_assign(request, pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    item = get_object_or_404(InformationRequest, pk=pk)
    form = f.AssignForm(request.POST)
    back = reverse("public_information:detail", args=[item.pk])
    done = submit(
        request,
        form,
        lambda: services.request_assign(
            actor=request.user, request=item, assignee=form.cleaned_data["assignee"]
        ),
        success=back,
        message=_("Zapisano, kto prowadzi sprawę."),
    )
    if done:
        return done
    # the choice sits in the detail page's header: its errors come back there as messages
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect(back)


@login_required
def request_step(request, pk: int, step: str):
    require(request.user, Perm.INFORMATION_REQUESTS)
    item = get_object_or_404(InformationRequest, pk=pk)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404
    today = timezone.localdate()
    refused = REQUEST.refusal(
        item, services.TRANSITION[chosen.kind], Context(actor=request.user, today=today)
    )
    if refused:
        messages.error(request, refused)
        return redirect("public_information:detail", pk=item.pk)
    form = chosen.form(request.POST or None, request.FILES or None, initial={"done_on": today})
    done = submit(
        request,
        form,
        lambda: _call_step(chosen, request.user, item, form.cleaned_data),
        success=reverse("public_information:detail", args=[item.pk]),
        message=_("Zapisano: %(s)s.") % {"s": Kind(chosen.kind).label},
    )
    if done:
        return done
    return render(
        request,
        "public_information/step.html",
        {
            "item": item,
            "form": form,
            "step": chosen,
            "box": deadline_box(item, today),
        },
    )


def _file_response(field) -> FileResponse:
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=field.name.rsplit("/", 1)[-1])


@login_required
def request_attachment(request, pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    return _file_response(get_object_or_404(InformationRequest, pk=pk).attachment)


@login_required
def action_document(request, pk: int, action_pk: int):
    require(request.user, Perm.INFORMATION_REQUESTS)
    return _file_response(get_object_or_404(RequestAction, pk=action_pk, request_id=pk).document)


@login_required
def register_export(request, year: int, fmt: str):
    require(request.user, Perm.INFORMATION_REQUESTS)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    lines = selectors.register_lines(user=request.user, year=year, today=timezone.localdate())
    return table_response(
        f"rejestr-wnioskow-o-informacje-publiczna-{year}.{fmt}",
        fmt,
        selectors.REGISTER_HEADER,
        lines,
        money=[8],
        sheet=_("Rejestr wniosków %(y)s") % {"y": year},
        note=_("Rejestr bez danych wnioskodawców. Stan na %(d)s.") % {"d": letter_date(timezone.localdate())},
    )
