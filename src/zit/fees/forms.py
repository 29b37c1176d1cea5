"""Forms of the fees pages: they parse input; the services check it."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from zit.association.models import Member
from zit.core.forms import AmountField
from zit.fees.models import FeeRule

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

    @classmethod
    def initial_for(cls, rule: FeeRule) -> dict:
        return {
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

    def general_fields(self) -> list:
        return [self[n] for n in ("year", "fixed_amount", "per_inhabitant", "population_date", "minimum")]

    def other_fields(self) -> list:
        return [self[n] for n in ("due_on", "proration", "members_on", "note")]

    def service_args(self) -> dict:
        data = self.cleaned_data
        return {
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


RATE_FIELDS = ("fixed_amount", "per_inhabitant", "minimum")


class KindRateForm(forms.Form):
    """One row of the table of own rates: a kind of member and its amounts."""

    kind = forms.ChoiceField(label=_("Rodzaj członka"), required=False)
    fixed_amount = AmountField(label=_("Kwota stała (zł)"), max_digits=12, decimal_places=2, required=False)
    per_inhabitant = _rate_field(_("Kwota od mieszkańca (zł)"), required=False)
    minimum = AmountField(label=_("Składka minimalna (zł)"), max_digits=12, decimal_places=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = dict(Member.Kind.choices)
        self.fields["kind"].choices = [("", _("– wybierz –"))] + [(k, kinds[k]) for k, _label in OWN_KINDS]

    def clean(self):
        data = super().clean()
        typed = any(data.get(n) is not None for n in RATE_FIELDS)
        if typed and not data.get("kind"):
            self.add_error("kind", _("Wybierz rodzaj członka, którego dotyczą te stawki."))
        for name in RATE_FIELDS:
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Kwota nie może być ujemna."))
        return data


class BaseKindRateFormSet(forms.BaseFormSet):
    def clean(self):
        seen: dict[str, int] = {}
        for number, form in enumerate(self.forms, start=1):
            kind = (getattr(form, "cleaned_data", None) or {}).get("kind")
            if not kind or form.cleaned_data.get("DELETE"):
                continue
            if kind in seen:
                form.add_error(
                    "kind", _("Ten rodzaj członka ma już stawki w wierszu %(n)d.") % {"n": seen[kind]}
                )
            else:
                seen[kind] = number

    def kind_rates(self) -> list[dict]:
        """The rows filled in, as `fees.fee_rule_save` takes them."""
        return [
            {"kind": f.cleaned_data["kind"], **{n: f.cleaned_data.get(n) for n in RATE_FIELDS}}
            for f in self.forms
            if f.cleaned_data.get("kind") and not f.cleaned_data.get("DELETE")
        ]

    @staticmethod
    def initial_for(rule: FeeRule | None) -> list[dict]:
        if rule is None:
            return []
        return [{"kind": r.kind, **{n: getattr(r, n) for n in RATE_FIELDS}} for r in rule.kind_rates.all()]


KindRateFormSet = forms.formset_factory(
    KindRateForm, formset=BaseKindRateFormSet, extra=2, can_delete=True, max_num=len(OWN_KINDS) + 10
)


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


class ReviewRowForm(forms.Form):
    """One payment of the review table: a member and year, or what the payment is if not a fee; a row left
    empty stays waiting."""

    payment = forms.IntegerField(widget=forms.HiddenInput)
    member = forms.ModelChoiceField(label=_("Członek"), queryset=Member.objects.none(), required=False)
    year = forms.IntegerField(label=_("Za rok"), min_value=2000, max_value=2100, required=False)
    not_fee = forms.CharField(label=_("Albo: czym jest, jeśli nie składką"), max_length=500, required=False)

    def __init__(self, *args, member_choices: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = _members()
        if member_choices is not None:
            self.fields["member"].choices = member_choices  # read once for the whole table

    def clean(self):
        data = super().clean()
        member, not_fee = data.get("member"), (data.get("not_fee") or "").strip()
        if member is not None and not_fee:
            self.add_error("not_fee", _("Wybierz członka albo opisz wpłatę, nie jedno i drugie."))
        elif member is not None and not data.get("year"):
            self.add_error("year", _("Podaj rok składki."))
        elif member is None and data.get("year") and not not_fee:
            self.add_error("member", _("Wybierz członka, któremu przypisać wpłatę."))
        return data

    @property
    def decided(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return data.get("member") is not None or bool((data.get("not_fee") or "").strip())


class BaseReviewFormSet(forms.BaseFormSet):
    """Every row offers the same members: the list is read once, not once per row."""

    @cached_property
    def member_choices(self) -> list:
        return list(forms.ModelChoiceField(queryset=_members(), required=False).choices)

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"member_choices": self.member_choices}


ReviewFormSet = forms.formset_factory(ReviewRowForm, formset=BaseReviewFormSet, extra=0)


class HeldConfirmForm(forms.Form):
    line = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [(h.pk, str(h.line_number)) for h in lines]


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Wyciąg bankowy"),
        help_text=_(
            "CSV z bankowości internetowej (średnik lub przecinek, kodowanie UTF-8 albo Windows-1250) "
            "albo MT940 (.sta, .mt940, .txt)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.sta,.mt940,.940"}),
    )
