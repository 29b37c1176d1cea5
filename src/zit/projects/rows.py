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


# --- the budget table by organisation and year, shared by the card and the grant contract


def budget_rows(lines: forms.BaseFormSet) -> list[Any]:
    """The budget table's rows as the services take them (rows left empty or deleted are not sent)."""
    from zit.projects.services import BudgetRow

    return [
        BudgetRow(
            f.cleaned_data["organisation"],
            f.cleaned_data["year"],
            f.cleaned_data["total_pln"],
            f.cleaned_data["eligible_pln"],
            f.cleaned_data["eu_pln"],
        )
        for f in lines.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.cleaned_data.get("unused")
    ]


def line_initial(line: Any) -> dict[str, Any]:
    return {
        "organisation": line.organisation_id,
        "year": line.year,
        "total_pln": line.total_pln,
        "eligible_pln": line.eligible_pln,
        "eu_pln": line.eu_pln,
    }


def parties_of(card: Any) -> Any:
    """The organisations a budget line may name: the applicant and the card's partners."""
    from zit.organisations.models import Organisation

    return Organisation.objects.filter(
        pk__in=[card.beneficiary_id, *card.partners.values_list("organisation_id", flat=True)]
    ).order_by("name")
