"""The visitor's address behind a reverse proxy: believed from the proxies in ZIT_TRUSTED_PROXIES only, and
the same answer for login throttling, the public forms' limits and the audit log."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from zit.core.client import resolve_client_address

PROXY = "10.0.0.5"


def _request(remote: str, forwarded: str = "", proto: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    if proto:
        meta["HTTP_X_FORWARDED_PROTO"] = proto
    return RequestFactory().get(reverse("portal:home"), **meta)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        (
            [],
            "203.0.113.7",
            "198.51.100.1",
            "203.0.113.7",
        ),  # no proxy configured: the header is anyone's word
        (["10.0.0.0/8"], "203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from our proxy
        (["10.0.0.0/8"], PROXY, "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], PROXY, "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the visitor's own prefix ignored
        (["10.0.0.0/8"], PROXY, "198.51.100.1, 10.0.0.9", "198.51.100.1"),  # two proxies of ours
        (["10.0.0.0/8"], PROXY, "", PROXY),  # nothing forwarded: the proxy itself
        (["10.0.0.0/8"], PROXY, "garbage, 198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], PROXY, "198.51.100.1:4711", "198.51.100.1"),
        (["10.0.0.0/8", "::1"], "::1", "2001:db8::7", "2001:db8::7"),
        (["127.0.0.1"], "::ffff:127.0.0.1", "198.51.100.1", "198.51.100.1"),
    ],
)
def test_the_visitor_is_the_first_address_not_of_our_proxies(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert resolve_client_address(_request(remote, forwarded)) == expected


def test_https_is_believed_only_from_a_trusted_proxy(settings, client, db):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.SECURE_SSL_REDIRECT = True
    through_proxy = client.get(reverse("portal:home"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert through_proxy.status_code != 301
    spoofed = client.get(reverse("portal:home"), REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https")
    assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")


PASSWORD = "demo-haslo-2026"


@pytest.fixture
def throttled(demo, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.TRUSTED_PROXIES = [PROXY]


def _login(client, username: str, password: str, visitor: str):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
    )


def test_five_typos_lock_one_account_at_one_address_only(throttled, client):
    for _ in range(5):
        _login(client, "biuro", "zle-haslo", "198.51.100.1")
    locked = _login(client, "biuro", PASSWORD, "198.51.100.1")
    assert locked.status_code == 429
    # the same account from another office computer, and another account from the same address, still sign in
    assert _login(client, "biuro", PASSWORD, "198.51.100.2").status_code == 302
    client.logout()
    assert _login(client, "sekretarz", PASSWORD, "198.51.100.1").status_code == 302


def test_guessing_at_another_account_does_not_lock_its_owner_out(throttled, client):
    for _ in range(10):
        _login(client, "biuro", "zgaduje", "203.0.113.66")
    assert _login(client, "biuro", PASSWORD, "198.51.100.1").status_code == 302


def test_the_audit_log_records_the_visitor_not_the_proxy(settings, db):
    from django.db import transaction
    from django.http import HttpResponse

    from zit.core import audit
    from zit.core.client import ClientAddressMiddleware
    from zit.core.models import AuditEvent

    settings.TRUSTED_PROXIES = [PROXY]
    recorded = []

    def view(request):
        with transaction.atomic():
            recorded.append(audit.record(actor=None, action="test.write", obj=None, collection=AuditEvent))
        return HttpResponse()

    ClientAddressMiddleware(view)(_request(PROXY, "198.51.100.23"))
    ClientAddressMiddleware(view)(_request("203.0.113.9", "198.51.100.23"))
    assert [event.client_address for event in recorded] == ["198.51.100.23", "203.0.113.9"]
    with transaction.atomic():
        outside = audit.record(actor=None, action="test.job", obj=None, collection=AuditEvent)
    assert outside.client_address is None  # a background job has no visitor
