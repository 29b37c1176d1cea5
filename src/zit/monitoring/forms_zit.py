"""The form in which the office records a value the managing authority (IZ) reported for a ZIT indicator."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.monitoring.models_zit import IzIndicatorFigure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IzFigureForm(forms.ModelForm):
    class Meta:
        model = IzIndicatorFigure
        fields = ["code", "value", "as_of", "source", "note"]
        localized_fields = ["value"]  # "12,5", as Polish users write it
        widgets = {"as_of": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "value": {
                "required": _("Podaj wartość podaną przez IZ."),
                "invalid": _("Wartość to liczba, np. 12 albo 12,5."),
            },
            "as_of": {
                "required": _("Podaj dzień, na który IZ podaje wartość."),
                "invalid": _("Podaj datę w formacie dzień, miesiąc, rok."),
            },
            "source": {"required": _("Podaj źródło wartości.")},
        }

    def _post_clean(self):
        pass  # the service validates and saves
