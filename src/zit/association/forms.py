from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from zit.association.models import AssociationProfile, Body, Mandate, Member, Person, Representation
from zit.core.formatting import with_data_lazy
from zit.core.forms import ADDRESS, autocomplete, polish_ordered
from zit.organisations.models import Organisation
from zit.organisations.services import NORMALISERS
from zit.territory.models import AdministrativeUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "nip",
            "regon",
            "krs",
            "street",
            "postal_code",
            "city",
            "gmina",
            "email",
            "phone",
            "website",
        ]
        help_texts = {
            "nip": _("10 cyfr; sprawdzamy cyfrę kontrolną."),
            "regon": _("9 lub 14 cyfr; sprawdzamy cyfrę kontrolną."),
            "krs": _("10 cyfr, z zerami na początku."),
            "postal_code": _("W postaci 00-000."),
        }

    def __init__(self, *args, locked: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gmina"].queryset = polish_ordered(AdministrativeUnit.objects.filter(level="gmina"))
        for name in locked:
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Zmienia biuro Stowarzyszenia.")
        for name in ("nip", "regon", "krs", "postal_code"):
            # spaces and dashes are allowed; the service normalises and checks the number
            self.fields[name].max_length = 20
            self.fields[name].validators = []
            self.fields[name].widget.attrs["maxlength"] = 20
        # the office types any organisation's data here, not its own: the browser must not offer its own
        autocomplete(self, **dict.fromkeys(("name", "email", "phone", *ADDRESS), "off"))

    def clean(self):
        # the service is authoritative; checking the numbers here too shows every error in one round
        data = super().clean()
        for name, normalise in NORMALISERS.items():
            if data.get(name):
                try:
                    normalise(data[name])
                except forms.ValidationError as exc:
                    self.add_error(name, exc.messages)
        return data

    def _post_clean(self):
        pass  # validation belongs to the service; the view shows its errors on the fields


class AssociationProfileForm(forms.ModelForm):
    class Meta:
        model = AssociationProfile
        fields = [
            "name",
            "name_genitive",
            "other_names",
            "short_name",
            "street",
            "postal_code",
            "city",
            "email",
            "phone",
            "website",
            "bank_account",
            "accessibility_coordinator",
            "accessibility_email",
            "accessibility_phone",
            "website_published_on",
            "website_updated_on",
        ]
        widgets = {
            "website_published_on": DATE,
            "website_updated_on": DATE,
        }
        help_texts = {
            "accessibility_coordinator": _("Pokazujemy w deklaracji dostępności."),
            "name_genitive": with_data_lazy(
                _("Do tytułów uchwał: „%(title)s”."),
                title="Uchwała nr … Rady Stowarzyszenia Aglomeracji Konińskiej",
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete(self, name="organization", email="email", phone="tel", **ADDRESS)

    def _post_clean(self):
        pass


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Nazwa członka"), max_length=200)
    number = forms.IntegerField(label=_("Numer na liście"), min_value=1)


class MembershipEndForm(forms.Form):
    end = forms.DateField(label=_("Ostatni dzień członkostwa"), widget=DATE)
    decision_number = forms.CharField(label=_("Numer uchwały"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Data uchwały"), widget=DATE, required=False)
    note = forms.CharField(label=_("Uwagi"), max_length=300, required=False)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "organisation"]
        help_texts = {"email": _("Tylko służbowy adres – nie zbieramy prywatnych danych kontaktowych.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # another person's data, typed by the office: WCAG 1.3.5 asks the tokens for the user's own data,
        # and with them the browser would offer the office worker's own name and address
        autocomplete(self, **dict.fromkeys(("first_name", "last_name", "email", "phone"), "off"))


class PersonEraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Podstawa usunięcia danych"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Np. wniosek osoby z dnia … (art. 17 RODO)."),
    )


class RepresentationForm(forms.ModelForm):
    class Meta:
        model = Representation
        fields = ["member", "function", "title", "start", "end"]
        widgets = {"start": DATE, "end": DATE}


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "name",
            "name_genitive",
            "kind",
            "description",
            "quorum",
            "majority",
            "qualified_fraction",
            "order",
        ]
        localized_fields = ["quorum", "qualified_fraction"]  # "0,50", as Polish users write it
        help_texts = {
            "name_genitive": with_data_lazy(
                _("Np. „%(council)s” albo „%(board)s”: „%(title)s”."),
                council="Rady",
                board="Zarządu",
                title="Uchwała nr 1/2026 Rady Stowarzyszenia …",
            )
        }

    def clean(self):
        # the service checks the same rules; checking here too shows every error in one round
        data = super().clean()
        rules = Body(**{k: data.get(k) for k in ("quorum", "majority", "qualified_fraction")})
        for field, message in rules.rules_errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def _post_clean(self):
        pass


class EndDateForm(forms.Form):
    end = forms.DateField(label=_("Ostatni dzień"), widget=DATE)


class MandateForm(forms.ModelForm):
    class Meta:
        model = Mandate
        fields = ["person", "member", "role", "start", "end"]
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.order_by("number")
        self.fields["person"].queryset = Person.objects.filter(erased_at=None)

    def _post_clean(self):
        pass


class ChangeScopeForm(forms.Form):
    """What a change of representatives covers: its date and the bodies and functions it touches."""

    dzien = forms.DateField(
        label=_("Data zmiany"),
        widget=DATE,
        help_text=_(
            "Pierwszy dzień, w którym działają nowi przedstawiciele. Dotychczasowe funkcje i mandaty "
            "kończą się dzień wcześniej."
        ),
    )
    organ = forms.ModelMultipleChoiceField(
        label=_("Organy, których dotyczy zmiana"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Mandaty w zaznaczonych organach przechodzą na następców."),
    )
    funkcja = forms.MultipleChoiceField(
        label=_("Funkcje u członka, których dotyczy zmiana"),
        choices=Representation.Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from zit.association.replacement import DEFAULT_FUNCTIONS

        super().__init__(*args, **kwargs)
        bodies = Body.objects.all()
        self.fields["organ"].queryset = bodies
        self.fields["organ"].initial = list(bodies)
        self.fields["funkcja"].initial = list(DEFAULT_FUNCTIONS)

    def clean(self):
        data = super().clean()
        if not data.get("organ") and not data.get("funkcja") and "dzien" in data:
            raise forms.ValidationError(_("Zaznacz co najmniej jeden organ albo jedną funkcję."))
        return data


class ChangeRowForm(forms.Form):
    """One representative of one member: stays, is replaced by a successor, or ends without one."""

    key = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label=_("Decyzja"),
        choices=[
            ("keep", _("zostaje")),
            ("replace", _("zastąp następcą")),
            ("end", _("zakończ bez następcy")),
        ],
    )
    successor = forms.ModelChoiceField(
        label=_("Następca z listy osób"), queryset=Person.objects.none(), required=False
    )
    first_name = forms.CharField(label=_("albo nowa osoba: imię"), max_length=100, required=False)
    last_name = forms.CharField(label=_("nazwisko"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("służbowy e-mail"),
        required=False,
        help_text=_("Tylko służbowy adres – nie zbieramy prywatnych danych kontaktowych."),
    )

    def __init__(self, *args, person_choices: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Person.objects.filter(erased_at=None)
        if person_choices is not None:
            self.fields["successor"].choices = person_choices  # read once for the whole table
        # another person's data, typed by the office (as PersonForm)
        autocomplete(self, **dict.fromkeys(("first_name", "last_name", "email"), "off"))

    def clean(self):
        data = super().clean()
        typed = any((data.get(name) or "").strip() for name in ("first_name", "last_name", "email"))
        successor = data.get("successor")
        if data.get("action") != "replace":
            if successor is not None or typed:
                self.add_error(
                    "action",
                    _("Wskazano następcę: wybierz „zastąp następcą” albo usuń następcę z wiersza."),
                )
            return data
        if successor is not None and typed:
            self.add_error("successor", _("Wybierz osobę z listy albo wpisz nową, nie jedno i drugie."))
        elif successor is None and not typed:
            self.add_error(
                "successor",
                _("Wskaż następcę: wybierz osobę z listy albo wpisz imię i nazwisko nowej osoby."),
            )
        elif successor is None:
            if not (data.get("first_name") or "").strip():
                self.add_error("first_name", _("Podaj imię nowej osoby."))
            if not (data.get("last_name") or "").strip():
                self.add_error("last_name", _("Podaj nazwisko nowej osoby."))
        return data


class BaseChangeRowFormSet(forms.BaseFormSet):
    """Every row offers the same people: the list is read once, not once per row."""

    @cached_property
    def person_choices(self) -> list:
        field = forms.ModelChoiceField(queryset=Person.objects.filter(erased_at=None), required=False)
        return list(field.choices)

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"person_choices": self.person_choices}


ChangeRowFormSet = forms.formset_factory(ChangeRowForm, formset=BaseChangeRowFormSet, extra=0)
