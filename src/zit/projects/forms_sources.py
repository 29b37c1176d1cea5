"""The table of a card's funding sources beside the FEW 2021+ measure."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.forms import AmountField
from zit.funding.models import Measure
from zit.projects.forms import DATE
from zit.projects.models import CardFundingSource


class SourceRowForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj źródła"), choices=[("", "—"), *CardFundingSource.Kind.choices])
    programme = forms.CharField(
        label=_("Program lub źródło"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "cell-wide"}),
    )
    measure = forms.ModelChoiceField(
        label=_("Działanie FEW 2021+ (tylko poza ZIT)"),
        queryset=Measure.objects.none(),
        required=False,
    )
    grant_pln = AmountField(label=_("Kwota finansowania (PLN)"))
    eligible_pln = AmountField(label=_("Koszt kwalifikowalny objęty źródłem (PLN)"))
    category = forms.CharField(label=_("Kategoria wydatków"), max_length=200, required=False)
    period_from = forms.DateField(label=_("Okres od"), required=False, widget=DATE)
    period_to = forms.DateField(label=_("Okres do"), required=False, widget=DATE)
    note = forms.CharField(label=_("Uwagi"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(is_zit=False).order_by("sort_key")


SourceFormSet = forms.formset_factory(SourceRowForm, extra=2, can_delete=True)


def source_initial(source: CardFundingSource) -> dict:
    return {
        "kind": source.kind,
        "programme": source.programme,
        "measure": source.measure_id,
        "grant_pln": source.grant_pln,
        "eligible_pln": source.eligible_pln,
        "category": source.category,
        "period_from": source.period_from,
        "period_to": source.period_to,
        "note": source.note,
    }
