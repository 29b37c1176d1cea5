"""A service's errors about the rows of a table, put next to the rows they name: a message that starts with
the row's number ("Wiersz 3 …", "Kryterium 2 …") or names the row's key (an indicator's code) goes to that
row, and also appears in the table's summary; the others go above the table."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from django import forms


def rows_to_forms(
    formset: forms.BaseFormSet,
    used: Sequence[forms.BaseForm],
    messages: Sequence[str],
    number: str = r"^Wiersz (\d+)",
    *,
    key_of: Callable[[str], forms.BaseForm | None] | None = None,
) -> None:
    """`used` are the rows sent to the service, in its order (rows left empty or deleted are not counted)."""
    above: list[Any] = []
    for message in messages:
        found = re.match(number, str(message))
        form = None
        if found and 1 <= int(found.group(1)) <= len(used):
            form = used[int(found.group(1)) - 1]
        elif key_of is not None:
            form = key_of(str(message))
        if form is not None:
            form.add_error(None, message)
        else:
            above.append(message)
    formset._non_form_errors = formset.error_class(above)


def used_rows(formset: forms.BaseFormSet, *, skip: str = "") -> list[forms.BaseForm]:
    """The rows a valid table sends to the service: filled in, not deleted (nor marked `skip`)."""
    return [
        f
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and not (skip and f.cleaned_data.get(skip))
    ]
