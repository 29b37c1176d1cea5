"""The office's page replacing many members' representatives at once (after local elections): pick the date and
what the change covers, decide row by row, see the preview, confirm. The service plans, checks and writes
(zit.association.replacement); this view parses the table and shows what the service says."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import gettext as _

from zit.association import replacement
from zit.association.forms import ChangeRowFormSet, ChangeScopeForm
from zit.core.form_flow import all_valid
from zit.core.formatting import format_date, with_data
from zit.core.roles import Perm, require

CONFIRM = "zapisz"
FINGERPRINT = "podglad"


def _choices(formset) -> list[replacement.Choice]:
    chosen = []
    for row in formset.forms:
        data = row.cleaned_data
        new = None
        if data["action"] == replacement.REPLACE and data.get("successor") is None:
            new = replacement.NewPerson(
                first_name=data.get("first_name", "").strip(),
                last_name=data.get("last_name", "").strip(),
                email=data.get("email", "").strip(),
            )
        chosen.append(
            replacement.Choice(
                key=data["key"], action=data["action"], successor=data.get("successor"), new_person=new
            )
        )
    return chosen


def _route(formset, exc: ValidationError) -> None:
    """The service's errors next to the rows they name; the rest above the table."""
    general = []
    by_key = {row["key"].value(): row for row in formset.forms}
    for key, texts in (exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}).items():
        if key in by_key:
            for text in texts:
                by_key[key].add_error(None, text)
        else:
            general += texts
    if general:
        formset._non_form_errors = formset.error_class(general)


def _saved_messages(request, plan: replacement.Plan) -> None:
    messages.success(
        request,
        _("Zapisano zmianę reprezentantów nr %(ref)s: zakończone funkcje i mandaty: %(e)d, nowe: %(s)d.")
        % {"ref": plan.reference, "e": len(plan.endings), "s": len(plan.starts)},
    )
    for vacancy in plan.vacancies:
        messages.warning(
            request,
            with_data(
                _(
                    "Funkcja %(role)s w organie %(body)s jest nieobsadzona od %(day)s (dotąd: %(person)s). "
                    "Wybiera ją organ: zapisz wybór jako nowy mandat; do tego czasu przypomina o niej "
                    "skrzynka zadań."
                ),
                role=escape(vacancy.role_label),
                body=vacancy.body.name,
                day=escape(format_date(plan.day)),
                person=str(vacancy.previous),
            ),
        )


@login_required
def representatives_change(request):
    # the service checks the same rights again; here they decide whether the page opens at all
    replacement.require_change_rights(request.user)
    scope = ChangeScopeForm(request.GET if "dzien" in request.GET else None)
    context = {"scope": scope, "rows": None}
    if not scope.is_bound or not scope.is_valid():
        return render(request, "staff/representatives_change.html", context)
    day = scope.cleaned_data["dzien"]
    rows = replacement.representatives_for_change(
        user=request.user,
        day=day,
        bodies=list(scope.cleaned_data["organ"]),
        functions=scope.cleaned_data["funkcja"],
    )
    by_key = {r.key: r for r in rows}
    formset = ChangeRowFormSet(
        request.POST if request.method == "POST" else None,
        initial=[{"key": r.key, "action": replacement.KEEP} for r in rows],
        prefix="zmiana",
    )
    plan = fingerprint = None
    if request.method == "POST":
        require(request.user, Perm.MEMBERS_EDIT)
        if all_valid(formset):
            choices = _choices(formset)
            try:
                if all(c.action == replacement.KEEP for c in choices):
                    raise ValidationError(
                        _(
                            "Nic do zmiany: wybierz „zastąp następcą” albo „zakończ bez następcy” w co najmniej "
                            "jednym wierszu."
                        )
                    )
                fingerprint = replacement.plan_fingerprint(day, choices, rows)
                if CONFIRM in request.POST and request.POST.get(FINGERPRINT) == fingerprint:
                    plan = replacement.representatives_change(
                        actor=request.user, day=day, rows=rows, choices=choices
                    )
                    _saved_messages(request, plan)
                    return HttpResponseRedirect(request.get_full_path(), status=303)
                plan = replacement.representatives_change_plan(
                    actor=request.user, day=day, rows=rows, choices=choices
                )
                if CONFIRM in request.POST:
                    messages.info(
                        request,
                        _(
                            "Po podglądzie zmieniono wybór. Nic nie zapisano: sprawdź nowy podgląd i zatwierdź."
                        ),
                    )
            except ValidationError as exc:
                plan = fingerprint = None
                _route(formset, exc)
    table = [(by_key.get(row["key"].value()), row) for row in formset.forms]
    context |= {
        "day": day,
        "last_day": replacement.Plan(day=day).last_day,
        "formset": formset,
        "rows": table,
        "plan": plan,
        "fingerprint": fingerprint,
    }
    return render(request, "staff/representatives_change.html", context)
