"""Pages of the calls of the managing authority, the application filed in one, the compliance opinion and
the authority's outcome, and the card notification rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.form_flow import fire, submit
from zit.core.roles import Perm, has_perm, require
from zit.projects import calls, opinions, selectors, services
from zit.projects.forms import ApplicationForm, CallForm, OutcomeForm
from zit.projects.forms_opinions import ChecklistForm, OpinionForm, SignatoriesForm
from zit.projects.lifecycles import CARD
from zit.projects.models import Call, ComplianceOpinion
from zit.projects.views import card_url, section_page
from zit.projects.views_lists import list_reader

# --- calls of the managing authority, applications, opinions


@login_required
def calls_list(request):
    list_reader(request.user)
    return render(
        request,
        "projects/calls.html",
        {
            "calls": Call.objects.select_related("measure", "panel_representative").annotate(
                applications_count=Count("applications")
            ),
            "can_manage": has_perm(request.user, Perm.PROJECTS_MANAGE),
        },
    )


@login_required
def call_form(request, pk: int | None = None):
    require(request.user, Perm.PROJECTS_MANAGE)
    call = get_object_or_404(Call, pk=pk) if pk else None
    form = CallForm(request.POST or None, instance=call)
    done = submit(
        request,
        form,
        lambda: calls.call_save(actor=request.user, call=call, **form.cleaned_data),
        success=reverse("projects:calls"),
        message=lambda saved: _("Zapisano nabór %(n)s.") % {"n": saved.number},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Nabór IZ %(n)s") % {"n": call.number} if call else _("Nowy nabór IZ"),
            "intro": _(
                "Nabory prowadzi Instytucja Zarządzająca w swoim systemie (LSI 2021+). Tu zapisujemy je, by "
                "powiązać z nimi wnioski projektów z listy."
            ),
            "submit": _("Zapisz nabór"),
            "back": ("projects:calls", None),
        },
    )


@login_required
def card_application(request, pk: int):
    card = selectors.card_get(user=request.user, pk=pk)
    if not services.may_fire(request.user, card, "file_application"):
        raise PermissionDenied(_("Wniosku dla tej fiszki nie możesz teraz zapisać."))
    form = ApplicationForm(request.POST or None, card=card)
    done = submit(
        request,
        form,
        lambda: calls.application_file(actor=request.user, card=card, **form.cleaned_data),
        success=card_url(card),
        message=_("Zapisano wniosek złożony w IZ."),
    )
    if done:
        return done
    return section_page(
        request,
        card,
        form,
        "application",
        _(
            "Projekt z listy podstawowej składa wniosek w naborze niekonkurencyjnym IZ; z listy rezerwowej – tylko w konkurencyjnym."
        ),
    )


def _opinion_page(request, card, opinion=None):
    call = (opinion.call if opinion is not None else None) or card.call
    checklist = (opinion.checklist if opinion is not None else None) or (
        opinions.checklist_current(call) if call else None
    )
    criteria = list(checklist.criteria.all()) if checklist else []
    initial = {
        "compliant": "1",
        "request_reference": card.opinion_request_reference,  # the request recorded from the IZ's letter
        "requested_on": card.opinion_requested_on,
        "due_on": card.opinion_due_on,
    }
    if opinion is not None:
        initial = {
            "compliant": "1" if opinion.compliant else "0",
            "justification": opinion.justification,
            "request_reference": opinion.request_reference,
            "requested_on": opinion.requested_on,
            "due_on": opinion.due_on,
            "application_version": opinion.application_version,
            "application_date": opinion.application_date,
        }
        for answer in opinion.answers.all():
            initial[f"answer_{answer.criterion_id}"] = answer.answer
            initial[f"justification_{answer.criterion_id}"] = answer.justification
    form = OpinionForm(request.POST or None, initial=initial, criteria=criteria)
    done = submit(
        request,
        form,
        lambda: opinions.opinion_prepare(
            actor=request.user, card=card, opinion=opinion, **form.service_fields()
        ),
        success=f"{card_url(card)}#opinion",
        message=_("Wygenerowano opinię do podpisu. Pobierz DOCX, podpisz i wgraj podpisany plik."),
    )
    if done:
        return done
    return section_page(
        request,
        card,
        form,
        "opinion",
        _(
            "Opinia powstaje jako DOCX do edycji i podpisu, razem z pismem przewodnim do IZ. Każde kryterium listy "
            "sprawdzającej naboru oceń i uzasadnij. Podpisany plik (PDF z podpisem kwalifikowanym albo skan) "
            "wgrywasz na stronie fiszki; wtedy opinia jest zablokowana i można ją wydać."
        ),
    )


@login_required
def card_opinion(request, pk: int):
    """A new opinion on the card's application (also after the IZ's corrections, or on a change)."""
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    draft = card.opinions.filter(state=ComplianceOpinion.State.DRAFT).first()
    if draft is not None:  # one opinion in preparation at a time: that one is corrected
        messages.info(request, _("Ta fiszka ma już opinię w przygotowaniu (nr %(n)s).") % {"n": draft.number})
        return redirect("projects:opinion_edit", draft.pk)
    return _opinion_page(request, card)


@login_required
def card_opinion_request(request, pk: int):
    """The IZ's request for an opinion, recorded from its letter before the opinion is written."""
    from zit.projects.forms_opinions import OpinionRequestForm

    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    form = OpinionRequestForm(
        request.POST or None,
        initial={
            "reference": card.opinion_request_reference,
            "requested_on": card.opinion_requested_on,
            "due_on": card.opinion_due_on,
        },
    )
    done = submit(
        request,
        form,
        lambda: opinions.opinion_request_record(actor=request.user, card=card, **form.cleaned_data),
        success=f"{card_url(card)}#opinion",
        message=_("Zapisano prośbę IZ o opinię; jej termin jest na pulpicie biura."),
    )
    if done:
        return done
    return section_page(
        request,
        card,
        form,
        "opinion",
        _(
            "Wpisz pismo IZ z prośbą o opinię, gdy tylko wpłynie: termin trafi na pulpit biura, a opinia napisana "
            "później przejmie znak, datę i termin."
        ),
    )


@login_required
def opinion_edit(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    opinion = get_object_or_404(ComplianceOpinion.objects.select_related("card", "call", "checklist"), pk=pk)
    if opinion.issued:
        raise PermissionDenied(_("Wydanej opinii nie można zmienić."))
    card = selectors.card_get(user=request.user, pk=opinion.card_id)
    return _opinion_page(request, card, opinion)


@login_required
@require_POST
def opinion_issue(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    opinion = get_object_or_404(ComplianceOpinion, pk=pk)
    card = selectors.card_get(user=request.user, pk=opinion.card_id)
    return fire(
        request,
        lambda reason, confirmed: opinions.opinion_issue(actor=request.user, opinion=opinion),
        success=f"{card_url(card)}#opinion",
        message=lambda result: (
            _("Opinia %(n)s wydana. Fiszka: %(s)s.")
            % {"n": result.number, "s": result.card.get_state_display()}
        ),
    )


@login_required
def opinion_cover_letter(request, pk: int):
    """The cover letter to the managing authority, generated from the opinion as it stands."""
    require(request.user, Perm.PROJECTS_MANAGE)
    opinion = get_object_or_404(ComplianceOpinion.objects.select_related("card__beneficiary", "call"), pk=pk)
    selectors.card_get(user=request.user, pk=opinion.card_id)
    response = HttpResponse(
        opinions.cover_letter_docx(opinion),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="pismo-przewodnie-{opinion.sequence}-{opinion.year}.docx"'
    )
    return response


@login_required
def call_checklist(request, pk: int):
    """The call's checklist for the compliance opinions: a new version from the criteria typed one per line."""
    require(request.user, Perm.PROJECTS_MANAGE)
    call = get_object_or_404(Call, pk=pk)
    current = opinions.checklist_current(call)
    initial = "\n".join(c.text for c in current.criteria.all()) if current else ""
    form = ChecklistForm(request.POST or None, initial={"criteria": initial})
    done = submit(
        request,
        form,
        lambda: opinions.checklist_version_create(
            actor=request.user,
            call=call,
            criteria=form.cleaned_data["criteria"].splitlines(),
            note=form.cleaned_data["note"],
        ),
        success=reverse("projects:calls"),
        message=lambda saved: _("Zapisano wersję %(n)d listy sprawdzającej naboru.") % {"n": saved.number},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Lista sprawdzająca opinii w naborze %(n)s") % {"n": call.number},
            "intro": _(
                "Kryteria, które oceniamy w opinii o zgodności ze Strategią ZIT (obecnie wersja %(v)s). Zapis tworzy "
                "nową wersję; opinie już przygotowane zachowują kryteria, na które odpowiadały."
            )
            % {"v": current.number if current else "—"},
            "submit": _("Zapisz nową wersję"),
            "back": ("projects:calls", None),
        },
    )


@login_required
def opinion_signatories(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    current = opinions.signatories_current()
    form = SignatoriesForm(
        request.POST or None, initial={"signatories": current.signatories if current else ""}
    )
    done = submit(
        request,
        form,
        lambda: opinions.signatories_save(actor=request.user, **form.cleaned_data),
        success=reverse("projects:calls"),
        message=_("Zapisano, kto podpisuje opinie."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Kto podpisuje opinie o zgodności"),
            "intro": _(
                "Opinie i pisma przewodnie do IZ podpisują osoby uprawnione do reprezentowania Stowarzyszenia. "
                "Nowe opinie biorą podpisujących z tego ustawienia; wydane opinie zostają bez zmian."
            ),
            "submit": _("Zapisz"),
            "back": ("projects:calls", None),
        },
    )


@login_required
def card_outcome(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    if not (CARD.may(request.user, card, "select") or CARD.may(request.user, card, "reject")):
        raise PermissionDenied(_("Rozstrzygnięcie IZ zapisuje się po wydaniu opinii."))
    form = OutcomeForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: calls.application_outcome(actor=request.user, card=card, **form.cleaned_data),
        success=card_url(card),
        message=_("Zapisano rozstrzygnięcie IZ."),
    )
    if done:
        return done
    return section_page(request, card, form, "outcome")


@login_required
def notification_rules(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    from zit.projects import notifications

    rules = notifications.rules()
    flags = ("enabled", "to_applicant", "to_partners", "to_office")
    if request.method == "POST":
        for rule in rules:
            wanted = {flag: request.POST.get(f"{rule.event}-{flag}") == "1" for flag in flags}
            if not rule.pk or any(getattr(rule, f) != v for f, v in wanted.items()):
                notifications.rule_save(actor=request.user, event=rule.event, **wanted)
        messages.success(request, _("Zapisano ustawienia powiadomień."))
        return redirect("projects:notifications")
    sample = selectors.cards_visible(user=request.user).order_by("-state_changed_at").first()
    rows = [
        {
            "rule": rule,
            "label": notifications.event_label(rule.event),
            "checks": [
                (f"{rule.event}-{flag}", flag_label, getattr(rule, flag))
                for flag, flag_label in zip(
                    flags, (_("wysyłaj"), _("do wnioskodawcy"), _("do partnerów"), _("do biura")), strict=True
                )
            ],
            "preview": notifications.message_for(rule, sample, reason=_("(tu uzasadnienie, jeśli jest)"))
            if sample
            else None,
        }
        for rule in rules
    ]
    for row in rows:
        if row["preview"] is not None:
            row["body_html"] = _with_polish_marked(
                row["preview"].body, [sample.title, str(sample.beneficiary)]
            )
    return render(request, "projects/notifications.html", {"rows": rows, "sample": sample, "flags": flags})


def _with_polish_marked(text: str, names: list[str]) -> str:
    """A preview on a page in another language marks the data typed in Polish inside it (the card's title)."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from zit.core.templatetags.zit import pl

    escaped = str(conditional_escape(text))
    for name in (n for n in names if n):
        escaped = escaped.replace(str(conditional_escape(name)), str(conditional_escape(pl(name))))
    return mark_safe(escaped)  # noqa: S308 - escaped above
