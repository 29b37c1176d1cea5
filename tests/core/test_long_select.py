"""The select that renders thousands of options in Python writes the same HTML as Django's templates would."""

import lxml.html
from django import forms
from django.utils import translation

from zit.core.forms import LongSelect, PolishData


class _Form(forms.Form):
    gmina = forms.ChoiceField(
        label="Gmina",
        choices=[("", "—"), ("3010011", PolishData("Golina")), ("x", "Other")],
        widget=LongSelect,
    )


def _select(html: str):
    return lxml.html.fragment_fromstring(html)


def test_polish_data_options_are_marked_pl_on_english_pages_and_attributes_stay_valid():
    with translation.override("en"):
        html = str(_Form(initial={"gmina": "3010011"})["gmina"])
    select = _select(html)
    assert select.get("required") == ""  # a bare boolean attribute, not required="True"
    options = select.findall("option")
    assert [o.get("lang") for o in options] == [None, "pl", None]
    assert options[1].get("selected") is not None
    assert "&quot;" not in html


def test_nothing_is_marked_on_polish_pages():
    with translation.override("pl"):
        html = str(_Form()["gmina"])
    assert [o.get("lang") for o in _select(html).findall("option")] == [None, None, None]
