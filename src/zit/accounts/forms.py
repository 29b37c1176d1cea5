from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


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
