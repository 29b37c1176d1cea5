"""The page's error summary: every error of every bound form and table in the page's context, each linked to
the field it is about; and the personal fields say what they hold (autocomplete)."""

from __future__ import annotations

from django import forms
from django.template import Context

from zit.core.error_summary import page_errors


class _Person(forms.Form):
    name = forms.CharField(label="Imię i nazwisko")
    kind = forms.ChoiceField(label="Rodzaj", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Całość się nie zgadza.")


class _Row(forms.Form):
    amount = forms.DecimalField(label="Kwota")


def test_each_error_links_to_its_field_and_the_form_s_own_errors_to_its_first_field():
    form = _Person(data={})
    items = page_errors(Context({"form": form, "unbound": _Person(), "title": "x"}))
    assert [(i.target, i.text) for i in items] == [
        ("id_name", "Całość się nie zgadza."),
        ("id_name", "Imię i nazwisko: To pole jest wymagane."),
        ("id_kind_0", "Rodzaj: To pole jest wymagane."),  # a group of radios: its first option
        ("id_name", "To pole jest wymagane."),  # a hidden field: to the form
    ]


def test_a_table_s_errors_name_the_row_and_link_to_the_cell():
    rows = forms.formset_factory(_Row, extra=0)(
        data={"r-TOTAL_FORMS": "2", "r-INITIAL_FORMS": "0", "r-0-amount": "1", "r-1-amount": "x"}, prefix="r"
    )
    items = page_errors(Context({"rows": [rows], "other": {"form": _Row(data={"amount": "2"})}}))
    assert [(i.target, i.text) for i in items] == [("id_r-1-amount", "Wiersz 2, Kwota: Wpisz liczbę.")]


def test_no_errors_no_summary():
    assert page_errors(Context({"form": _Row(data={"amount": "2"}), "blank": _Row()})) == []


def test_personal_fields_say_what_they_hold_where_people_type_their_own_data():
    from zit.accounts.forms import PasswordResetRequestForm
    from zit.association.forms import PersonForm
    from zit.strategy.forms import CommentForm

    def tokens(form):
        return {name: field.widget.attrs.get("autocomplete") for name, field in form.fields.items()}

    comment = tokens(CommentForm())
    assert (comment["author_name"], comment["organisation"], comment["email"]) == (
        "name",
        "organization",
        "email",
    )
    person = tokens(PersonForm())
    # the office types other people's data: the browser must not offer the office worker's own
    assert [person[f] for f in ("first_name", "last_name", "email", "phone")] == ["off"] * 4
    assert tokens(PasswordResetRequestForm())["email"] == "email"
