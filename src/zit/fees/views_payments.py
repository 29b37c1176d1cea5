"""The office's fees pages of money received: payments, the review of unmatched ones, bank statements and their
held lines. Reading needs FEES_VIEW (the office, the board, the audit committee); writing FEES_MANAGE."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zit.core.form_flow import fire, submit
from zit.core.formatting import format_amount, format_date
from zit.core.importing import ImportRejected
from zit.core.lifecycle import Context
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import upload_bytes
from zit.core.templatetags.zit import pl
from zit.core.views_helpers import apply_errors, paginate, whole_number
from zit.fees import accounts, payments
from zit.fees import statements as bank_statements
from zit.fees.forms import (
    AssignForm,
    HeldConfirmForm,
    NotFeeForm,
    PaymentForm,
    ReviewFormSet,
    StatementForm,
)
from zit.fees.lifecycles import PAYMENT
from zit.fees.models import BankStatement, FeePayment

STATUS_FILTERS = {"": {}, **{s: {"status": s} for s in FeePayment.Status.values}}


@login_required
def payment_list(request):
    require(request.user, Perm.FEES_VIEW)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("stan", "")
    status = status if status in STATUS_FILTERS else ""
    items = FeePayment.objects.select_related("member", "statement").filter(**STATUS_FILTERS[status])
    if query:
        items = items.filter(
            Q(title__icontains=query)
            | Q(payer_name__icontains=query)
            | Q(member__name__icontains=query)
            | Q(bank_reference__icontains=query)
        )
    params = {k: v for k, v in {"q": query, "stan": status}.items() if v}
    return render(
        request,
        "fees/payments.html",
        {
            "page": paginate(request, items, per_page=50),
            "query": query,
            "status": status,
            "statuses": FeePayment.Status.choices,
            "query_string": urlencode(params),
        },
    )


@login_required
def payment_create(request):
    require(request.user, Perm.FEES_MANAGE)
    form = PaymentForm(request.POST or None)
    found: dict[str, FeePayment] = {}

    def route(exc: ValidationError) -> None:
        if isinstance(exc, payments.PossibleDuplicate):
            found["duplicate"] = exc.existing  # the box above the form says what it looks like, with a link
            form.add_error(
                "confirm_duplicate",
                _(
                    "Taka wpłata jest już zapisana. Zaznacz to pole, jeśli to osobna wpłata, i zapisz ponownie."
                ),
            )
        else:
            apply_errors(form, exc)

    def saved_message(payment: FeePayment) -> str:
        if payment.member_id:
            return _("Zapisano wpłatę: %(m)s, %(y)s r.") % {"m": payment.member, "y": payment.year}
        return _("Zapisano wpłatę; nie rozpoznano członka, wpłata czeka na wyjaśnienie.")

    done = submit(
        request,
        form,
        lambda: payments.payment_add(actor=request.user, **form.cleaned_data),
        success=reverse("fees:payments"),
        message=saved_message,
        route_errors=route,
    )
    if done:
        return done
    duplicate = found.get("duplicate")
    if duplicate is None:
        del form.fields["confirm_duplicate"]  # asked only about a payment that looks like a recorded one
    return render(
        request,
        "fees/payment_form.html",
        {
            "form": form,
            "duplicate": duplicate,
            "title": _("Nowa wpłata"),
            "intro": _("Wpisz wpłatę spoza wyciągu, np. z kasy. Wpłaty z banku wgrywaj wyciągiem."),
            "submit": _("Zapisz wpłatę"),
            "back": ("fees:payments",),
        },
    )


@login_required
def payment_detail(request, pk: int):
    require(request.user, Perm.FEES_VIEW)
    payment = get_object_or_404(FeePayment.objects.select_related("member", "statement"), pk=pk)
    return render(
        request,
        "fees/payment.html",
        {"payment": payment, "actions": accounts.payment_actions(user=request.user, payment=payment)},
    )


@login_required
def payment_assign(request, pk: int):
    """The payment's "assign": this member's fee for this year."""
    require(request.user, Perm.FEES_MANAGE)
    payment = get_object_or_404(FeePayment.objects.select_related("member"), pk=pk)
    back = reverse("fees:payment", args=[payment.pk])
    refused = PAYMENT.refusal(payment, "assign", Context(actor=request.user, today=timezone.localdate()))
    if refused:
        messages.error(request, refused)
        return redirect(back)
    initial = {"member": payment.member_id, "year": payment.year or payment.booked_on.year}
    form = AssignForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: payments.payment_assign(actor=request.user, payment=payment, **form.cleaned_data),
        success=back,
        message=lambda p: _("Przypisano wpłatę: %(m)s.") % {"m": p.member},
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Przypisz wpłatę z %(d)s: %(a)s")
            % {"d": format_date(payment.booked_on), "a": format_amount(payment.amount)},
            "intro": pl(payment.title),  # the transfer's title, as the bank gave it
            "submit": _("Przypisz"),
            "back_url": back,
        },
    )


@login_required
@require_POST
def payment_transition(request, pk: int, name: str):
    """A lifecycle button of the payment page that needs no form of its own ("not a fee", with its reason)."""
    require(request.user, Perm.FEES_MANAGE)
    payment = get_object_or_404(FeePayment, pk=pk)
    if name != "not_fee":
        raise Http404
    back = reverse("fees:payment", args=[payment.pk])
    return fire(
        request,
        lambda reason, confirmed: payments.payment_mark_not_fee(
            actor=request.user, payment=payment, note=reason, confirmed=confirmed
        ),
        success=back,
        message=_("Oznaczono: wpłata nie jest składką."),
    )


@login_required
def review(request):
    """Payments waiting, as one table: assign each to a member and year, or say it is not a fee; rows left
    empty keep waiting. All or nothing: one refused row saves nothing and says why next to it."""
    require(request.user, Perm.FEES_VIEW)
    waiting = FeePayment.objects.filter(status=FeePayment.Status.UNMATCHED).select_related("statement")
    statement_pk = request.GET.get("wyciag", "")
    if (statement_id := whole_number(statement_pk)) is not None:
        waiting = waiting.filter(statement_id=statement_id)
    page = paginate(request, waiting, per_page=20)
    can_manage = has_perm(request.user, Perm.FEES_MANAGE)
    by_pk = {p.pk: p for p in page}
    if request.method == "POST":
        require(request.user, Perm.FEES_MANAGE)
    initial = [{"payment": p.pk, "year": p.booked_on.year} for p in page]
    rows = ReviewFormSet(request.POST or None, initial=initial, prefix="wplaty")

    def decisions() -> list:
        chosen = []
        for row in rows.forms:
            data = row.cleaned_data
            payment = (
                by_pk.get(data.get("payment")) or FeePayment.objects.filter(pk=data.get("payment")).first()
            )
            if payment is None or not row.decided:
                continue
            chosen.append(
                payments.Decision(
                    payment=payment,
                    member=data.get("member"),
                    year=data.get("year"),
                    not_fee=(data.get("not_fee") or "").strip(),
                )
            )
        return chosen

    def route(exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            rows._non_form_errors = rows.error_class(exc.messages)
            return
        for row in rows.forms:
            for text in exc.message_dict.get(str(row.cleaned_data.get("payment")), []):
                row.add_error(None, text)

    here = request.get_full_path()
    done = submit(
        request,
        rows,
        lambda: payments.payments_decide(actor=request.user, decisions=decisions()),
        success=here,
        message=lambda done: (
            ngettext("Zapisano decyzję o %(n)d wpłacie.", "Zapisano decyzje o %(n)d wpłatach.", len(done))
            % {"n": len(done)}
        ),
        route_errors=route,
    )
    if done:
        return done
    payments_of = {p.pk: p for p in page}
    table = [(payments_of.get(whole_number(str(row["payment"].value())) or 0), row) for row in rows.forms]
    return render(
        request,
        "fees/review.html",
        {
            "page": page,
            "rows": rows,
            "table": [(p, row) for p, row in table if p is not None],
            "can_manage": can_manage,
            "query_string": urlencode({"wyciag": statement_id}) if statement_id is not None else "",
        },
    )


@login_required
@require_POST
def payment_decide(request, pk: int):
    """One payment's decision posted on its own (assign, or "not a fee" with its note)."""
    require(request.user, Perm.FEES_MANAGE)
    payment = get_object_or_404(FeePayment, pk=pk)
    back = request.POST.get("next", "")
    back = back if back.startswith(reverse("fees:rules")) else reverse("fees:review")
    if request.POST.get("action") == "not_fee":
        form = NotFeeForm(request.POST, prefix=f"n{pk}")
        done = submit(
            request,
            form,
            lambda: payments.payment_mark_not_fee(
                actor=request.user, payment=payment, note=form.cleaned_data["note"]
            ),
            success=back,
            message=_("Oznaczono: wpłata nie jest składką."),
        )
    else:
        form = AssignForm(request.POST, prefix=f"p{pk}")
        done = submit(
            request,
            form,
            lambda: payments.payment_assign(actor=request.user, payment=payment, **form.cleaned_data),
            success=back,
            message=lambda p: _("Przypisano wpłatę: %(m)s.") % {"m": p.member},
        )
    if done:
        return done
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)
    return redirect(back)


@login_required
@require_POST
def payments_rematch(request):
    require(request.user, Perm.FEES_MANAGE)
    matched = payments.payments_rematch(actor=request.user)
    messages.success(request, _("Dopasowano ponownie wpłaty: %(n)d.") % {"n": matched})
    return redirect("fees:review")


@login_required
def statements(request):
    require(request.user, Perm.FEES_VIEW)
    form = StatementForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST":
        require(request.user, Perm.FEES_MANAGE)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                content = upload_bytes(upload, max_bytes=bank_statements.MAX_STATEMENT_SIZE)
                statement = bank_statements.statement_import(
                    actor=request.user, file_name=upload.name, content=content
                )
            except ImportRejected as exc:
                problems = exc.report.problems
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Wczytano wyciąg."))
                if statement.held:
                    messages.warning(
                        request,
                        ngettext(
                            "%(n)d wiersz wygląda jak wpłata już zapisana albo inny wiersz tego pliku; "
                            "nie zapisano go. Sprawdź go poniżej.",
                            "%(n)d wiersze wyglądają jak wpłaty już zapisane albo inne wiersze tego pliku; "
                            "nie zapisano ich. Sprawdź je poniżej.",
                            statement.held,
                        )
                        % {"n": statement.held},
                    )
                return redirect("fees:statement", pk=statement.pk)
    return render(
        request,
        "fees/statements.html",
        {
            "form": form,
            "problems": problems,
            "page": paginate(request, BankStatement.objects.all()),
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
        },
    )


def _statement_page(request, statement: BankStatement, form: HeldConfirmForm | None = None, errors=None):
    held = list(statement.held_lines.select_related("member", "duplicate_of__member", "payment"))
    form = form or HeldConfirmForm(lines=held)
    return render(
        request,
        "fees/statement.html",
        {
            "statement": statement,
            "held": accounts.held_rows(user=request.user, lines=held, form=form, errors=errors or {}),
            "held_errors": [(h, e) for h in held for e in (errors or {}).get(str(h.pk), [])],
            "form": form,
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
            "payments": statement.payments.select_related("member").order_by("line_number", "pk"),
            "unmatched": statement.payments.filter(status=FeePayment.Status.UNMATCHED).count(),
        },
    )


@login_required
def statement_detail(request, pk: int):
    require(request.user, Perm.FEES_VIEW)
    return _statement_page(request, get_object_or_404(BankStatement, pk=pk))


@login_required
@require_POST
def statement_held_confirm(request, pk: int):
    """The ticked held lines are separate payments: all are booked, or (one refused) none, with the reason
    next to the line and in the summary, the ticks kept."""
    require(request.user, Perm.FEES_MANAGE)
    statement = get_object_or_404(BankStatement, pk=pk)
    form = HeldConfirmForm(request.POST, lines=list(statement.held_lines.all()))
    errors: dict[str, list[str]] = {}

    def route(exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            errors.update(exc.message_dict)
            form.add_error(None, _("Nic nie zapisano: popraw zaznaczenie wierszy."))
        else:
            form.add_error(None, exc)

    done = submit(
        request,
        form,
        lambda: bank_statements.statement_held_confirm(
            actor=request.user, statement=statement, line_ids=form.cleaned_data["line"]
        ),
        success=reverse("fees:statement", args=[statement.pk]),
        message=lambda booked: _("Zapisano wpłaty: %(n)d.") % {"n": len(booked)},
        route_errors=route,
    )
    if done:
        return done
    return _statement_page(request, statement, form, errors)


@login_required
def demo_statement(request, fmt: str):
    """The fictional statements for trying the import."""
    from django.http import Http404

    from zit.fees.demo import DEMO_CSV, DEMO_MT940

    require(request.user, Perm.FEES_VIEW)
    path = {"csv": DEMO_CSV, "mt940": DEMO_MT940}.get(fmt)
    if path is None:
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/csv" if fmt == "csv" else "text/plain")
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
