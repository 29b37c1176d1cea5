"""Security headers: the Content-Security-Policy and Permissions-Policy of every page, and markup the policy
would break.

The policy lets a script run only from the platform's own files or with the response's nonce; an injected
<script>, an onclick= handler or a javascript: link then does nothing in the visitor's browser. The pages must
need nothing the policy refuses, or they would break under it: the crawl below reads every page it can reach,
public and the office's, and fails on any inline script without the nonce, any event-handler attribute, and
any style attribute or <style> element (style-src allows neither).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve

SCRIPT_TYPES_THAT_RUN = {"", "text/javascript", "application/javascript", "module"}


def _directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def _nonce(response) -> str:
    script_src = _directives(response["Content-Security-Policy"])["script-src"]
    nonces = [w for w in script_src if w.startswith("'nonce-")]
    assert len(nonces) == 1, script_src
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def _assert_strict_policy(response, path: str) -> None:
    assert "Content-Security-Policy" in response, f"{path}: no Content-Security-Policy"
    policy = _directives(response["Content-Security-Policy"])
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy[directive], f"{path}: {directive} {policy[directive]}"
        assert "'unsafe-eval'" not in policy[directive], f"{path}: {directive} {policy[directive]}"
    assert "'self'" in policy["script-src"] and _nonce(response)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]


class _Markup(HTMLParser):
    """What in a page the policy would refuse, and the page's links."""

    def __init__(self, nonce: str):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.refused: list[str] = []
        self.links: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.refused.append(f"<{tag} {name}=…>: an inline event handler")
            if name == "style":
                self.refused.append(f'<{tag} style="{value}">: a style attribute')
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.refused.append(f"<{tag} {name}={value}>: a javascript: address")
        if tag == "style":
            self.refused.append("<style>: an inline style sheet")
        if tag == "script":
            self._script = attributes
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_data(self, data):
        script = self._script
        if script is None or "src" in script or not data.strip():
            return
        if (script.get("type") or "").strip().lower() not in SCRIPT_TYPES_THAT_RUN:
            return  # a data block (JSON, JSON-LD): never run, so the policy leaves it alone
        if script.get("nonce") != self.nonce:
            self.refused.append(f"<script> without this response's nonce: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def _full_site():
    """The platform with its reference data, the demo accounts and every demo loader of `make setup`."""
    out = io.StringIO()
    call_command("load_area", "konin", stdout=out)
    call_command("load_association", stdout=out)
    call_command("load_funding", stdout=out)
    from zit.portal.demo import load_demo

    load_demo()
    for command in (
        "load_strategy",
        "load_projects",
        "load_assessment",
        "load_governance",
        "load_public_information",
        "load_social_economy",
        "refresh_catalogue",
    ):
        call_command(command, stdout=out)


def _crawl(client, starts: list[str], *, per_view: int = 3, limit: int = 600):
    """Follows the site's own links from `starts`; at most `per_view` addresses of each view (the same
    template with other objects adds nothing). Yields (path, response) of every page fetched."""
    queue, seen, per = list(starts), set(), Counter()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            continue
        if match.view_name == "accounts:logout" or per[match.view_name] >= per_view:
            continue
        seen.add(path)
        per[match.view_name] += 1
        response = client.get(path)
        yield path, response
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        markup = _Markup(_nonce(response))
        markup.feed(response.content.decode())
        for href in markup.links:
            href = urldefrag(href).url
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site's, or relative
            queue.append(parts.path)


@pytest.mark.django_db
def test_every_page_sends_a_strict_policy_and_has_nothing_it_would_block(client, settings):
    """An attacker who gets markup into a page (a title, a comment) gets no script run through it; a page
    that itself relied on inline code would break for every visitor under the same policy."""
    settings.AXES_ENABLED = False
    _full_site()
    visited: dict[str, int] = {}
    problems: list[str] = []

    def check(starts):
        for path, response in _crawl(client, starts):
            visited[path] = response.status_code
            _assert_strict_policy(response, path)
            assert "camera=()" in response.get("Permissions-Policy", ""), path
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                markup = _Markup(_nonce(response))
                markup.feed(response.content.decode())
                problems.extend(f"{path}: {what}" for what in markup.refused)

    check(["/", "/konto/logowanie/", "/api/v1/docs", "/ogc/", "/dane/"])
    public = len(visited)
    assert client.login(username="admin", password="demo-haslo-2026")
    check(["/konto/", "/biuro/czlonkowie/", "/admin/", "/admin/accounts/user/", "/admin/core/auditevent/"])
    office = len(visited) - public
    assert not problems, "\n".join(dict.fromkeys(problems))
    html_pages = [p for p, status in visited.items() if status == 200]
    print(f"crawled {public} public and {office} office addresses, {len(html_pages)} pages answered 200")
    assert public >= 40 and office >= 150, (public, office)
    for must in ("/", "/projekty/", "/mapa/", "/biuro/czlonkowie/", "/admin/", "/api/v1/docs", "/ogc/"):
        assert must in html_pages, f"{must} was not reached"


def test_the_nonce_differs_on_every_response(client, db):
    first, second = client.get("/konto/logowanie/"), client.get("/konto/logowanie/")
    assert _nonce(first) != _nonce(second)
    assert len(_nonce(first)) >= 22  # 16 random bytes in base64


@pytest.mark.django_db
def test_an_inline_script_carrying_the_nonce_is_the_only_kind_allowed(rf):
    """What a template writes as <script nonce="{{ request.csp_nonce }}"> gets the nonce the header names."""
    from django.template import engines
    from django.template.response import TemplateResponse

    from zit.core.security import ContentSecurityPolicyMiddleware

    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}">let a = 1;</script>')

    def view(request):
        return TemplateResponse(request, template, {}).render()

    request = rf.get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    nonce = _nonce(response)
    assert f'nonce="{nonce}"' in response.content.decode()
    markup = _Markup(nonce)
    markup.feed(response.content.decode())
    assert markup.refused == []
    markup = _Markup("another-response")
    markup.feed(response.content.decode())
    assert markup.refused  # the crawl's check does catch a script whose nonce is not the page's


def test_the_check_of_markup_catches_what_the_policy_blocks():
    """The crawl's parser must see what a browser would refuse, or the crawl could pass over a broken page."""
    markup = _Markup("n0nce")
    markup.feed(
        '<button onclick="go()">x</button><p style="color:red">y</p><style>p{}</style>'
        '<a href="javascript:go()">z</a><script>go()</script><script type="module">go()</script>'
        '<script type="application/json">{"a": 1}</script><script nonce="n0nce">ok()</script>'
        '<script src="/static/a.js"></script>'
    )
    assert [re.sub(r":.*", "", r) for r in markup.refused] == [
        "<button onclick=…>",
        '<p style="color',
        "<style>",
        "<a href=javascript",
        "<script> without this response's nonce",
        "<script> without this response's nonce",
    ]


@pytest.mark.django_db
def test_report_only_mode_sends_the_policy_without_enforcing_it(client, settings):
    """ZIT_CSP_REPORT_ONLY=1: browsers report what the policy would block and block nothing (for trying a
    change of the policy on a live installation)."""
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        response = client.get("/konto/logowanie/")
    assert "Content-Security-Policy" not in response
    report_only = _directives(response["Content-Security-Policy-Report-Only"])
    assert "'unsafe-inline'" not in report_only["script-src"]
    assert any(w.startswith("'nonce-") for w in report_only["script-src"])


def test_the_environment_switches_report_only_mode_and_the_report_address(settings_under):
    enforced = settings_under({}, "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    assert enforced["CONTENT_SECURITY_POLICY"] and enforced["CONTENT_SECURITY_POLICY_REPORT_ONLY"] is None
    assert "report-uri" not in enforced["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    trial = settings_under(
        {"ZIT_CSP_REPORT_ONLY": "1", "ZIT_CSP_REPORT_URI": "https://reports.example.pl/csp"},
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    )
    assert trial["CONTENT_SECURITY_POLICY"] is None
    assert trial["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["report-uri"] == [
        "https://reports.example.pl/csp"
    ]


@pytest.mark.django_db
def test_a_report_address_reaches_the_header(client, settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"] | {"report-uri": ["https://r.example.pl/csp"]}
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": directives}):
        response = client.get("/konto/logowanie/")
    assert _directives(response["Content-Security-Policy"])["report-uri"] == ["https://r.example.pl/csp"]


@pytest.mark.django_db
def test_powerful_browser_features_are_switched_off(client):
    """A script that got into a page cannot ask for the camera, the microphone or the visitor's location."""
    header = client.get("/konto/logowanie/")["Permissions-Policy"]
    features = dict(part.strip().split("=", 1) for part in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "bluetooth"):
        assert features.get(feature) == "()", header


def test_the_policy_settings_pass_the_system_checks():
    """django-csp's system check stops the platform on settings named like its old ones (CSP_*)."""
    call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
