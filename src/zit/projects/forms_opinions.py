"""The forms of the compliance opinion: the IZ's request, the opinion with the call's checklist, the checklist's
new version, the signatories."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class OpinionRequestForm(forms.Form):
    """The IZ's letter asking for the association's opinion, recorded when it comes."""

    reference = forms.CharField(label=_("Znak pisma IZ z prośbą o opinię"), max_length=120, required=False)
    requested_on = forms.DateField(
        label=_("Data prośby IZ"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    due_on = forms.DateField(
        label=_("Termin na opinię"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Termin z pisma IZ: od dziś przypomina o nim pulpit biura."),
    )


class OpinionForm(forms.Form):
    """The opinion: the IZ's request, the application's version, each criterion of the call's checklist with
    its answer and justification, and the verdict."""

    request_reference = forms.CharField(
        label=_("Znak pisma IZ z prośbą o opinię"), max_length=120, required=False
    )
    requested_on = forms.DateField(
        label=_("Data prośby IZ"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_on = forms.DateField(
        label=_("Termin na opinię"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    application_version = forms.CharField(
        label=_("Wersja wniosku"), max_length=40, required=False, help_text=_("Np. 2 (po poprawkach).")
    )
    application_date = forms.DateField(
        label=_("Data wersji wniosku"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    compliant = forms.TypedChoiceField(
        label=_("Opinia"),
        choices=[("1", _("projekt zgodny ze Strategią ZIT")), ("0", _("projekt niezgodny ze Strategią ZIT"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Uzasadnienie ogólne"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nieobowiązkowe: podsumowanie ponad uzasadnienia kryteriów."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        from zit.core.formatting import polish_data, with_data
        from zit.projects.models import OpinionAnswer

        self.criteria = list(criteria)
        for criterion in self.criteria:  # a criterion's text is the office's Polish data
            self.fields[f"answer_{criterion.pk}"] = forms.ChoiceField(
                label=polish_data(criterion.text),
                choices=OpinionAnswer.Answer.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=with_data(_("Uzasadnienie: %(c)s"), c=criterion.text),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def service_fields(self) -> dict:
        from zit.projects.opinions import AnswerInput

        data = dict(self.cleaned_data)
        answers = [
            AnswerInput(
                c.pk, data.pop(f"answer_{c.pk}", "") or "", data.pop(f"justification_{c.pk}", "") or ""
            )
            for c in self.criteria
        ]
        return data | {"answers": answers}


class ChecklistForm(forms.Form):
    criteria = forms.CharField(
        label=_("Kryteria"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Jedno kryterium w wierszu, w kolejności, w jakiej ocenia się je w opinii."),
    )
    note = forms.CharField(
        label=_("Co się zmieniło"),
        max_length=300,
        required=False,
        help_text=_("Np. zmiana regulaminu naboru."),
    )


class SignatoriesForm(forms.Form):
    signatories = forms.CharField(
        label=_("Podpisujący opinie i pisma przewodnie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Jedna osoba w wierszu: imię i nazwisko, przecinek, funkcja, np. „Jan Kowalski, Prezes Zarządu”. "
            "Zgodnie ze statutem: prezes albo dwóch członków Zarządu."
        ),
    )
