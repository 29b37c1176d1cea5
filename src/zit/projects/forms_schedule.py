"""Forms of the IZ's calendar: a version of the call schedule, the IZ's individual call to a listed applicant
and a step of the IZ's assessment of an application."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.projects.models import Call, ProjectCard

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScheduleVersionForm(forms.Form):
    published_on = forms.DateField(label=_("Data publikacji harmonogramu przez IZ"), widget=DATE)
    source = forms.CharField(
        label=_("Źródło"),
        max_length=500,
        help_text=_("Adres ogłoszenia IZ albo znak pisma, z którego pochodzi ta wersja harmonogramu."),
    )
    note = forms.CharField(label=_("Uwagi"), max_length=300, required=False)
    file = forms.FileField(label=_("Plik CSV lub XLSX"), required=False)
    lines = forms.CharField(
        label=_("Albo wpisz nabory"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Pierwszy wiersz to nagłówek: numer naboru;nazwa;działanie;tryb;początek;koniec;kwota. Dalej jeden "
            "nabór w wierszu, np. FEWP.03.02-IZ.00-001/27;Mobilność ZIT;3.2;niekonkurencyjny;2027-03;2027-05;"
            "12 000 000,00. Zamiast daty można podać miesiąc (2027-03 albo marzec 2027)."
        ),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("lines") or "").strip():
            self.add_error("file", _("Wybierz plik albo wpisz nabory w polu poniżej."))
        return data


class IndividualCallForm(forms.Form):
    sent_on = forms.DateField(label=_("Data wezwania"), widget=DATE)
    reference = forms.CharField(label=_("Znak pisma IZ"), max_length=200)
    deadline = forms.DateField(label=_("Termin złożenia wniosku"), widget=DATE)
    call = forms.ModelChoiceField(label=_("Nabór IZ"), queryset=Call.objects.none(), required=False)
    note = forms.CharField(label=_("Uwagi"), max_length=300, required=False)

    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.filter(
            measure=card.measure, mode=Call.Mode.NON_COMPETITIVE
        )


class IzStepForm(forms.Form):
    on = forms.DateField(label=_("Data pisma IZ"), widget=DATE)
    reference = forms.CharField(label=_("Znak pisma IZ"), max_length=200)
    note = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OpinionRequestStepForm(IzStepForm):
    due_on = forms.DateField(label=_("Termin na opinię"), widget=DATE)
