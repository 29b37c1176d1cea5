from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from zit.core.public_forms import PublicForm


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Nazwa użytkownika"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Hasło"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("Nieprawidłowa nazwa użytkownika lub hasło. Wielkość liter ma znaczenie."),
        "inactive": _("To konto jest nieaktywne. Skontaktuj się z biurem Stowarzyszenia."),
    }


class PasswordResetRequestForm(PublicForm, PasswordResetForm):
    """The request for a link to a new password: a public form like the others (trap, token, limits)."""

    form_key = "accounts.password_reset"
    sender_email_field = "email"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.setdefault("autocomplete", "email")


class AppCodeForm(forms.Form):
    """Six digits from the authenticator app: the numeric keyboard on phones, filled from SMS-less autofill."""

    code = forms.CharField(
        label=_("Kod z aplikacji"),
        help_text=_("Sześć cyfr z aplikacji uwierzytelniającej, np. 123456. Kod zmienia się co 30 sekund."),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "spellcheck": "false",
                "autofocus": True,
                "class": "input-code",
            }
        ),
        error_messages={"required": _("Wpisz kod z aplikacji.")},
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kod zapasowy"),
        help_text=_(
            "Jeden z kodów zapasowych zapisanych przy włączaniu logowania dwuetapowego, np. abcde-fghjk."
        ),
        max_length=24,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
                "class": "input-code",
            }
        ),
        error_messages={"required": _("Wpisz kod zapasowy.")},
    )


class SecondFactorResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód resetu"),
        help_text=_(
            "Trafi do dziennika zmian i do wiadomości dla użytkownika, np. „zgubiony telefon, zgłoszenie telefoniczne z 3 marca”."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Podaj powód resetu.")},
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeputyForm(forms.Form):
    """Whom to hand one's inbox to, and for which days (`accounts.deputies.deputy_set` checks the rules)."""

    deputy = forms.ModelChoiceField(
        label=_("Zastępca"),
        queryset=None,
        empty_label=_("– wybierz osobę –"),
        help_text=_("Osoby z aktywnym kontem, które mają co najmniej jedną z Twoich ról."),
    )
    starts = forms.DateField(label=_("Od dnia"), widget=DATE)
    ends = forms.DateField(label=_("Do dnia (włącznie)"), widget=DATE)
    note = forms.CharField(label=_("Uwagi"), max_length=300, required=False, help_text=_("Np. „urlop”."))

    def __init__(self, *args, candidates=None, principals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = candidates
        if principals is not None:  # an office administrator sets it for someone who cannot sign in
            self.fields = {
                "principal": forms.ModelChoiceField(
                    label=_("Osoba zastępowana"),
                    queryset=principals,
                    help_text=_(
                        "Administrator biura może ustawić zastępstwo za kogoś, kto nie może się zalogować."
                    ),
                ),
                **self.fields,
            }
            self.fields["deputy"].help_text = _(
                "Zastępca musi mieć co najmniej jedną z ról osoby zastępowanej; sprawdzimy to przy zapisie."
            )
        for name in ("principal", "deputy"):
            if name in self.fields:
                self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.username
