"""The `pl` filter marks Polish data in pages of another language, and leaves Polish pages as they are."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template('{% load zit %}<p>{{ name|pl }}: {{ note|pl|default:"—" }}</p>')


def test_polish_pages_are_left_as_they_are():
    with translation.override("pl"):
        assert TEMPLATE.render(Context({"name": "Ślesin <b>", "note": ""})) == "<p>Ślesin &lt;b&gt;: —</p>"


def test_english_pages_mark_the_data_as_polish_and_still_escape_it():
    with translation.override("en"):
        html = TEMPLATE.render(Context({"name": "Ślesin <b>", "note": ""}))
    assert html == '<p><span lang="pl">Ślesin &lt;b&gt;</span>: —</p>'


def test_a_sentence_marks_only_its_data_and_escapes_both():
    from zit.core.formatting import with_data

    with translation.override("en"):
        html = with_data("Editing <%(name)s>", name="Gmina <Ślesin>")
    assert html == 'Editing &lt;<span lang="pl">Gmina &lt;Ślesin&gt;</span>&gt;'
    with translation.override("pl"):
        assert with_data("Edycja: %(name)s", name="Ślesin") == "Edycja: Ślesin"


def test_options_built_from_records_are_marked_polish_in_english_only(db):
    from django import forms

    from zit.core.forms import PolishData
    from zit.organisations.models import Organisation

    Organisation.objects.create(name="Gmina Ślesin", kind=Organisation._meta.get_field("kind").choices[0][0])

    class PickForm(forms.Form):
        organisation = forms.ModelChoiceField(Organisation.objects.all())
        target = forms.ChoiceField(
            choices=[("all", "the whole strategy"), ("c1", PolishData("C1 Gospodarka"))]
        )
        many = forms.ModelMultipleChoiceField(Organisation.objects.all(), widget=forms.CheckboxSelectMultiple)

    with translation.override("en"):
        html = str(PickForm())
    assert '<option value="' in html and 'lang="pl">Gmina Ślesin</option>' in html
    assert '<option value="c1" lang="pl">C1 Gospodarka</option>' in html
    assert '<option value="all">the whole strategy</option>' in html
    assert '<span lang="pl">Gmina Ślesin</span></label>' in html
    with translation.override("pl"):
        assert 'lang="pl"' not in str(PickForm())


def test_map_names_are_marked_polish_and_values_stay_in_the_pages_language(db):
    from types import SimpleNamespace

    from zit.core.maps import svg_map

    square = {
        "type": "Polygon",
        "coordinates": [[[18.0, 52.0], [18.1, 52.0], [18.1, 52.1], [18.0, 52.1], [18.0, 52.0]]],
    }
    unit = SimpleNamespace(
        terc="3010123", name="Ślesin", geometry=square, min_lon=18.0, max_lon=18.1, min_lat=52.0, max_lat=52.1
    )
    with translation.override("en"):
        svg = svg_map([unit], title="Map", description="d", fills={"3010123": ("#deebf7", "no data")})
    assert '<title lang="pl">Ślesin</title><desc>no data</desc>' in svg
    with translation.override("pl"):
        svg = svg_map([unit], title="Mapa", description="d", fills={"3010123": ("#deebf7", "brak danych")})
    assert "<title>Ślesin: brak danych</title>" in svg and 'lang="pl"' not in svg


def test_a_help_text_fixed_at_import_is_filled_in_the_language_of_the_page():
    from django.utils.translation import gettext_lazy

    from zit.core.formatting import with_data_lazy

    help_text = with_data_lazy(
        gettext_lazy("Dokończenie zdania „%(sentence)s”."), sentence="Uchwała … w sprawie …"
    )
    with translation.override("en"):
        assert str(help_text) == (
            'Completes the Polish sentence “<span lang="pl">Uchwała … w sprawie …</span>” (“Resolution … on …”).'
        )
    with translation.override("pl"):
        assert (
            Template("{{ h }}").render(Context({"h": help_text}))
            == "Dokończenie zdania „Uchwała … w sprawie …”."
        )


def test_an_english_source_note_marks_the_polish_it_quotes_and_names():
    from zit.core.formatting import mark_polish

    note = (
        'Signed by marshal M. Woźniak ("o wartości 19,8 mln euro"); managing authority: Zarząd Województwa '
        "Wielkopolskiego, see https://wielkopolskie.pl/ślesin & In Ślesin <b>"
    )
    with translation.override("en"):
        html = mark_polish(note)
    assert html == (
        'Signed by marshal M. <span lang="pl">Woźniak</span> (&quot;<span lang="pl">o wartości 19,8 mln euro</span>'
        '&quot;); managing authority: <span lang="pl">Zarząd Województwa Wielkopolskiego</span>, see '
        'https://wielkopolskie.pl/ślesin &amp; In <span lang="pl">Ślesin</span> &lt;b&gt;'
    )
    with translation.override("pl"):
        assert "<span" not in mark_polish(note)
        assert '<span lang="pl">Woźniak</span>' in mark_polish(note, in_english=True)


def test_a_markdown_note_keeps_its_tags_and_marks_only_its_text():
    from zit.core.formatting import mark_polish_in_html

    with translation.override("pl"):  # the note sits in a lang="en" block on Polish pages too
        html = mark_polish_in_html('<p>Rzgów &amp; <a href="https://konin.pl/ł">Grodziec</a> area</p>')
    assert html == '<p><span lang="pl">Rzgów</span> &amp; <a href="https://konin.pl/ł">Grodziec</a> area</p>'
