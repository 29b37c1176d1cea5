"""The log as a collector reads it: with ZIT_LOG_FORMAT=json, one JSON object per line, each request's records
tied together by its id (also returned to the client), the user by id only, and errors with their traceback."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest
from django.test import Client
from django.urls import path, reverse

from zit.core.logs import ACCESS_LOGGER, logging_config


def _failing_view(request):
    raise RuntimeError("the printer caught fire")


urlpatterns = [path("awaria/", _failing_view)]


@pytest.fixture
def json_log():
    """The platform's JSON logging, as ZIT_LOG_FORMAT=json configures it, written to a buffer instead of
    stderr; the lines are read back one JSON object each."""
    buffer = io.StringIO()
    config = logging_config(log_format="json", level="WARNING", access_log=True)
    config["handlers"]["console"]["stream"] = buffer
    root, access = logging.getLogger(), logging.getLogger(ACCESS_LOGGER)
    saved = (root.handlers[:], root.level, access.level)
    logging.config.dictConfig(config)

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    root.handlers[:], _level, _access = saved
    root.setLevel(saved[1])
    access.setLevel(saved[2])


def _access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == ACCESS_LOGGER]


def test_a_request_writes_one_parseable_access_line_and_returns_its_id(db, client, json_log):
    response = client.get("/robots.txt?q=Jan+Kowalski&page=2")
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert len(request_id) >= 16
    (line,) = _access_lines(json_log())
    assert line["level"] == "INFO" and line["time"].endswith("+00:00") and line["message"]
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/robots.txt", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["query_params"] == ["page", "q"]  # the names, never what was searched for
    assert "Kowalski" not in json.dumps(json_log())
    assert "user_id" not in line
    assert client.get("/robots.txt")["X-Request-ID"] != request_id


def test_a_request_id_from_a_trusted_proxy_is_kept_and_anyone_elses_is_replaced(
    db, client, json_log, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    from_proxy = client.get("/robots.txt", REMOTE_ADDR="10.0.0.5", HTTP_X_REQUEST_ID="lb-7f3a-0001")
    assert from_proxy["X-Request-ID"] == "lb-7f3a-0001"
    forged = client.get("/robots.txt", REMOTE_ADDR="203.0.113.9", HTTP_X_REQUEST_ID="lb-7f3a-0001")
    assert forged["X-Request-ID"] != "lb-7f3a-0001"
    unusable = client.get("/robots.txt", REMOTE_ADDR="10.0.0.5", HTTP_X_REQUEST_ID='x" injected')
    assert unusable["X-Request-ID"] != 'x" injected'
    assert [line["request_id"] for line in _access_lines(json_log())] == [
        "lb-7f3a-0001",
        forged["X-Request-ID"],
        unusable["X-Request-ID"],
    ]


def test_the_signed_in_user_appears_by_id_never_by_name_or_e_mail(user_for_role, client, json_log):
    user = user_for_role("office_admin")
    user.email = "anna.nowak@example.pl"
    user.save()
    client.force_login(user)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    (line,) = _access_lines(json_log())
    assert line["user_id"] == user.pk
    written = json.dumps(json_log())
    assert user.username not in written and "anna.nowak" not in written


def test_an_error_is_logged_as_json_with_its_traceback_request_id_and_user(user_for_role, json_log, settings):
    settings.ROOT_URLCONF = __name__
    user = user_for_role("office_admin")
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    response = browser.get("/awaria/")
    assert response.status_code == 500
    errors = [line for line in json_log() if line["level"] == "ERROR"]
    assert len(errors) == 1
    error = errors[0]
    assert error["logger"] == "django.request"
    assert "Traceback (most recent call last)" in error["exc_info"]
    assert "RuntimeError: the printer caught fire" in error["exc_info"]
    assert error["request_id"] == response["X-Request-ID"]
    assert error["user_id"] == user.pk
    (access,) = _access_lines(json_log())
    assert access["status"] == 500 and access["request_id"] == response["X-Request-ID"]
