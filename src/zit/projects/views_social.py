"""The social dimension of a card: planning social clauses while the card can be edited, and recording how
each went after the grant contract."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from zit.core.form_flow import rows_data, submit
from zit.core.views_helpers import apply_errors
from zit.projects import selectors, social
from zit.projects.forms import ClauseOutcomeForm, SocialClauseFormSet
from zit.projects.models import SocialClause
from zit.projects.rows import rows_to_forms, used_rows
from zit.projects.views import SECTIONS, _editable_card, card_url


def _initial(clause: SocialClause) -> dict:
    return {
        "pk": clause.pk,
        "kind": clause.kind,
        "subject": clause.subject,
        "estimated_pln": clause.estimated_pln,
        "planned_year": clause.planned_year,
        "planned_quarter": clause.planned_quarter,
    }


@login_required
def card_social(request, pk: int):
    card = _editable_card(request, pk)
    initial = [_initial(c) for c in card.social_clauses.all()]
    data, adding = rows_data(request, "klauzule")
    rows = SocialClauseFormSet(data, initial=initial, prefix="klauzule")
    done = submit(
        request,
        rows,
        lambda: social.card_social_clauses_set(
            actor=request.user,
            card=card,
            rows=[
                social.ClauseRow(
                    kind=f.cleaned_data["kind"],
                    subject=f.cleaned_data["subject"],
                    estimated_pln=f.cleaned_data["estimated_pln"],
                    planned_year=f.cleaned_data["planned_year"],
                    planned_quarter=f.cleaned_data["planned_quarter"],
                    pk=f.cleaned_data.get("pk"),
                )
                for f in used_rows(rows)
            ],
        ),
        success=f"{card_url(card)}#social",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["social"]},
        adding=adding,
        route_errors=lambda exc: rows_to_forms(rows, used_rows(rows), exc.messages),
    )
    if done:
        return done
    return render(
        request,
        "projects/card_social.html",
        {
            "card": card,
            "rows": rows,
            "section": "social",
            "title": SECTIONS["social"],
            "social": social.card_social(card),
        },
    )


@login_required
def clause_outcome(request, pk: int, clause_pk: int):
    card = selectors.card_get(user=request.user, pk=pk)
    clause = get_object_or_404(SocialClause, pk=clause_pk, card=card)
    if not social.may_record_outcome(request.user, card):
        raise PermissionDenied(
            _("Przebieg klauzul zapisują użytkownicy beneficjenta i biuro po podpisaniu umowy.")
        )
    states = social.NEXT_STATES.get(clause.state, ())
    if not states:
        messages.info(request, _("Ta klauzula jest już rozstrzygnięta."))
        return redirect(f"{card_url(card)}#social")
    form = ClauseOutcomeForm(
        request.POST or None,
        states=states,
        initial={"announced_on": clause.announced_on, "state": states[0].value},
    )
    if request.method == "POST" and form.is_valid():
        try:
            social.social_clause_outcome(actor=request.user, clause=clause, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Zapisano przebieg zamówienia „%(s)s”: %(state)s.")
                % {"s": clause.subject, "state": SocialClause.State(form.cleaned_data["state"]).label},
            )
            return redirect(f"{card_url(card)}#social")
    return render(
        request,
        "projects/clause_outcome.html",
        {"card": card, "clause": clause, "form": form, "section": "social"},
    )
