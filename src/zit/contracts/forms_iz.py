"""Forms of the IZ's periodic data: a source's settings, its column mapping and a file to preview."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.contracts.iz_sources import fields_of
from zit.contracts.models import IzFeed


class FeedForm(forms.ModelForm):
    class Meta:
        model = IzFeed
        fields = ["name", "kind", "file_format", "header_row", "decimal_format", "url"]
        help_texts = {"name": _("Np. „Wykaz projektów FEW 2021+ – publikacja IZ”.")}


class MappingForm(forms.Form):
    """One text box per field the source's kind can hold: the header of the file's column, as written."""

    def __init__(self, *args, kind: str, mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for field in fields_of(kind):
            self.fields[f"col_{field.key}"] = forms.CharField(
                label=field.label,
                required=False,
                max_length=300,
                initial=mapping.get(field.key, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value for name, value in self.cleaned_data.items() if value}


class FeedUploadForm(forms.Form):
    file = forms.FileField(label=_("Plik od IZ"), help_text=_("W formacie ustawionym dla tego źródła."))
