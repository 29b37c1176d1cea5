"""A page's own addresses for the head of every page: the canonical address (this language, no query string)
and, for the pages that exist in every language, the address of each language plus x-default (Polish)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

# Open Graph wants a territory with the language
OG_LOCALES = {"pl": "pl_PL", "en": "en_GB"}


@dataclass(frozen=True)
class PageAddresses:
    canonical: str
    alternates: list[tuple[str, str]]  # (hreflang, absolute address); empty when the page has one address
    locale: str
    other_locales: list[str]


def page_addresses(request) -> PageAddresses | None:
    """None when the request matched no page (the 404 of an unknown address)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    by_language: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                by_language[code] = request.build_absolute_uri(
                    reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                )
            except NoReverseMatch:  # a view without a name: only its own address
                by_language = {}
                break
    canonical = by_language.get(language) or request.build_absolute_uri(request.path)
    alternates: list[tuple[str, str]] = []
    if len(set(by_language.values())) > 1:  # in i18n_patterns: one address per language
        alternates = [*by_language.items(), ("x-default", by_language[settings.LANGUAGE_CODE])]
    return PageAddresses(
        canonical=canonical,
        alternates=alternates,
        locale=OG_LOCALES.get(language, language),
        other_locales=[
            OG_LOCALES.get(code, code) for code, _ in alternates if code not in (language, "x-default")
        ],
    )


def html_datetime(value: dt.datetime | dt.date | None) -> str:
    """A valid HTML `datetime` attribute: ISO 8601 in whole seconds with the offset (HTML allows at most three
    digits of a second's fraction, so Python's microseconds fail validation); a date as YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()
