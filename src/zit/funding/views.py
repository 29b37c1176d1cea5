"""The office's pages for the programme, the ZIT agreement, exchange rates and the indicator catalogue.
Thin: parse input, call one service or selector; the services check permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.exports import XLSX_TYPE, csv_response
from zit.core.form_flow import rows_data, submit
from zit.core.formatting import format_date, format_month, with_data
from zit.core.importing import ImportRejected
from zit.core.money import Money
from zit.core.roles import Perm, has_perm, require
from zit.core.selectors import audit_events_for_object
from zit.core.tables import read_table
from zit.core.views_helpers import apply_errors, paginate, whole_number
from zit.funding import catalogues, indicator_names, rate_updates, selectors, services
from zit.funding.forms import (
    AgreementForm,
    CompleteForm,
    ConvertForm,
    ImportForm,
    IndicatorForm,
    MeasureForm,
    ObligationForm,
    PriorityForm,
    ProgrammeForm,
    RateForm,
    RateRuleForm,
    SplitTotalForm,
    split_formset,
)
from zit.funding.models import Indicator, Measure, Obligation, Priority, RateRule, RateSeries
from zit.funding.rates import NoRate, convert


def _programme():
    programme = selectors.programme_current()
    if programme is None:
        raise Http404(_("Nie wczytano programu. Uruchom: manage.py load_funding."))
    return programme


def _agreement():
    agreement = selectors.agreement_current()
    if agreement is None:
        raise Http404(_("Nie wczytano porozumienia ZIT. Uruchom: manage.py load_funding."))
    return agreement


def _form_page(request, form, *, title: str, back, intro: str = "", submit: str | None = None):
    return render(
        request,
        "staff/form_page.html",
        {"form": form, "title": title, "intro": intro, "submit": submit or _("Zapisz"), "back": back},
    )


@login_required
def programme(request):
    require(request.user, Perm.FUNDING_VIEW)
    return render(
        request, "staff/funding_programme.html", {"programme": _programme(), "funds": selectors.funds()}
    )


@login_required
def programme_edit(request):
    require(request.user, Perm.FUNDING_EDIT)
    obj = _programme()
    form = ProgrammeForm(request.POST or None, instance=obj)
    done = submit(
        request,
        form,
        lambda: services.programme_update(actor=request.user, programme=obj, **form.cleaned_data),
        success=reverse("funding:programme"),
        message=_("Zapisano dane programu."),
    )
    if done:
        return done
    return _form_page(
        request, form, title=_("Dane programu %(p)s") % {"p": obj.cci}, back=("funding:programme", None)
    )


@login_required
def priority_form(request, pk: int | None = None):
    require(request.user, Perm.FUNDING_EDIT)
    obj = get_object_or_404(Priority, pk=pk) if pk else None
    form = PriorityForm(request.POST or None, instance=obj)
    done = submit(
        request,
        form,
        lambda: services.priority_save(
            actor=request.user, programme=_programme(), priority=obj, **form.cleaned_data
        ),
        success=reverse("funding:programme"),
        message=lambda obj: _("Zapisano priorytet %(n)s.") % {"n": obj.number},
    )
    if done:
        return done
    title = _("Priorytet %(n)s") % {"n": obj.number} if obj else _("Nowy priorytet")
    return _form_page(request, form, title=title, back=("funding:programme", None))


@login_required
def measure_form(request, pk: int | None = None):
    require(request.user, Perm.FUNDING_EDIT)
    obj = get_object_or_404(Measure, pk=pk) if pk else None
    form = MeasureForm(request.POST or None, instance=obj)
    done = submit(
        request,
        form,
        lambda: services.measure_save(
            actor=request.user, programme=_programme(), measure=obj, **form.cleaned_data
        ),
        success=reverse("funding:programme"),
        message=lambda obj: _("Zapisano działanie %(n)s.") % {"n": obj.number},
    )
    if done:
        return done
    title = _("Działanie %(n)s") % {"n": obj.number} if obj else _("Nowe działanie")
    return _form_page(
        request,
        form,
        title=title,
        back=("funding:programme", None),
        intro=_(
            "Wpisuj nazwy i poziomy dofinansowania tak, jak w Szczegółowym Opisie Priorytetów (SZOP) i podawaj źródło."
        ),
    )


@login_required
def agreement(request):
    require(request.user, Perm.FUNDING_VIEW)
    obj = _agreement()
    status = request.GET.get("status", "open")
    if status not in selectors.OBLIGATION_FILTERS:
        status = "open"
    return render(
        request,
        "staff/funding_agreement.html",
        {
            "agreement": obj,
            "summary": selectors.allocation_summary(agreement=obj),
            "obligations": paginate(
                request, selectors.obligations_for(user=request.user, agreement=obj, status=status)
            ),
            "counts": selectors.obligation_counts(agreement=obj),
            "status": status,
            "today": timezone.localdate(),
            "history": audit_events_for_object(user=request.user, obj=obj)[:10]
            if has_perm(request.user, Perm.AUDIT_VIEW)
            else None,
        },
    )


@login_required
def agreement_edit(request):
    require(request.user, Perm.FUNDING_EDIT)
    obj = _agreement()
    form = AgreementForm(request.POST or None, instance=obj)
    done = submit(
        request,
        form,
        lambda: services.agreement_update(actor=request.user, agreement=obj, **form.cleaned_data),
        success=reverse("funding:agreement"),
        message=_("Zapisano dane porozumienia."),
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=_("Dane porozumienia ZIT"),
        back=("funding:agreement", None),
        intro=_("Kwotę alokacji zmienia się razem z jej podziałem, na stronie podziału."),
    )


@login_required
def split_edit(request):
    """The whole split in one table, saved all at once or not at all: every row's problem is shown on its row
    and in the summary, and everything typed stays; "add rows" adds empty ones without saving."""
    require(request.user, Perm.FUNDING_EDIT)
    obj = _agreement()
    programme = obj.programme
    lines = obj.allocation_lines.select_related("measure", "fund")
    initial = [{"measure": line.measure, "fund": line.fund, "amount_eur": line.amount_eur} for line in lines]
    data, adding = rows_data(request, "line")
    total_form = SplitTotalForm(data, initial={"total_eur": obj.total_eur})
    more = request.GET.get("wiersze", "")
    extra = min(n, 40) if (n := whole_number(more)) is not None else (3 if initial else 6)
    formset = split_formset(extra)(data, initial=initial, form_kwargs={"programme": programme}, prefix="line")
    split_errors: list[str] = []
    filled: list = []  # the forms of the rows sent to the service, in its order

    def save():
        filled[:] = [f for f in formset if f.cleaned_data.get("measure")]
        rows = [
            (f.cleaned_data["measure"], f.cleaned_data.get("fund"), f.cleaned_data["amount_eur"])
            for f in filled
        ]
        return services.allocation_split_replace(
            actor=request.user, agreement=obj, lines=rows, total_eur=total_form.cleaned_data["total_eur"]
        )

    def route(exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            split_errors.extend(exc.messages)
            return
        for key, errors in exc.error_dict.items():
            if key.startswith("lines."):
                _lines, index, field = key.split(".")
                for error in errors:
                    filled[int(index)].add_error(field, error)
            elif key == "total_eur":
                total_form.add_error("total_eur", errors)
            else:
                split_errors.extend(m for e in errors for m in e.messages)

    done = submit(
        request,
        [total_form, formset],
        save,
        adding=adding,
        success=reverse("funding:agreement"),
        message=_("Zapisano podział alokacji."),
        route_errors=route,
    )
    if done:
        return done
    return render(
        request,
        "staff/funding_split.html",
        {"agreement": obj, "total_form": total_form, "formset": formset, "split_errors": split_errors},
    )


@login_required
def obligation_form(request, pk: int | None = None):
    require(request.user, Perm.FUNDING_EDIT)
    obj = get_object_or_404(Obligation, pk=pk) if pk else None
    form = ObligationForm(
        request.POST or None, instance=obj, initial={"responsible": request.user.pk} if not obj else None
    )
    done = submit(
        request,
        form,
        lambda: services.obligation_save(
            actor=request.user, agreement=_agreement(), obligation=obj, **form.cleaned_data
        ),
        success=reverse("funding:agreement"),
        message=_("Zapisano obowiązek."),
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=with_data(_("Obowiązek: %(t)s"), t=obj) if obj else _("Nowy obowiązek z porozumienia"),
        back=("funding:agreement", None),
        intro=_(
            "Sprawozdania, zobowiązania wskaźnikowe i kamienie milowe z porozumienia. Monitoring ostrzega przed terminem osobę odpowiedzialną."
        ),
    )


@login_required
def obligation_complete(request, pk: int):
    require(request.user, Perm.FUNDING_EDIT)
    obj = get_object_or_404(Obligation, pk=pk)
    if request.method == "POST" and request.POST.get("reopen"):
        services.obligation_complete(actor=request.user, obligation=obj, completed_on=None)
        messages.success(request, _("Obowiązek znów jest otwarty."))
        return redirect("funding:agreement")
    form = CompleteForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: services.obligation_complete(
            actor=request.user, obligation=obj, completed_on=form.cleaned_data["completed_on"]
        ),
        success=reverse("funding:agreement"),
        message=_("Oznaczono jako wykonany: %(t)s.") % {"t": obj},
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=with_data(_("Wykonanie: %(t)s"), t=obj),
        back=("funding:agreement", None),
        submit=_("Oznacz jako wykonany"),
    )


@login_required
def rates(request):
    require(request.user, Perm.FUNDING_VIEW)
    series = request.GET.get("seria", RateSeries.EC_MONTHLY)
    if series not in RateSeries.values:
        series = RateSeries.EC_MONTHLY
    convert_form = ConvertForm(
        request.GET if "amount" in request.GET else None, initial={"on": timezone.localdate()}
    )
    conversion, conversion_error = None, ""
    if convert_form.is_bound and convert_form.is_valid():
        data = convert_form.cleaned_data
        try:
            conversion = convert(
                Money(data["amount"], data["currency"]),
                to="PLN" if data["currency"] == "EUR" else "EUR",
                on=data["on"],
                purpose=data["purpose"],
            )
        except NoRate as exc:
            conversion_error = str(exc)
    rules = selectors.rate_rules()
    return render(
        request,
        "staff/funding_rates.html",
        {
            "series": series,
            "series_choices": RateSeries.choices,
            "page": paginate(request, selectors.rates(user=request.user, series=series), per_page=24),
            "rules": [(purpose, label, rules.get(purpose)) for purpose, label in RateRule.Purpose.choices],
            "convert_form": convert_form,
            "conversion": conversion,
            "conversion_error": conversion_error,
            "fetch": rate_updates.fetch_status(),
        },
    )


@login_required
def rate_form(request):
    require(request.user, Perm.FUNDING_EDIT)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate = catalogues.rate_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            when = (
                format_month(rate.rate_date)
                if rate.series == RateSeries.EC_MONTHLY
                else format_date(rate.rate_date)
            )
            messages.success(request, _("Zapisano kurs na %(d)s.") % {"d": when})
            return redirect(f"{reverse('funding:rates')}?seria={rate.series}")
    return _form_page(
        request,
        form,
        title=_("Nowy kurs EUR"),
        back=("funding:rates", None),
        intro=_(
            "Kurs księgowy KE (InforEuro) obowiązuje przez cały miesiąc. Wpisanie kursu na datę, która już ma kurs, poprawia go (zmiana trafia do dziennika)."
        ),
    )


@login_required
def rule_form(request, purpose: str):
    require(request.user, Perm.FUNDING_EDIT)
    if purpose not in RateRule.Purpose.values:
        raise Http404
    rule = RateRule.objects.filter(purpose=purpose).first()
    form = RateRuleForm(request.POST or None, instance=rule)
    done = submit(
        request,
        form,
        lambda: catalogues.rate_rule_save(actor=request.user, purpose=purpose, **form.cleaned_data),
        success=reverse("funding:rates"),
        message=_("Zapisano regułę przeliczania."),
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=_("Reguła przeliczania: %(p)s") % {"p": RateRule.Purpose(purpose).label},
        back=("funding:rates", None),
        intro=_(
            "W serii KE obowiązuje kurs z miesiąca daty; w serii NBP – ostatni kurs opublikowany w tym dniu lub wcześniej. Wynik zaokrąglamy raz, do pełnego grosza lub centa (od 0,5 w górę)."
        ),
    )


@login_required
def indicators(request):
    require(request.user, Perm.FUNDING_VIEW)
    filters = {
        "query": request.GET.get("q", "").strip(),
        "kind": request.GET.get("rodzaj", ""),
        "origin": request.GET.get("pochodzenie", ""),
        "fund_scope": request.GET.get("fundusz", ""),
        "missing_polish": request.GET.get("bez_nazwy_pl") == "1",
    }
    found = selectors.indicators_search(**filters)
    if request.GET.get("format") == "csv":
        return _indicators_csv(found)
    query_string = request.GET.copy()
    query_string.pop("strona", None)
    return render(
        request,
        "staff/funding_indicators.html",
        {
            "page": paginate(request, found, per_page=50),
            "filters": filters,
            "kinds": Indicator.Kind.choices,
            "origins": Indicator.Origin.choices,
            "fund_scopes": selectors.indicator_fund_scopes(),
            "query_string": query_string.urlencode(),
        },
    )


def _indicators_csv(found) -> HttpResponse:
    """The Excel variant (BOM, `;`); the indicator import reads it back, whatever the separator."""
    return csv_response(
        "katalog-wskaznikow.csv",
        [
            "code",
            "kind",
            "origin",
            "fund",
            "name_pl",
            "name_en",
            "unit_pl",
            "unit_en",
            "additive",
            "policy_objective",
            "source",
        ],
        (
            [
                i.code or "",
                i.kind,
                i.origin,
                i.fund_scope,
                i.name_pl,
                i.name_en,
                i.unit_pl,
                i.unit_en,
                "tak" if i.additive else "nie",
                i.policy_objective,
                i.source,
            ]
            for i in found
        ),
    )


@login_required
def indicator_form(request, pk: int | None = None):
    require(request.user, Perm.FUNDING_EDIT)
    obj = get_object_or_404(Indicator, pk=pk) if pk else None
    form = IndicatorForm(
        request.POST or None, instance=obj, initial=None if obj else {"origin": Indicator.Origin.STRATEGY}
    )
    done = submit(
        request,
        form,
        lambda: catalogues.indicator_save(actor=request.user, indicator=obj, **form.cleaned_data),
        success=reverse("funding:indicators"),
        message=lambda obj: _("Zapisano wskaźnik %(c)s.") % {"c": obj.code or obj.display_name},
    )
    if done:
        return done
    return _form_page(
        request,
        form,
        title=_("Wskaźnik %(c)s") % {"c": obj.code or obj.name_en} if obj else _("Nowy wskaźnik"),
        back=("funding:indicators", None),
        intro=_("Polską nazwę i jednostkę wpisuj zgodnie ze Wspólną Listą Wskaźników Kluczowych 2021–2027."),
    )


@login_required
def import_page(request):
    require(request.user, Perm.FUNDING_EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, done = [], None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        if data["kind"] == "rates" and not data["series"]:
            form.add_error("series", _("Wybierz serię kursów."))
        else:
            try:
                if data["kind"] == "indicator_names":
                    table = indicator_names.names_table(upload.name, upload)
                else:
                    table = read_table(upload.name, upload)
                if data["kind"] == "measures":
                    done = services.measures_import(actor=request.user, programme=_programme(), table=table)
                elif data["kind"] == "allocations":
                    done = {
                        "lines": len(
                            services.allocations_import(
                                actor=request.user, agreement=_agreement(), table=table
                            )
                        )
                    }
                elif data["kind"] == "rates":
                    done = catalogues.rates_import(actor=request.user, series=data["series"], table=table)
                elif data["kind"] == "indicator_names":
                    done = indicator_names.indicator_names_import(actor=request.user, table=table)
                else:
                    done = catalogues.indicators_import(actor=request.user, table=table)
            except ImportRejected as exc:
                problems = exc.report.problems
    return render(request, "staff/funding_import.html", {"form": form, "problems": problems, "done": done})


@login_required
def indicator_names_template(request, fmt: str):
    """The file to fill in with Polish names: every catalogued code with its Polish name so far and, for
    reference, its English one."""
    require(request.user, Perm.FUNDING_EDIT)
    if fmt == "csv":
        body, content_type = indicator_names.template_csv(), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, content_type = indicator_names.template_xlsx(), XLSX_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="polskie-nazwy-wskaznikow.{fmt}"'
    return response
