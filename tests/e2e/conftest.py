"""Browser tests: one Debian Chromium per test session (per xdist worker), pages served by live_server.

Every browser test runs under the platform's Content-Security-Policy and fails when the browser reports a
violation of it (a blocked inline script, style or handler, a resource from elsewhere): the pages must work
with the policy production sends, not merely render.
"""

from __future__ import annotations

import concurrent.futures
import os

import pytest
from django.urls import reverse

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "demo-haslo-2026"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# Runs in every page before its own scripts (the browser injects it, so the page's policy does not apply to it)
# and hands each violation to the test through the exposed function.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__zitCspViolation([e.disposition, e.effectiveDirective, e.blockedURI || "inline",
                            (e.sourceFile || "") + ":" + e.lineNumber, e.sample || ""].join(" "));
}, true);
"""


def watch_csp(context) -> list[str]:
    """The Content-Security-Policy violations reported in this browser context, as they happen."""
    found: list[str] = []
    context.expose_binding(
        "__zitCspViolation", lambda source, text: found.append(f"{source['page'].url}: {text}")
    )
    context.add_init_script(script=_CSP_LISTENER)
    context.on(
        "console",
        lambda message: (
            found.append(f"{message.page.url if message.page else '?'}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return found


@pytest.fixture
def context(context):
    """pytest-playwright's context, watched for violations of the Content-Security-Policy."""
    violations = watch_csp(context)
    yield context
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def site(transactional_db, live_server, settings):
    """The platform with the Konin area, the association and the demo accounts, served on localhost."""
    from support.demo_objects import load_platform

    settings.AXES_ENABLED = False
    load_platform()
    return live_server.url


@pytest.fixture
def signed_pdf_file(site, tmp_path):
    """A PDF signed with a qualified signature of the tests' CA, which the office has put on the trusted list:
    uploaded, it is checked as valid and locks the document."""
    from core.signing_ca import default_ca, signed_pdf, trusted_list_xml

    from zit.core.trust_list import trust_list_load

    trust_list_load(actor=None, data=trusted_list_xml(default_ca()), label="test")
    path = tmp_path / "podpisany.pdf"
    # the signer runs its own event loop, which cannot start inside the browser driver's: a thread of its own
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        path.write_bytes(pool.submit(signed_pdf).result())
    return path


@pytest.fixture
def form_time_passes(monkeypatch, settings):
    """Call it before sending a public form: the forms' clock moves on by their minimum filling time, as if the
    visitor had taken that long (a faster sender is refused), instead of the test waiting for it."""
    import time

    from zit.core import public_forms

    class _Later:
        @staticmethod
        def time() -> float:
            return time.time() + settings.ZIT_PUBLIC_FORM_MIN_SECONDS

    return lambda: monkeypatch.setattr(public_forms, "time", _Later)


def throttling_passed(username: str) -> None:
    """The delay django-otp puts after a wrong code, as if it had passed: the user's devices' last failure is
    moved back a minute instead of the test waiting for it."""
    import datetime as dt

    from django.db.models import F
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (StaticDevice, TOTPDevice):
        model.objects.filter(user__username=username, throttling_failure_timestamp__isnull=False).update(
            throttling_failure_timestamp=F("throttling_failure_timestamp") - dt.timedelta(minutes=1)
        )


def current_code(username: str) -> str:
    """The code the user's authenticator app shows now (demo staff have the public demo key). A code is
    accepted once per 30-second step: the device forgets its last step, as if the test waited for the next."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page, site: str, username: str, password: str = PASSWORD) -> None:
    """Both steps of the sign-in through the pages: the password, then (for accounts with an app) the code."""
    page.goto(f"{site}/konto/logowanie/")
    page.get_by_label("Nazwa użytkownika").fill(username)
    page.get_by_label("Hasło").fill(password)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    if reverse("accounts:second_factor_verify") in page.url:
        page.get_by_label("Kod z aplikacji").fill(current_code(username))
        page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"{site}/konto/")


@pytest.fixture
def login(page, site):
    def do(username: str) -> None:
        sign_in(page, site, username)

    return do
