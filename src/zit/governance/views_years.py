"""The association's reporting year: the office's list of years and one year's page, with its documents,
the Rada's resolutions about it and the filing. Readers of governance see them; writes need
`governance.manage`, which the services check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.form_flow import submit
from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate
from zit.governance import forms, year_rules, year_selectors, years
from zit.governance.models import AssociationYear
from zit.governance.views import may_manage, require_view


def _ended_or_404(year: int) -> None:
    """Only a year that has ended has a page: nothing of it can be reported before 31 December."""
    if not (year >= years.FIRST_YEAR and years.year_ended(year, timezone.localdate())):
        raise Http404


@login_required
def year_list(request):
    require_view(request)
    page = paginate(request, year_selectors.years_list())
    discharges = year_selectors.discharges_by_year(r.year for r in page)
    rows = []
    for record in page:
        states = year_selectors.year_steps(record)
        rows.append((record, states, year_selectors.next_step(states), discharges.get(record.year, [])))
    previous = timezone.localdate().year - 1
    return render(
        request,
        "governance/years.html",
        {
            "page": page,
            "rows": rows,
            "step_list": year_rules.STEPS,
            "previous": previous,
            "previous_missing": not AssociationYear.objects.filter(year=previous).exists(),
            "today": timezone.localdate(),
        },
    )


def _document_form(step: str, year: int, data=None, files=None) -> forms.YearDocumentForm:
    titles = {
        year_rules.STATEMENT: _("Sprawozdanie finansowe Stowarzyszenia za %(y)d r."),
        year_rules.BOARD_REPORT: _("Sprawozdanie Zarządu z działalności Stowarzyszenia za %(y)d r."),
        year_rules.AUDIT_OPINION: _("Opinia Komisji Rewizyjnej o sprawozdaniu za %(y)d r."),
    }
    return forms.YearDocumentForm(data, files, prefix=step, initial={"title": titles[step] % {"y": year}})


def _year_page(request, year: int, *, bound: dict | None = None):
    """The year page; `bound` holds a form sent back with its errors, which replaces the empty one."""
    bound = bound or {}
    can_manage = may_manage(request)
    # reading writes nothing: the year is opened by its first upload (an old year looked at stays unopened,
    # so it never waits in the inbox)
    record = year_selectors.year_for_reading(year)
    states = year_selectors.year_steps(record)
    forms_by_step = {}
    if can_manage:
        approved = record.approval_id is not None
        for state in states:
            if state.key in year_rules.DOCUMENT_STEPS and not state.done:
                if state.key == year_rules.STATEMENT and approved:
                    continue
                forms_by_step[state.key] = bound.get(state.key) or _document_form(state.key, year)
        if approved:
            forms_by_step[year_rules.FILING] = bound.get(year_rules.FILING) or forms.YearFilingForm(
                prefix=year_rules.FILING,
                initial={"filed_on": record.filed_on, "reference": record.filing_reference},
            )
    forms_by_step.update(bound)  # a form sent back with its errors stays on the page whatever the state
    steps = [(state, forms_by_step.get(state.key)) for state in states]
    return render(
        request,
        "governance/year.html",
        {
            "record": record,
            "year": year,
            "steps": steps,
            "next": year_selectors.next_step(states),
            "resolutions": year_selectors.year_resolutions(year),
            "discharges": year_selectors.year_discharges(year),
            "balance_sheet_day": year_rules.balance_sheet_day(year),
            "can_manage": can_manage,
            "today": timezone.localdate(),
            "step_forms": forms_by_step,  # for the error summary
        },
    )


@login_required
def year_detail(request, year: int):
    require_view(request)
    _ended_or_404(year)
    return _year_page(request, year)


@login_required
@require_POST
def year_document(request, year: int, step: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    _ended_or_404(year)
    if step not in year_rules.DOCUMENT_STEPS:
        raise Http404
    form = _document_form(step, year, request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda: years.year_document_upload(actor=request.user, year=year, step=step, **form.cleaned_data),
        success=reverse("governance:year", args=[year]),
        message=_("Dokument opublikowany w rejestrze i dołączony do roku sprawozdawczego."),
    )
    return done or _year_page(request, year, bound={step: form})


@login_required
@require_POST
def year_filing(request, year: int):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    _ended_or_404(year)
    form = forms.YearFilingForm(request.POST, prefix=year_rules.FILING)
    done = submit(
        request,
        form,
        lambda: years.year_filing_record(actor=request.user, year=year, **form.cleaned_data),
        success=reverse("governance:year", args=[year]),
        message=_("Zapisano wysłanie sprawozdania do Szefa KAS."),
    )
    return done or _year_page(request, year, bound={year_rules.FILING: form})
