"""Forms of the grant contract and what follows it: the contract and its amendments, termination and
corrections, progress reports, the final payment and durability, and the reconciliation with the managing
authority's exports. The contract's budget and indicator tables are the card's (`projects.forms`)."""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zit.contracts.models import DurabilityInfo, IzSource, ProgressReport, ReportExpenditure
from zit.core.formatting import format_date
from zit.core.forms import AmountField, PolishData
from zit.core.templatetags.zit import pl
from zit.projects.forms import DATE


class ContractForm(forms.Form):
    number = forms.CharField(label=_("Numer umowy"), max_length=80)
    signed_on = forms.DateField(label=_("Data zawarcia"), widget=DATE)
    parties = forms.CharField(
        label=_("Strony umowy"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    starts_on = forms.DateField(label=_("Początek realizacji"), widget=DATE)
    ends_on = forms.DateField(label=_("Koniec realizacji"), widget=DATE)
    total_pln = AmountField(label=_("Wartość projektu (PLN)"))
    eligible_pln = AmountField(label=_("Wydatki kwalifikowalne (PLN)"))
    eu_pln = AmountField(label=_("Dofinansowanie UE (PLN)"), help_text=_("Jak w umowie."))


class AmendmentForm(forms.Form):
    number = forms.CharField(label=_("Numer aneksu"), max_length=80)
    signed_on = forms.DateField(label=_("Data zawarcia"), widget=DATE)
    reason = forms.CharField(
        label=_("Powód zmiany"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    document = forms.FileField(label=_("Podpisany aneks (PDF, XAdES albo skan)"))
    ends_on = forms.DateField(
        label=_("Nowy koniec realizacji"),
        widget=DATE,
        required=False,
        help_text=_("Tylko jeśli aneks go zmienia."),
    )
    total_pln = AmountField(label=_("Wartość projektu po zmianie (PLN)"))
    eligible_pln = AmountField(label=_("Wydatki kwalifikowalne po zmianie (PLN)"))
    eu_pln = AmountField(label=_("Dofinansowanie UE po zmianie (PLN)"))


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Kamień milowy"), max_length=300)
    due_on = forms.DateField(label=_("Termin"), widget=DATE)


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2, can_delete=True)


class TerminationForm(forms.Form):
    terminated_on = forms.DateField(label=_("Data rozwiązania"), widget=DATE)
    eu_retained_pln = AmountField(
        label=_("Dofinansowanie wypłacone i zatrzymane (PLN)"),
        help_text=_("Tyle zostaje wykorzystane z koperty; reszta dofinansowania wraca do niej."),
    )
    reason = forms.CharField(
        label=_("Powód rozwiązania"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class CorrectionForm(forms.Form):
    found_on = forms.DateField(label=_("Data stwierdzenia nieprawidłowości"), widget=DATE)
    description = forms.CharField(
        label=_("Nieprawidłowość"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    eligible_pln = AmountField(label=_("Korekta wydatków kwalifikowalnych (PLN)"))
    eu_pln = AmountField(label=_("Korekta dofinansowania UE (PLN)"))
    decision_number = forms.CharField(label=_("Numer decyzji lub pisma"), max_length=100)
    decision_date = forms.DateField(label=_("Data decyzji"), widget=DATE)
    decision_issuer = forms.CharField(
        label=_("Kto ją wydał"), max_length=200, initial="Instytucja Zarządzająca FEW 2021+"
    )
    reason = forms.CharField(
        label=_("Uzasadnienie korekty po płatności końcowej"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_(
            "Płatność końcowa jest już zapisana: umowę zmienia tylko korekta, a ta wymaga uzasadnienia. "
            "Zostanie zapisane przy korekcie i w historii."
        ),
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["reason"]


class RecoveryForm(forms.Form):
    recovered_pln = AmountField(label=_("Odzyskano łącznie (PLN)"))


class ReportPeriodForm(forms.Form):
    period_from = forms.DateField(label=_("Okres od"), widget=DATE)
    period_to = forms.DateField(label=_("Okres do"), widget=DATE)


class ExpenditureForm(forms.Form):
    year = forms.IntegerField(label=_("Rok"), min_value=2021, max_value=2035)
    # an empty first choice keeps an unused row empty, so it is skipped rather than reported as incomplete
    category = forms.ChoiceField(
        label=_("Kategoria"), choices=[("", "—"), *ReportExpenditure.Category.choices]
    )
    amount_pln = AmountField(label=_("Wydatki kwalifikowalne poniesione (PLN)"))


ExpenditureFormSet = forms.formset_factory(ExpenditureForm, extra=2, can_delete=True)


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label=_("Opis postępu"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "Co zrobiono w tym okresie, co się opóźnia i dlaczego. Tylko ten opis jest potrzebny, by "
            "przekazać informację; wydatki, wskaźniki, kamienie milowe i pliki są dobrowolne."
        ),
        max_length=8000,
    )

    def __init__(self, *args, report: ProgressReport, **kwargs):
        super().__init__(*args, **kwargs)
        values = {v.target_id: v.value for v in report.indicator_values.all()}
        dates = {m.milestone_id: m.reached_on for m in report.milestone_dates.all()}
        for target in report.contract.indicators.select_related("indicator"):
            self.fields[f"ind{target.pk}"] = forms.DecimalField(
                label=_("%(i)s – osiągnięto narastająco (cel: %(t)s w %(y)d)")
                % {
                    "i": target.indicator,
                    "t": f"{target.target_value:g}".replace(".", ","),
                    "y": target.target_year,
                },
                required=False,
                max_digits=15,
                decimal_places=3,
                localize=True,
                initial=values.get(target.pk),
            )
        for milestone in report.contract.milestones.all():
            self.fields[f"ms{milestone.pk}"] = forms.DateField(
                # the milestone's name is data typed in Polish: marked so on pages in other languages
                label=mark_safe(  # noqa: S308 - every part escaped
                    str(conditional_escape(_("„%(m)s” (termin %(d)s) – osiągnięty dnia")))
                    % {"m": conditional_escape(pl(milestone.name)), "d": format_date(milestone.due_on)}
                ),
                required=False,
                widget=DATE,
                initial=dates.get(milestone.pk),
            )

    def indicators(self) -> dict:
        return {int(k[3:]): v for k, v in self.cleaned_data.items() if k.startswith("ind") and v is not None}

    def milestones(self) -> dict:
        return {int(k[2:]): v for k, v in self.cleaned_data.items() if k.startswith("ms") and v is not None}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Załącznik (PDF, dokument, zdjęcie, ZIP; do 20 MB)"))


class SettlementForm(forms.Form):
    final_payment_on = forms.DateField(
        label=_("Data płatności końcowej"),
        widget=DATE,
        help_text=_(
            "Dzień, w którym IZ przekazała beneficjentowi płatność końcową; od niego liczy się okres trwałości."
        ),
    )
    reference = forms.CharField(
        label=_("Numer pisma albo zlecenia płatności IZ"),
        max_length=200,
        help_text=_("Płatność końcową przekazuje instytucja zarządzająca; wpisz numer jej dokumentu."),
    )
    durability_years = forms.IntegerField(
        label=_("Okres trwałości (lata)"),
        min_value=1,
        max_value=10,
        help_text=_(
            "5 lat od płatności końcowej; 3 lata, gdy beneficjent jest MŚP (art. 65 rozporządzenia 2021/1060)."
        ),
    )
    confirmed = forms.BooleanField(
        label=_("Rozumiem ostrzeżenia powyżej i mimo to zapisuję płatność końcową"), required=False
    )
    reason = forms.CharField(
        label=_("Powód"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Potrzebny, gdy strona ostrzega; zostanie zapisany w historii."),
    )

    def __init__(self, *args, warned: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not warned:  # nothing to confirm: the page asks for no reason
            del self.fields["confirmed"]
            del self.fields["reason"]


class StatementForm(forms.Form):
    year = forms.IntegerField(label=_("Rok"), min_value=2021, max_value=2045)
    conditions_met = forms.TypedChoiceField(
        label=_("Czy warunki trwałości są zachowane?"),
        choices=[("1", _("tak")), ("0", _("nie"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Oświadczenie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Jak projekt jest wykorzystywany, czy zmienił się jego właściciel lub przeznaczenie."),
        max_length=4000,
    )


class DurabilityInfoForm(forms.Form):
    """Durability monitoring information; the service checks the source rules (`durability_info_errors`)."""

    source = forms.ChoiceField(
        label=_("Źródło informacji"), choices=DurabilityInfo.Source.choices, widget=forms.RadioSelect
    )
    observed_on = forms.DateField(
        label=_("Data informacji"),
        widget=DATE,
        help_text=_("Data dokumentu IZ, oświadczenia albo obserwacji biura."),
    )
    finding = forms.ChoiceField(
        label=_("Ustalenie"),
        choices=DurabilityInfo.Finding.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Biuro nie stwierdza naruszeń: przekazuje sygnał do IZ. „IZ stwierdziła naruszenie trwałości” "
            "wybierz tylko na podstawie dokumentu IZ."
        ),
    )
    iz_reference = forms.CharField(
        label=_("Znak pisma lub dokumentu IZ"),
        max_length=200,
        required=False,
        help_text=_("Wymagany, gdy źródłem jest IZ (np. znak informacji pokontrolnej)."),
    )
    notes = forms.CharField(
        label=_("Opis"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class ReconciliationUploadForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Źródło zestawienia"),
        queryset=None,
        required=False,
        empty_label=_("— nowe źródło —"),
        help_text=_("Przy znanym źródle użyjemy zapisanego przypisania kolumn."),
    )
    new_source_name = forms.CharField(
        label=_("Nazwa nowego źródła"),
        required=False,
        max_length=200,
        help_text=_("Np. „CST2021 – umowy ZIT, eksport miesięczny”."),
    )
    new_source_system = forms.ChoiceField(label=_("System"), required=False, choices=())
    file = forms.FileField(label=_("Plik z IZ (CSV lub XLSX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = IzSource.objects.all()
        self.fields["new_source_system"].choices = IzSource.System.choices

    def clean(self):
        data = super().clean()
        if not data.get("source") and not (data.get("new_source_name") or "").strip():
            self.add_error("new_source_name", _("Wybierz źródło albo nazwij nowe."))
        return data


class MappingForm(forms.Form):
    """One select per platform field (the file's columns as choices) and one per status word found."""

    def __init__(self, *args, columns: list[str], statuses: list[str], **kwargs):
        from zit.contracts import reconciliation as recon

        super().__init__(*args, **kwargs)
        column_choices = [("", _("— nie ma w pliku —"))] + [(c, PolishData(c)) for c in columns]
        for field in recon.FIELDS:
            self.fields[f"col_{field.key}"] = forms.ChoiceField(
                label=capfirst(field.label), choices=column_choices, required=False
            )
        status_choices = [("", _("— wybierz —"))] + [(k, v) for k, v in recon.STATUS_GROUPS.items()]
        status_choices.append((recon.SKIP_STATUS, _("nie porównuj")))
        self.statuses = statuses
        for index, text in enumerate(statuses):
            self.fields[f"status_{index}"] = forms.ChoiceField(
                # the status word comes from the file (Polish data)
                label=mark_safe(
                    str(conditional_escape(_("Status „%(s)s”"))) % {"s": conditional_escape(pl(text))}
                ),  # noqa: S308
                choices=status_choices,
                required=False,
            )

    def mapping(self) -> dict[str, str]:
        from zit.contracts import reconciliation as recon

        return {f.key: self.cleaned_data.get(f"col_{f.key}", "") for f in recon.FIELDS}

    def status_map(self) -> dict[str, str]:
        return {
            text.lower(): self.cleaned_data.get(f"status_{i}", "") for i, text in enumerate(self.statuses)
        }


class ConfirmDifferenceForm(forms.Form):
    note = forms.CharField(
        label=_("Dlaczego dane platformy są właściwe"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
