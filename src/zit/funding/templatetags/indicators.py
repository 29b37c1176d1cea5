"""`{{ indicator|indicator_name }}`, `{{ indicator|indicator_label }}` (code and name) and
`{{ indicator|indicator_unit }}`: an indicator's name and unit in the active language, marked with `lang` when
the text shown is in the other one: an EU indicator with no Polish name yet shows its English name, marked
lang="en", on a Polish page; a Polish-only name is marked lang="pl" on an English page."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()


def marked(text: str, lang: str):
    if not text:
        return ""
    active = "en" if (get_language() or "pl").startswith("en") else "pl"
    if lang == active:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', lang, text)


@register.filter
def indicator_name(indicator):
    if indicator is None:
        return ""
    return marked(indicator.display_name, indicator.display_name_lang)


@register.filter
def indicator_label(indicator):
    if indicator is None:
        return ""
    name = indicator_name(indicator)
    return format_html("{} {}", indicator.code, name) if indicator.code else name


@register.filter
def indicator_unit(indicator):
    if indicator is None:
        return ""
    return marked(indicator.display_unit, indicator.display_unit_lang)


@register.filter
def in_language(text: str, lang: str):
    """Text stored with the language it is in (an indicator's name in a report's saved figures), marked when
    that is not the page's language."""
    return marked(text, lang or "pl")
