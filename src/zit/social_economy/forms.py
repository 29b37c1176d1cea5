"""Forms of the social economy directory: they parse input; the services decide."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.forms import ADDRESS, PolishData, autocomplete
from zit.core.public_forms import PublicForm
from zit.social_economy.models import TEXT_MAX, PesKind, SupportOffer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# "52.2231, 18.2512", "52,2231 18,2512", "52.2231;18.2512": latitude first, as map services show it
PAIR = re.compile(r"^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")


def area_gmina_choices():
    from zit.territory.diagnosis import area_gminas

    return [("", "—")] + [(u.terc, PolishData(u.name)) for u in area_gminas()]


def point_text(lat: float | None, lon: float | None) -> str:
    return "" if lat is None or lon is None else f"{lat:.6f}, {lon:.6f}"


class PointField(forms.CharField):
    """A point typed as "latitude, longitude"; cleans to (lat, lon) or (None, None)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault(
            "help_text",
            _(
                "Szerokość i długość geograficzna w stopniach, np. 52,2231, 18,2512 (tak pokazują je mapy "
                "internetowe po kliknięciu miejsca). Zostaw puste, jeśli podmiot nie chce być na mapie."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return (None, None)
        match = PAIR.match(value)
        if not match:
            raise forms.ValidationError(
                _("Wpisz dwie liczby: szerokość i długość geograficzną, np. 52,2231, 18,2512.")
            )
        return (float(match.group(1).replace(",", ".")), float(match.group(2).replace(",", ".")))


class GminaField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=area_gmina_choices, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        from zit.territory.models import AdministrativeUnit

        return AdministrativeUnit.objects.get(terc=value)


class _RegistryFields(forms.Form):
    name = forms.CharField(label=_("Nazwa"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Rodzaj podmiotu ekonomii społecznej"), choices=[("", "—"), *PesKind.choices]
    )
    nip = forms.CharField(
        label=_("NIP"), max_length=13, required=False, help_text=_("10 cyfr, np. 665-123-45-67.")
    )
    regon = forms.CharField(label=_("REGON"), max_length=17, required=False)
    krs = forms.CharField(
        label=_("Numer KRS"), max_length=10, required=False, help_text=_("10 cyfr, np. 0000123456.")
    )
    street = forms.CharField(label=_("Ulica i numer"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Kod pocztowy"), max_length=6, required=False)
    city = forms.CharField(label=_("Miejscowość"), max_length=120, required=False)
    gmina = GminaField(label=_("Gmina siedziby"))
    website = forms.URLField(label=_("Strona internetowa"), required=False, assume_scheme="https")
    social_enterprise = forms.BooleanField(label=_("Ma status przedsiębiorstwa społecznego"), required=False)
    social_enterprise_since = forms.DateField(
        label=_("Status przedsiębiorstwa społecznego od"), widget=DATE, required=False
    )
    description = forms.CharField(
        label=_("O podmiocie"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    services = forms.CharField(label=_("Usługi"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    products = forms.CharField(label=_("Produkty"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EntityForm(_RegistryFields):
    contact_name = forms.CharField(
        label=_("Osoba do kontaktu"),
        max_length=200,
        required=False,
        help_text=_("Publikowana w katalogu: wpisz tylko za zgodą tej osoby."),
    )
    contact_email = forms.EmailField(label=_("E-mail do kontaktu"), required=False)
    contact_phone = forms.CharField(label=_("Telefon do kontaktu"), max_length=40, required=False)
    point = PointField(label=_("Punkt na mapie"))

    def __init__(self, *args, entity=None, **kwargs):
        if entity is not None and "initial" not in kwargs:
            org = entity.organisation
            kwargs["initial"] = {
                "name": org.name,
                "nip": org.nip,
                "regon": org.regon,
                "krs": org.krs,
                "street": org.street,
                "postal_code": org.postal_code,
                "city": org.city,
                "gmina": org.gmina.terc if org.gmina_id else "",
                "website": org.website,
                **{
                    f: getattr(entity, f)
                    for f in (
                        "kind",
                        "social_enterprise",
                        "social_enterprise_since",
                        "description",
                        "services",
                        "products",
                        "contact_name",
                        "contact_email",
                        "contact_phone",
                    )
                },
                "point": point_text(entity.lat, entity.lon),
            }
        super().__init__(*args, **kwargs)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["lat"], data["lon"] = data.pop("point")
        return data


class ListingRequestForm(_RegistryFields, PublicForm):
    """The public form, with the trap field and the token of every public form."""

    form_key = "social_economy.listing_request"
    sender_email_field = "contact_email"
    caps = {"description": TEXT_MAX, "services": TEXT_MAX, "products": TEXT_MAX, "website": 200}

    public_email = forms.EmailField(
        label=_("E-mail do publikacji w katalogu"),
        required=False,
        max_length=254,
        help_text=_("Np. ogólny adres biura podmiotu. Pokażemy go w katalogu."),
    )
    public_phone = forms.CharField(label=_("Telefon do publikacji w katalogu"), max_length=40, required=False)
    point = PointField(label=_("Położenie na mapie"))
    contact_name = forms.CharField(
        label=_("Imię i nazwisko osoby zgłaszającej"),
        max_length=200,
        help_text=_("Tylko do kontaktu w sprawie zgłoszenia; nie publikujemy tych danych."),
    )
    contact_email = forms.EmailField(label=_("E-mail osoby zgłaszającej"), max_length=254)
    contact_phone = forms.CharField(label=_("Telefon osoby zgłaszającej"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_("Zapoznałem(-am) się z informacją o przetwarzaniu danych osobowych podaną wyżej."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].help_text = (
            _("Napisz, co podmiot oferuje: usługi, produkty albo jedno i drugie.")
            + " "
            + str(_("Do %(n)d znaków.") % {"n": TEXT_MAX})
        )
        for name in ("name", "contact_name"):
            self.fields[name].widget.attrs["autocomplete"] = "organization" if name == "name" else "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        autocomplete(self, **ADDRESS)

    GROUPS = (
        (
            _("Podmiot"),
            ("name", "kind", "nip", "regon", "krs", "street", "postal_code", "city", "gmina", "website"),
        ),
        (
            _("Oferta i status"),
            ("description", "services", "products", "social_enterprise", "social_enterprise_since"),
        ),
        (_("Dane do publikacji w katalogu"), ("public_email", "public_phone", "point")),
        (_("Osoba zgłaszająca"), ("contact_name", "contact_email", "contact_phone")),
    )

    def groups(self):
        return [(legend, [self[n] for n in names]) for legend, names in self.GROUPS]

    def values(self) -> dict:
        data = super().values()
        data["lat"], data["lon"] = data.pop("point")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Powód"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Plik CSV lub XLSX według wzoru"))


class SupportOfferForm(forms.ModelForm):
    class Meta:
        model = SupportOffer
        fields = ["title", "body", "title_en", "body_en", "link", "position", "is_published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8}), "body_en": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "body": _("Zwykły tekst; pusta linia zaczyna nowy akapit."),
            "title_en": _("Pokazywany, gdy odwiedzający wybierze język angielski; pusty – zostaje polski."),
            "position": _("Części są pokazywane od najmniejszej liczby."),
        }
