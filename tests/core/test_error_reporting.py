"""Error reports to a Sentry-compatible service: an error in a view reaches the service (here a local HTTP
endpoint standing in for it) with what explains it and without personal data."""

from __future__ import annotations

import gzip
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from sentry_sdk.envelope import Envelope

from zit.core.error_reporting import sentry_start

E_MAIL = "jan.kowalski@example.pl"  # far from the view: a report quotes five lines of code around the error
VISITOR = "203.0.113.77"


class _FakeSentry(BaseHTTPRequestHandler):
    received: list[bytes]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@csrf_exempt
def _failing_view(request):
    signed_in_as = request.user.email  # a local variable holding personal data: it must not be sent
    raise RuntimeError(f"the printer caught fire ({len(signed_in_as)})")


urlpatterns = [path("awaria/", _failing_view)]


@pytest.fixture
def fake_sentry():
    received: list[bytes] = []
    handler = type("Handler", (_FakeSentry,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sentry_start(
        dsn=f"http://publickey@127.0.0.1:{server.server_port}/42",
        environment="test-environment",
        release="zit-9.9.9",
        traces_sample_rate=0.0,
    )
    yield received
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    server.shutdown()
    server.server_close()


def _events(received: list[bytes]) -> list[dict]:
    events = []
    for body in received:
        for item in Envelope.deserialize(body).items:
            if item.type == "event":
                events.append(item.payload.json)
    return events


def _post_through_wsgi(path_and_query: str, form: dict[str, str], cookie: str) -> tuple[str, dict[str, str]]:
    """A POST through the WSGI entry point gunicorn calls, where the error reporter hooks in."""
    body = urlencode(form).encode()
    path_info, _, query = path_and_query.partition("?")
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": cookie,
        "HTTP_REFERER": "http://testserver/biuro/?q=Kowalski",
        "HTTP_HOST": "testserver",
        "HTTP_USER_AGENT": "test-browser",
        "REMOTE_ADDR": VISITOR,
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    started: dict[str, object] = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    # As Django's test client does: the request's end would otherwise close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(WSGIHandler()(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return str(started["status"]), started["headers"]  # type: ignore[return-value]


def test_an_error_in_a_view_is_reported_without_personal_data(user_for_role, settings, fake_sentry):
    settings.ROOT_URLCONF = __name__
    user = user_for_role("office_admin")
    user.email = E_MAIL
    user.save()
    browser = Client()
    browser.force_login(user)
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    status, headers = _post_through_wsgi(
        "/awaria/?szukaj=Kowalski",
        {"email": E_MAIL, "uwagi": "prywatne"},
        cookie=f"{settings.SESSION_COOKIE_NAME}={session_key}; csrftoken=abcdef0123456789",
    )
    assert status.startswith("500")
    sentry_sdk.flush(timeout=10)

    (event,) = _events(fake_sentry)
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "RuntimeError" and "the printer caught fire" in exception["value"]
    assert event["environment"] == "test-environment" and event["release"] == "zit-9.9.9"
    assert event["tags"]["request_id"] == headers["X-Request-ID"]
    request = event["request"]
    assert request["url"] == "http://testserver/awaria/" and request["method"] == "POST"
    assert request["headers"]["User-Agent"] == "test-browser"  # technical headers help
    assert "user" not in event
    assert "cookies" not in request and "data" not in request and "query_string" not in request
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    sent = b"".join(fake_sentry).decode()
    for personal in (E_MAIL, session_key, "abcdef0123456789", user.username, "Kowalski", "prywatne", VISITOR):
        assert personal not in sent
