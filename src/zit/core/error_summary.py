"""The error summary of a page after a failed submit, in one place for every form: the base template asks for it
at the top of the main content, so a page need not render one of its own. Each item links to the field it is
about (a table's cell, the first option of a group of radios, the first field of a form for an error of the
form as a whole), so the summary leads to where the correction is made."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ErrorItem:
    target: str  # the id of the field to move to; "" when the error has no field on the page
    text: str


def field_target(bound_field: forms.BoundField) -> str:
    """The id of the element a person corrects: the input itself, the first option of a group, or nothing for a
    hidden field."""
    if bound_field.is_hidden:
        return ""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    for sub in bound_field.subwidgets:  # radios and checkbox lists: the group's label points at none of them
        return sub.id_for_label or ""
    return bound_field.auto_id or ""


def _first_target(form: forms.BaseForm) -> str:
    for bound_field in form.visible_fields():
        if target := field_target(bound_field):
            return target
    return ""


def form_items(form: forms.BaseForm, row: int | None = None) -> list[ErrorItem]:
    """The errors of one form (of one table row when `row` is its number), the form's own errors first."""
    prefix = (_("Wiersz %(n)s") % {"n": row} + ", ") if row else ""
    first = _first_target(form)
    items = [ErrorItem(first, prefix + str(e)) for e in form.non_field_errors()]
    for name in form.errors:
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound_field = form[name]
        target = field_target(bound_field)
        label = f"{bound_field.label}: " if target else ""
        items += [ErrorItem(target or first, f"{prefix}{label}{e}") for e in bound_field.errors]
    return items


def formset_items(formset: forms.BaseFormSet) -> list[ErrorItem]:
    forms_ = list(formset.forms)
    first = _first_target(forms_[0]) if forms_ else ""
    items = [ErrorItem(first, str(e)) for e in formset.non_form_errors()]
    for number, form in enumerate(forms_, start=1):
        items += form_items(form, row=number)
    return items


def _candidates(values: Iterable) -> Iterator:
    for value in values:
        if isinstance(value, forms.BaseForm | forms.BaseFormSet):
            yield value
        elif isinstance(value, list | tuple):  # a few views hand the template their rows in a list or dict
            yield from (v for v in value if isinstance(v, forms.BaseForm | forms.BaseFormSet))
        elif type(value) is dict:
            yield from (v for v in value.values() if isinstance(v, forms.BaseForm | forms.BaseFormSet))


def page_errors(context) -> list[ErrorItem]:
    """Every error of every bound form and table the page's context holds, in the order the view gave them; a
    form with `own_error_summary = True` shows its errors in a summary of its own."""
    seen: set[int] = set()
    items: list[ErrorItem] = []
    for values in (d.values() for d in context.dicts):
        for bound in _candidates(values):
            if id(bound) in seen or not bound.is_bound or getattr(bound, "own_error_summary", False):
                continue
            seen.add(id(bound))
            if isinstance(bound, forms.BaseFormSet):
                if bound.total_error_count():
                    items += formset_items(bound)
            elif bound.errors:
                items += form_items(bound)
    return items
