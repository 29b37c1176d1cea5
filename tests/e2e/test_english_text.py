"""Every page of the accessibility walk, in English, speaks English: no Polish outside elements marked lang="pl".

Data typed by people (titles, names of gminas, meeting names, notes) stays Polish, so it is shown inside an
element with lang="pl" (the `pl` template filter); everything the platform writes itself is translated. The
pages are fetched with Django's test client (no browser), at their English addresses (/en/…; the pages with one
address for both languages, OGC API's, with the language cookie), so this runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import logging
import re

import lxml.html
import pytest
from django.conf import settings
from django.test import Client
from support.demo_objects import demo_ids, load_platform

from .accessibility_pages import pages
from .english_addresses import in_english

DIACRITICS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
# common Polish words without diacritics, which no English sentence uses
WORDS = re.compile(
    r"\b(oraz|jest|nie|dla|przez|albo|brak|wszystkie|zapisz|dodaj|zobacz|szczegóły|strona|projekty|"
    r"uchwała|uchwały|posiedzenie|posiedzenia|wniosek|umowa|stan|rok|roku|dni|kwota|razem|"
    r"styczeń|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    r"listopada|grudnia|zł)\b",
    re.IGNORECASE,
)
# Pages that still show Polish in English: none today. A page put here must say why; the test fails when it
# becomes English, so the list only shrinks.
STILL_POLISH: set[str] = set()
# the head's <title> cannot mark a part of it as Polish, so a page title may hold a name typed by people
SKIPPED = {"head", "script", "style", "template", "noscript"}
# attributes a person reads (tooltips) or hears (screen readers)
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


URL = re.compile(r"https?://\S+")


def _reads_polish(text: str) -> bool:
    text = URL.sub("", text)  # a web address is no language ("/projekty/", "plan-na-2022-rok")
    return bool(DIACRITICS.search(text) or WORDS.search(text))


def polish_in(html: str) -> list[str]:
    """The pieces of text outside lang="pl" elements (and outside scripts and styles) that read as Polish."""
    root = lxml.html.document_fromstring(html)
    found = []

    def visit(element, polish: bool) -> None:
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            return
        lang = element.get("lang")
        if lang is not None:
            polish = lang.lower().startswith("pl")
        if not polish:
            texts = [element.text or ""] + [element.get(a) or "" for a in READ_ATTRIBUTES]
            found.extend(t.strip() for t in texts if _reads_polish(t))
        for child in element:
            visit(child, polish)
            if not polish and child.tail and _reads_polish(child.tail):
                found.append(child.tail.strip())

    visit(root, False)
    return found


def test_the_finder_sees_polish_only_outside_lang_pl():
    html = (
        '<html lang="en"><head><title>Ślesin</title><script>var a = "Zażółć";</script></head><body>'
        '<p>Board meeting: <span lang="pl">Posiedzenie Zarządu</span> on 3 March</p>'
        '<p>Status: <b>przyjęta</b></p><a href="#" aria-label="Zobacz">x</a> oraz'
        "<p>See https://example.org/projekty/plan-na-rok/</p></body></html>"
    )
    assert polish_in(html) == ["przyjęta", "Zobacz", "oraz"]


@pytest.fixture
def platform(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    load_platform()
    return demo_ids()


def _leaks_by_page(ids) -> tuple[dict[str, list[str]], int]:
    from zit.accounts.models import User

    clients: dict[str | None, Client] = {}
    leaks: dict[str, list[str]] = {}
    checked = 0
    for name, visits in pages(ids).items():
        for user, path in visits:
            if user not in clients:
                clients[user] = Client()
                if user:
                    clients[user].force_login(User.objects.get(username=user))
                clients[user].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            # the English address (/en/…); the one-address pages (OGC API) by the language cookie
            path = in_english(path).removesuffix("?lang=en").removesuffix("&lang=en") or "/"
            response = clients[user].get(path)
            assert response.get("Location") != "/en" + path, f"{path}: a Polish address, moved by the cookie"
            if "html" not in response.get("Content-Type", "") or not response.content.strip():
                continue
            checked += 1
            for text in dict.fromkeys(polish_in(response.content.decode())):
                leaks.setdefault(name, []).append(f"{user or 'public'} {path}: {text[:120]}")
    return leaks, checked


def test_every_english_page_is_in_english(platform, caplog):
    """A page outside STILL_POLISH that shows Polish fails; so does a page in STILL_POLISH that no longer does
    (take it off the list): the list only shrinks."""
    caplog.set_level(logging.CRITICAL, logger="django.request")  # the 404 page on purpose
    leaks, checked = _leaks_by_page(platform)
    assert checked > 200
    new = [line for name, lines in leaks.items() if name not in STILL_POLISH for line in lines]
    assert not new, f"{len(new)} Polish texts in English pages:\n" + "\n".join(new)
    clean = sorted(STILL_POLISH - set(leaks))
    assert not clean, f"these pages are now English: take them off STILL_POLISH: {clean}"
