"""A card's funding sources beside the FEW 2021+ measure: the table the applicant fills in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from zit.core.form_flow import rows_data, submit
from zit.projects import sources
from zit.projects.forms_sources import SourceFormSet, source_initial
from zit.projects.rows import rows_to_forms, used_rows
from zit.projects.views import SECTIONS, _editable_card, card_url


@login_required
def card_sources(request, pk: int):
    card = _editable_card(request, pk)
    data, adding = rows_data(request, "zrodla")
    rows = SourceFormSet(
        data, initial=[source_initial(s) for s in card.funding_sources.all()], prefix="zrodla"
    )
    done = submit(
        request,
        rows,
        lambda: sources.card_sources_set(
            actor=request.user,
            card=card,
            rows=[
                sources.SourceData(
                    kind=f.cleaned_data["kind"],
                    programme=f.cleaned_data["programme"],
                    measure=f.cleaned_data["measure"],
                    grant_pln=f.cleaned_data["grant_pln"],
                    eligible_pln=f.cleaned_data["eligible_pln"],
                    category=f.cleaned_data["category"],
                    period_from=f.cleaned_data["period_from"],
                    period_to=f.cleaned_data["period_to"],
                    note=f.cleaned_data["note"],
                )
                for f in used_rows(rows)
            ],
        ),
        success=f"{card_url(card)}#sources",
        message=_("Zapisano część „%(s)s”.") % {"s": SECTIONS["sources"]},
        adding=adding,
        route_errors=lambda exc: rows_to_forms(rows, used_rows(rows), exc.messages, r"^Źródło (\d+)"),
    )
    if done:
        return done
    return render(
        request,
        "projects/card_sources.html",
        {"card": card, "rows": rows, "section": "sources", "title": SECTIONS["sources"]},
    )
