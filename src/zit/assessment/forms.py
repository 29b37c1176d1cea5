from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from zit.assessment.criteria import CriterionData
from zit.assessment.models import Criterion, Score
from zit.assessment.services import justification_field, value_field
from zit.core.formatting import format_number
from zit.core.forms import FilterableCheckboxes, ShareField
from zit.core.templatetags.zit import pl
from zit.organisations.models import Organisation
from zit.projects.models import ProjectCard


class CriteriaSetForm(forms.Form):
    pass_threshold = forms.DecimalField(
        label=_("Próg punktowy (wynik końcowy)"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Najniższy wynik końcowy, z którym fiszka przechodzi ocenę. Wynik to suma: waga × punkty."
        ),
    )
    third_share = ShareField(
        label=_("Rozbieżność, przy której ocenia trzeci oceniający"),
        help_text=_(
            "Np. 30%: gdy sumy dwóch ocen różnią się o więcej niż 30% największej możliwej sumy, biuro "
            "przydziela trzeciego oceniającego."
        ),
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Nazwa"), max_length=300)
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=[("", "—"), *Criterion.Kind.choices])
    description = forms.CharField(
        label=_("Jak oceniać"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    weight = forms.DecimalField(
        label=_("Waga"), required=False, max_digits=6, decimal_places=2, localize=True
    )
    max_score = forms.IntegerField(label=_("Najwyżej punktów"), required=False, min_value=1, max_value=1000)
    min_score = forms.IntegerField(label=_("Minimum punktów"), required=False, min_value=0, max_value=1000)
    tie_break_order = forms.IntegerField(
        label=_("Kolejność przy remisie"), required=False, min_value=1, max_value=50
    )

    def data_row(self) -> CriterionData:
        d = self.cleaned_data
        return CriterionData(
            name=d["name"],
            kind=d["kind"],
            description=d.get("description", ""),
            weight=d.get("weight"),
            max_score=d.get("max_score"),
            min_score=d.get("min_score"),
            tie_break_order=d.get("tie_break_order"),
        )


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def criterion_initial(criterion: Criterion) -> dict:
    return {
        "name": criterion.name,
        "kind": criterion.kind,
        "description": criterion.description,
        "weight": criterion.weight,
        "max_score": criterion.max_score,
        "min_score": criterion.min_score,
        "tie_break_order": criterion.tie_break_order,
    }


class DeclarationForm(forms.Form):
    ties = forms.ModelMultipleChoiceField(
        label=_("Organizacje, z którymi łączy mnie taka relacja"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=FilterableCheckboxes,
        help_text=_(
            "Zaznacz każdą, także gdy nie wiesz, czy złożyła fiszkę. Brak powiązań: nie zaznaczaj nic."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Potwierdzam powyższe oświadczenie. Wiem, że po podpisaniu nie mogę go zmienić."),
        error_messages={"required": _("Zaznacz, że składasz to oświadczenie.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ties"].queryset = Organisation.objects.order_by("name")
        self.fields["ties"].widget.choices = self.fields["ties"].choices


YES_NO = [("1", _("tak")), ("0", _("nie"))]


class _NeededToSubmit:
    """Shown as required, since submitting needs every value and justification, but accepted empty here: a
    draft may be partial, and the service says what a submission lacks, in words that fit the criterion."""

    def validate(self, value):
        if value not in self.empty_values:
            super().validate(value)


class ScoreField(_NeededToSubmit, forms.IntegerField):
    pass


class YesNoField(_NeededToSubmit, forms.TypedChoiceField):
    pass


class JustificationField(_NeededToSubmit, forms.CharField):
    pass


class AssessmentForm(forms.Form):
    """A value and a justification per criterion, named as the service names its errors."""

    def __init__(self, *args, criteria: list[Criterion], scores: dict[int, Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for i, c in enumerate(criteria, start=1):
            score = scores.get(c.pk)
            # the criterion's name and description are data typed in Polish: marked so on pages in other languages
            label = format_html("{}. {}", i, pl(c.name))
            if c.scored:
                help_text = _("Od 0 do %(max)d pkt, waga %(w)s.") % {
                    "max": c.max_score,
                    "w": format_number(c.weight),
                }
                if c.min_score is not None:
                    help_text += " " + str(_("Minimum: %(min)d pkt.") % {"min": c.min_score})
                field = ScoreField(
                    label=label,
                    min_value=0,
                    max_value=c.max_score,
                    help_text=format_html("{} {}", pl(c.description), help_text)
                    if c.description
                    else help_text,
                )
            else:
                field = YesNoField(
                    label=label,
                    choices=YES_NO,
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    help_text=format_html(
                        "{} {}", pl(c.description), _("Kryterium obowiązkowe: „nie” odrzuca fiszkę.")
                    )
                    if c.description
                    else _("Kryterium obowiązkowe: „nie” odrzuca fiszkę."),
                )
            field.initial = score.value if score else None
            self.fields[value_field(c)] = field
            self.fields[justification_field(c)] = JustificationField(
                label=mark_safe(
                    conditional_escape(_("Uzasadnienie: %(c)s")) % {"c": conditional_escape(pl(c.name))}
                ),  # noqa: S308 - both parts escaped
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.justification if score else "",
            )

    def values(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (self.cleaned_data.get(value_field(c)), self.cleaned_data.get(justification_field(c), ""))
            for c in self.criteria
        }


class AssignForm(forms.Form):
    card = forms.ModelChoiceField(queryset=ProjectCard.objects.none())
    assessor = forms.ModelChoiceField(label=_("Oceniający"), queryset=None)

    def __init__(self, *args, cards, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["card"].queryset = cards
        self.fields["assessor"].queryset = assessors
