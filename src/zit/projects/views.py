"""Pages for rounds and project cards. Thin: the services check permissions and rules, the selectors decide
who sees what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zit.core.form_flow import rows_data, submit
from zit.core.forms import PolishData, polish_ordered
from zit.core.roles import Perm, has_any_scope, has_perm, require, scoped_organisation_ids
from zit.core.signed import signed_document_for
from zit.core.views_helpers import apply_errors, paginate, whole_number
from zit.funding.models import Measure
from zit.organisations.models import Organisation
from zit.projects import calls, hooks, opinions, selectors, services, social
from zit.projects.forms import (
    AnswersForm,
    BudgetLineFormSet,
    BudgetTotalsForm,
    CardForm,
    IndicatorFormSet,
    LocationForm,
    PartnersForm,
    QuestionFormSet,
    RoundForm,
    TransitionForm,
    UndertakingsForm,
)
from zit.projects.lifecycles import CARD, OPINABLE, ROUND_INTAKE, ROUND_RULES, RoundIntake
from zit.projects.models import ProjectCard, Round
from zit.projects.rows import budget_rows, line_initial, parties_of, rows_to_forms, used_rows
from zit.projects.sources import double_funded_ids
from zit.projects.sources import double_funding as card_double_funding
from zit.territory.models import AdministrativeUnit


def _int(value: str | None) -> int | None:
    return whole_number(value)


# --- rounds


@login_required
def rounds(request):
    require_any(request.user, Perm.PROJECTS_VIEW)
    rounds = list(selectors.rounds_visible(user=request.user))
    for r in rounds:  # the state's word from the round's lifecycle, not from dates compared in the template
        r.intake = ROUND_INTAKE.state_label(ROUND_INTAKE.state_of(r))
        r.intake_open = ROUND_INTAKE.state_of(r) == RoundIntake.OPEN
    return render(request, "projects/rounds.html", {"rounds": rounds, "today": timezone.localdate()})


def require_any(user, perm: str) -> None:
    if not has_any_scope(user, perm):
        raise PermissionDenied(_("Nie masz uprawnień do tej czynności."))


@login_required
def round_form(request, pk: int | None = None):
    require(request.user, Perm.PROJECTS_MANAGE)
    round = get_object_or_404(Round, pk=pk) if pk else None
    form = RoundForm(request.POST or None, instance=round)

    def save():
        data = dict(form.cleaned_data)
        measures = list(data.pop("measures"))
        return services.round_save(actor=request.user, round=round, measures=measures, **data)

    done = submit(
        request,
        form,
        save,
        success=lambda saved: reverse("projects:cards_in_round", args=[saved.pk]),
        message=lambda saved: _("Zapisano nabór %(n)s.") % {"n": saved.number},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Edycja naboru %(n)s") % {"n": round.number} if round else _("Nowy nabór fiszek"),
            "intro": _(
                "W czasie naboru członkowie, ich jednostki i spółki oraz partnerzy składają fiszki projektów. "
                "Fiszka może dotyczyć tylko działań wskazanych w naborze."
            ),
            "submit": _("Zapisz nabór"),
            "back": ("projects:rounds", None),
        },
    )


# --- cards


@login_required
def cards(request, pk: int | None = None):
    require_any(request.user, Perm.PROJECTS_VIEW)
    round = get_object_or_404(Round, pk=pk) if pk else None
    filters = selectors.CardFilters(
        query=request.GET.get("q", "").strip(),
        round=round.pk if round else _int(request.GET.get("nabor")),
        state=request.GET.get("stan", "") if request.GET.get("stan") in ProjectCard.State.values else "",
        gmina=_int(request.GET.get("gmina")),
        measure=_int(request.GET.get("dzialanie")),
    )
    page = paginate(request, selectors.cards_search(user=request.user, filters=filters))
    params = {
        k: v
        for k, v in {
            "q": filters.query,
            "nabor": "" if round else filters.round or "",
            "stan": filters.state,
            "gmina": filters.gmina or "",
            "dzialanie": filters.measure or "",
        }.items()
        if v
    }
    today = timezone.localdate()
    return render(
        request,
        "projects/cards.html",
        {
            "page": page,
            "filters": filters,
            "round": round,
            "rounds": selectors.rounds_visible(user=request.user),
            "states": ProjectCard.State.choices,
            "gminas": polish_ordered(AdministrativeUnit.objects.filter(level="gmina")),
            "measures": Measure.objects.filter(rounds__isnull=False).distinct(),
            "query_string": urlencode(params),
            "can_submit": has_any_scope(request.user, Perm.CARDS_EDIT)
            and selectors.rounds_open(on=today).exists(),
            "can_manage": has_any_scope(request.user, Perm.PROJECTS_MANAGE),
            "rules_state": ROUND_RULES.state_label(ROUND_RULES.state_of(round)) if round else "",
            "intake": ROUND_INTAKE.describe(round) if round else "",
            "rules_actions": ROUND_RULES.actions(request.user, round) if round else [],
            "double_funded": double_funded_ids(list(page)),
        },
    )


def _own_organisations(user):
    scope = scoped_organisation_ids(user, Perm.CARDS_EDIT)
    if scope is None:
        return Organisation.objects.order_by("name")
    return Organisation.objects.filter(pk__in=scope).order_by("name")


@login_required
def card_new(request):
    require_any(request.user, Perm.CARDS_EDIT)
    today = timezone.localdate()
    open_rounds = selectors.rounds_open(on=today)
    if not open_rounds.exists():
        messages.info(request, _("Żaden nabór fiszek nie trwa. Terminy naborów są na liście naborów."))
        return redirect("projects:rounds")
    form = CardForm(request.POST or None, rounds=open_rounds, organisations=_own_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            card = services.card_create(
                actor=request.user, round=data.pop("round"), beneficiary=data.pop("beneficiary"), **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Zapisano szkic fiszki %(n)s. Uzupełnij pozostałe części i złóż ją.") % {"n": card.number},
            )
            return redirect("projects:card", pk=card.pk)
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Nowa fiszka projektowa"),
            "intro": _(
                "Zacznij od podstawowych danych. Szkic widzą tylko użytkownicy wnioskodawcy i partnerów; biuro "
                "zobaczy fiszkę dopiero po złożeniu."
            ),
            "submit": _("Zapisz szkic"),
            "back": ("projects:cards", None),
        },
    )


SECTIONS = {  # lazy: read in the language of each request
    "basic": gettext_lazy("Dane podstawowe"),
    "answers": gettext_lazy("Pytania naboru"),
    "location": gettext_lazy("Położenie"),
    "partners": gettext_lazy("Partnerzy"),
    "social": gettext_lazy("Wymiar społeczny"),
    "budget": gettext_lazy("Budżet"),
    "indicators": gettext_lazy("Wskaźniki"),
    "undertakings": gettext_lazy("Przedsięwzięcia strategii"),
    "application": gettext_lazy("Wniosek w naborze IZ"),
    "opinion": gettext_lazy("Opinia o zgodności ze Strategią ZIT"),
    "outcome": gettext_lazy("Rozstrzygnięcie IZ"),
    "sources": gettext_lazy("Źródła finansowania"),
}


@login_required
def card_detail(request, pk: int):
    require_any(request.user, Perm.PROJECTS_VIEW)
    card = selectors.card_get(user=request.user, pk=pk)
    problems = services.card_problems(card) if card.editable else []
    panels, panel_context = hooks.card_panels(request.user, card)  # e.g. the grant contract's section
    return render(
        request,
        "projects/card.html",
        {
            "card": card,
            "can_edit": services.can_edit_card(request.user, card),
            "problems": problems,
            "sections": SECTIONS,
            "actions": selectors.card_actions(user=request.user, card=card),
            "partners": card.partners.select_related("organisation__social_economy_entity"),
            "social": social.card_social(card),
            "can_social_outcome": social.may_record_outcome(request.user, card),
            "lines": card.budget_lines.select_related("organisation"),
            "answers": _answers(card),
            "shares": selectors.partner_shares(card),
            "indicators": card.indicators.select_related("indicator"),
            "undertakings": selectors.card_undertakings(card),
            "history": card.transitions.all(),
            "map": selectors.card_map(card),
            "transition_form": TransitionForm(),
            "can_file": services.may_fire(request.user, card, "file_application"),
            "can_opinion": has_perm(request.user, Perm.PROJECTS_MANAGE) and card.state in OPINABLE,
            "can_outcome": CARD.may(request.user, card, "select"),
            "return_reason": card.transitions.filter(name="return").values_list("reason", flat=True).first()
            if card.state == ProjectCard.State.RETURNED
            else "",
            "opinion_draft": card.opinions.filter(state="draft").exists(),
            "opinion_rows": [
                (
                    o,
                    signed_document_for(subject=o, kind=calls.OPINION_KIND),
                    opinions.opinion_actions(user=request.user, opinion=o),
                )
                for o in opinions.opinions_of(card)
            ],
            "card_panels": panels,
            "funding_sources": card.funding_sources.select_related("measure"),
            "double_funding": card_double_funding(card),
            **panel_context,
        },
    )


def _more_rows(request, prefix: str, more: int = 2):
    """The posted table and whether rows were added (`core.form_flow.rows_data`)."""
    return rows_data(request, prefix, more=more)


def _answers(card: ProjectCard) -> list[tuple[str, str]]:
    given = {a.question_id: a.text for a in card.answers.all()}
    return [(q.text, given.get(q.pk, "")) for q in card.round.questions.all()]


def _editable_card(request, pk: int) -> ProjectCard:
    card = selectors.card_get(user=request.user, pk=pk)
    if not services.can_edit_card(request.user, card):
        raise PermissionDenied(_("Tej fiszki nie możesz teraz zmieniać."))
    return card


def _saved(request, card: ProjectCard, section: str):
    messages.success(request, _("Zapisano część „%(s)s”.") % {"s": SECTIONS[section]})
    return redirect(f"{card_url(card)}#{section}")


def card_url(card: ProjectCard) -> str:
    from django.urls import reverse

    return reverse("projects:card", args=[card.pk])


def section_page(request, card, form, section: str, intro: str = "", **extra):
    return render(
        request,
        "projects/card_section.html",
        {"card": card, "form": form, "section": section, "title": SECTIONS[section], "intro": intro, **extra},
    )


@login_required
def card_edit(request, pk: int):
    card = _editable_card(request, pk)
    form = CardForm(request.POST or None, instance=card)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_update(actor=request.user, card=card, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _saved(request, card, "basic")
    return section_page(request, card, form, "basic")


@login_required
def card_location(request, pk: int):
    card = _editable_card(request, pk)
    form = LocationForm(request.POST or None, card=card)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_location_set(
                actor=request.user,
                card=card,
                gminas=list(form.cleaned_data["gminas"]),
                location=form.cleaned_data["coordinates"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "location" in exc.error_dict:
                exc.error_dict["coordinates"] = exc.error_dict.pop("location")
            apply_errors(form, exc)
        else:
            return _saved(request, card, "location")
    return section_page(
        request,
        card,
        form,
        "location",
        _("Położenie musi leżeć w obszarze ZIT i w zaznaczonych gminach."),
        map_geojson=selectors.area_geojson(),
    )


@login_required
def card_partners(request, pk: int):
    card = _editable_card(request, pk)
    form = PartnersForm(request.POST or None, card=card)
    done = submit(
        request,
        form,
        lambda: services.card_partners_set(
            actor=request.user, card=card, partners=[(org, "") for org in form.cleaned_data["partners"]]
        ),
        success=f"{card_url(card)}#partners",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["partners"]},
    )
    if done:
        return done
    return section_page(
        request,
        card,
        form,
        "partners",
        _(
            "Usunięcie partnera usuwa też jego wiersze budżetu. Użytkownicy partnerów widzą fiszkę, ale jej nie zmieniają."
        ),
    )


@login_required
def card_budget(request, pk: int):
    card = _editable_card(request, pk)
    organisations = parties_of(card)
    initial_lines = [line_initial(line) for line in card.budget_lines.all()]
    if not initial_lines and card.starts_on and card.ends_on:
        # a row for each organisation and year of the schedule, so people only fill in the amounts
        initial_lines = [
            {"organisation": org.pk, "year": year}
            for org in organisations
            for year in range(card.starts_on.year, card.ends_on.year + 1)
        ]
    data, adding = rows_data(request, "wiersze")
    totals = BudgetTotalsForm(
        data,
        initial={
            "total_pln": card.total_pln,
            "eligible_pln": card.eligible_pln,
            "cofinancing_rate": card.cofinancing_rate
            if card.cofinancing_rate is not None
            else (card.measure.effective_rate()[0] if card.measure_id else 0),
        },
    )
    lines = BudgetLineFormSet(data, initial=initial_lines, organisations=organisations, prefix="wiersze")

    def route(exc: ValidationError) -> None:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        rows_to_forms(lines, used_rows(lines, skip="unused"), errors.pop("lines", []))
        for field, field_messages in errors.items():
            totals.add_error(field if field in totals.fields else None, field_messages)

    done = submit(
        request,
        [totals, lines],
        lambda: services.card_budget_set(
            actor=request.user, card=card, rows=budget_rows(lines), **totals.cleaned_data
        ),
        success=f"{card_url(card)}#budget",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["budget"]},
        adding=adding,
        route_errors=route,
    )
    if done:
        return done
    cap = card.measure.effective_rate()[0] if card.measure_id else None
    return render(
        request,
        "projects/card_budget.html",
        {
            "card": card,
            "totals": totals,
            "lines": lines,
            "cap": cap,
            "section": "budget",
            "title": SECTIONS["budget"],
        },
    )


@login_required
def card_indicators(request, pk: int):
    card = _editable_card(request, pk)
    initial = [
        {"indicator": i.indicator_id, "target_value": i.target_value, "target_year": i.target_year}
        for i in card.indicators.all()
    ]
    data, adding = rows_data(request, "wskazniki")
    rows = IndicatorFormSet(data, initial=initial, prefix="wskazniki", form_kwargs={"card": card})

    def by_code(message: str):
        return next(
            (f for f in used_rows(rows) if message.startswith(f"{f.cleaned_data['indicator'].code}:")), None
        )

    def route(exc: ValidationError) -> None:
        rows_to_forms(rows, used_rows(rows), exc.messages, key_of=by_code)

    done = submit(
        request,
        rows,
        lambda: services.card_indicators_set(
            actor=request.user,
            card=card,
            rows=[
                (f.cleaned_data["indicator"], f.cleaned_data["target_value"], f.cleaned_data["target_year"])
                for f in used_rows(rows)
            ],
        ),
        success=f"{card_url(card)}#indicators",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["indicators"]},
        adding=adding,
        route_errors=route,
    )
    if done:
        return done
    return render(
        request,
        "projects/card_indicators.html",
        {"card": card, "rows": rows, "section": "indicators", "title": SECTIONS["indicators"]},
    )


@login_required
def card_undertakings(request, pk: int):
    card = _editable_card(request, pk)
    choices = [(key, PolishData(f"{u.code} {u.title}")) for key, u in selectors.undertakings_by_key().items()]
    if not choices:
        raise Http404(_("Strategia nie jest jeszcze opublikowana: nie ma przedsięwzięć do wskazania."))
    form = UndertakingsForm(request.POST or None, card=card, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_undertakings_set(actor=request.user, card=card, keys=form.cleaned_data["keys"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _saved(request, card, "undertakings")
    return section_page(request, card, form, "undertakings")


@login_required
@require_POST
def card_transition(request, pk: int, name: str):
    card = selectors.card_get(user=request.user, pk=pk)
    if not CARD.has(name) or CARD.transition(name).automatic:
        raise Http404
    form = TransitionForm(request.POST)
    form.is_valid()
    try:
        card = services.card_transition(
            actor=request.user,
            card=card,
            name=name,
            reason=form.cleaned_data.get("reason", ""),
            application_number=form.cleaned_data.get("application_number", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Fiszka %(n)s: %(s)s.") % {"n": card.number, "s": card.get_state_display()}
        )
    return redirect("projects:card", pk=card.pk)


@login_required
def round_questions(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    round = get_object_or_404(Round, pk=pk)
    initial = [
        {"pk": q.pk, "text": q.text, "help_text": q.help_text, "required": q.required}
        for q in round.questions.all()
    ]
    locked = services.round_questions_locked(round)
    data, adding = rows_data(request, "pytania")
    rows = QuestionFormSet(data, initial=initial, prefix="pytania")
    done = submit(
        request,
        rows,
        lambda: services.round_questions_set(
            actor=request.user,
            round=round,
            questions=[
                services.QuestionData(
                    text=f.cleaned_data["text"],
                    help_text=f.cleaned_data.get("help_text", ""),
                    required=f.cleaned_data.get("required", False),
                    pk=f.cleaned_data.get("pk"),
                )
                for f in used_rows(rows)
            ],
        ),
        success=reverse("projects:cards_in_round", args=[round.pk]),
        message=_("Zapisano pytania naboru %(n)s.") % {"n": round.number},
        adding=adding,
        route_errors=lambda exc: rows_to_forms(rows, used_rows(rows), exc.messages),
    )
    if done:
        return done
    return render(request, "projects/round_questions.html", {"round": round, "rows": rows, "locked": locked})


@login_required
def card_answers(request, pk: int):
    card = _editable_card(request, pk)
    form = AnswersForm(request.POST or None, card=card)
    done = submit(
        request,
        form,
        lambda: services.card_answers_set(actor=request.user, card=card, answers=form.answers()),
        success=f"{card_url(card)}#answers",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["answers"]},
    )
    if done:
        return done
    return section_page(request, card, form, "answers")
