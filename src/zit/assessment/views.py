"""Pages of the assessment. Thin: the services check permissions and rules, the selectors decide who sees
what (an assessor sees a card only through their own assignment, after the declaration)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.assessment import exports, scoring, selectors, services
from zit.assessment.criteria import criteria_set_save
from zit.assessment.forms import (
    AssessmentForm,
    AssignForm,
    CriteriaSetForm,
    CriterionFormSet,
    DeclarationForm,
    criterion_initial,
)
from zit.core.form_flow import ReasonForm, rows_data, submit
from zit.core.roles import Perm, require
from zit.core.views_helpers import apply_errors
from zit.projects.lifecycles import ROUND_RULES
from zit.projects.models import Round
from zit.projects.rows import rows_to_forms, used_rows

CRITERION_NUMBER = r"^Kryterium (\d+)"


def _posted(request):
    """The submitted data, or None for a GET: an empty POST still binds the form, so its errors show."""
    return request.POST if request.method == "POST" else None


# --- the assessor


@login_required
def mine(request):
    return render(request, "assessment/mine.html", {"rounds": selectors.my_rounds(user=request.user)})


@login_required
def declaration(request, pk: int):
    round = selectors.scoring_round_get(user=request.user, pk=pk)
    signed = selectors.declaration_for(user=request.user, round=round)
    form = None if signed else DeclarationForm(_posted(request))
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            _declaration, withdrawn = services.declaration_sign(
                actor=request.user,
                round=round,
                organisations=list(form.cleaned_data["ties"]),
                confirmed=form.cleaned_data["confirm"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Podpisano oświadczenie dla naboru %(n)s. Możesz oceniać.") % {"n": round.number}
            )
            if withdrawn:
                messages.info(
                    request,
                    _(
                        "Nie ocenisz fiszek %(c)s: są w nich organizacje, z którymi jesteś powiązany(-a). Biuro "
                        "przydzieli je komuś innemu."
                    )
                    % {"c": ", ".join(withdrawn)},
                )
            return redirect("assessment:mine")
    return render(
        request,
        "assessment/declaration.html",
        {
            "round": round,
            "declaration": signed,
            "form": form,
            "text": signed.text if signed else services.declaration_text(),
            "text_is_polish": signed is not None and _signed_in_polish(signed.text),
        },
    )


def _signed_in_polish(text: str) -> bool:
    """The signed text is kept as it was shown: signed on a Polish page, it is Polish on every page."""
    from django.utils import translation

    with translation.override("pl"):
        return text == str(services.declaration_text())


@login_required
def score(request, pk: int):
    try:
        assignment = selectors.assignment_get(user=request.user, pk=pk)
    except Http404:
        round = selectors.undeclared_round_of(user=request.user, assignment_pk=pk)
        if round is None:
            raise
        messages.info(request, _("Zanim zobaczysz fiszki naboru, podpisz oświadczenie o bezstronności."))
        return redirect("assessment:declaration", pk=round.pk)
    tie = services.assignment_conflict_check(actor=request.user, assignment=assignment)
    if tie:
        # neither the card nor the form: the assessor became tied to the applicant or a partner
        return render(
            request,
            "assessment/score_blocked.html",
            {
                "assignment": assignment,
                "explanation": services.conflict_explanation_html(assignment.card, tie),
                "office_told": services.conflict_office_told(),
            },
        )
    criteria = selectors.criteria_of(assignment.card.round)
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    form = None
    if not assignment.submitted and criteria:
        form = AssessmentForm(_posted(request), criteria=criteria, scores=scores)
    if form is not None:
        final = "submit" in request.POST
        done = submit(
            request,
            form,
            lambda: services.assessment_save(
                actor=request.user, assignment=assignment, values=form.values(), submit=final
            ),
            success=reverse("assessment:mine")
            if final
            else reverse("assessment:score", args=[assignment.pk]),
            message=_("Złożono ocenę fiszki %(n)s.") % {"n": assignment.card.number}
            if final
            else _("Zapisano szkic oceny. Złóż ją, gdy będzie gotowa."),
        )
        if done:
            return done
    return render(
        request,
        "assessment/score.html",
        {
            "assignment": assignment,
            "form": form,
            "criteria": criteria,
            "scores": [(c, scores.get(c.pk)) for c in criteria],
            "total": scoring.sheet_total(criteria, {k: s.value for k, s in scores.items()}),
            **selectors.card_for_assessor(assignment),
        },
    )


# --- the office


@login_required
def criteria(request, pk: int):
    round = selectors.office_round_get(user=request.user, pk=pk)
    criteria_set = selectors.criteria_set_of(user=request.user, round=round)
    rules_fixed = round.rules_state() == Round.Rules.FIXED
    locked = selectors.scores_recorded(round) or bool(criteria_set and criteria_set.closed_at) or rules_fixed
    data, adding = rows_data(request, "kryteria")
    head = CriteriaSetForm(
        data,
        initial={"pass_threshold": criteria_set.pass_threshold, "third_share": criteria_set.third_share}
        if criteria_set
        else {"third_share": Decimal("0.30")},
    )
    rows = CriterionFormSet(
        data,
        initial=[criterion_initial(c) for c in criteria_set.criteria.all()] if criteria_set else [],
        prefix="kryteria",
    )

    def route(exc: ValidationError) -> None:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        rows_to_forms(rows, used_rows(rows), errors.pop("criteria", []), CRITERION_NUMBER)
        for field, field_messages in errors.items():
            head.add_error(field if field in head.fields else None, field_messages)

    done = submit(
        request,
        [head, rows],
        lambda: criteria_set_save(
            actor=request.user,
            round=round,
            criteria=[f.data_row() for f in used_rows(rows)],
            **head.cleaned_data,
        ),
        success=reverse("assessment:assignments", args=[round.pk]),
        message=_("Zapisano kryteria oceny naboru %(n)s.") % {"n": round.number},
        adding=adding,
        route_errors=route,
    )
    if done:
        return done
    return render(
        request,
        "assessment/criteria.html",
        {
            "round": round,
            "criteria_set": criteria_set,
            "locked": locked,
            "rules_fixed": rules_fixed,
            "rules_actions": ROUND_RULES.actions(request.user, round),
            "head": head,
            "rows": rows,
            "maximum": criteria_set.max_total if criteria_set else None,
        },
    )


@login_required
def rules_reopen(request, pk: int):
    """The office reopens the scoring rules of an announced round: the page says what it undoes first."""
    require(request.user, Perm.PROJECTS_MANAGE)
    round = get_object_or_404(Round, pk=pk)
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = True
    form.fields["reason"].label = _("Powód ponownego otwarcia")
    form.fields["reason"].help_text = _("Zobaczą go w wiadomości wszyscy wnioskodawcy naboru.")
    form.fields["confirmed"].required = True
    form.fields["confirmed"].label = _("Rozumiem, że ocena w tym naborze zacznie się od nowa")
    done = submit(
        request,
        form,
        lambda: services.round_rules_reopen(
            actor=request.user, round=round, reason=form.cleaned_data["reason"]
        ),
        success=reverse("assessment:criteria", args=[round.pk])
        if round.scoring
        else reverse("projects:round_edit", args=[round.pk]),
        message=_("Zasady oceny naboru %(n)s są otwarte do zmiany; wnioskodawcy dostali wiadomość.")
        % {"n": round.number},
    )
    if done:
        return done
    actions = ROUND_RULES.actions(request.user, round)
    return render(
        request,
        "assessment/rules_reopen.html",
        {
            "round": round,
            "form": form,
            "state": ROUND_RULES.state_label(ROUND_RULES.state_of(round)),
            "refused": next((a.refused for a in actions if a.name == "reopen" and a.refused), ""),
            "can_reopen": actions.can("reopen"),
            "consequences": services.reopen_consequences(round),
        },
    )


@login_required
def assignments(request, pk: int):
    round = selectors.office_round_get(user=request.user, pk=pk)
    if request.method == "POST":
        form = AssignForm(
            request.POST, cards=selectors.cards_to_assess(round), assessors=selectors.assessors()
        )
        if not form.is_valid():
            messages.error(request, _("Wybierz fiszkę i oceniającego z listy."))
            return redirect("assessment:assignments", pk=round.pk)
        card, assessor = form.cleaned_data["card"], form.cleaned_data["assessor"]
        try:
            services.assignment_add(actor=request.user, card=card, assessor=assessor)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(p)s oceni fiszkę %(n)s.") % {"p": selectors.assessor_label(assessor), "n": card.number},
            )
        return redirect(reverse("assessment:assignments", args=[round.pk]) + f"#card-{card.pk}")
    return render(
        request,
        "assessment/assignments.html",
        {
            "round": round,
            "criteria_set": selectors.criteria_set_of(user=request.user, round=round),
            "rows": selectors.assignment_rows(user=request.user, round=round),
        },
    )


@login_required
@require_POST
def assignment_remove(request, pk: int):
    assignment = selectors.assignment_for_office(user=request.user, pk=pk)
    try:
        services.assignment_remove(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(p)s nie oceni fiszki %(n)s.")
            % {"p": selectors.assessor_label(assignment.assessor), "n": assignment.card.number},
        )
    return redirect(
        reverse("assessment:assignments", args=[assignment.card.round_id]) + f"#card-{assignment.card_id}"
    )


@login_required
def ranking(request, pk: int):
    round = selectors.office_round_get(user=request.user, pk=pk)
    criteria_set = selectors.criteria_set_of(user=request.user, round=round)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    rows = selectors.results(user=request.user, round=round)
    return render(
        request,
        "assessment/ranking.html",
        {
            "round": round,
            "criteria_set": criteria_set,
            "criteria": criteria,
            "tie_criteria": selectors.tie_criteria(criteria),
            "rows": rows,
            "complete": bool(rows) and all(r.status == scoring.COMPLETE for r in rows),
        },
    )


@login_required
@require_POST
def close(request, pk: int):
    round = selectors.office_round_get(user=request.user, pk=pk)
    try:
        moved = services.scoring_close(actor=request.user, round=round)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Zamknięto ocenę naboru %(n)s. Oceniono pozytywnie fiszek: %(k)d.")
            % {"n": round.number, "k": len(moved)},
        )
    return redirect("assessment:ranking", pk=round.pk)


@login_required
def ranking_xlsx(request, pk: int):
    round = selectors.office_round_get(user=request.user, pk=pk)
    criteria_set = selectors.criteria_set_of(user=request.user, round=round)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    content = exports.ranking_xlsx(
        round=round, criteria=criteria, rows=selectors.results(user=request.user, round=round)
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"ranking-{round.number.replace('/', '-')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
