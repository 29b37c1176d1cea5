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
