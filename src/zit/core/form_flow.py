"""The office's form pattern in one place: bind the forms, validate every one of them (a table's every row),
run the service, put its errors next to the fields and rows they name and into the summary, keep every value
typed, and on success say so and redirect. Views call `submit` (one form or several, tables included) and
`fire` (a lifecycle button); tables add rows with `rows_data` without saving or losing anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import ngettext

from zit.core.views_helpers import apply_errors

ADD_ROWS = "dodaj_wiersze"

Bound = forms.BaseForm | forms.BaseFormSet


def rows_data(request: HttpRequest, *prefixes: str, more: int = 2) -> tuple[Any, bool]:
    """The posted data (None on GET) and whether the "add rows" button was pressed: then each table named by
    `prefixes` gets `more` empty rows, nothing is saved, and nothing typed is lost."""
    if request.method != "POST":
        return None, False
    if ADD_ROWS not in request.POST:
        return request.POST, False
    data = request.POST.copy()
    for prefix in prefixes:
        total = f"{prefix}-TOTAL_FORMS"
        current = data.get(total) or "0"
        data[total] = str((int(current) if current.isdigit() else 0) + more)
    messages.info(
        request,
        ngettext(
            "Dodano %(n)d pusty wiersz. Nic jeszcze nie zapisano: to, co wpisano, czeka na „Zapisz”.",
            "Dodano %(n)d puste wiersze. Nic jeszcze nie zapisano: to, co wpisano, czeka na „Zapisz”.",
            more,
        )
        % {"n": more},
    )
    return data, True


def all_valid(*bound: Bound) -> bool:
    """Validate every form and table, never stopping at the first invalid one, so each shows its errors."""
    results = [b.is_valid() for b in bound]
    return all(results)


def submit(
    request: HttpRequest,
    bound: Bound | Sequence[Bound],
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    message: str | Callable[[Any], str] = "",
    adding: bool = False,
    errors_to: forms.BaseForm | None = None,
    route_errors: Callable[[ValidationError], None] | None = None,
) -> HttpResponse | None:
    """On a POST whose forms are all valid, run `action` (the service call, all or nothing) and redirect to
    `success` with `message`; None means "render the page again": on GET, after "add rows", or with errors.
    A service's ValidationError lands on `errors_to` (the first form by default) next to the field it names,
    or wherever `route_errors` puts it (a table's rows). PermissionDenied is left to become a 403."""
    items = list(bound) if isinstance(bound, Sequence) else [bound]
    if request.method != "POST" or adding or not all_valid(*items):
        return None
    try:
        result = action()
    except ValidationError as exc:
        if route_errors is not None:
            route_errors(exc)
        else:
            target = errors_to or next(b for b in items if isinstance(b, forms.BaseForm))
            apply_errors(target, exc)
        return None
    if message:
        messages.success(request, message(result) if callable(message) else message)
    url = success(result) if callable(success) else success
    return HttpResponseRedirect(url, status=303)


class ReasonForm(forms.Form):
    """The reason and confirmation a lifecycle button may carry."""

    reason = forms.CharField(required=False, max_length=4000, widget=forms.Textarea)
    confirmed = forms.BooleanField(required=False)


def fire(
    request: HttpRequest,
    action: Callable[[str, bool], Any],
    *,
    success: str | Callable[[Any], str],
    message: str | Callable[[Any], str] = "",
    failure: str | None = None,
) -> HttpResponse:
    """A lifecycle button's POST: call `action(reason, confirmed)` (the service firing the transition). A
    refusal comes back as an error message on the page the button was on (`failure`, else `success`)."""
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "") if hasattr(form, "cleaned_data") else ""
    confirmed = bool(form.cleaned_data.get("confirmed")) if hasattr(form, "cleaned_data") else False
    try:
        result = action(reason, confirmed)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        url = failure or (success if isinstance(success, str) else None)
        if url is None:
            raise
        return HttpResponseRedirect(url, status=303)
    if message:
        messages.success(request, message(result) if callable(message) else message)
    return HttpResponseRedirect(success(result) if callable(success) else success, status=303)


def row_errors(formset: forms.BaseFormSet) -> list[tuple[int, str, str, str]]:
    """Every row's errors as (row number, field id, field label, message), for the summary above a table."""
    found = []
    for number, form in enumerate(formset.forms, start=1):
        for name, errors in form.errors.items():
            if name == "__all__":
                for e in errors:
                    found.append((number, "", "", e))
                continue
            bound_field = form[name]
            for e in errors:
                found.append((number, bound_field.id_for_label, str(bound_field.label), e))
    return found
