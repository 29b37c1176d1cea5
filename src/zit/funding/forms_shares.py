"""The form of a new allocation key: the method, the resolution that adopts it, and the negotiated table."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data
from zit.core.forms import AmountField
from zit.funding.models import AllocationKey

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KeyForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Metoda podziału"), choices=AllocationKey.Method.choices, widget=forms.RadioSelect
    )
    equal_percent = forms.DecimalField(
        label=_("Część dzielona po równo (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Tylko dla metody mieszanej, np. 30: 30% po równo, 70% według liczby ludności."),
    )
    population_year = forms.IntegerField(
        label=_("Rok danych o liczbie ludności"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "Dla metod według ludności: bierzemy liczbę z tego roku, a gdy jej brak – najnowszą wcześniejszą "
            "ze statystyk terytorium."
        ),
    )
    valid_from = forms.DateField(label=_("Klucz obowiązuje od"), widget=DATE)
    resolution_issuer = forms.CharField(
        label=_("Organ, który podjął uchwałę"), max_length=200, initial="Rada Stowarzyszenia"
    )
    resolution_number = forms.CharField(label=_("Numer uchwały"), max_length=100)
    resolution_date = forms.DateField(label=_("Data uchwały"), widget=DATE)
    resolution_title = forms.CharField(label=_("Tytuł uchwały"), max_length=500, required=False)
    resolution_url = forms.URLField(label=_("Link do uchwały"), required=False)
    note = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def resolution(self) -> dict:
        data = self.cleaned_data
        return {
            "issuer_name": data["resolution_issuer"],
            "number": data["resolution_number"],
            "date": data["resolution_date"],
            "title": data["resolution_title"],
            "url": data["resolution_url"],
        }


class TableForm(forms.Form):
    """The negotiated table: per member a percentage or an amount in EUR."""

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"pct_{member.pk}"] = forms.DecimalField(
                label=with_data(_("%(m)s – udział (%%)"), m=str(member)),
                required=False,
                max_digits=9,
                decimal_places=6,
                localize=True,
            )
            self.fields[f"eur_{member.pk}"] = AmountField(
                label=with_data(_("%(m)s – kwota (EUR)"), m=str(member)),
                required=False,
                max_digits=15,
                decimal_places=2,
            )

    def rows(self):
        return [(m, self[f"pct_{m.pk}"], self[f"eur_{m.pk}"]) for m in self.members]

    def table(self):
        from zit.funding.shares import TableRow

        return [
            TableRow(m, self.cleaned_data.get(f"pct_{m.pk}"), self.cleaned_data.get(f"eur_{m.pk}"))
            for m in self.members
        ]
