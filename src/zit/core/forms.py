from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data


class AuditCorrectionForm(forms.Form):
    """One text input per field the event changed, prefilled with the value before the change."""

    reason = forms.CharField(
        label=_("Uzasadnienie korekty"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Co było błędem i na jakiej podstawie go poprawiasz."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        before = event.before or {}
        for name in sorted(set(before) | set(event.after or {})):
            if name in {"id", "created_at", "updated_at"}:
                continue
            value = before.get(name)
            self.fields[f"f_{name}"] = forms.CharField(
                label=name,
                required=False,
                initial="" if value is None else value,
                help_text=with_data(_("Po zmianie: %(v)s"), v=(event.after or {}).get(name)),
            )
        self.order_fields([f for f in self.fields if f != "reason"] + ["reason"])

    def values(self) -> dict:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("f_")}


class SignedLockOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód zablokowania mimo nieważnego podpisu"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Powód zostanie zapisany przy dokumencie i w dzienniku zdarzeń."),
    )


class TrustListUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plik"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.pem,.crt,.cer,.der"}),
        help_text=_(
            "Lista zaufanych usług w formacie XML (np. krajowa lista zaufanych usług) albo pojedynczy "
            "certyfikat wystawcy (PEM lub DER)."
        ),
    )
    what = forms.ChoiceField(
        label=_("Co wgrywasz"),
        choices=[
            ("list", _("listę zaufanych usług (zastąpi certyfikaty z poprzedniej listy)")),
            ("certificate", _("certyfikat wystawcy (zostanie dodany)")),
        ],
        widget=forms.RadioSelect,
        initial="list",
    )
    label = forms.CharField(
        label=_("Skąd pochodzi plik"),
        max_length=300,
        required=False,
        help_text=_("Np. adres strony, z której pobrano plik, i data pobrania."),
    )


class SignedDocumentUploadForm(forms.Form):
    """The signed file; the service checks what it is. The confirmation is there because the upload locks the
    document for good."""

    file = forms.FileField(
        label=_("Podpisany plik"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xml,.xades,.jpg,.jpeg,.png"}),
    )
    confirm = forms.BooleanField(
        label=_("Potwierdzam, że to właściwy, podpisany plik. Po wgraniu nie można go zmienić."),
        error_messages={"required": _("Potwierdź, że to właściwy plik: po wgraniu nie można go zmienić.")},
    )

    def __init__(self, *args, **kwargs):
        from django.template.defaultfilters import filesizeformat

        from zit.core.signed import MAX_SIGNED_SIZE

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF z podpisem kwalifikowanym lub zaufanym, plik podpisu XAdES (XML) albo skan dokumentu "
            "podpisanego odręcznie (PDF, JPG, PNG), do %(max)s."
        ) % {"max": filesizeformat(MAX_SIGNED_SIZE)}


class AmountField(forms.DecimalField):
    """An amount typed as people type it: "9 800 000,00", "9800000.00" or "9.800.000,00"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        from django.utils.translation import get_language

        from zit.core.money import to_decimal

        try:
            value = to_decimal(value, comma_groups=(get_language() or "pl").startswith("en"))
        except (ValueError, TypeError):
            raise forms.ValidationError(_("Wpisz kwotę, np. 1 250 000,00."), code="invalid") from None
        return super().to_python(str(value))


class ShareField(forms.DecimalField):
    """A share of a whole typed as "0,70", "70" or "70%": stored as 0.7000, shown as "70%"."""

    def prepare_value(self, value):
        from decimal import Decimal, InvalidOperation

        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError, TypeError):
            return value  # what the person typed, shown back as typed
        if value in (None, "") or number > 1:
            return value
        text = f"{number * 100:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") + "%"

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        from zit.core.money import to_decimal

        text = str(value).strip()
        percent = text.endswith("%")
        try:
            number = to_decimal(text.rstrip("%").strip())
        except (ValueError, TypeError):
            raise forms.ValidationError(
                _("Wpisz część jako ułamek (0,70) albo procent (70%)."), code="invalid"
            ) from None
        if percent or number > 1:
            number = number / 100
        if not 0 < number <= 1:
            raise forms.ValidationError(
                _("Podaj wartość większą od 0 i nie większą niż 100%."), code="invalid"
            )
        return super().to_python(str(number.quantize(Decimal("0.0001"))))


class PolishData(str):
    """A choice label that is data typed in Polish (a goal's code and title) although its choice is no record:
    the option templates mark it lang="pl" on pages in other languages, as they do for a record's name."""

    polish_data = True


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling box with a search field above them (added by script, so the plain list
    still works without it): for long lists such as partner organisations."""

    class Media:
        js = ["zit/choice-filter.js"]

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "filterable-choices", **(attrs or {})}, choices)


def polish_ordered(queryset, field: str = "name"):
    """A queryset in Polish alphabetical order on every database (PostgreSQL's C collation puts "Ś" after
    "Z"). Meant for short lists such as the gminas of the area."""
    from django.db.models import Case, IntegerField, When

    from zit.core.formatting import polish_sort_key

    ordered = sorted(queryset.values_list("pk", field), key=lambda row: polish_sort_key(row[1] or ""))
    if not ordered:
        return queryset
    position = Case(
        *[When(pk=pk, then=i) for i, (pk, _name) in enumerate(ordered)], output_field=IntegerField()
    )
    return queryset.order_by(position)


class LongSelect(forms.Select):
    """A select rendered in Python rather than one template per option: a list of thousands of options
    (cards, organisations) renders in milliseconds instead of hundreds."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.utils.html import format_html, format_html_join
        from django.utils.safestring import mark_safe
        from django.utils.translation import get_language

        final = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        # as the option template does: a record's name is Polish data, marked so on pages in other languages
        foreign = not (get_language() or "pl").startswith("pl")
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (
                    option_value,
                    " selected" if str(option_value) in selected else "",
                    mark_safe(' lang="pl"')
                    if foreign
                    and (
                        getattr(option_value, "instance", None) is not None
                        or getattr(label, "polish_data", False)
                    )
                    else "",
                    label,
                )
                for option_value, label in self.choices
            ),
        )
        # a boolean attribute (required, disabled) is written bare, as Django's own templates do
        attributes = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                for k, v in final.items()
                if v not in (None, False)
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


def autocomplete(form: forms.BaseForm, **tokens: str) -> None:
    """Says what each personal field holds (name -> HTML autocomplete token, e.g. email="email"), so browsers
    and assistive tools can fill and label it (WCAG 2.1, 1.3.5). Fields the form lacks are passed over."""
    for name, token in tokens.items():
        if name in form.fields:
            form.fields[name].widget.attrs.setdefault("autocomplete", token)


ADDRESS = {"street": "street-address", "postal_code": "postal-code", "city": "address-level2"}
