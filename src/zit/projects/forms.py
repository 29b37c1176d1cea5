from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zit.core.forms import AmountField, FilterableCheckboxes, LongSelect, ShareField, polish_ordered
from zit.core.models import DecisionReference
from zit.core.templatetags.zit import pl
from zit.funding.models import Fund, Indicator, Measure
from zit.organisations.models import Organisation
from zit.projects.geometry import CoordinatesError, coordinates_text, parse_coordinates
from zit.projects.models import Call, ProjectCard, Round, SocialClause
from zit.territory.models import AdministrativeUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _dates_in_order(form: forms.Form, start: str, end: str, message: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


def _unique_number(form: forms.ModelForm, model, message: str) -> None:
    number = form.cleaned_data.get("number")
    if number and model.objects.filter(number=number).exclude(pk=form.instance.pk).exists():
        form.add_error("number", message)


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["number", "title", "opens_on", "closes_on", "measures", "scoring", "instructions"]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "measures": forms.CheckboxSelectMultiple,
            "instructions": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "measures": {"required": _("Wskaż co najmniej jedno działanie programu, którego dotyczy nabór.")}
        }

    def clean(self):
        # the service checks these again; here they join the field errors, so everything shows in one round
        data = super().clean()
        _dates_in_order(
            self, "opens_on", "closes_on", _("Koniec naboru nie może być wcześniejszy niż jego początek.")
        )
        _unique_number(self, Round, _("Nabór o tym oznaczeniu już jest."))
        return data

    def _post_clean(self):
        pass  # the service validates and saves


class CardForm(forms.ModelForm):
    """The card's basic data. On a new card also the round and the applicant (from the user's organisations)."""

    round = forms.ModelChoiceField(label=_("Nabór"), queryset=Round.objects.none(), empty_label=None)
    beneficiary = forms.ModelChoiceField(
        label=_("Wnioskodawca"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta:
        model = ProjectCard
        fields = [
            "round",
            "beneficiary",
            "title",
            "summary",
            "measure",
            "fund",
            "starts_on",
            "ends_on",
            "integrated",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6}), "starts_on": DATE, "ends_on": DATE}
        help_texts = {
            "fund": _("Jeśli działanie ma jeden fundusz, zostanie wpisany sam."),
            "measure": _(
                "Tylko gdy projekt ma dostać dofinansowanie z FEW 2021+ w ramach ZIT. Projekt finansowany z innych "
                "źródeł zostaw bez działania i dodaj je w części „Źródła finansowania”."
            ),
        }

    def __init__(self, *args, rounds=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["round"]
            del self.fields["beneficiary"]
            self.fields["measure"].queryset = self.instance.round.measures.all()
        else:
            self.fields["round"].queryset = rounds
            self.fields["beneficiary"].queryset = organisations
            self.fields["measure"].queryset = Measure.objects.filter(rounds__in=rounds).distinct()
        self.fields["fund"].queryset = Fund.objects.all()
        self.fields["fund"].required = False
        for name in ("starts_on", "ends_on"):
            self.fields[name].required = False

    def _post_clean(self):
        pass


class LocationForm(forms.Form):
    gminas = forms.ModelMultipleChoiceField(
        label=_("Gminy, w których powstanie projekt"),
        queryset=AdministrativeUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Zaznacz co najmniej jedną gminę.")},
    )
    coordinates = forms.CharField(
        label=_("Punkt albo przebieg linii"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Jedna para „szerokość, długość” w wierszu, np. 52.2231, 18.2512. Jeden wiersz to punkt, kilka to linia "
            "(np. trasa drogi). Możesz też klikać na mapie."
        ),
    )

    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gminas"].queryset = polish_ordered(AdministrativeUnit.objects.filter(level="gmina"))
        self.fields["gminas"].label_from_instance = lambda unit: unit.name
        if not self.is_bound:
            self.initial = {"gminas": list(card.gminas.all()), "coordinates": coordinates_text(card.location)}

    def clean_coordinates(self):
        try:
            return parse_coordinates(self.cleaned_data["coordinates"])
        except CoordinatesError as exc:
            raise forms.ValidationError(str(exc)) from exc


class PartnersForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partnerzy"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FilterableCheckboxes,
        help_text=_("Organizacje, które realizują projekt razem z wnioskodawcą i mają w nim swój budżet."),
    )

    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.exclude(pk=card.beneficiary_id).order_by(
            "name"
        )
        self.fields["partners"].widget.choices = self.fields["partners"].choices
        if not self.is_bound:
            self.initial = {"partners": [p.organisation_id for p in card.partners.all()]}


class BudgetTotalsForm(forms.Form):
    total_pln = AmountField(label=_("Wartość projektu (PLN)"))
    eligible_pln = AmountField(label=_("Wydatki kwalifikowalne (PLN)"))
    cofinancing_rate = ShareField(
        label=_("Poziom dofinansowania UE"),
        help_text=_(
            "Np. 70% albo 0,70. Kwotę dofinansowania liczymy sami: wydatki kwalifikowalne × poziom, zaokrąglone "
            "do grosza."
        ),
    )


class BudgetLineForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organizacja"), queryset=Organisation.objects.none())
    year = forms.IntegerField(label=_("Rok"), min_value=2021, max_value=2035)
    total_pln = AmountField(label=_("Wartość (PLN)"))
    eligible_pln = AmountField(label=_("Kwalifikowalne (PLN)"))
    eu_pln = AmountField(label=_("Dofinansowanie UE (PLN)"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in self.AMOUNTS:
            self.fields[name].required = False  # a prefilled row left without amounts is simply not used

    AMOUNTS = ("total_pln", "eligible_pln", "eu_pln")

    def clean(self):
        data = super().clean()
        given = [name for name in self.AMOUNTS if data.get(name) is not None]
        if not given:
            data["unused"] = True
        elif len(given) < len(self.AMOUNTS):
            for name in self.AMOUNTS:
                if name not in given and name not in self.errors:
                    self.add_error(name, _("Wpisz kwotę albo zostaw cały wiersz pusty."))
        return data


class BaseLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, organisations=None, **kwargs):
        self.organisations = organisations
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"organisations": self.organisations}


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, formset=BaseLineFormSet, extra=2, can_delete=True)


# which lists of EU common indicators a fund's projects report on; programme and strategy indicators (no
# list) fit every fund
FUND_SCOPES = {"EFRR": ("ERDF/CF",), "EFS+": ("ESF+",), "FST": ("ERDF/CF", "ESF+")}


class IndicatorRowForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Wskaźnik z katalogu"), queryset=Indicator.objects.none())
    target_value = forms.DecimalField(
        label=_("Wartość docelowa"), max_digits=15, decimal_places=3, localize=True
    )
    target_year = forms.IntegerField(label=_("Rok osiągnięcia"), min_value=2021, max_value=2035)

    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = FUND_SCOPES.get(card.fund.code, ()) if card.fund_id else ()
        self.fields["indicator"].queryset = (
            Indicator.objects.filter(active=True)
            .exclude(code=None)
            .exclude(name_pl="", name_en="")  # a code without a name cannot be chosen knowingly
            .filter(Q(fund_scope__in=scopes) | Q(fund_scope=""))
            .order_by("code")
        )


IndicatorFormSet = forms.formset_factory(IndicatorRowForm, extra=2, can_delete=True)


class UndertakingsForm(forms.Form):
    keys = forms.MultipleChoiceField(
        label=_("Przedsięwzięcia strategii, którym służy projekt"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Co najmniej jedno. Zapisujemy stały klucz przedsięwzięcia, więc wybór przetrwa nowe wersje strategii."
        ),
    )

    def __init__(self, *args, card: ProjectCard, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keys"].choices = choices
        if not self.is_bound:
            self.initial = {"keys": list(card.undertakings.values_list("key", flat=True))}


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Uzasadnienie"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    application_number = forms.CharField(
        label=_("Numer wniosku w systemie IZ"), required=False, max_length=60
    )


class ListVersionForm(forms.Form):
    rate_date = forms.DateField(
        label=_("Data kursu euro"),
        widget=DATE,
        help_text=_(
            "Kwoty dofinansowania w złotych przeliczamy na euro po kursie z tego dnia (reguła „koperty”)."
        ),
    )


class ListAddForm(forms.Form):
    card = forms.ModelChoiceField(label=_("Fiszka"), queryset=ProjectCard.objects.none(), widget=LongSelect)
    position = forms.ChoiceField(
        label=_("Lista"),
        choices=[("main", _("podstawowa")), ("reserve", _("rezerwowa"))],
        widget=forms.RadioSelect,
        initial="main",
    )
    share_reason = forms.CharField(
        label=_("Uzasadnienie przekroczenia udziału członka"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Potrzebne tylko wtedy, gdy projekt na liście podstawowej przekracza udział członka w alokacji "
            "według klucza podziału; zapisujemy je przy pozycji listy."
        ),
    )

    def __init__(self, *args, cards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = (
            ProjectCard.objects.filter(pk__in=[c.pk for c in cards])
            .exclude(measure=None)  # only the FEW 2021+ source within ZIT draws on the list's envelopes
            .select_related("measure", "beneficiary")
            .order_by("measure__sort_key", "number")
        )
        self.fields["card"].label_from_instance = lambda c: (
            f"{c.number} {c.title} – {c.beneficiary} ({c.measure.number})"
        )


class ListAnnexForm(forms.Form):
    """The annex update's procedure: is the change significant, and the consultation of a significant one."""

    significant = forms.TypedChoiceField(
        label=_("Czy zmiana listy jest istotna?"),
        choices=[("1", _("tak – wymaga konsultacji")), ("0", _("nie – bez konsultacji"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    notice_on = forms.DateField(
        label=_("Dzień ogłoszenia konsultacji"),
        widget=DATE,
        required=False,
        help_text=_("Ogłoszenie na stronie Stowarzyszenia i w BIP."),
    )
    ends_on = forms.DateField(
        label=_("Ostatni dzień zgłaszania uwag"),
        widget=DATE,
        required=False,
        help_text=_(
            "Co najmniej 35 dni od dnia ogłoszenia (art. 6 ust. 3 ustawy z dnia 6 grudnia 2006 r. o zasadach "
            "prowadzenia polityki rozwoju)."
        ),
    )


class ListActApproveForm(forms.Form):
    """Approval by an act of another body: its reference and its document; the association's own
    resolutions come from the register."""

    issuer_kind = forms.ChoiceField(
        label=_("Rodzaj organu"),
        choices=[
            (DecisionReference.IssuerKind.VOIVODESHIP_BOARD, _("Zarząd Województwa Wielkopolskiego")),
            (DecisionReference.IssuerKind.MANAGING_AUTHORITY, _("Instytucja Zarządzająca")),
            (DecisionReference.IssuerKind.OTHER, _("inna instytucja")),
        ],
    )
    issuer_name = forms.CharField(label=_("Organ, który wydał akt"), max_length=200)
    kind = forms.CharField(label=_("Rodzaj aktu"), max_length=100, initial="uchwała")
    number = forms.CharField(label=_("Numer aktu"), max_length=100)
    date = forms.DateField(label=_("Data aktu"), widget=DATE)
    document = forms.FileField(
        label=_("Dokument aktu"), help_text=_("PDF, DOCX, ODT albo plik podpisu: sam numer nie wystarczy.")
    )


class ListAcceptForm(forms.Form):
    accepted_on = forms.DateField(label=_("Data przyjęcia przez IZ"), widget=DATE)
    reference = forms.CharField(
        label=_("Pismo lub uchwała IZ"), max_length=300, help_text=_("Np. znak pisma.")
    )


class ListImportForm(forms.Form):
    file = forms.FileField(label=_("Plik CSV lub XLSX"))


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "number",
            "measure",
            "mode",
            "limit_pln",
            "opens_on",
            "closes_on",
            "url",
            "panel_representative",
            "agreement_clause",
            "zit_criterion",
            "results_on",
            "opinions_published",
        ]
        widgets = {"opens_on": DATE, "closes_on": DATE, "results_on": DATE}
        field_classes = {"limit_pln": AmountField}

    def clean(self):
        data = super().clean()
        _dates_in_order(
            self, "opens_on", "closes_on", _("Koniec naboru nie może być wcześniejszy niż jego początek.")
        )
        _unique_number(self, Call, _("Ten nabór IZ jest już zapisany."))
        return data

    def _post_clean(self):
        pass


class ApplicationForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Nabór IZ"), queryset=Call.objects.none())
    application_number = forms.CharField(
        label=_("Numer wniosku w systemie IZ"), max_length=60, help_text=_("Np. FEWP.03.02-IZ.00-0012/26.")
    )

    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = Call.objects.filter(measure=card.measure)


class OutcomeForm(forms.Form):
    selected = forms.TypedChoiceField(
        label=_("Rozstrzygnięcie IZ"),
        choices=[("1", _("wybrany do dofinansowania")), ("0", _("odrzucony"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    score = forms.DecimalField(
        label=_("Wynik oceny (pkt)"),
        required=False,
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text=_("Tylko w naborze konkurencyjnym."),
    )
    reason = forms.CharField(
        label=_("Uzasadnienie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wymagane przy odrzuceniu."),
    )
    decided_on = forms.DateField(
        label=_("Data rozstrzygnięcia IZ"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(label=_("Znak pisma albo uchwały IZ"), max_length=200, required=False)
    source = forms.CharField(
        label=_("Skąd wiemy o rozstrzygnięciu"),
        max_length=300,
        required=False,
        help_text=_("Np. pismo IZ do Stowarzyszenia, lista wybranych projektów na stronie IZ."),
    )


class QuestionForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Pytanie"), max_length=300)
    help_text = forms.CharField(label=_("Podpowiedź"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Obowiązkowe"), required=False, initial=True)


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True)


class AnswersForm(forms.Form):
    def __init__(self, *args, card: ProjectCard, **kwargs):
        super().__init__(*args, **kwargs)
        answers = {a.question_id: a.text for a in card.answers.all()}
        for question in card.round.questions.all():
            self.fields[f"q{question.pk}"] = forms.CharField(
                # the round's questions are data typed in Polish: marked so on pages in other languages
                label=pl(question.text),
                help_text=pl(question.help_text),
                required=question.required,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answers.get(question.pk, ""),
                max_length=4000,
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class SocialClauseRowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=[("", "—"), *SocialClause.Kind.choices])
    subject = forms.CharField(
        label=_("Przedmiot zamówienia"), max_length=300, widget=forms.TextInput(attrs={"class": "cell-wide"})
    )
    estimated_pln = AmountField(label=_("Szacunkowa wartość (PLN)"))
    planned_year = forms.IntegerField(
        label=_("Rok"),
        min_value=2021,
        max_value=2035,
        widget=forms.NumberInput(attrs={"class": "cell-narrow"}),
    )
    planned_quarter = forms.TypedChoiceField(
        label=_("Kwartał"),
        choices=[("", "—"), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")],
        coerce=int,
        widget=forms.Select(attrs={"class": "cell-narrow"}),
    )


SocialClauseFormSet = forms.formset_factory(SocialClauseRowForm, extra=2, can_delete=True)


class ClauseOutcomeForm(forms.Form):
    state = forms.ChoiceField(label=_("Co się stało z zamówieniem"), widget=forms.RadioSelect)
    announced_on = forms.DateField(
        label=_("Data ogłoszenia postępowania"),
        required=False,
        widget=DATE,
        help_text=_("Wymagana, gdy postępowanie ogłoszono."),
    )
    awarded_on = forms.DateField(
        label=_("Data udzielenia zamówienia"),
        required=False,
        widget=DATE,
        help_text=_("Dzień zawarcia umowy z wykonawcą."),
    )
    awarded_pln = AmountField(label=_("Wartość udzielonego zamówienia (PLN)"), required=False)
    contractor_organisation = forms.ModelChoiceField(
        label=_("Wykonawca z rejestru podmiotów ekonomii społecznej"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("Jeśli zamówienie dostał podmiot ekonomii społecznej z rejestru, wybierz go tutaj."),
    )
    contractor = forms.CharField(
        label=_("Wykonawca"),
        required=False,
        max_length=300,
        help_text=_("Nazwa wykonawcy; gdy wybrano podmiot z rejestru, można zostawić puste."),
    )
    cancel_reason = forms.CharField(
        label=_("Powód rezygnacji"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wymagany, gdy zrezygnowano z klauzuli lub zamówienia."),
    )

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [(s.value, s.label) for s in states]
        self.fields["contractor_organisation"].queryset = Organisation.objects.filter(
            social_economy_entity__isnull=False
        ).order_by("name")
