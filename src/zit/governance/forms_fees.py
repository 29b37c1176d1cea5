"""Forms of the fees pages: they parse input; the services check it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.association.models import Member
from zit.core.forms import AmountField
from zit.governance.models import FeeRule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OWN_KINDS = (("powiat", _("powiatu")), ("city", _("miasta na prawach powiatu")))


def _rate_field(label, **kwargs) -> AmountField:
    return AmountField(label=label, max_digits=8, decimal_places=4, **kwargs)


class FeeRuleForm(forms.Form):
    year = forms.IntegerField(label=_("Rok składki"), min_value=2000, max_value=2100)
    fixed_amount = AmountField(
        label=_("Kwota stała od członka (zł)"), max_digits=12, decimal_places=2, initial=0
    )
    per_inhabitant = _rate_field(_("Kwota od mieszkańca (zł)"), initial=0, help_text=_("Np. 0,50."))
    population_date = forms.DateField(
        label=_("Liczba mieszkańców na dzień"),
        widget=DATE,
        required=False,
        help_text=_(
            "Puste: 31 grudnia roku poprzedzającego. Bierzemy najnowszą liczbę z tego dnia lub sprzed niego."
        ),
    )
    minimum = AmountField(label=_("Składka minimalna (zł)"), max_digits=12, decimal_places=2, required=False)
    due_on = forms.DateField(label=_("Termin płatności"), widget=DATE, required=False)
    proration = forms.ChoiceField(
        label=_("Członek przystępujący lub występujący w trakcie roku"),
        choices=FeeRule.Proration.choices,
        widget=forms.RadioSelect,
        initial=FeeRule.Proration.MONTHS,
        help_text=_(
            "Proporcjonalnie: składka × liczba miesięcy, w których był członkiem choć jeden dzień / 12. "
            "Pełna: płaci pełną składkę każdy, kto jest członkiem w dniu ustalenia składu."
        ),
    )
    members_on = forms.DateField(
        label=_("Skład członków na dzień (dla składki pełnej)"),
        widget=DATE,
        required=False,
        help_text=_("Puste: 1 stycznia roku składki."),
    )
    note = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in OWN_KINDS:
            self.fields[f"{kind}_own"] = forms.BooleanField(
                label=_("Osobne stawki dla %(k)s") % {"k": label}, required=False
            )
            self.fields[f"{kind}_fixed_amount"] = AmountField(
                label=_("Kwota stała dla %(k)s (zł)") % {"k": label},
                max_digits=12,
                decimal_places=2,
                required=False,
            )
            self.fields[f"{kind}_per_inhabitant"] = _rate_field(
                _("Kwota od mieszkańca dla %(k)s (zł)") % {"k": label}, required=False
            )
            self.fields[f"{kind}_minimum"] = AmountField(
                label=_("Składka minimalna dla %(k)s (zł)") % {"k": label},
                max_digits=12,
                decimal_places=2,
                required=False,
            )

    @classmethod
    def initial_for(cls, rule: FeeRule) -> dict:
        initial = {
            name: getattr(rule, name)
            for name in (
                "year",
                "fixed_amount",
                "per_inhabitant",
                "population_date",
                "minimum",
                "due_on",
                "proration",
                "members_on",
                "note",
            )
        }
        for rate in rule.kind_rates.all():
            initial |= {
                f"{rate.kind}_own": True,
                f"{rate.kind}_fixed_amount": rate.fixed_amount,
                f"{rate.kind}_per_inhabitant": rate.per_inhabitant,
                f"{rate.kind}_minimum": rate.minimum,
            }
        return initial

    def general_fields(self) -> list:
        return [self[n] for n in ("year", "fixed_amount", "per_inhabitant", "population_date", "minimum")]

    def kind_fields(self) -> list:
        return [
            (label, [self[f"{kind}_{n}"] for n in ("own", "fixed_amount", "per_inhabitant", "minimum")])
            for kind, label in OWN_KINDS
        ]

    def other_fields(self) -> list:
        return [self[n] for n in ("due_on", "proration", "members_on", "note")]

    def service_args(self) -> dict:
        data = self.cleaned_data
        fields = {
            n: data[n]
            for n in (
                "year",
                "fixed_amount",
                "per_inhabitant",
                "population_date",
                "minimum",
                "due_on",
                "proration",
                "members_on",
                "note",
            )
        }
        kind_rates = [
            {
                "kind": kind,
                "fixed_amount": data[f"{kind}_fixed_amount"],
                "per_inhabitant": data[f"{kind}_per_inhabitant"],
                "minimum": data[f"{kind}_minimum"],
            }
            for kind, _label in OWN_KINDS
            if data[f"{kind}_own"]
        ]
        return fields | {"kind_rates": kind_rates}


class AdoptManualForm(forms.Form):
    number = forms.CharField(label=_("Numer uchwały Rady"), max_length=100, help_text=_("Np. XII/45/2025."))
    date = forms.DateField(label=_("Data uchwały"), widget=DATE)
    title = forms.CharField(label=_("Tytuł uchwały"), max_length=500, required=False)
    url = forms.URLField(label=_("Link do uchwały"), required=False)


class PopulationForm(forms.Form):
    value = forms.IntegerField(label=_("Liczba mieszkańców"), min_value=1)
    reference_date = forms.DateField(label=_("Stan na dzień"), widget=DATE)
    source_url = forms.URLField(
        label=_("Źródło (adres strony)"),
        required=False,
        help_text=_("Np. strona Banku Danych Lokalnych GUS."),
    )
    source_note = forms.CharField(
        label=_("Źródło (opis)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Gdy źródło nie ma adresu, np. „pismo urzędu gminy z 12 stycznia 2026 r.”."),
    )


def _members():
    return Member.objects.order_by("number")


class PaymentForm(forms.Form):
    booked_on = forms.DateField(label=_("Data wpływu"), widget=DATE, initial=dt.date.today)
    amount = AmountField(label=_("Kwota (zł)"), max_digits=12, decimal_places=2)
    payer_name = forms.CharField(label=_("Wpłacający"), max_length=300, required=False)
    title = forms.CharField(label=_("Tytuł przelewu"), required=False)
    member = forms.ModelChoiceField(
        label=_("Członek"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Puste: dopasujemy po tytule i wpłacającym, jak wpłatę z wyciągu."),
    )
    year = forms.IntegerField(
        label=_("Za rok"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("Puste: najstarszy rok z niezapłaconą składką."),
    )
    note = forms.CharField(label=_("Uwagi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("To nie jest duplikat — zapisz mimo to"), required=False
    )  # shown only when the payment looks like one already recorded

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _members()


class AssignForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Członek"), queryset=Member.objects.none())
    year = forms.IntegerField(label=_("Za rok"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _members()


class NotFeeForm(forms.Form):
    note = forms.CharField(label=_("Czym jest ta wpłata"), max_length=500)


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Wyciąg bankowy"),
        help_text=_(
            "CSV z bankowości internetowej (średnik lub przecinek, kodowanie UTF-8 albo Windows-1250) "
            "albo MT940 (.sta, .mt940, .txt)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.sta,.mt940,.940"}),
    )
