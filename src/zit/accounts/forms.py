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
