from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zit.core.forms import AmountField, ShareField
from zit.core.roles import OFFICE
from zit.funding.models import (
    Agreement,
    Fund,
    Indicator,
    Measure,
    Obligation,
    Priority,
    Programme,
    RateRule,
    RateSeries,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RATE_HELP = _(
    "Część wydatków kwalifikowalnych: 0,70 albo 70%. Puste: obowiązuje poziom z priorytetu lub programu."
)


class _NoModelValidation:
    def _post_clean(self):
        pass  # the service validates; the view shows its errors on the fields


class ProgrammeForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name_pl",
            "name_en",
            "managing_authority",
            "approved_on",
            "eu_amount_eur",
            "max_cofinancing_rate",
            "source",
        ]
        widgets = {"approved_on": DATE, "source": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"eu_amount_eur": AmountField, "max_cofinancing_rate": ShareField}
        help_texts = {"max_cofinancing_rate": _("Np. 0,70 albo 70%.")}


class PriorityForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["number", "name_pl", "name_en", "fund", "max_cofinancing_rate", "source"]
        widgets = {"source": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"max_cofinancing_rate": ShareField}
        help_texts = {
            "max_cofinancing_rate": RATE_HELP,
            "source": _("Skąd pochodzą te dane: adres strony, dokument, data."),
        }


class MeasureForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "number",
            "name_pl",
            "name_en",
            "priority",
            "fund",
            "max_cofinancing_rate",
            "rate_source",
            "is_zit",
            "source",
        ]
        widgets = {
            "source": forms.Textarea(attrs={"rows": 3}),
            "rate_source": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"max_cofinancing_rate": ShareField}
        help_texts = {
            "max_cofinancing_rate": RATE_HELP,
            "rate_source": _(
                "Wymagane, gdy wpisujesz poziom dofinansowania: dokument i jego wersja, np. SZOP z 2025 r."
            ),
            "priority": _("Puste: ustalimy z numeru działania, jeśli priorytet jest w programie."),
            "source": _("Skąd pochodzą te dane: adres strony, dokument, data."),
        }


class AgreementForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "number", "signed_on", "parties", "source"]
        widgets = {
            "signed_on": DATE,
            "parties": forms.Textarea(attrs={"rows": 2}),
            "source": forms.Textarea(attrs={"rows": 3}),
        }


class SplitTotalForm(forms.Form):
    total_eur = AmountField(
        label=_("Kwota alokacji (EUR)"),
        max_digits=15,
        decimal_places=2,
        help_text=_("Zmieniaj tylko wtedy, gdy zmienia ją aneks do porozumienia."),
    )


class SplitLineForm(forms.Form):
    measure = forms.ModelChoiceField(label=_("Działanie"), queryset=Measure.objects.none(), required=False)
    fund = forms.ModelChoiceField(label=_("Fundusz"), queryset=Fund.objects.all(), required=False)
    amount_eur = AmountField(label=_("Kwota (EUR)"), max_digits=15, decimal_places=2, required=False)

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(programme=programme).select_related("fund")
        self.fields["measure"].label_from_instance = lambda m: (
            f"{m.number} {m.name_pl or ''} ({m.fund or '?'})".strip()
        )

    def clean(self):
        data = super().clean()
        if data.get("measure") and data.get("amount_eur") is None and "amount_eur" not in self.errors:
            self.add_error("amount_eur", _("Podaj kwotę dla tego działania."))
        if data.get("amount_eur") is not None and not data.get("measure"):
            self.add_error("measure", _("Wybierz działanie dla tej kwoty."))
        return data


def split_formset(extra: int):
    return forms.formset_factory(SplitLineForm, extra=extra, max_num=60, validate_max=True)


def office_users():
    from zit.accounts.models import RoleAssignment

    ids = RoleAssignment.objects.filter(role__in=list(OFFICE)).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


class ObligationForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Obligation
        fields = [
            "kind",
            "title",
            "description",
            "clause",
            "due_on",
            "responsible",
            "indicator",
            "target_value",
            "target_share",
        ]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}
        localized_fields = ["target_value"]
        field_classes = {"target_share": ShareField}
        help_texts = {
            "indicator": _("Dla zobowiązań wskaźnikowych."),
            "target_value": _("Dla zobowiązań wskaźnikowych, w jednostce wskaźnika."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = office_users()
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(active=True).exclude(code=None).order_by("code")
        )


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Data wykonania"), widget=DATE)


class RateForm(forms.Form):
    series = forms.ChoiceField(label=_("Seria"), choices=RateSeries.choices, initial=RateSeries.EC_MONTHLY)
    rate_date = forms.DateField(
        label=_("Data kursu"),
        widget=DATE,
        help_text=_("Dla kursu KE wystarczy dowolny dzień miesiąca, którego dotyczy kurs."),
    )
    rate = AmountField(
        label=_("Kurs EUR w złotych"), max_digits=10, decimal_places=6, help_text=_("Np. 4,2730.")
    )
    table = forms.CharField(label=_("Numer tabeli lub publikacji"), max_length=40, required=False)
    source = forms.CharField(label=_("Źródło"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RateRuleForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = RateRule
        fields = ["series", "fallback_series", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ConvertForm(forms.Form):
    amount = AmountField(label=_("Kwota"), max_digits=15, decimal_places=2)
    currency = forms.ChoiceField(label=_("Waluta"), choices=[("EUR", "EUR → PLN"), ("PLN", "PLN → EUR")])
    on = forms.DateField(label=_("Na dzień"), widget=DATE)
    purpose = forms.ChoiceField(label=_("Zastosowanie"), choices=RateRule.Purpose.choices)


class IndicatorForm(_NoModelValidation, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "origin",
            "kind",
            "name_pl",
            "name_en",
            "unit_pl",
            "unit_en",
            "additive",
            "fund_scope",
            "policy_objective",
            "definition",
            "source",
            "active",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }


class ImportForm(forms.Form):
    KINDS = [
        ("measures", _("priorytety i działania")),
        ("allocations", _("podział alokacji (zastępuje obecny)")),
        ("rates", _("kursy walut")),
        ("indicators", _("wskaźniki")),
        ("indicator_names", _("polskie nazwy wskaźników (kod i nazwa)")),
    ]
    kind = forms.ChoiceField(label=_("Co importujesz"), choices=KINDS, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Plik CSV lub XLSX"), help_text=_("Pierwszy wiersz to nagłówek z nazwami kolumn.")
    )
    series = forms.ChoiceField(
        label=_("Seria kursów"),
        choices=[("", _("— wybierz przy imporcie kursów —")), *RateSeries.choices],
        required=False,
        help_text=_("Tylko dla kursów walut: kurs księgowy KE czy kurs średni NBP."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Wgraj plik CSV albo XLSX."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Plik jest większy niż 10 MB."))
        return upload
