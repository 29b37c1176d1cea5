"""Forms of the requests for public information: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zit.core.forms import AmountField
from zit.public_information.models import InactionComplaint, InformationRequest, RequestAction

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def office_users():
    """Active users of the office who may handle requests (the roles holding the permission)."""
    from zit.accounts.models import User
    from zit.core.roles import PERMISSIONS, SCOPED_ROLES, Perm

    roles = [
        r for r, perms in PERMISSIONS.items() if Perm.INFORMATION_REQUESTS in perms and r not in SCOPED_ROLES
    ]
    return (
        User.objects.filter(is_active=True, role_assignments__role__in=roles)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class RegisterForm(forms.Form):
    received_on = forms.DateField(
        label=_("Data wpływu"),
        widget=DATE,
        help_text=_(
            "Dzień, w którym wniosek dotarł do Stowarzyszenia, także sobota lub święto (e-mail, ePUAP). "
            "Od następnego dnia liczymy 14 dni."
        ),
    )
    received_time = forms.TimeField(label=_("Godzina wpływu"), widget=TIME, required=False)
    channel = forms.ChoiceField(label=_("Sposób złożenia"), choices=InformationRequest.Channel.choices)
    requester_name = forms.CharField(
        label=_("Wnioskodawca"),
        required=False,
        max_length=200,
        help_text=_("Imię i nazwisko lub nazwa, jeśli je podano. Wniosek może być anonimowy."),
    )
    reply_email = forms.EmailField(label=_("E-mail do odpowiedzi"), required=False)
    reply_address = forms.CharField(
        label=_("Adres do odpowiedzi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tylko gdy odpowiedź ma pójść pocztą lub przez ePUAP (adres skrytki)."),
    )
    subject = forms.CharField(
        label=_("Przedmiot wniosku"), max_length=300, help_text=_("Krótko, np. „umowy zawarte w 2025 r.”.")
    )
    requested_information = forms.CharField(
        label=_("O jaką informację wnioskodawca prosi"), widget=forms.Textarea(attrs={"rows": 5})
    )
    delivery = forms.ChoiceField(
        label=_("Sposób udostępnienia, o który prosi"), choices=InformationRequest.Delivery.choices
    )
    delivery_note = forms.CharField(label=_("Uwagi o sposobie lub formie"), required=False, max_length=300)
    attachment = forms.FileField(label=_("Skan lub plik wniosku"), required=False)
    assignee = AssigneeChoiceField(
        label=_("Prowadzi"), queryset=None, required=False, empty_label=_("– jeszcze nikt –")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = office_users()


class AssignForm(forms.Form):
    assignee = AssigneeChoiceField(
        label=_("Prowadzi"),
        queryset=None,
        required=False,
        empty_label=_("– nikt (przypomnienia idą do biura) –"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = office_users()


def _date(label):
    return forms.DateField(label=label, widget=DATE)


DOCUMENT_HELP = _("PDF, DOCX, ODT, XML z ePUAP lub skan, do 20 MB.")


def _document(help_text=DOCUMENT_HELP):
    return forms.FileField(label=_("Dokument"), required=False, help_text=help_text)


class TextOrFileForm(forms.Form):
    """A step whose content is typed or attached: neither field is required alone, one of them is. The page
    marks both with `one_of_note` instead of "(nieobowiązkowe)"; the service refuses a step with neither."""

    one_of = ("text", "document")
    one_of_note = _("treść albo plik – jedno z nich jest wymagane")


class ExtendForm(forms.Form):
    done_on = _date(_("Data zawiadomienia wnioskodawcy"))
    new_due_on = forms.DateField(label=_("Nowy termin udostępnienia"), widget=DATE)
    reason = forms.CharField(
        label=_("Przyczyna opóźnienia"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tak, jak napisano ją wnioskodawcy."),
    )
    document = _document()


class FeeForm(TextOrFileForm):
    done_on = _date(_("Data powiadomienia o opłacie"))
    amount = AmountField(label=_("Wysokość opłaty (zł)"), max_digits=10, decimal_places=2)
    text = forms.CharField(
        label=_("Treść powiadomienia"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wpisz treść powiadomienia albo dołącz pismo poniżej – jedno z nich jest wymagane. Opłata pokrywa "
            "tylko dodatkowe koszty (art. 15)."
        ),
    )
    document = _document()


class AnswerForm(TextOrFileForm):
    done_on = _date(_("Data udostępnienia"))
    text = forms.CharField(
        label=_("Odpowiedź lub opis, co udostępniono"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wpisz treść odpowiedzi albo dołącz poniżej plik z odpowiedzią – jedno z nich jest wymagane; "
            "można też jedno i drugie."
        ),
    )
    document = _document()


class RefuseForm(forms.Form):
    done_on = _date(_("Data wydania decyzji"))
    ground = forms.ChoiceField(
        label=_("Podstawa odmowy"), choices=RequestAction.Ground.choices, widget=forms.RadioSelect
    )
    ground_other = forms.CharField(
        label=_("Inna podstawa"),
        required=False,
        max_length=300,
        help_text=_("Tylko gdy wybierasz „inna podstawa”."),
    )
    text = forms.CharField(
        label=_("Uzasadnienie decyzji"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    document = _document(_("Podpisana decyzja: PDF, XML z ePUAP lub skan, do 20 MB."))


class DiscontinueForm(RefuseForm):
    done_on = _date(_("Data wydania decyzji"))
    ground = forms.ChoiceField(
        label=_("Podstawa umorzenia"),
        choices=RequestAction.DiscontinueGround.choices,
        widget=forms.RadioSelect,
    )


class LetterForm(TextOrFileForm):
    done_on = _date(_("Data wysłania pisma"))
    ground = forms.ChoiceField(
        label=_("Dlaczego sprawę zamyka pismo"),
        choices=RequestAction.LetterReason.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Treść pisma"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wpisz treść pisma albo dołącz poniżej plik z pismem – jedno z nich jest wymagane."),
    )
    document = _document()


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Szukaj"), required=False, help_text=_("Znak sprawy, przedmiot, treść lub wnioskodawca.")
    )
    stan = forms.ChoiceField(label=_("Stan"), required=False)
    rok = forms.TypedChoiceField(label=_("Rok"), required=False, coerce=int, empty_value=None)
    termin = forms.ChoiceField(label=_("Termin"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        from zit.public_information.selectors import DUE_FILTERS

        super().__init__(*args, **kwargs)
        self.fields["stan"].choices = [("", _("wszystkie"))] + list(InformationRequest.State.choices)
        self.fields["rok"].choices = [("", _("wszystkie"))] + [(y, str(y)) for y in years]
        self.fields["termin"].choices = [("", _("wszystkie"))] + [(k, v) for k, v in DUE_FILTERS.items()]


class ReconsiderationForm(TextOrFileForm):
    done_on = _date(_("Data złożenia wniosku o ponowne rozpatrzenie"))
    delivered_on = forms.DateField(
        label=_("Data doręczenia decyzji"),
        widget=DATE,
        help_text=_("Od następnego dnia liczymy 14 dni na złożenie wniosku (art. 129 § 2 KPA)."),
    )
    text = forms.CharField(
        label=_("Treść lub streszczenie wniosku"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    document = _document()


class ReconsiderDecisionForm(forms.Form):
    done_on = _date(_("Data wydania decyzji"))
    text = forms.CharField(label=_("Uzasadnienie decyzji"), widget=forms.Textarea(attrs={"rows": 6}))
    document = _document()


class ComplaintForm(forms.Form):
    received_on = _date(_("Data wpływu skargi"))
    kind = forms.ChoiceField(label=_("Rodzaj skargi"), choices=InactionComplaint.Kind.choices)
    summary = forms.CharField(label=_("Zarzuty skargi w skrócie"), widget=forms.Textarea(attrs={"rows": 4}))


class ComplaintForwardForm(forms.Form):
    forwarded_on = _date(_("Data przekazania do sądu"))
    answer = forms.CharField(
        label=_("Odpowiedź na skargę"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Stanowisko Stowarzyszenia wobec zarzutów; trafia do dokumentu odpowiedzi."),
    )
