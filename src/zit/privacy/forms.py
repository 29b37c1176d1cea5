from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.personal_data import rules
from zit.privacy.models import CONTENT_FIELDS, ProcessingActivity


class ActivityForm(forms.ModelForm):
    erasure_rules = forms.MultipleChoiceField(
        label=_("Reguły usuwania danych na platformie"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Reguły, które codzienne zadanie stosuje do danych tej czynności; ich okresy pokazujemy we wpisie, "
            "więc rejestr i platforma mówią to samo."
        ),
    )
    note = forms.CharField(
        label=_("Powód zmiany"),
        required=False,
        max_length=300,
        help_text=_("Trafia do historii wpisu, np. „zmiana okresu po weryfikacji JRWA”."),
    )

    class Meta:
        model = ProcessingActivity
        fields = [name for name in CONTENT_FIELDS if name != "erasure_rules"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in CONTENT_FIELDS
            if name not in ("name", "to_verify", "erasure_rules")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["erasure_rules"].choices = [
            (key, f"{rule.title} – {rule.period_label()}") for key, rule in rules().items()
        ]
        if self.instance.pk:
            self.initial["erasure_rules"] = list(self.instance.erasure_rules or [])

    def content(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["erasure_rules"] = list(self.cleaned_data["erasure_rules"])
        return data


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód usunięcia wpisu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Np. „Stowarzyszenie nie prowadzi już tej czynności od 1 lipca 2027 r.”. Treść wpisu zostaje "
            "w dzienniku zmian."
        ),
    )
