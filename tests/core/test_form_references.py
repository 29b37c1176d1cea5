"""Every reference a form page makes to another element of the page points at an element that is there:
`aria-describedby`, `aria-labelledby`, `label[for]` and the links of the error summary. A reference to a missing
id is silent for a sighted person and leaves a screen-reader user without the hint or the error.

The walk opens every page of the accessibility walk (tests/e2e/accessibility_pages.py) as its user, then sends
every form on it twice, once empty and once with "x" in every text box, each inside a transaction that is rolled
back, and checks the page that comes back with its errors. Runs without a browser, on SQLite and PostgreSQL."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from e2e.accessibility_pages import pages
from support.demo_objects import demo_ids, load_platform

# forms whose sending ends a session or changes the language for the rest of the walk
SKIPPED_ACTIONS = ("/konto/wyloguj/", "/i18n/")
TEXT_TYPES = {"text", "number", "email", "tel", "url", "date", "search", "password", ""}


class _Page(HTMLParser):
    """The ids of a page, the references to ids, and its POST forms with the fields they send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []  # (what refers, the id)
        self.forms: list[dict] = []
        self._summary_depth = 0
        self._depth = 0
        self._form: dict | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in {"input", "br", "img", "meta", "link", "hr", "source", "col", "wbr", "area"}:
            self._depth += 1
        if a.get("id"):
            self.ids.append(a["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            for ref in (a.get(name) or "").split():
                self.references.append((f"<{tag} {name}>", ref))
        if tag == "label" and a.get("for"):
            self.references.append(("<label for>", a["for"]))
        if "error-summary" in (a.get("class") or "").split() and not self._summary_depth:
            self._summary_depth = self._depth
        if tag == "a" and self._summary_depth and (a.get("href") or "").startswith("#"):
            self.references.append(("error summary link", a["href"][1:]))
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {
                "action": a.get("action") or "",
                "hidden": [],
                "text": [],
                "enctype": a.get("enctype"),
            }
            self.forms.append(self._form)
        if self._form is not None and a.get("name"):
            kind = (a.get("type") or "").lower()
            if tag == "input" and kind == "hidden":
                self._form["hidden"].append((a["name"], a.get("value") or ""))
            elif (tag == "input" and kind in TEXT_TYPES) or tag == "textarea":
                self._form["text"].append(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if self._summary_depth and self._depth == self._summary_depth:
            self._summary_depth = 0
        self._depth -= 1


def _problems(url: str, html: str) -> tuple[list[str], _Page]:
    page = _Page()
    page.feed(html)
    ids = set(page.ids)
    missing = [f"{url}: {who} -> #{ref} is not on the page" for who, ref in page.references if ref not in ids]
    twice = sorted({i for i in page.ids if page.ids.count(i) > 1})
    return missing + [f"{url}: id {i} is on the page more than once" for i in twice], page


@pytest.fixture
def walk(settings, tmp_path, monkeypatch):
    import time

    from zit.core import public_forms

    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    settings.ZIT_PUBLIC_FORM_PER_MINUTE = settings.ZIT_PUBLIC_FORM_PER_HOUR = 10_000
    settings.ZIT_PUBLIC_FORM_PER_DAY = 10_000

    class _Later:  # the public forms' minimum filling time has passed
        @staticmethod
        def time() -> float:
            return time.time() + settings.ZIT_PUBLIC_FORM_MIN_SECONDS

    monkeypatch.setattr(public_forms, "time", _Later)
    load_platform()
    return pages(demo_ids())


def _send(client, url: str, form: dict, fill: bool):
    data: dict[str, list[str]] = {}
    for name, value in form["hidden"]:
        data.setdefault(name, []).append(value)
    for name in form["text"]:
        data.setdefault(name, []).append("x" if fill else "")
    with transaction.atomic():  # whatever the form does is undone: the walk goes on with the same data
        response = client.post(url, data)
        transaction.set_rollback(True)
    return response


@pytest.mark.django_db(transaction=True)
def test_every_reference_on_a_form_page_points_at_an_element_that_is_there(client, walk):
    from zit.accounts.models import User

    by_user: dict[str | None, list[str]] = {}
    for name, visits in walk.items():
        if name.startswith("__"):
            continue
        for user, path in visits:
            if not path.endswith("lang=en"):
                by_user.setdefault(user, []).append(path)
    found, sent = [], 0
    for user, paths in by_user.items():
        client.logout()
        if user:
            client.force_login(User.objects.get(username=user))
        for path in paths:
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            problems, page = _problems(path, response.content.decode())
            found += problems
            for form in page.forms:
                action = urljoin(path, form["action"]) if form["action"] else path
                if urlsplit(action).path.startswith(SKIPPED_ACTIONS) or not urlsplit(action).path.startswith(
                    "/"
                ):
                    continue
                for fill in (False, True):
                    answer = _send(client, action, form, fill)
                    if answer.status_code in (200, 400) and "html" in answer.get("Content-Type", ""):
                        sent += 1
                        found += _problems(
                            f"POST {action} ({'x' if fill else 'empty'})", answer.content.decode()
                        )[0]
    assert sent > 100  # the walk did see forms come back with their errors
    assert not found, "\n".join(sorted(set(found)))
