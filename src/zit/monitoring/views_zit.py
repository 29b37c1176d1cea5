"""The page where the office records the managing authority's (IZ) values of the ZIT indicators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zit.core.formatting import format_date
from zit.core.roles import Perm, require
from zit.core.views_helpers import apply_errors, paginate
from zit.monitoring import services_zit
from zit.monitoring.forms_zit import IzFigureForm
from zit.monitoring.indicators_zit import DEFINITIONS
from zit.monitoring.models_zit import IzIndicatorFigure


@login_required
def iz_figures(request):
    require(request.user, Perm.PROJECTS_MANAGE)
    initial = {"code": request.GET.get("wskaznik", "")} if request.method == "GET" else None
    form = IzFigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            figure = services_zit.iz_figure_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Zapisano wartość %(c)s podaną przez IZ na dzień %(d)s.")
                % {"c": figure.code, "d": format_date(figure.as_of)},
            )
            return redirect("monitoring:indicators")
    return render(
        request,
        "monitoring/iz_figures.html",
        {
            "form": form,
            "definitions": DEFINITIONS.values(),
            "page": paginate(request, IzIndicatorFigure.objects.all()),
        },
    )
