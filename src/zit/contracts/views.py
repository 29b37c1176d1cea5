"""Pages of the grant contract on the card: the contract itself, amendments, termination, financial
corrections and what was recovered. Thin: the services and the lifecycle check permissions and rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.contracts.forms import (
    AmendmentForm,
    ContractForm,
    CorrectionForm,
    MilestoneFormSet,
    RecoveryForm,
    TerminationForm,
)
from zit.contracts.lifecycles import CONTRACT, CORRECTION
from zit.contracts.models import Amendment, Correction
from zit.contracts.services import (
    Amounts,
    amendment_add,
    contract_sign,
    contract_terminate,
    correction_add,
    correction_recovered,
    correction_transition,
)
from zit.core.form_flow import ADD_ROWS, rows_data, submit
from zit.core.lifecycle import Context
from zit.core.roles import Perm, require
from zit.core.services import decision_reference_create
from zit.projects import selectors, services
from zit.projects.forms import BudgetLineFormSet, IndicatorFormSet
from zit.projects.models import ProjectCard
from zit.projects.rows import budget_rows, line_initial, parties_of

SECTIONS = {  # lazy: read in the language of each request
    "termination": gettext_lazy("Rozwiązanie umowy"),
    "correction": gettext_lazy("Korekta finansowa"),
    "recovery": gettext_lazy("Kwota odzyskana"),
    "report": gettext_lazy("Nowa informacja o postępie"),
    "settlement": gettext_lazy("Płatność końcowa i okres trwałości"),
    "statement": gettext_lazy("Oświadczenie o trwałości"),
    "durability_info": gettext_lazy("Informacja o trwałości"),
}


def card_url(card: ProjectCard) -> str:
    from django.urls import reverse

    return reverse("projects:card", args=[card.pk])


def section_page(request, card, form, section: str, intro: str = "", **extra):
    """A one-form page under the card (the card's own section template), titled by the section."""
    return render(
        request,
        "projects/card_section.html",
        {"card": card, "form": form, "section": section, "title": SECTIONS[section], "intro": intro, **extra},
    )


def table_errors(exc: ValidationError, form, tables: dict) -> None:
    """Errors keyed by a table go above that table; the rest to the form's fields."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for key, table in tables.items():
        table._non_form_errors = table.error_class(errors.pop(key, []))
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _growing(request, *prefixes: str) -> list[str]:
    """The tables the "add rows" button grows: the one it names, or all of them."""
    wanted = request.POST.get(ADD_ROWS, "")
    return [p for p in prefixes if p == wanted] or list(prefixes)


def contract_of(request, pk: int):
    card = selectors.card_get(user=request.user, pk=pk)
    contract = getattr(card, "contract", None)
    if contract is None:
        raise Http404(_("Ten projekt nie ma jeszcze umowy."))
    return card, contract


def _kept(form) -> list:
    return [f.cleaned_data for f in form.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


@login_required
def card_contract(request, pk: int):
    require(request.user, Perm.PROJECTS_MANAGE)
    card = selectors.card_get(user=request.user, pk=pk)
    if not services.may_fire(request.user, card, "contract"):
        raise PermissionDenied(_("Umowę zapisuje się dla projektu wybranego do dofinansowania przez IZ."))
    tables = ("wiersze", "kamienie", "wskazniki")
    data, adding = rows_data(request, *_growing(request, *tables))
    form = ContractForm(
        data,
        initial={
            "starts_on": card.starts_on,
            "ends_on": card.ends_on,
            "total_pln": card.total_pln,
            "eligible_pln": card.eligible_pln,
            "eu_pln": card.eu_pln,
            "parties": _("Województwo Wielkopolskie (Instytucja Zarządzająca FEW 2021+) i %(b)s")
            % {"b": card.beneficiary},
        },
    )
    lines = BudgetLineFormSet(
        data,
        initial=[line_initial(line) for line in card.budget_lines.all()],
        organisations=parties_of(card),
        prefix="wiersze",
    )
    milestones = MilestoneFormSet(data, prefix="kamienie")
    indicators = IndicatorFormSet(
        data,
        initial=[
            {"indicator": i.indicator_id, "target_value": i.target_value, "target_year": i.target_year}
            for i in card.indicators.all()
        ],
        prefix="wskazniki",
        form_kwargs={"card": card},
    )

    def sign():
        d = form.cleaned_data
        return contract_sign(
            actor=request.user,
            card=card,
            number=d["number"],
            signed_on=d["signed_on"],
            parties=d["parties"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            amounts=Amounts(d["total_pln"], d["eligible_pln"], d["eu_pln"], budget_rows(lines)),
            milestones=[(m["name"], m["due_on"]) for m in _kept(milestones)],
            indicators=[(i["indicator"], i["target_value"], i["target_year"]) for i in _kept(indicators)],
        )

    done = submit(
        request,
        [form, lines, milestones, indicators],
        sign,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano umowę o dofinansowanie."),
        adding=adding,
        route_errors=lambda exc: table_errors(
            exc, form, {"lines": lines, "milestones": milestones, "indicators": indicators}
        ),
    )
    return done or render(
        request,
        "contracts/contract_form.html",
        {"card": card, "form": form, "lines": lines, "milestones": milestones, "indicators": indicators},
    )


def act_refused(request, card, name: str, *, obj, lifecycle=None):
    """Before an act's page: PermissionDenied when the user is not one who does it; when the lifecycle
    refuses the act now, its reason as a message and the way back to the contract; None when it may go on."""
    lifecycle = lifecycle or CONTRACT
    if not lifecycle.permits(request.user, obj, name):
        raise PermissionDenied(
            _("Nie możesz wykonać tej czynności („%(t)s”).") % {"t": lifecycle.transition(name).label}
        )
    reason = lifecycle.refusal(obj, name, Context(actor=request.user, today=timezone.localdate()))
    if reason:
        messages.error(request, reason)
        return redirect(f"{card_url(card)}#contract")
    return None


def contract_act(request, pk: int, name: str):
    card, contract = contract_of(request, pk)
    return card, contract, act_refused(request, card, name, obj=contract)


@login_required
def card_amendment(request, pk: int):
    card, contract, refused = contract_act(request, pk, "amend")
    if refused:
        return refused
    data, adding = rows_data(request, "wiersze")
    form = AmendmentForm(
        data,
        request.FILES or None,
        initial={
            "total_pln": contract.total_pln,
            "eligible_pln": contract.eligible_pln,
            "eu_pln": contract.eu_pln,
        },
    )
    lines = BudgetLineFormSet(
        data,
        initial=[line_initial(line) for line in contract.lines.all()],
        organisations=parties_of(card),
        prefix="wiersze",
    )

    def amend():
        d = form.cleaned_data
        return amendment_add(
            actor=request.user,
            contract=contract,
            number=d["number"],
            signed_on=d["signed_on"],
            reason=d["reason"],
            document=d["document"],
            ends_on=d.get("ends_on"),
            amounts=Amounts(d["total_pln"], d["eligible_pln"], d["eu_pln"], budget_rows(lines)),
        )

    done = submit(
        request,
        [form, lines],
        amend,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano aneks; poprzednie kwoty zostały w historii umowy."),
        adding=adding,
        route_errors=lambda exc: table_errors(exc, form, {"lines": lines}),
    )
    return done or render(
        request,
        "contracts/amendment_form.html",
        {"card": card, "contract": contract, "form": form, "lines": lines},
    )


@login_required
def amendment_file(request, pk: int, amendment_pk: int):
    card = selectors.card_get(user=request.user, pk=pk)  # whoever may read the card may read its amendments
    amendment = get_object_or_404(Amendment, pk=amendment_pk, contract__card=card)
    return FileResponse(
        amendment.document.open("rb"), as_attachment=True, filename=amendment.document.name.rsplit("/", 1)[-1]
    )


@login_required
def card_termination(request, pk: int):
    card, contract, refused = contract_act(request, pk, "terminate")
    if refused:
        return refused
    form = TerminationForm(request.POST or None)

    def terminate():
        return contract_terminate(actor=request.user, contract=contract, **form.cleaned_data)

    done = submit(
        request,
        form,
        terminate,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano rozwiązanie umowy; niewykorzystane dofinansowanie wraca do koperty."),
    )
    return done or section_page(request, card, form, "termination", _("Rozwiązania umowy nie da się cofnąć."))


@login_required
def card_correction(request, pk: int):
    card, contract = contract_of(request, pk)
    name = correction_transition(contract)  # after the final payment, the one that asks for a reason
    refused = act_refused(request, card, name, obj=contract)
    if refused:
        return refused
    needs_reason = CONTRACT.transition(name).reason_required
    form = CorrectionForm(request.POST or None, needs_reason=needs_reason)

    def correct():
        d = form.cleaned_data
        with transaction.atomic():  # the decision and the correction stand or fall together
            decision = decision_reference_create(
                actor=request.user,
                issuer_kind="managing_authority",
                issuer_name=d["decision_issuer"],
                kind="decyzja",
                number=d["decision_number"],
                date=d["decision_date"],
            )
            return correction_add(
                actor=request.user,
                contract=contract,
                found_on=d["found_on"],
                description=d["description"],
                eligible_pln=d["eligible_pln"],
                eu_pln=d["eu_pln"],
                decision=decision,
                reason=d.get("reason", ""),
            )

    done = submit(
        request,
        form,
        correct,
        success=f"{card_url(card)}#contract",
        message=_("Zapisano korektę; obniża ona kwoty projektu we wszystkich zestawieniach."),
    )
    intro = (
        _("Płatność końcowa jest już zapisana: korekta to jedyna zmiana, jaką umowa jeszcze przyjmuje.")
        if needs_reason
        else ""
    )
    return done or section_page(request, card, form, "correction", intro)


@login_required
def card_recovery(request, pk: int, correction_pk: int):
    card, _contract = contract_of(request, pk)
    correction = get_object_or_404(Correction, pk=correction_pk, contract__card=card)
    whole = "calosc" in request.GET  # "all of it came back": the form offers the whole amount
    name = "recover_all" if whole else "recover_part"
    refused = act_refused(request, card, name, obj=correction, lifecycle=CORRECTION)
    if refused:
        return refused
    form = RecoveryForm(
        request.POST or None,
        initial={"recovered_pln": correction.eu_pln if whole else correction.recovered_pln},
    )

    def recover():
        return correction_recovered(actor=request.user, correction=correction, **form.cleaned_data)

    done = submit(
        request, form, recover, success=f"{card_url(card)}#contract", message=_("Zapisano kwotę odzyskaną.")
    )
    return done or section_page(request, card, form, "recovery")


# --- progress reports
