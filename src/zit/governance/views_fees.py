"""The office's fees pages: rules, assessments and balances, a member's account, payments, statements,
reminders. Reading needs FEES_VIEW (the office, the board, the audit committee); writing FEES_MANAGE."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zit.association.models import Member
from zit.core.importing import ImportRejected
from zit.core.roles import Perm, has_perm, require
from zit.core.tables import upload_bytes
from zit.core.views_helpers import apply_errors, paginate, whole_number
from zit.governance import fees
from zit.governance import fees_accounts as accounts
from zit.governance import fees_payments as payments
from zit.governance import fees_reminders as reminders
from zit.governance.forms_fees import (
    AdoptManualForm,
    AssignForm,
    FeeRuleForm,
    NotFeeForm,
    PaymentForm,
    PopulationForm,
    StatementForm,
)
from zit.governance.models import BankStatement, FeeAssessment, FeePayment, FeeRule


def _year(request) -> int:
    year = whole_number(request.GET.get("rok", ""), maximum=9999)
    if year:
        return year
    years = accounts.fee_years()
    return years[0] if years else timezone.localdate().year


@login_required
def rules(request):
    require(request.user, Perm.FEES_VIEW)
    return render(
        request,
        "governance/fees/rules.html",
        {"rules": FeeRule.objects.select_related("adopted_by").prefetch_related("kind_rates")},
    )


def _rule_form_page(request, rule: FeeRule | None):
    require(request.user, Perm.FEES_MANAGE)
    initial = FeeRuleForm.initial_for(rule) if rule else {"year": timezone.localdate().year + 1}
    form = FeeRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = fees.fee_rule_save(actor=request.user, rule=rule, **form.service_args())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano projekt zasad składek."))
            return redirect("fees:rule", pk=saved.pk)
    return render(request, "governance/fees/rule_form.html", {"form": form, "rule": rule})


@login_required
def rule_create(request):
    return _rule_form_page(request, None)


@login_required
def rule_edit(request, pk: int):
    rule = get_object_or_404(FeeRule, pk=pk)
    if rule.status != FeeRule.Status.DRAFT:
        messages.error(request, _("Zasady przyjęte uchwałą nie zmieniają się. Przygotuj nowy projekt."))
        return redirect("fees:rule", pk=rule.pk)
    return _rule_form_page(request, rule)


@login_required
def rule_detail(request, pk: int):
    require(request.user, Perm.FEES_VIEW)
    rule = get_object_or_404(
        FeeRule.objects.select_related("adopted_by").prefetch_related("kind_rates"), pk=pk
    )
    computations = fees.compute_all(rule)
    generated = FeeAssessment.objects.filter(rule=rule, status=FeeAssessment.Status.CURRENT).count()
    return render(
        request,
        "governance/fees/rule.html",
        {
            "rule": rule,
            "computations": computations,
            "missing": [c for c in computations if c.error],
            "total": sum((c.amount for c in computations if c.amount is not None), fees.ZERO),
            "population_day": fees.population_day(rule),
            "members_day": fees.members_day(rule),
            "kind_rates": [(fees.KIND_LABELS.get(r.kind, r.kind), r) for r in rule.kind_rates.all()],
            "generated": generated,
            "booked": FeePayment.objects.filter(year=rule.year, status=FeePayment.Status.MATCHED).exists(),
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
        },
    )


@login_required
def rule_adopt(request, pk: int):
    """A resolution adopted outside the platform: the office records its number and date."""
    require(request.user, Perm.FEES_MANAGE)
    rule = get_object_or_404(FeeRule, pk=pk)
    form = AdoptManualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fees.fee_rule_adopt_manual(actor=request.user, rule=rule, decision_fields=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano uchwałę; zasady składek są przyjęte."))
            return redirect("fees:rule", pk=rule.pk)
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Uchwała przyjęta poza platformą: %(r)s") % {"r": rule},
            "intro": _(
                "Gdy Rada przyjęła składki uchwałą głosowaną poza platformą, wpisz jej numer i datę. "
                "Wcześniej przyjęte zasady na ten sam rok zostaną oznaczone jako zastąpione."
            ),
            "submit": _("Zapisz uchwałę i przyjmij zasady"),
            "back_url": reverse("fees:rule", args=[rule.pk]),
        },
    )


@login_required
@require_POST
def rule_generate(request, pk: int):
    require(request.user, Perm.FEES_MANAGE)
    rule = get_object_or_404(FeeRule, pk=pk)
    try:
        created = fees.assessments_generate(actor=request.user, rule=rule)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("fees:rule", pk=rule.pk)
    messages.success(request, _("Naliczono składki: %(n)d.") % {"n": len(created)})
    return redirect(reverse("fees:assessments") + f"?rok={rule.year}")


@login_required
def population_enter(request, member_pk: int):
    require(request.user, Perm.FEES_MANAGE)
    member = get_object_or_404(Member.objects.select_related("territory"), pk=member_pk)
    rule = FeeRule.objects.filter(pk=request.GET.get("zasady") or 0).first()
    day = fees.population_day(rule) if rule else None
    form = PopulationForm(request.POST or None, initial={"reference_date": day})
    if request.method == "POST" and form.is_valid():
        try:
            fees.member_population_enter(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano liczbę mieszkańców: %(m)s.") % {"m": member.name})
            return redirect("fees:rule", pk=rule.pk) if rule else redirect("fees:rules")
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Liczba mieszkańców: %(m)s") % {"m": member.name},
            "intro": _(
                "Liczba trafi do statystyk obszaru (%(u)s) z podanym źródłem i będzie widoczna także w diagnozie. "
                "Do składek bierzemy najnowszą liczbę z dnia wskazanego w zasadach lub sprzed niego."
            )
            % {"u": member.territory.name},
            "submit": _("Zapisz liczbę mieszkańców"),
            "back_url": reverse("fees:rule", args=[rule.pk]) if rule else reverse("fees:rules"),
        },
    )


@login_required
def assessments(request):
    require(request.user, Perm.FEES_VIEW)
    year = _year(request)
    rows = accounts.balances(user=request.user, year=year)
    return render(
        request,
        "governance/fees/assessments.html",
        {
            "year": year,
            "years": sorted(set(accounts.fee_years()) | {year}, reverse=True),
            "rows": rows,
            "totals": accounts.totals(rows),
            "rule": FeeRule.objects.filter(year=year, status=FeeRule.Status.ADOPTED).first(),
        },
    )


@login_required
def member_account(request, member_pk: int):
    require(request.user, Perm.FEES_VIEW)
    member = get_object_or_404(Member.objects.select_related("organisation"), pk=member_pk)
    return render(
        request,
        "governance/fees/member.html",
        {
            "account": accounts.member_account(user=request.user, member=member),
            "member": member,
            "reminders": member.fee_reminders.all()[:20],
            "contacts": reminders.contacts_for(member),
        },
    )


@login_required
def member_statement_pdf(request, member_pk: int):
    member = get_object_or_404(Member, pk=member_pk)
    pdf = accounts.statement_pdf(user=request.user, member=member)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="skladki-{member.slug}.pdf"'
    return response


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
        "governance/fees/payments.html",
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
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            payment = payments.payment_add(actor=request.user, **form.cleaned_data)
        except payments.PossibleDuplicate as exc:
            duplicate = exc.existing  # the box above the form says what it looks like, with a link
            form.add_error(
                "confirm_duplicate",
                _(
                    "Taka wpłata jest już zapisana. Zaznacz to pole, jeśli to osobna wpłata, i zapisz ponownie."
                ),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if payment.status == FeePayment.Status.MATCHED:
                messages.success(
                    request, _("Zapisano wpłatę: %(m)s, %(y)s r.") % {"m": payment.member, "y": payment.year}
                )
            else:
                messages.warning(
                    request, _("Zapisano wpłatę; nie rozpoznano członka, wpłata czeka na wyjaśnienie.")
                )
            return redirect("fees:payments")
    if duplicate is None:
        del form.fields["confirm_duplicate"]  # asked only about a payment that looks like a recorded one
    return render(
        request,
        "governance/fees/payment_form.html",
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
    return render(request, "governance/fees/payment.html", {"payment": payment})


@login_required
def review(request):
    """Payments waiting: assign each to a member and year, or say it is not a fee."""
    require(request.user, Perm.FEES_VIEW)
    waiting = FeePayment.objects.filter(status=FeePayment.Status.UNMATCHED).select_related("statement")
    statement_pk = request.GET.get("wyciag", "")
    if (statement_id := whole_number(statement_pk)) is not None:
        waiting = waiting.filter(statement_id=statement_id)
    page = paginate(request, waiting, per_page=20)
    rows = [
        (
            p,
            AssignForm(prefix=f"p{p.pk}", initial={"year": p.booked_on.year}),
            NotFeeForm(prefix=f"n{p.pk}"),
        )
        for p in page
    ]
    return render(
        request,
        "governance/fees/review.html",
        {
            "page": page,
            "rows": rows,
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
            "query_string": urlencode({"wyciag": statement_id}) if statement_id is not None else "",
        },
    )


@login_required
@require_POST
def payment_decide(request, pk: int):
    require(request.user, Perm.FEES_MANAGE)
    payment = get_object_or_404(FeePayment, pk=pk)
    try:
        if request.POST.get("action") == "not_fee":
            form = NotFeeForm(request.POST, prefix=f"n{pk}")
            if not form.is_valid():
                raise ValidationError(_("Napisz, czym jest ta wpłata."))
            payments.payment_mark_not_fee(actor=request.user, payment=payment, note=form.cleaned_data["note"])
            messages.success(request, _("Oznaczono: wpłata nie jest składką."))
        else:
            form = AssignForm(request.POST, prefix=f"p{pk}")
            if not form.is_valid():
                raise ValidationError(_("Wybierz członka i podaj rok."))
            payments.payment_assign(actor=request.user, payment=payment, **form.cleaned_data)
            messages.success(request, _("Przypisano wpłatę: %(m)s.") % {"m": form.cleaned_data["member"]})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith(reverse("fees:rules")) else "fees:review")


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
                content = upload_bytes(upload, max_bytes=payments.MAX_STATEMENT_SIZE)
                statement = payments.statement_import(
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
        "governance/fees/statements.html",
        {
            "form": form,
            "problems": problems,
            "page": paginate(request, BankStatement.objects.all()),
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
        },
    )


@login_required
def statement_detail(request, pk: int):
    require(request.user, Perm.FEES_VIEW)
    statement = get_object_or_404(BankStatement, pk=pk)
    return render(
        request,
        "governance/fees/statement.html",
        {
            "statement": statement,
            "held": statement.held_lines.select_related("member", "duplicate_of__member", "payment"),
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
            "payments": statement.payments.select_related("member").order_by("line_number", "pk"),
            "unmatched": statement.payments.filter(status=FeePayment.Status.UNMATCHED).count(),
        },
    )


@login_required
@require_POST
def statement_held_confirm(request, pk: int):
    require(request.user, Perm.FEES_MANAGE)
    statement = get_object_or_404(BankStatement, pk=pk)
    ids = [i for i in (whole_number(v) for v in request.POST.getlist("line")) if i is not None]
    try:
        booked = payments.statement_held_confirm(actor=request.user, statement=statement, line_ids=ids)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Zapisano wpłaty: %(n)d.") % {"n": len(booked)})
    return redirect("fees:statement", pk=statement.pk)


@login_required
def reminder_list(request):
    require(request.user, Perm.FEES_VIEW)
    year = _year(request)
    error = ""
    if request.method == "POST":
        require(request.user, Perm.FEES_MANAGE)
        chosen = [n for v in request.POST.getlist("members") if (n := whole_number(v)) is not None]
        try:
            sent = reminders.reminders_send(actor=request.user, year=year, member_ids=chosen)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Wysłano przypomnienia: %(n)d.") % {"n": len(sent)})
            return redirect(reverse("fees:reminders") + f"?rok={year}")
    last = reminders.last_reminders(user=request.user, year=year)
    return render(
        request,
        "governance/fees/reminders.html",
        {
            "year": year,
            "years": sorted(set(accounts.fee_years()) | {year}, reverse=True),
            "items": [
                (r, last.get(r.member.pk)) for r in reminders.reminders_preview(user=request.user, year=year)
            ],
            "error": error,
            "can_manage": has_perm(request.user, Perm.FEES_MANAGE),
            "bank_account": reminders.bank_account(),
        },
    )


@login_required
def demo_statement(request, fmt: str):
    """The fictional statements for trying the import."""
    from django.http import Http404

    from zit.governance.demo_fees import DEMO_CSV, DEMO_MT940

    require(request.user, Perm.FEES_VIEW)
    path = {"csv": DEMO_CSV, "mt940": DEMO_MT940}.get(fmt)
    if path is None:
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/csv" if fmt == "csv" else "text/plain")
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
