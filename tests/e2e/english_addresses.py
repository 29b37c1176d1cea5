"""The English address of a page the accessibility walk lists by its Polish one (the walk and
tests/e2e/test_english_text.py open every public page in English too)."""

from __future__ import annotations


def is_english(path: str) -> bool:
    return path.startswith("/en/") or path.endswith("lang=en")


def in_english(path: str) -> str:
    """The English address of a page listed by its Polish one: /en/… as the language switch gives, else (one
    address for both languages: OGC API) the same address marked "lang=en", for which the walk sets the cookie."""
    from django.urls import Resolver404, resolve, translate_url
    from django.utils import translation

    if is_english(path):
        return path
    with translation.override("pl"):
        try:
            resolve(path.partition("?")[0])
        except Resolver404:  # an unknown address: its English twin is as unknown
            return "/en" + path
        english = translate_url(path, "en")
    return english if english != path else path + ("&" if "?" in path else "?") + "lang=en"
