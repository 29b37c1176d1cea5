"""The office's pages of the members' shares: the key in force beside the measure envelopes, its versions, and a
new version adopted by resolution. What each member has listed and contracted is on the projects' pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.association.selectors import members_current
from zit.core.form_flow import submit
from zit.core.roles import Perm, has_perm, require
from zit.funding import selectors, shares
from zit.funding.forms_shares import KeyForm, TableForm
from zit.funding.views import _agreement


@login_required
def key_page(request):
    require(request.user, Perm.FUNDING_VIEW)
    agreement = _agreement()
    key = shares.key_in_force(agreement=agreement)
    return render(
        request,
        "staff/funding_shares.html",
        {
            "agreement": agreement,
            "summary": selectors.allocation_summary(agreement=agreement),
            "view": shares.key_view(key) if key else None,
            "explained": shares.method_explained(key) if key else "",
            "versions": shares.keys_of(agreement),
            "can_edit": has_perm(request.user, Perm.FUNDING_EDIT),
        },
    )


@login_required
def key_new(request):
    require(request.user, Perm.FUNDING_EDIT)
    agreement = _agreement()
    data = request.POST or None
    form = KeyForm(
        data,
        initial={
            "valid_from": timezone.localdate(),
            "population_year": timezone.localdate().year,
            "method": "equal",
        },
    )
    table = TableForm(data, members=members_current())

    def adopt():
        values = form.cleaned_data
        return shares.allocation_key_record(
            actor=request.user,
            resolution=form.resolution(),
            agreement=agreement,
            method=values["method"],
            valid_from=values["valid_from"],
            equal_percent=values["equal_percent"],
            population_year=values["population_year"],
            table=table.table() if values["method"] == shares.Method.NEGOTIATED else None,
            note=values["note"],
        )

    def route(exc):
        from zit.core.views_helpers import apply_errors

        if hasattr(exc, "error_dict") and "table" in exc.error_dict:
            table.add_error(None, exc.error_dict.pop("table"))
        if not hasattr(exc, "error_dict") or exc.error_dict:
            apply_errors(form, exc)

    done = submit(
        request,
        [form, table],
        adopt,
        success=reverse("funding:shares"),
        message=lambda key: _("Zapisano klucz podziału alokacji, wersja %(v)d.") % {"v": key.version},
        route_errors=route,
    )
    if done:
        return done
    return render(
        request, "staff/funding_share_key_form.html", {"form": form, "table": table, "agreement": agreement}
    )
