from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.forms import AmountField, FilterableCheckboxes, autocomplete, polish_ordered
from zit.core.public_forms import PublicForm
from zit.funding.models import Indicator, Measure
from zit.organisations.models import Organisation
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    InterventionArea,
    Issue,
    OperationalGoal,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
)
from zit.territory.models import AdministrativeUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMMENT_MAX = 5000  # characters of a comment and of its proposal


class ItemForm(forms.ModelForm):
    """Choices limited to the version being edited; validation is the service's."""

    def __init__(self, *args, version: StrategyVersion, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in (Issue, Goal, OperationalGoal, Direction, Undertaking):
                field.queryset = model.objects.filter(version=version)
            elif model is AdministrativeUnit:
                field.queryset = polish_ordered(AdministrativeUnit.objects.filter(level="gmina"))
            elif model is Organisation:
                field.queryset = Organisation.objects.order_by("name")
            elif model is Indicator:
                field.queryset = Indicator.objects.filter(active=True).exclude(code=None).order_by("code")
            elif model is Measure:
                field.queryset = Measure.objects.select_related("fund")
            if isinstance(field, forms.ModelMultipleChoiceField):
                # the registry of organisations is long: its checkboxes get a search field
                widget = FilterableCheckboxes if model is Organisation else forms.CheckboxSelectMultiple
                field.widget = widget(choices=field.choices)

    def _post_clean(self):
        pass


def _form(model, fields, **meta):
    attrs = {"model": model, "fields": fields, **meta}
    return type(f"{model.__name__}Form", (ItemForm,), {"Meta": type("Meta", (), attrs)})


TEXT = forms.Textarea(attrs={"rows": 4})
ITEM_TYPES = {
    # url segment: (model, form, plural title)
    "bariery-i-potencjaly": (
        Issue,
        _form(
            Issue,
            ["kind", "swot", "title", "description", "evidence", "gminas"],
            widgets={"description": TEXT, "evidence": TEXT},
        ),
    ),
    "cele": (
        Goal,
        _form(
            Goal,
            ["code", "title", "dimension", "description", "issues"],
            widgets={"description": TEXT},
        ),
    ),
    "cele-operacyjne": (
        OperationalGoal,
        _form(OperationalGoal, ["goal", "code", "title", "description"], widgets={"description": TEXT}),
    ),
    "kierunki": (
        Direction,
        _form(
            Direction,
            ["operational_goal", "code", "title", "description"],
            widgets={"description": TEXT},
        ),
    ),
    "przedsiewziecia": (
        Undertaking,
        _form(
            Undertaking,
            [
                "code",
                "title",
                "kind",
                "is_key",
                "description",
                "directions",
                "lead",
                "partners",
                "gminas",
                "estimated_cost_pln",
                "issues",
            ],
            widgets={"description": TEXT},
            field_classes={"estimated_cost_pln": AmountField},
        ),
    ),
    "zrodla-finansowania": (
        FundingSource,
        _form(
            FundingSource,
            ["undertaking", "kind", "measure", "fund", "name", "amount_pln"],
            field_classes={"amount_pln": AmountField},
        ),
    ),
    "wskazniki": (
        TargetIndicator,
        _form(
            TargetIndicator,
            [
                "indicator",
                "goal",
                "operational_goal",
                "undertaking",
                "baseline_value",
                "baseline_year",
                "target_value",
                "target_year",
                "source",
            ],
            localized_fields=["baseline_value", "target_value"],
            help_texts={"goal": _("Wybierz jedno: cel strategiczny, cel operacyjny albo przedsięwzięcie.")},
        ),
    ),
    "rozdzialy": (
        Chapter,
        _form(Chapter, ["kind", "text"], widgets={"text": forms.Textarea(attrs={"rows": 14})}),
    ),
    "obszary-interwencji": (
        InterventionArea,
        _form(InterventionArea, ["name", "description", "gminas"], widgets={"description": TEXT}),
    ),
}
SEGMENT_OF = {model: segment for segment, (model, _form_class) in ITEM_TYPES.items()}


class VersionForm(forms.Form):
    label = forms.CharField(
        label=_("Opis wersji"),
        max_length=200,
        help_text=_(
            "Np. „aktualizacja 2024”. Stanu wersji (projekt, w konsultacjach, obowiązująca) nie wpisuj: platforma podaje go sama."
        ),
    )
    based_on = forms.ModelChoiceField(
        label=_("Skopiuj z wersji"),
        queryset=StrategyVersion.objects.none(),
        required=False,
        help_text=_(
            "Domyślnie najnowsza wersja. Pozycje zachowują klucze, więc projekty dalej na nie wskazują."
        ),
    )

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["based_on"].queryset = StrategyVersion.objects.filter(strategy=strategy).order_by(
            "-number"
        )


class AdoptionForm(forms.Form):
    """The adopting resolution; the lifecycle's buttons move the version, this form only adopts it."""

    decision_number = forms.CharField(label=_("Numer uchwały przyjmującej"), max_length=100)
    decision_date = forms.DateField(label=_("Data uchwały"), widget=DATE)
    decision_body = forms.CharField(
        label=_("Organ, który podjął uchwałę"), max_length=200, initial="Rada Stowarzyszenia"
    )

    in_force_from = forms.DateField(
        label=_("Strategia obowiązuje od"),
        widget=DATE,
        required=False,
        help_text=_("Dzień, który podaje uchwała; bez wpisu – dzień podjęcia uchwały."),
    )

    def __init__(self, *args, recorded_decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.recorded_decision = recorded_decision
        if recorded_decision is not None:
            # the procedure's adoption step already holds the resolution: it is reused, not retyped
            for name in ("decision_number", "decision_date", "decision_body"):
                del self.fields[name]
            self.fields["confirm"] = forms.BooleanField(
                label=_("Przyjmij wersję uchwałą zapisaną w procedurze: %(d)s.") % {"d": recorded_decision},
                required=True,
            )


class DocumentForm(forms.Form):
    document = forms.FileField(label=_("Plik PDF lub DOCX"))
    note = forms.CharField(label=_("Opis dokumentu"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Plik XLSX według wzoru"))


class ProcedureStepForm(forms.ModelForm):
    decision_number = forms.CharField(label=_("Numer uchwały lub decyzji"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Data uchwały lub decyzji"), widget=DATE, required=False)
    decision_body = forms.CharField(
        label=_("Kto ją wydał"),
        max_length=200,
        required=False,
        help_text=_("Np. Rada Stowarzyszenia, RDOŚ w Poznaniu."),
    )

    class Meta:
        from zit.strategy.models import ProcedureStep

        model = ProcedureStep
        fields = ["kind", "title", "due_on", "started_on", "completed_on", "outcome", "document", "note"]
        widgets = {
            "due_on": DATE,
            "started_on": DATE,
            "completed_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "due_on": _("Planowana data; ostrzegamy dwa tygodnie wcześniej."),
            "document": _("Dowód wykonania kroku: uchwała, opinia, raport."),
            "started_on": _("Przy konsultacjach i udziale społeczeństwa: dzień ogłoszenia."),
            "outcome": _(
                "Tylko przy opiniach. „Uznana za pozytywną” wpisuje platforma następnego dnia po terminie, "
                "gdy przepis tak stanowi (opinia Zarządu Województwa)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.instance.decision if self.instance and self.instance.pk else None
        if decision:
            self.initial.update(
                {
                    "decision_number": decision.number,
                    "decision_date": decision.date,
                    "decision_body": decision.issuer_name,
                }
            )

    def clean(self):
        data = super().clean()
        given = [data.get(n) for n in ("decision_number", "decision_date", "decision_body")]
        if any(given) and not all(given):
            self.add_error(
                "decision_number", _("Podaj numer, datę i organ albo zostaw wszystkie trzy puste.")
            )
        return data

    def _post_clean(self):
        pass


class CommentForm(PublicForm):
    """The public consultation form (with the trap field and the token of every public form)."""

    form_key = "strategy.comment"
    sender_email_field = "email"

    target_key = forms.ChoiceField(label=_("Czego dotyczy uwaga"), choices=())
    text = forms.CharField(label=_("Uwaga"), widget=forms.Textarea(attrs={"rows": 6}), max_length=COMMENT_MAX)
    proposal = forms.CharField(
        label=_("Proponowana zmiana"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=COMMENT_MAX,
    )
    author_name = forms.CharField(label=_("Imię i nazwisko"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Instytucja lub organizacja"), max_length=300, required=False)
    email = forms.EmailField(
        label=_("E-mail do odpowiedzi"), required=False, max_length=254, help_text=_("Nie publikujemy go.")
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_key"].choices = targets
        autocomplete(self, author_name="name", organisation="organization", email="email")


class PeriodForm(forms.Form):
    opens = forms.DateField(label=_("Konsultacje od"), widget=DATE)
    closes = forms.DateField(
        label=_("Konsultacje do"),
        widget=DATE,
        help_text=_(
            "Co najmniej 35 dni od dnia ogłoszenia (dnia ogłoszenia nie liczy się; gdy 35. dzień wypada w sobotę "
            "lub święto, konsultacje trwają do najbliższego dnia roboczego)."
        ),
    )


class OpinionForm(forms.Form):
    """An opinion of a body that must be asked (a neighbouring gmina, the water authority), entered by the office
    from the letter it sent."""

    target_key = forms.ChoiceField(label=_("Czego dotyczy"), choices=())
    organisation = forms.CharField(
        label=_("Organ"), max_length=300, help_text=_("Np. Wody Polskie, RZGW w Poznaniu.")
    )
    source = forms.CharField(
        label=_("Pismo"),
        max_length=300,
        help_text=_("Znak i data pisma, np. PO.RUZ.4901.12.2024 z 2024-07-30."),
    )
    text = forms.CharField(label=_("Treść opinii lub uwagi"), widget=forms.Textarea(attrs={"rows": 5}))
    proposal = forms.CharField(
        label=_("Proponowana zmiana"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_key"].choices = targets


class ProcedureStartForm(forms.Form):
    sea_waiver = forms.BooleanField(
        label=_("Zamiast strategicznej oceny: uzgodnione odstąpienie (niewielka zmiana przyjętej strategii)"),
        required=False,
        help_text=_(
            "Art. 48 ustawy o udostępnianiu informacji o środowisku…: odstąpić można tylko przy niewielkiej "
            "zmianie strategii już przyjętej, w uzgodnieniu z RDOŚ i PPIS. Nowa strategia wymaga oceny."
        ),
    )


class LetterForm(forms.ModelForm):
    def _post_clean(self):
        pass  # the service writes the letter: the instance stays as read, so the audit sees what changed

    class Meta:
        from zit.strategy.models import ProcedureLetter

        model = ProcedureLetter
        fields = [
            "addressee",
            "sent_on",
            "reference",
            "received_on",
            "sent_document",
            "answered_on",
            "answer_reference",
            "answer_document",
            "note",
        ]
        widgets = {
            "sent_on": DATE,
            "received_on": DATE,
            "answered_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
