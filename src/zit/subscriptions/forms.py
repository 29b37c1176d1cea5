from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.forms import PolishData
from zit.core.public_forms import PublicForm
from zit.subscriptions.models import Topic
from zit.subscriptions.services import FORM_KEY, gmina_choices


class SubscribeForm(PublicForm):
    """The public form: an address, what it wants to hear about, and for new projects which gminas. The
    service checks the choice; the form only parses it."""

    form_key = FORM_KEY
    sender_email_field = "email"

    email = forms.EmailField(
        label=_("Adres e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topics = forms.MultipleChoiceField(
        label=_("O czym chcesz dostawać wiadomości"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gminas = forms.MultipleChoiceField(
        label=_("Gminy, o których nowych projektach chcesz wiedzieć"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tylko przy nowych projektach. Wybierz jedną gminę lub kilka."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gminas"].choices = [(code, PolishData(name)) for code, name in gmina_choices()]
