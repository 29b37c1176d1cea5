"""The office's fees pages: rules, assessments and balances, a member's account and reminders (payments and
statements are in `views_payments`). Reading needs FEES_VIEW (the office, the board, the audit committee);
writing FEES_MANAGE."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.association.models import Member
from zit.core.form_flow import fire, rows_data, submit
from zit.core.lifecycle import Context
from zit.core.roles import Perm, has_perm, require
from zit.core.views_helpers import apply_errors, whole_number
from zit.fees import accounts, reminders
from zit.fees import rules as fees
from zit.fees.forms import (
    RATE_FIELDS,
    AdoptManualForm,
    FeeRuleForm,
    KindRateFormSet,
    PopulationForm,
)
from zit.fees.lifecycles import RULE
from zit.fees.models import FeeAssessment, FeePayment, FeeRule


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
        "fees/rules.html",
        {"rules": FeeRule.objects.select_related("adopted_by").prefetch_related("kind_rates")},
    )


def _rule_form_page(request, rule: FeeRule | None):
    require(request.user, Perm.FEES_MANAGE)
    initial = FeeRuleForm.initial_for(rule) if rule else {"year": timezone.localdate().year + 1}
    data, adding = rows_data(request, "stawki")
    form = FeeRuleForm(data, initial=initial)
    rates = KindRateFormSet(data, initial=KindRateFormSet.initial_for(rule), prefix="stawki")

    def route(exc: ValidationError) -> None:
        """The service's errors on a kind's amounts go to that kind's row; the rest to the form."""
        if not hasattr(exc, "error_dict"):
            apply_errors(form, exc)
            return
        rows = {f.cleaned_data.get("kind"): f for f in rates.forms if getattr(f, "cleaned_data", None)}
        rest = {}
        for key, texts in exc.message_dict.items():
            kind, _sep, name = key.partition("_")
            if kind in rows and name in RATE_FIELDS:
                for text in texts:
                    rows[kind].add_error(name, text)
            else:
                rest[key] = texts
        if rest:
            apply_errors(form, ValidationError(rest))

    done = submit(
        request,
        [form, rates],
        lambda: fees.fee_rule_save(
            actor=request.user, rule=rule, kind_rates=rates.kind_rates(), **form.service_args()
        ),
        success=lambda saved: reverse("fees:rule", args=[saved.pk]),
        message=_("Zapisano projekt zasad składek."),
        adding=adding,
        route_errors=route,
    )
    if done:
        return done
    return render(request, "fees/rule_form.html", {"form": form, "rates": rates, "rule": rule})


@login_required
def rule_create(request):
    return _rule_form_page(request, None)


@login_required
def rule_edit(request, pk: int):
    rule = get_object_or_404(FeeRule, pk=pk)
    refused = RULE.refusal(rule, "edit", Context(actor=request.user, today=timezone.localdate()))
    if refused:
        messages.error(request, refused)
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
        "fees/rule.html",
        {
            "rule": rule,
            "actions": accounts.rule_actions(user=request.user, rule=rule),
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
    back = reverse("fees:rule", args=[rule.pk])
    done = submit(
        request,
        form,
        lambda: fees.fee_rule_adopt_manual(actor=request.user, rule=rule, decision_fields=form.cleaned_data),
        success=back,
        message=_("Zapisano uchwałę; zasady składek są przyjęte."),
    )
    if done:
        return done
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
            "back_url": back,
        },
    )


@login_required
@require_POST
def rule_generate(request, pk: int):
    require(request.user, Perm.FEES_MANAGE)
    rule = get_object_or_404(FeeRule, pk=pk)
    return fire(
        request,
        lambda reason, confirmed: fees.assessments_generate(actor=request.user, rule=rule),
        success=lambda created: reverse("fees:assessments") + f"?rok={rule.year}",
        message=lambda created: _("Naliczono składki: %(n)d.") % {"n": len(created)},
        failure=reverse("fees:rule", args=[rule.pk]),
    )


@login_required
def population_enter(request, member_pk: int):
    require(request.user, Perm.FEES_MANAGE)
    member = get_object_or_404(Member.objects.select_related("territory"), pk=member_pk)
    rule = FeeRule.objects.filter(pk=whole_number(request.GET.get("zasady") or "") or 0).first()
    day = fees.population_day(rule) if rule else None
    form = PopulationForm(request.POST or None, initial={"reference_date": day})
    back = reverse("fees:rule", args=[rule.pk]) if rule else reverse("fees:rules")
    done = submit(
        request,
        form,
        lambda: fees.member_population_enter(actor=request.user, member=member, **form.cleaned_data),
        success=back,
        message=_("Zapisano liczbę mieszkańców: %(m)s.") % {"m": member.name},
    )
    if done:
        return done
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
            "back_url": back,
        },
    )


@login_required
def assessments(request):
    require(request.user, Perm.FEES_VIEW)
    year = _year(request)
    rows = accounts.balances(user=request.user, year=year)
    return render(
        request,
        "fees/assessments.html",
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
        "fees/member.html",
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
        "fees/reminders.html",
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
