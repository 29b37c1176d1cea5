from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.records.models import Category, Counting, FilePlanEntry


class FilePlanEntryForm(forms.ModelForm):
    class Meta:
        model = FilePlanEntry
        fields = [
            "symbol",
            "title",
            "category",
            "retention_years",
            "counting",
            "legal_basis",
            "draft",
            "note",
        ]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = Category.choices
        self.fields["counting"].choices = Counting.choices


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Rok spisu"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class ConsentForm(forms.Form):
    consent_on = forms.DateField(label=_("Data zgody"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Znak pisma archiwum"), max_length=120)
    letter = forms.FileField(label=_("Pismo archiwum ze zgodą (skan lub PDF)"))


class HoldForm(forms.Form):
    card = forms.ModelChoiceField(
        label=_("Projekt (operacja)"),
        queryset=None,
        help_text=_("Wstrzymanie obejmuje wszystkie dokumenty projektu."),
    )
    reason = forms.CharField(
        label=_("Powód"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Np. sygnatura postępowania sądowego albo znak pisma Komisji Europejskiej."),
    )

    def __init__(self, *args, **kwargs):
        from zit.projects.models import ProjectCard

        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = ProjectCard.objects.filter(contract__isnull=False).order_by("title")
