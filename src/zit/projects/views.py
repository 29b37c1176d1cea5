"""Pages for rounds and project cards. Thin: the services check permissions and rules, the selectors decide
who sees what."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zit.core.form_flow import ADD_ROWS, fire, rows_data, submit
from zit.core.forms import polish_ordered
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, has_any_scope, has_perm, require, scoped_organisation_ids
from zit.core.signed import signed_document_for
from zit.core.tables import read_table
from zit.core.views_helpers import apply_errors, paginate, whole_number
from zit.funding.models import Measure
from zit.organisations.models import Organisation
from zit.projects import calls, list_io, lists, selectors, services, social
from zit.projects.forms import (
    AmendmentForm,
    AnswersForm,
    ApplicationForm,
    AttachmentForm,
    BudgetLineFormSet,
    BudgetTotalsForm,
    CallForm,
    CardForm,
    ContractForm,
    CorrectionForm,
    DurabilityCheckForm,
    ExpenditureFormSet,
    IndicatorFormSet,
    ListAcceptForm,
    ListAddForm,
    ListApproveForm,
    ListImportForm,
    ListVersionForm,
    LocationForm,
    MilestoneFormSet,
    OpinionForm,
    OutcomeForm,
    PartnersForm,
    QuestionFormSet,
    RecoveryForm,
    ReportForm,
    ReportPeriodForm,
    RoundForm,
    SettlementForm,
    StatementForm,
    TerminationForm,
    TransitionForm,
    UndertakingsForm,
)
from zit.projects.lifecycles import CARD, ROUND_RULES
from zit.projects.models import (
    Amendment,
    Call,
    Correction,
    ListEntry,
    ListVersion,
    ProgressReport,
    ProjectCard,
    ReportAttachment,
    Round,
)
from zit.projects.rows import rows_to_forms, used_rows
from zit.territory.models import AdministrativeUnit


def _int(value: str | None) -> int | None:
    return whole_number(value)


# --- rounds


@login_required
def rounds(request):
    require_any(request.user, Perm.PROJECTS_VIEW)
    return render(
        request,
        "projects/rounds.html",
        {"rounds": selectors.rounds_visible(user=request.user), "today": timezone.localdate()},
    )


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
            "rules_actions": ROUND_RULES.actions(request.user, round) if round else [],
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
    "termination": gettext_lazy("Rozwiązanie umowy"),
    "correction": gettext_lazy("Korekta finansowa"),
    "recovery": gettext_lazy("Kwota odzyskana"),
    "report": gettext_lazy("Nowe sprawozdanie z postępu"),
    "settlement": gettext_lazy("Płatność końcowa i okres trwałości"),
    "statement": gettext_lazy("Oświadczenie o trwałości"),
    "check": gettext_lazy("Kontrola trwałości"),
}


@login_required
def card_detail(request, pk: int):
    require_any(request.user, Perm.PROJECTS_VIEW)
    card = selectors.card_get(user=request.user, pk=pk)
    problems = services.card_problems(card) if card.editable else []
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
            "can_opinion": has_perm(request.user, Perm.PROJECTS_MANAGE)
            and card.state == ProjectCard.State.APPLICATION_FILED,
            "can_outcome": CARD.may(request.user, card, "select"),
            "opinion_actions": calls.opinion_actions(user=request.user, card=card),
            "return_reason": card.transitions.filter(name="return").values_list("reason", flat=True).first()
            if card.state == ProjectCard.State.RETURNED
            else "",
            "opinion": getattr(card, "opinion", None),
            "opinion_document": signed_document_for(subject=card, kind=calls.OPINION_KIND),
            **selectors.contract_panel(user=request.user, card=card),
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


def _section_page(request, card, form, section: str, intro: str = "", **extra):
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
    return _section_page(request, card, form, "basic")


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
    return _section_page(
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
    return _section_page(
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
    organisations = _parties_of(card)
    initial_lines = [_line_initial(line) for line in card.budget_lines.all()]
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
            "cofinancing_rate": card.cofinancing_rate or card.measure.effective_rate()[0],
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
            actor=request.user, card=card, rows=_rows(lines), **totals.cleaned_data
        ),
        success=f"{card_url(card)}#budget",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["budget"]},
        adding=adding,
        route_errors=route,
    )
    if done:
        return done
    cap, where = card.measure.effective_rate()
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
    choices = [(key, f"{u.code} {u.title}") for key, u in selectors.undertakings_by_key().items()]
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
    return _section_page(request, card, form, "undertakings")


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


# --- the list of strategic projects


def _list_reader(user) -> None:
    if not has_perm(user, Perm.PROJECTS_VIEW):  # unscoped readers only: the office and the bodies
        raise PermissionDenied(_("Listę projektów strategicznych widzą biuro i organy Stowarzyszenia."))


@login_required
def list_versions(request):
    _list_reader(request.user)
    from zit.funding.selectors import agreement_current

    agreement = agreement_current()
    form = ListVersionForm(request.POST or None, initial={"rate_date": timezone.localdate()})
    if request.method == "POST":
        require(request.user, Perm.PROJECTS_MANAGE)
        if agreement is None:
            raise Http404(_("Nie wpisano porozumienia ZIT."))
        if form.is_valid():
            try:
                version = lists.list_version_create(
                    actor=request.user, agreement=agreement, rate_date=form.cleaned_data["rate_date"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Utworzono wersję roboczą %(n)d listy.") % {"n": version.number})
                return redirect("projects:list", pk=version.pk)
    versions = ListVersion.objects.filter(agreement=agreement).select_related("decision") if agreement else []
    return render(
        request,
        "projects/lists.html",
        {"versions": versions, "form": form, "can_manage": has_perm(request.user, Perm.PROJECTS_MANAGE)},
    )


def _list_version(request, pk: int) -> ListVersion:
    _list_reader(request.user)
    return get_object_or_404(ListVersion.objects.select_related("agreement", "decision"), pk=pk)


@login_required
def list_detail(request, pk: int):
    version = _list_version(request, pk)
    can_manage = has_perm(request.user, Perm.PROJECTS_MANAGE)
    draft = version.is_draft
    add_form = approve_form = accept_form = None
    if can_manage and draft:
        add_form = ListAddForm(
            request.POST or None if "card" in request.POST else None, cards=lists.cards_to_add(version)
        )
        approve_form = ListApproveForm(request.POST if "decision_number" in request.POST else None)
    if can_manage and version.is_approved:
        accept_form = ListAcceptForm(
            request.POST if "accepted_on" in request.POST else None,
            initial={"accepted_on": version.iz_accepted_on, "reference": version.iz_reference},
        )
    if request.method == "POST":
        require(request.user, Perm.PROJECTS_MANAGE)
        done = _list_post(request, version, add_form, approve_form, accept_form)
        if done:
            return redirect("projects:list", pk=version.pk)
    return render(
        request,
        "projects/list.html",
        {
            "version": version,
            "envelopes": lists.envelopes(version),
            "totals": lists.totals(version),
            "rate_label": list_io.rate_label(version),
            "can_manage": can_manage,
            "draft": draft,
            "add_form": add_form,
            "approve_form": approve_form,
            "accept_form": accept_form,
            "actions": lists.list_actions(user=request.user, version=version),
        },
    )


def _list_post(request, version, add_form, approve_form, accept_form) -> bool:
    from zit.core.services import decision_reference_create

    try:
        if add_form is not None and add_form.is_bound:
            if not add_form.is_valid():
                return False
            entry = lists.list_entry_add(actor=request.user, version=version, **add_form.cleaned_data)
            messages.success(request, _("Dodano %(c)s.") % {"c": entry})
            return True
        if approve_form is not None and approve_form.is_bound:
            if not approve_form.is_valid():
                return False
            with transaction.atomic():  # the resolution and the approval stand or fall together
                data = approve_form.cleaned_data
                decision = decision_reference_create(
                    actor=request.user,
                    issuer_kind="association_body",
                    issuer_name=data["decision_body"],
                    kind="uchwała",
                    number=data["decision_number"],
                    date=data["decision_date"],
                )
                lists.list_version_approve(actor=request.user, version=version, decision=decision)
            messages.success(
                request, _("Lista zatwierdzona; fiszki przeszły na listę podstawową lub rezerwową.")
            )
            return True
        if accept_form is not None and accept_form.is_bound:
            if not accept_form.is_valid():
                return False
            lists.list_version_iz_accept(actor=request.user, version=version, **accept_form.cleaned_data)
            messages.success(request, _("Zapisano przyjęcie listy przez IZ."))
            return True
    except ValidationError as exc:
        form = next(f for f in (add_form, approve_form, accept_form) if f is not None and f.is_bound)
        apply_errors(form, exc)
    return False


@login_required
@require_POST
def list_entry_action(request, pk: int, entry_pk: int, action: str):
    version = _list_version(request, pk)
    entry = get_object_or_404(ListEntry, pk=entry_pk, version=version)
    try:
        if action == "usun":
            lists.list_entry_remove(actor=request.user, entry=entry)
            messages.success(request, _("Usunięto %(c)s z listy.") % {"c": entry.card.number})
        elif action in ("podstawowa", "rezerwowa"):
            position = "main" if action == "podstawowa" else "reserve"
            lists.list_entry_move(actor=request.user, entry=entry, position=position)
            messages.success(request, _("Przeniesiono %(c)s.") % {"c": entry.card.number})
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(
        f"{reverse('projects:list', args=[version.pk])}#m-{entry.card.measure_id}-{entry.card.fund_id}"
    )


@login_required
def list_export(request, pk: int):
    from django.http import HttpResponse

    version = _list_version(request, pk)
    response = HttpResponse(
        list_io.list_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{list_io.list_filename(version)}"'
    return response


@login_required
def list_import(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    version = _list_version(request, pk)
    form = ListImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name, upload)
            counts = list_io.list_import(actor=request.user, version=version, table=table)
        except ImportRejected as exc:
            report = exc.report
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Import: dodano %(a)d, przeniesiono %(m)d, bez zmian %(u)d.")
                % {"a": counts["added"], "m": counts["moved"], "u": counts["unchanged"]},
            )
            return redirect("projects:list", pk=version.pk)
    return render(
        request,
        "projects/list_import.html",
        {"version": version, "form": form, "report": report, "hint": list_io.import_hint()},
    )


# --- calls of the managing authority, applications, opinions


@login_required
def calls_list(request):
    _list_reader(request.user)
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
    return _section_page(
        request,
        card,
        form,
        "application",
        _(
            "Projekt z listy podstawowej składa wniosek w naborze niekonkurencyjnym IZ; z listy rezerwowej – tylko w konkurencyjnym."
        ),
    )


@login_required
def card_opinion(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    opinion = getattr(card, "opinion", None)
    initial = {
        "compliant": "1" if opinion is None or opinion.compliant else "0",
        "justification": opinion.justification if opinion else "",
    }
    form = OpinionForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: calls.opinion_prepare(actor=request.user, card=card, **form.cleaned_data),
        success=f"{card_url(card)}#opinion",
        message=_("Wygenerowano opinię do podpisu. Pobierz DOCX, podpisz i wgraj podpisany plik."),
    )
    if done:
        return done
    return _section_page(
        request,
        card,
        form,
        "opinion",
        _(
            "Opinia powstaje jako DOCX do edycji i podpisu. Podpisany plik (PDF z podpisem kwalifikowanym albo skan) wgrywasz na stronie fiszki; wtedy opinia jest zablokowana i można ją wydać."
        ),
    )


@login_required
@require_POST
def card_opinion_issue(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    return fire(
        request,
        lambda reason, confirmed: calls.opinion_issue(actor=request.user, card=card),
        success=f"{card_url(card)}#opinion",
        message=lambda result: _("Opinia wydana. Fiszka: %(s)s.") % {"s": result.get_state_display()},
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
    return _section_page(request, card, form, "outcome")


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
    return render(request, "projects/notifications.html", {"rows": rows, "sample": sample, "flags": flags})


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
    return _section_page(request, card, form, "answers")


# --- the grant contract and its amendments


def _rows(lines) -> list:
    return [
        services.BudgetRow(
            f.cleaned_data["organisation"],
            f.cleaned_data["year"],
            f.cleaned_data["total_pln"],
            f.cleaned_data["eligible_pln"],
            f.cleaned_data["eu_pln"],
        )
        for f in lines.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.cleaned_data.get("unused")
    ]


def _table_errors(exc: ValidationError, form, tables: dict) -> None:
    """Errors keyed by a table go above that table; the rest to the form's fields."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for key, table in tables.items():
        table._non_form_errors = table.error_class(errors.pop(key, []))
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _growing(request, *prefixes: str) -> list[str]:
    """The tables the "add rows" button grows: the one it names, or all of them."""
    wanted = request.POST.get(ADD_ROWS, "")
    return [p for p in prefixes if p == wanted] or list(prefixes)


def _line_initial(line) -> dict:
    return {
        "organisation": line.organisation_id,
        "year": line.year,
        "total_pln": line.total_pln,
        "eligible_pln": line.eligible_pln,
        "eu_pln": line.eu_pln,
    }


def _parties_of(card: ProjectCard):
    return Organisation.objects.filter(
        pk__in=[card.beneficiary_id, *card.partners.values_list("organisation_id", flat=True)]
    ).order_by("name")


def _kept(form) -> list:
    return [f.cleaned_data for f in form.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


@login_required
def card_contract(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    if not services.may_fire(request.user, card, "contract"):
        raise PermissionDenied(_("Umowę zapisuje się dla projektu wybranego do dofinansowania przez IZ."))
    tables = ("wiersze", "kamienie", "wskazniki")
    data, adding = rows_data(request, *_growing(request, *tables))
    form = ContractForm(
        data,
        initial={
            "starts_on": card.starts_on,
            "ends_on": card.ends_on,
            "total_pln": card.total_pln,
            "eligible_pln": card.eligible_pln,
            "eu_pln": card.eu_pln,
            "parties": _("Województwo Wielkopolskie (Instytucja Zarządzająca FEW 2021+) i %(b)s")
            % {"b": card.beneficiary},
        },
    )
    lines = BudgetLineFormSet(
        data,
        initial=[_line_initial(line) for line in card.budget_lines.all()],
        organisations=_parties_of(card),
        prefix="wiersze",
    )
    milestones = MilestoneFormSet(data, prefix="kamienie")
    indicators = IndicatorFormSet(
        data,
        initial=[
            {"indicator": i.indicator_id, "target_value": i.target_value, "target_year": i.target_year}
            for i in card.indicators.all()
        ],
        prefix="wskazniki",
        form_kwargs={"card": card},
    )

    def sign():
        from zit.projects.contracts import Amounts, contract_sign

        d = form.cleaned_data
        return contract_sign(
            actor=request.user,
            card=card,
            number=d["number"],
            signed_on=d["signed_on"],
            parties=d["parties"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            amounts=Amounts(d["total_pln"], d["eligible_pln"], d["eu_pln"], _rows(lines)),
            milestones=[(m["name"], m["due_on"]) for m in _kept(milestones)],
            indicators=[(i["indicator"], i["target_value"], i["target_year"]) for i in _kept(indicators)],
        )

    done = submit(
        request,
        [form, lines, milestones, indicators],
        sign,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano umowę o dofinansowanie."),
        adding=adding,
        route_errors=lambda exc: _table_errors(
            exc, form, {"lines": lines, "milestones": milestones, "indicators": indicators}
        ),
    )
    return done or render(
        request,
        "projects/contract_form.html",
        {"card": card, "form": form, "lines": lines, "milestones": milestones, "indicators": indicators},
    )


def _refused(request, card, name: str, *, obj, lifecycle=None):
    """Before an act's page: PermissionDenied when the user is not one who does it; when the lifecycle
    refuses the act now, its reason as a message and the way back to the contract; None when it may go on."""
    from zit.core.lifecycle import Context
    from zit.projects.lifecycles import CONTRACT

    lifecycle = lifecycle or CONTRACT
    if not lifecycle.permits(request.user, obj, name):
        raise PermissionDenied(
            _("Nie możesz wykonać tej czynności („%(t)s”).") % {"t": lifecycle.transition(name).label}
        )
    reason = lifecycle.refusal(obj, name, Context(actor=request.user, today=timezone.localdate()))
    if reason:
        messages.error(request, reason)
        return redirect(f"{card_url(card)}#contract")
    return None


def _contract_act(request, pk: int, name: str):
    card, contract = _contract_of(request, pk)
    return card, contract, _refused(request, card, name, obj=contract)


@login_required
def card_amendment(request, pk: int):
    card, contract, refused = _contract_act(request, pk, "amend")
    if refused:
        return refused
    data, adding = rows_data(request, "wiersze")
    form = AmendmentForm(
        data,
        request.FILES or None,
        initial={
            "total_pln": contract.total_pln,
            "eligible_pln": contract.eligible_pln,
            "eu_pln": contract.eu_pln,
        },
    )
    lines = BudgetLineFormSet(
        data,
        initial=[_line_initial(line) for line in contract.lines.all()],
        organisations=_parties_of(card),
        prefix="wiersze",
    )

    def amend():
        from zit.projects.contracts import Amounts, amendment_add

        d = form.cleaned_data
        return amendment_add(
            actor=request.user,
            contract=contract,
            number=d["number"],
            signed_on=d["signed_on"],
            reason=d["reason"],
            document=d["document"],
            ends_on=d.get("ends_on"),
            amounts=Amounts(d["total_pln"], d["eligible_pln"], d["eu_pln"], _rows(lines)),
        )

    done = submit(
        request,
        [form, lines],
        amend,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano aneks; poprzednie kwoty zostały w historii umowy."),
        adding=adding,
        route_errors=lambda exc: _table_errors(exc, form, {"lines": lines}),
    )
    return done or render(
        request,
        "projects/amendment_form.html",
        {"card": card, "contract": contract, "form": form, "lines": lines},
    )


@login_required
def amendment_file(request, pk: int, amendment_pk: int):
    from django.http import FileResponse

    card = selectors.card_get(user=request.user, pk=pk)  # whoever may read the card may read its amendments
    amendment = get_object_or_404(Amendment, pk=amendment_pk, contract__card=card)
    return FileResponse(
        amendment.document.open("rb"), as_attachment=True, filename=amendment.document.name.rsplit("/", 1)[-1]
    )


@login_required
def card_termination(request, pk: int):
    card, contract, refused = _contract_act(request, pk, "terminate")
    if refused:
        return refused
    form = TerminationForm(request.POST or None)

    def terminate():
        from zit.projects.contracts import contract_terminate

        return contract_terminate(actor=request.user, contract=contract, **form.cleaned_data)

    done = submit(
        request,
        form,
        terminate,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano rozwiązanie umowy; niewykorzystane dofinansowanie wraca do koperty."),
    )
    return done or _section_page(
        request, card, form, "termination", _("Rozwiązania umowy nie da się cofnąć.")
    )


@login_required
def card_correction(request, pk: int):
    from zit.projects.contracts import correction_transition
    from zit.projects.lifecycles import CONTRACT

    card, contract = _contract_of(request, pk)
    name = correction_transition(contract)  # after the final payment, the one that asks for a reason
    refused = _refused(request, card, name, obj=contract)
    if refused:
        return refused
    needs_reason = CONTRACT.transition(name).reason_required
    form = CorrectionForm(request.POST or None, needs_reason=needs_reason)

    def correct():
        from zit.core.services import decision_reference_create
        from zit.projects.contracts import correction_add

        d = form.cleaned_data
        with transaction.atomic():  # the decision and the correction stand or fall together
            decision = decision_reference_create(
                actor=request.user,
                issuer_kind="managing_authority",
                issuer_name=d["decision_issuer"],
                kind="decyzja",
                number=d["decision_number"],
                date=d["decision_date"],
            )
            return correction_add(
                actor=request.user,
                contract=contract,
                found_on=d["found_on"],
                description=d["description"],
                eligible_pln=d["eligible_pln"],
                eu_pln=d["eu_pln"],
                decision=decision,
                reason=d.get("reason", ""),
            )

    done = submit(
        request,
        form,
        correct,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano korektę; obniża ona kwoty projektu we wszystkich zestawieniach."),
    )
    intro = (
        _("Płatność końcowa jest już zapisana: korekta to jedyna zmiana, jaką umowa jeszcze przyjmuje.")
        if needs_reason
        else ""
    )
    return done or _section_page(request, card, form, "correction", intro)


@login_required
def card_recovery(request, pk: int, correction_pk: int):
    from zit.projects.lifecycles import CORRECTION

    card, _contract = _contract_of(request, pk)
    correction = get_object_or_404(Correction, pk=correction_pk, contract__card=card)
    whole = "calosc" in request.GET  # "all of it came back": the form offers the whole amount
    name = "recover_all" if whole else "recover_part"
    refused = _refused(request, card, name, obj=correction, lifecycle=CORRECTION)
    if refused:
        return refused
    form = RecoveryForm(
        request.POST or None,
        initial={"recovered_pln": correction.eu_pln if whole else correction.recovered_pln},
    )

    def recover():
        from zit.projects.contracts import correction_recovered

        return correction_recovered(actor=request.user, correction=correction, **form.cleaned_data)

    done = submit(
        request, form, recover, success=f"{card_url(card)}#contract", message=_("Zapisano kwotę odzyskaną.")
    )
    return done or _section_page(request, card, form, "recovery")


# --- progress reports


def _report(request, pk: int, report_pk: int):
    card = selectors.card_get(user=request.user, pk=pk)  # whoever may read the card may read its reports
    report = get_object_or_404(
        ProgressReport.objects.select_related("contract"), pk=report_pk, contract__card=card
    )
    return card, report


@login_required
def report_new(request, pk: int):
    from zit.projects import reports

    card = selectors.card_get(user=request.user, pk=pk)
    contract = getattr(card, "contract", None)
    if contract is None or not reports.may_write(request.user, contract):
        raise PermissionDenied(_("Sprawozdanie piszą użytkownicy beneficjenta projektu z umową."))
    form = ReportPeriodForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: reports.report_create(actor=request.user, contract=contract, **form.cleaned_data),
        success=lambda report: reverse("projects:report", args=[card.pk, report.pk]),
    )
    if done:
        return done
    return _section_page(
        request,
        card,
        form,
        "report",
        _("Sprawozdanie obejmuje okres w czasie realizacji; okresy nie mogą się nakładać."),
    )


@login_required
def report_detail(request, pk: int, report_pk: int):
    from zit.projects import reports

    card, report = _report(request, pk, report_pk)
    writer = report.editable and reports.may_write(request.user, report.contract)
    form = expenditure = None
    if writer:
        data, adding = rows_data(request, "wydatki")
        if data is not None and data.get("akcja") not in (None, "zapisz"):
            data = None  # the attachment's form
        form = ReportForm(data, report=report)
        expenditure = ExpenditureFormSet(
            data,
            initial=[
                {"year": e.year, "category": e.category, "amount_pln": e.amount_pln}
                for e in report.expenditure.all()
            ],
            prefix="wydatki",
        )

        def save():
            rows = [
                (f.cleaned_data["year"], f.cleaned_data["category"], f.cleaned_data["amount_pln"])
                for f in expenditure.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            return reports.report_save(
                actor=request.user,
                report=report,
                data=reports.ReportData(
                    form.cleaned_data["narrative"], rows, form.indicators(), form.milestones()
                ),
            )

        if data is not None:
            done = submit(
                request,
                [form, expenditure],
                save,
                success=reverse("projects:report", args=[card.pk, report.pk]),
                message=_("Zapisano sprawozdanie."),
                adding=adding,
                route_errors=lambda exc: _table_errors(exc, form, {"expenditure": expenditure}),
            )
            if done:
                return done
    if request.method == "POST" and request.POST.get("akcja") == "zalacz":
        return _report_attach(request, card, report, writer)
    return render(
        request,
        "projects/report.html",
        {
            "card": card,
            "report": report,
            "writer": writer,
            "actions": reports.report_actions(user=request.user, report=report),
            "form": form,
            "expenditure": expenditure,
            "attachment_form": AttachmentForm(),
            "total": sum((e.amount_pln for e in report.expenditure.all()), Decimal(0)),
        },
    )


def _report_attach(request, card, report, writer: bool):
    from zit.projects import reports

    if not writer:
        raise PermissionDenied(_("Nie możesz wykonać tej czynności."))
    try:
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Wybierz plik do dołączenia."))
        reports.report_attach(actor=request.user, report=report, file=form.cleaned_data["file"])
        messages.success(request, _("Dołączono plik."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("projects:report", pk=card.pk, report_pk=report.pk)


REPORT_DONE = {
    "submit": gettext_lazy("Sprawozdanie złożone; biuro je sprawdzi."),
    "accept": gettext_lazy("Sprawozdanie przyjęte."),
    "return": gettext_lazy("Sprawozdanie zwrócone do poprawy."),
}


@login_required
@require_POST
def report_transition(request, pk: int, report_pk: int, name: str):
    from zit.projects import reports
    from zit.projects.lifecycles import REPORT

    card, report = _report(request, pk, report_pk)
    if not REPORT.has(name) or REPORT.transition(name).automatic:
        raise Http404
    return fire(
        request,
        lambda reason, confirmed: reports.report_transition(
            actor=request.user, report=report, name=name, reason=reason
        ),
        success=reverse("projects:report", args=[card.pk, report.pk]),
        message=str(REPORT_DONE[name]),
    )


@login_required
def report_attachment(request, pk: int, report_pk: int, attachment_pk: int):
    from django.http import FileResponse

    _card, report = _report(request, pk, report_pk)
    attachment = get_object_or_404(ReportAttachment, pk=attachment_pk, report=report)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=str(attachment))


# --- completion and durability


def _contract_of(request, pk: int):
    card = selectors.card_get(user=request.user, pk=pk)
    contract = getattr(card, "contract", None)
    if contract is None:
        raise Http404(_("Ten projekt nie ma jeszcze umowy."))
    return card, contract


def _posted_date(request, name: str):
    try:
        return forms.DateField().clean(request.POST.get(name))
    except ValidationError:
        return None


@login_required
def card_settlement(request, pk: int):
    from zit.projects import durability

    card, contract, refused = _contract_act(request, pk, "settle")
    if refused:
        return refused
    day = _posted_date(request, "final_payment_on") if request.method == "POST" else None
    warnings = durability.settle_warnings(contract, day)
    form = SettlementForm(
        request.POST or None,
        warned=bool(warnings),
        initial={"durability_years": contract.durability_years or durability.default_years()},
    )

    def settle():
        d = form.cleaned_data
        return durability.contract_settle(
            actor=request.user,
            contract=contract,
            final_payment_on=d["final_payment_on"],
            reference=d["reference"],
            durability_years=d["durability_years"],
            reason=d.get("reason", ""),
            confirmed=bool(d.get("confirmed")),
        )

    done = submit(
        request,
        form,
        settle,
        success=f"{card_url(card)}#durability",
        message=_("Zapisano płatność końcową; od jej daty liczy się okres trwałości."),
    )
    return done or render(
        request,
        "projects/settle_form.html",
        {"card": card, "contract": contract, "form": form, "warnings": warnings},
    )


@login_required
def card_statement(request, pk: int):
    from zit.projects import durability

    card, contract, refused = _contract_act(request, pk, "durability_statement")
    if refused:
        return refused
    missing = durability.statements_missing(contract)
    form = StatementForm(
        request.POST or None, initial={"year": missing[0] if missing else timezone.localdate().year}
    )
    done = submit(
        request,
        form,
        lambda: durability.statement_submit(actor=request.user, contract=contract, **form.cleaned_data),
        success=f"{card_url(card)}#durability",
        message=_("Złożono oświadczenie o trwałości."),
    )
    return done or _section_page(request, card, form, "statement")


@login_required
def card_durability_check(request, pk: int):
    from zit.projects import durability

    card, contract, refused = _contract_act(request, pk, "durability_check")
    if refused:
        return refused
    form = DurabilityCheckForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: durability.check_record(actor=request.user, contract=contract, **form.cleaned_data),
        success=f"{card_url(card)}#durability",
        message=_("Zapisano kontrolę trwałości."),
    )
    return done or _section_page(request, card, form, "check")
