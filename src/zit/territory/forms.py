from django import forms
from django.utils.translation import gettext_lazy as _

from zit.territory.models import Observation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LegalBasisForm(forms.Form):
    number = forms.CharField(
        label=_("Numer uchwały"), max_length=100, required=False, help_text=_("Np. 1234/2023.")
    )
    date = forms.DateField(label=_("Data uchwały"), required=False, widget=DATE)
    title = forms.CharField(label=_("Tytuł"), max_length=500, required=False)
    url = forms.URLField(label=_("Link do treści"), required=False)
    note = forms.CharField(label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ObservationForm(forms.Form):
    value = forms.DecimalField(
        label=_("Wartość"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    reference_date = forms.DateField(
        label=_("Stan na dzień"),
        required=False,
        widget=DATE,
        help_text=_("Gdy źródło podaje tylko rok, wybierz 31 grudnia i dokładność „rok”."),
    )
    date_precision = forms.ChoiceField(label=_("Dokładność daty"), choices=Observation.DatePrecision.choices)
    source_url = forms.URLField(label=_("Źródło (adres strony)"), required=False, max_length=500)
    source_note = forms.CharField(
        label=_("Uwagi o źródle"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skąd pochodzi wartość, jeśli nie ma adresu strony."),
    )


class AreaImportForm(forms.Form):
    code = forms.SlugField(label=_("Kod obszaru"), help_text=_("Krótki, bez spacji, np. kolo-turek."))
    name = forms.CharField(label=_("Nazwa obszaru"), max_length=200)
    geojson = forms.FileField(
        label=_("Granice gmin (GeoJSON, WGS84)"),
        help_text=_("Obiekty z właściwościami teryt i name; typ Polygon lub MultiPolygon."),
    )
    csv = forms.FileField(
        label=_("Statystyki (CSV)"),
        required=False,
        help_text=_(
            "Kolumny: teryt, name, kind, seat, area_km2, population, population_date, "
            "source_area, source_population, notes."
        ),
    )
    valid_from = forms.DateField(label=_("Obowiązuje od"), widget=DATE)
    resolution_number = forms.CharField(
        label=_("Numer uchwały Zarządu Województwa"), required=False, max_length=100
    )
    resolution_date = forms.DateField(label=_("Data uchwały"), required=False, widget=DATE)
    source = forms.CharField(label=_("Źródło granic"), required=False, max_length=300)

    def _within(self, name: str, limit: int):
        from django.template.defaultfilters import filesizeformat

        f = self.cleaned_data[name]
        if f and f.size > limit:
            raise forms.ValidationError(
                _("Plik jest większy niż %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        return f

    def clean_geojson(self):
        from zit.territory.importers import MAX_GEOJSON_BYTES

        return self._within("geojson", MAX_GEOJSON_BYTES)

    def clean_csv(self):
        from django.conf import settings

        return self._within("csv", settings.ZIT_IMPORT_MAX_BYTES)


class VariableForm(forms.ModelForm):
    class Meta:
        from zit.territory.models import Variable

        model = Variable
        fields = [
            "name",
            "name_en",
            "unit",
            "decimal_places",
            "additive",
            "per_capita",
            "source",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        pass


class StatisticsImportForm(forms.Form):
    variable = forms.ModelChoiceField(
        label=_("Zmienna"), queryset=None, help_text=_("Brakuje zmiennej? Dodaj ją najpierw.")
    )
    file = forms.FileField(label=_("Plik CSV lub XLSX z Banku Danych Lokalnych"))
    source_url = forms.URLField(
        label=_("Źródło (adres)"), required=False, help_text=_("Np. adres tablicy w BDL.")
    )
    source_note = forms.CharField(
        label=_("Źródło (opis)"),
        required=False,
        max_length=500,
        help_text=_("Np. „GUS, BDL, kategoria K3, pobrano 2026-11-20”. Podaj adres albo opis."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from zit.territory.models import Variable

        self.fields["variable"].queryset = Variable.objects.all()

    def clean(self):
        data = super().clean()
        if not data.get("source_url") and not (data.get("source_note") or "").strip():
            self.add_error("source_note", _("Podaj źródło danych: adres strony albo opis."))
        return data
