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
