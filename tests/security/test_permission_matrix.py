"""The permission matrix: every named URL of the platform, requested anonymously and as every demo role, must
answer as tests/security/permission_matrix.toml says.

A new URL without an entry fails the test, which names it and says how to add it. When permissions change on
purpose, regenerate the table and review its diff:

    ZIT_MATRIX_WRITE=1 .venv/bin/pytest tests/security/test_permission_matrix.py -n 0

The write mode fills every entry (and adds the URLs without parameters that have none), then still checks the
rules below, which no table can bless: no server errors, nothing under /biuro/, /konto/ or /admin/ for anonymous
visitors, and the Django admin for office administrators only.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from support.demo_objects import demo_ids, load_platform

MATRIX = Path(__file__).with_name("permission_matrix.toml")
WRITE = os.environ.get("ZIT_MATRIX_WRITE") == "1"

# anonymous, then one demo account per role (zit.portal.demo.ACCOUNTS)
SUBJECTS = (
    "anonymous",
    "admin",  # office_admin
    "biuro",  # office_staff
    "sekretarz",  # body_secretary
    "gmina",  # member_officer of Gmina Ślesin (and of the contracted demo card's beneficiary)
    "beneficjent",  # beneficiary: the demo municipal company
    "oceniajacy",  # assessor
    "zarzad",  # board_member
    "komisja",  # audit_committee
    "owes",  # social_economy_contact
)
OUTCOMES = {
    "ok": "2xx, or a redirect elsewhere than to a login page",
    "login": "a redirect to the login page (or 401)",
    "forbidden": "403",
    "not_found": "404",
    "not_allowed": "405: the method is not accepted",
    "invalid": "400 or 422: the request was refused as malformed",
    "error": "5xx: never allowed",
}
METHODS = ("GET", "POST")
# under the private prefixes, these are for everyone
OPEN_UNDER_PRIVATE = {
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "admin:login",
    "admin:logout",
}
PRIVATE_PREFIXES = ("/biuro/", "/konto/", "/admin/")
# a redirect to one of these counts as "login"; a second step of the login (a one-time code page) belongs here
# too, and the sessions made by _sessions() must then have passed it, or every role would read as anonymous
LOGIN_PAGES = ("accounts:login", "admin:login", "accounts:second_factor_verify")


def named_urls(patterns=None, namespace="", prefix=""):
    """(name, route) of every named URL pattern the resolver serves, the admin's included."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, prefix + str(entry.pattern)


def _flat(ids: dict, prefix: str = "") -> dict[str, object]:
    flat = {}
    for key, value in ids.items():
        if isinstance(value, dict):
            flat |= _flat(value, f"{prefix}{key}_")
        else:
            flat[prefix + key] = value
    return flat


def matrix_objects() -> dict[str, int]:
    """Objects of other organisations, so the matrix shows that a scoped role cannot reach them."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zit.accounts.models import User
    from zit.association.models import Member
    from zit.contracts.models import Amendment, Difference
    from zit.core.models import SignedDocument
    from zit.governance.models import AgendaItem
    from zit.organisations.models import Organisation
    from zit.projects.models import Round
    from zit.projects.services import card_create
    from zit.public_information.models import RequestAction
    from zit.strategy.models import Comment, Undertaking

    golina = Member.objects.get(slug="golina").organisation
    open_round = Round.objects.filter(is_demo=True).order_by("-opens_on").first()
    other_draft = card_create(
        actor=None,
        round=open_round,
        beneficiary=golina,
        title="Szkic innej gminy (demo)",
        summary="Opis.",
        measure=open_round.measures.first(),
    )
    company = Organisation.objects.get(is_demo=True, kind="municipal_company")
    company_card = card_create(
        actor=None,
        round=open_round,
        beneficiary=company,
        title="Szkic spółki komunalnej (demo)",
        summary="Opis.",
        measure=open_round.measures.first(),
    )
    signed = SignedDocument.objects.order_by("signed", "pk").last()  # one with its signed file, if any
    action = RequestAction.objects.order_by("document", "pk").last()  # one with its document, if any
    amendment = Amendment.objects.select_related("contract").order_by("pk").first()
    office = User.objects.get(username="biuro")
    recovery, _ = StaticDevice.objects.get_or_create(user=office, name="backup")
    return {
        "slesin_org": Organisation.objects.get(name="Gmina Ślesin").pk,
        "golina_member": Member.objects.get(slug="golina").pk,
        "other_draft_card": other_draft.pk,
        "company_card": company_card.pk,
        "signed_done": signed.pk,
        "request_action": action.pk,
        "request_with_action": action.request_id,
        "amendment": amendment.pk,
        "amendment_card": amendment.contract.card_id,
        "user_admin": User.objects.get(username="admin").pk,
        "draft_undertaking": Undertaking.objects.filter(version__status="draft").order_by("pk").first().pk,
        "draft_list_entry": _list_entry(),
        "user_biuro": office.pk,
        "totp_device": TOTPDevice.objects.filter(user=office).get().pk,
        "static_device": recovery.pk,
        "agenda_item": AgendaItem.objects.order_by("pk").first().pk,
        "consultation_comment": Comment.objects.filter(version__status="consultation")
        .order_by("pk")
        .first()
        .pk,
        "recon_difference": Difference.objects.order_by("pk").first().pk,
        "inbox_deputy": _deputyship(),
        **_progress_keys(),
        **_subscription(),
        **_records(),
    }


def _records() -> dict[str, int]:
    """An (empty) disposal list, a file-plan entry and a hold of the records pages."""
    from zit.accounts.models import User
    from zit.records.models import FilePlanEntry
    from zit.records.services import disposal_list_create, hold_place

    entry = FilePlanEntry.objects.order_by("symbol").first()
    hold = hold_place(actor=User.objects.get(username="biuro"), obj=entry, reason="Macierz uprawnień")
    disposal = disposal_list_create(actor=None, year=2026)
    return {"records_disposal": disposal.pk, "records_plan_entry": entry.pk, "records_hold": hold.pk}


def _subscription() -> dict[str, int | str]:
    """A confirmed subscription (for the admin's pages) and the links its e-mails carry."""
    from django.utils import timezone

    from zit.subscriptions.models import Subscription
    from zit.subscriptions.services import Choice, confirm_token, unsubscribe_token

    now = timezone.now()
    address = "macierz@example.org"
    row = Subscription.objects.create(
        email=address, topics=["resolutions"], requested_at=now, confirmed_at=now
    )
    return {
        "subscription": row.pk,
        "subscription_confirm": confirm_token(address, Choice(("resolutions",), ())),
        "subscription_unsubscribe": unsubscribe_token(address),
    }


def _progress_keys() -> dict[str, str]:
    """A goal, an indicator and an undertaking of the strategy version the public reads, by stable key."""
    from zit.portal.progress import version_public

    version = version_public()
    return {
        "progress_goal": version.goals.order_by("order", "code").first().key,
        "progress_indicator": version.indicators.order_by("order", "pk").first().key,
        "progress_undertaking": version.undertakings.order_by("order", "code").first().key,
    }


def _deputyship() -> int:
    """One assessor covering for the other: who may end it (the two of them, an office administrator)."""
    import datetime as dt

    from django.utils import timezone

    from zit.accounts.models import InboxDeputy, User

    today = timezone.localdate()
    return InboxDeputy.objects.create(
        principal=User.objects.get(username="oceniajacy"),
        deputy=User.objects.get(username="oceniajacy2"),
        starts=today,
        ends=today + dt.timedelta(days=14),
    ).pk


def _list_entry() -> int:
    """A card added to the draft list, so that the entry's actions are tried on a real entry."""
    from zit.projects import lists

    version = lists.ListVersion.objects.filter(status="draft").order_by("pk").first()
    entry = version.entries.order_by("pk").first()
    if entry is None:
        card = lists.cards_to_add(version).first()
        entry = lists.list_entry_add(actor=None, version=version, card=card, position="main")
    return entry.pk


def _login_paths() -> set[str]:
    return {resolve_url(settings.LOGIN_URL)} | {reverse(name) for name in LOGIN_PAGES}


def outcome(response) -> str:
    code = response.status_code
    if code >= 500:
        return "error"
    if code == 401:
        return "login"
    if 300 <= code < 400:
        target = urlsplit(response.get("Location", "")).path
        return "login" if target in _login_paths() else "ok"
    if 200 <= code < 300:
        return "ok"
    return {403: "forbidden", 404: "not_found", 405: "not_allowed", 400: "invalid", 422: "invalid"}.get(
        code, f"http_{code}"
    )


def read_matrix() -> dict[str, dict[str, dict[str, str]]]:
    with MATRIX.open("rb") as f:
        return tomllib.load(f)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_matrix(table: dict[str, dict[str, dict[str, str]]]) -> None:
    head = [
        "# The permission matrix: what every named URL answers anonymously and to every demo role.",
        "# Checked by tests/security/test_permission_matrix.py; regenerate it when permissions change on purpose",
        "# and review the diff:",
        "#   ZIT_MATRIX_WRITE=1 .venv/bin/pytest tests/security/test_permission_matrix.py -n 0",
        "#",
        '# ["url name"] then one line per request: "METHOD /path/{placeholder}/" = { role = outcome, ... };',
        '# a POST sends no fields unless the request names them after the path: "POST /path/ form=period&x=1".',
        "# Placeholders are the ids made by tests/support/demo_objects.py (demo_ids, nested keys joined with _)",
        "# and matrix_objects() in the test. A new line may hold {} and the write mode fills it.",
        "# Outcomes:",
        *(f"#   {k}: {v}" for k, v in OUTCOMES.items() if k != "error"),
        "# Roles: " + ", ".join(SUBJECTS) + " (zit.portal.demo.ACCOUNTS).",
        "",
    ]
    lines = head
    for name in sorted(table):
        lines.append(f"[{_quote(name)}]")
        for request, results in table[name].items():
            cells = ", ".join(f"{s} = {_quote(results[s])}" for s in SUBJECTS if s in results)
            lines.append(f"{_quote(request)} = {{ {cells} }}")
        lines.append("")
    MATRIX.write_text("\n".join(lines))


def _route_without_parameters(route: str) -> str | None:
    if "<" in route or "(" in route or "^" in route:
        return None
    return "/" + route


@pytest.fixture
def platform(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.AXES_ENABLED = False
    load_platform()
    ids = _flat(demo_ids())
    return ids | matrix_objects()


def _sessions() -> dict[str, str | None]:
    from zit.accounts.models import User

    keys: dict[str, str | None] = {"anonymous": None}
    for subject in SUBJECTS[1:]:
        client = Client()
        client.force_login(User.objects.get(username=subject))
        keys[subject] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def _ask(client: Client, session: str | None, method: str, path: str, data: dict[str, str]) -> str:
    """One request with only the subject's session cookie, its writes rolled back, so that a POST (a logout,
    an empty form) changes nothing the next request sees."""
    client.cookies = SimpleCookie()
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    with transaction.atomic():
        response = client.post(path, data) if method == "POST" else client.get(path)
        transaction.set_rollback(True)
    return outcome(response)


def _entry_hint(name: str, route: str) -> str:
    path = _route_without_parameters(route)
    if path:
        return f'[{_quote(name)}]\n"GET {path}" = {{}}'
    shown = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", "/" + route)
    return f'[{_quote(name)}]\n"GET {shown}" = {{}}    # or POST; put placeholders of existing objects'


def test_every_url_answers_every_role_as_the_matrix_says(platform, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")  # thousands of expected 403s and 404s
    urls = dict(named_urls())
    table = read_matrix() if MATRIX.exists() else {}
    missing = sorted(set(urls) - set(table))
    if WRITE:
        for name in missing:
            path = _route_without_parameters(urls[name])
            if path:
                table[name] = {f"GET {path}": {}}
    missing = sorted(set(urls) - set(table))
    assert not missing, (
        "URLs without an entry in tests/security/permission_matrix.toml. Add for each the request(s) to make, "
        "then fill the outcomes with ZIT_MATRIX_WRITE=1 .venv/bin/pytest "
        "tests/security/test_permission_matrix.py -n 0 and review them:\n\n"
        + "\n\n".join(_entry_hint(name, urls[name]) for name in missing)
    )
    stale = sorted(set(table) - set(urls))
    assert not stale, f"entries of the permission matrix for URLs that no longer exist (remove them): {stale}"

    sessions = _sessions()
    client = Client(raise_request_exception=False)
    results: dict[str, dict[str, dict[str, str]]] = {}
    differences, broken = [], []
    for name, requests in table.items():
        results[name] = {}
        for request, expected in requests.items():
            method, _, template = request.partition(" ")
            template, _, body = template.partition(" ")  # a POST may name its fields: "POST /path/ form=x"
            try:
                path = template.format(**platform)
            except KeyError as e:
                raise AssertionError(f"{name}: {request!r} names no demo object {e}") from None
            assert method in METHODS and path.startswith("/"), (
                f"{name}: {request!r} must read 'GET /path/' or 'POST /path/'"
            )
            data = dict(parse_qsl(body.format(**platform)))
            got = {subject: _ask(client, sessions[subject], method, path, data) for subject in SUBJECTS}
            results[name][request] = got
            for subject in SUBJECTS:
                if got[subject] == "error":
                    broken.append(f"{name}: {method} {path} as {subject} → server error")
                elif not WRITE and expected.get(subject) != got[subject]:
                    differences.append(
                        f"{name}: {method} {path} as {subject}: "
                        f"expected {expected.get(subject, '(nothing)')}, got {got[subject]}"
                    )
    if WRITE:
        write_matrix(results)
    leaks = _leaks(results)
    assert not broken, "requests that end in a server error:\n" + "\n".join(broken)
    assert not leaks, "private URLs answered to whom they must not:\n" + "\n".join(leaks)
    assert not differences, (
        "answers that differ from tests/security/permission_matrix.toml (if the change is intended, "
        "regenerate it with ZIT_MATRIX_WRITE=1 and review the diff):\n" + "\n".join(differences)
    )


def _leaks(results) -> list[str]:
    """What no table may say: private pages for anonymous visitors, the admin for anyone but its admins."""
    leaks = []
    for name, requests in results.items():
        if name in OPEN_UNDER_PRIVATE:
            continue
        for request, got in requests.items():
            path = request.split(" ")[1]
            if path.startswith(PRIVATE_PREFIXES) and got["anonymous"] in ("ok", "invalid"):
                leaks.append(f"{name}: {request} answers anonymous visitors ({got['anonymous']})")
            if path.startswith("/admin/"):
                leaks += [
                    f"{name}: {request} answers {subject} ({got[subject]})"
                    for subject in SUBJECTS
                    if subject != "admin" and got[subject] in ("ok", "invalid")
                ]
    return leaks


def _answer(code: int, location: str | None = None):
    from django.http import HttpResponse

    response = HttpResponse(status=code)
    if location:
        response["Location"] = location
    return response


def test_a_redirect_to_a_login_page_is_told_from_a_redirect_after_success():
    assert outcome(_answer(302, "/konto/logowanie/?next=/biuro/")) == "login"
    assert outcome(_answer(302, "/admin/login/?next=/admin/")) == "login"
    assert outcome(_answer(302, "/biuro/projekty/fiszki/5/")) == "ok"
    assert [outcome(_answer(c)) for c in (200, 403, 404, 405, 400, 500)] == [
        "ok",
        "forbidden",
        "not_found",
        "not_allowed",
        "invalid",
        "error",
    ]


def test_no_table_can_open_an_office_page_to_anonymous_visitors_or_the_admin_to_the_office_staff():
    everyone_refused = dict.fromkeys(SUBJECTS, "login") | {"admin": "ok"}
    results = {
        "core:audit": {"GET /biuro/dziennik/": everyone_refused | {"anonymous": "ok"}},
        "admin:index": {"GET /admin/": everyone_refused | {"biuro": "ok"}},
        "accounts:login": {"GET /konto/logowanie/": dict.fromkeys(SUBJECTS, "ok")},
        "portal:home": {"GET /": dict.fromkeys(SUBJECTS, "ok")},
    }
    assert _leaks(results) == [
        "core:audit: GET /biuro/dziennik/ answers anonymous visitors (ok)",
        "admin:index: GET /admin/ answers biuro (ok)",
    ]
