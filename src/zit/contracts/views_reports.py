"""Pages of what follows the grant contract on the card: progress information (the beneficiary writes and
passes it on, the office takes note or asks), the final payment and the durability period's statements and
monitoring information."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zit.contracts import durability, reports
from zit.contracts.forms import (
    AttachmentForm,
    DurabilityInfoForm,
    ExpenditureFormSet,
    ReportForm,
    ReportPeriodForm,
    SettlementForm,
    StatementForm,
)
from zit.contracts.lifecycles import REPORT
from zit.contracts.models import ProgressReport, ReportAttachment
from zit.contracts.views import card_url, contract_act, section_page, table_errors
from zit.core.form_flow import fire, rows_data, submit
from zit.projects import selectors

# --- progress information


def _report(request, pk: int, report_pk: int):
    card = selectors.card_get(user=request.user, pk=pk)  # whoever may read the card may read its reports
    report = get_object_or_404(
        ProgressReport.objects.select_related("contract"), pk=report_pk, contract__card=card
    )
    return card, report


@login_required
def report_new(request, pk: int):
    card = selectors.card_get(user=request.user, pk=pk)
    contract = getattr(card, "contract", None)
    if contract is None or not reports.may_write(request.user, contract):
        raise PermissionDenied(
            _("Informację o postępie przekazują użytkownicy beneficjenta projektu z umową.")
        )
    form = ReportPeriodForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: reports.report_create(actor=request.user, contract=contract, **form.cleaned_data),
        success=lambda report: reverse("contracts:report", args=[card.pk, report.pk]),
    )
    if done:
        return done
    return section_page(
        request,
        card,
        form,
        "report",
        _(
            "Informacja o postępie jest dobrowolna i krótka: obejmuje okres w czasie realizacji (okresy nie "
            "mogą się nakładać), a do przekazania wystarczy opis postępu."
        ),
    )


@login_required
def report_detail(request, pk: int, report_pk: int):
    card, report = _report(request, pk, report_pk)
    writer = report.editable and reports.may_write(request.user, report.contract)
    form = expenditure = None
    if writer:
        data, adding = rows_data(request, "wydatki")
        if data is not None and data.get("akcja") not in (None, "zapisz"):
            data = None  # the attachment's form
        form = ReportForm(data, report=report)
        expenditure = ExpenditureFormSet(
            data,
            initial=[
                {"year": e.year, "category": e.category, "amount_pln": e.amount_pln}
                for e in report.expenditure.all()
            ],
            prefix="wydatki",
        )

        def save():
            rows = [
                (f.cleaned_data["year"], f.cleaned_data["category"], f.cleaned_data["amount_pln"])
                for f in expenditure.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            return reports.report_save(
                actor=request.user,
                report=report,
                data=reports.ReportData(
                    form.cleaned_data["narrative"], rows, form.indicators(), form.milestones()
                ),
            )

        if data is not None:
            done = submit(
                request,
                [form, expenditure],
                save,
                success=reverse("contracts:report", args=[card.pk, report.pk]),
                message=_("Zapisano informację o postępie."),
                adding=adding,
                route_errors=lambda exc: table_errors(exc, form, {"expenditure": expenditure}),
            )
            if done:
                return done
    if request.method == "POST" and request.POST.get("akcja") == "zalacz":
        return _report_attach(request, card, report, writer)
    return render(
        request,
        "contracts/report.html",
        {
            "card": card,
            "report": report,
            "writer": writer,
            "actions": reports.report_actions(user=request.user, report=report),
            "form": form,
            "expenditure": expenditure,
            "attachment_form": AttachmentForm(),
            "total": sum((e.amount_pln for e in report.expenditure.all()), Decimal(0)),
        },
    )


def _report_attach(request, card, report, writer: bool):
    if not writer:
        raise PermissionDenied(_("Nie możesz wykonać tej czynności."))
    try:
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Wybierz plik do dołączenia."))
        reports.report_attach(actor=request.user, report=report, file=form.cleaned_data["file"])
        messages.success(request, _("Dołączono plik."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("contracts:report", pk=card.pk, report_pk=report.pk)


REPORT_DONE = {
    "pass_on": gettext_lazy("Informacja o postępie przekazana biuru."),
    "note": gettext_lazy("Informacja o postępie odnotowana."),
    "ask": gettext_lazy("Pytanie przekazane beneficjentowi."),
}


@login_required
@require_POST
def report_transition(request, pk: int, report_pk: int, name: str):
    card, report = _report(request, pk, report_pk)
    if not REPORT.has(name) or REPORT.transition(name).automatic:
        raise Http404
    return fire(
        request,
        lambda reason, confirmed: reports.report_transition(
            actor=request.user, report=report, name=name, reason=reason
        ),
        success=reverse("contracts:report", args=[card.pk, report.pk]),
        message=str(REPORT_DONE[name]),
    )


@login_required
def report_attachment(request, pk: int, report_pk: int, attachment_pk: int):
    _card, report = _report(request, pk, report_pk)
    attachment = get_object_or_404(ReportAttachment, pk=attachment_pk, report=report)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=str(attachment))


# --- completion and durability


def _posted_date(request, name: str):
    try:
        return forms.DateField().clean(request.POST.get(name))
    except ValidationError:
        return None


@login_required
def card_settlement(request, pk: int):
    card, contract, refused = contract_act(request, pk, "settle")
    if refused:
        return refused
    day = _posted_date(request, "final_payment_on") if request.method == "POST" else None
    warnings = durability.settle_warnings(contract, day)
    form = SettlementForm(
        request.POST or None,
        warned=bool(warnings),
        initial={"durability_years": contract.durability_years or durability.default_years()},
    )

    def settle():
        d = form.cleaned_data
        return durability.contract_settle(
            actor=request.user,
            contract=contract,
            final_payment_on=d["final_payment_on"],
            reference=d["reference"],
            durability_years=d["durability_years"],
            reason=d.get("reason", ""),
            confirmed=bool(d.get("confirmed")),
        )

    done = submit(
        request,
        form,
        settle,
        success=f"{card_url(card)}#durability",
        message=_("Zapisano płatność końcową; od jej daty liczy się okres trwałości."),
    )
    return done or render(
        request,
        "contracts/settle_form.html",
        {"card": card, "contract": contract, "form": form, "warnings": warnings},
    )


@login_required
def card_statement(request, pk: int):
    card, contract, refused = contract_act(request, pk, "durability_statement")
    if refused:
        return refused
    missing = durability.statements_missing(contract)
    form = StatementForm(
        request.POST or None, initial={"year": missing[0] if missing else timezone.localdate().year}
    )
    done = submit(
        request,
        form,
        lambda: durability.statement_submit(actor=request.user, contract=contract, **form.cleaned_data),
        success=f"{card_url(card)}#durability",
        message=_("Złożono oświadczenie o trwałości."),
    )
    return done or section_page(request, card, form, "statement")


@login_required
def card_durability_info(request, pk: int):
    card, contract, refused = contract_act(request, pk, "durability_info")
    if refused:
        return refused
    form = DurabilityInfoForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: durability.durability_info_record(actor=request.user, contract=contract, **form.cleaned_data),
        success=f"{card_url(card)}#durability",
        message=_("Zapisano informację o trwałości."),
    )
    return done or section_page(
        request,
        card,
        form,
        "durability_info",
        _(
            "Biuro monitoruje trwałość i informuje: zapisz, czego się dowiedziało i skąd. Sygnał możliwego "
            "naruszenia przekaż do IZ; kontroluje i stwierdza naruszenie IZ (okres trwałości: art. 65 rozporządzenia "
            "2021/1060)."
        ),
    )
