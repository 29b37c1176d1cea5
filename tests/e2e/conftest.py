"""Browser tests: one Debian Chromium per test session (per xdist worker), pages served by live_server."""

from __future__ import annotations

import os

import pytest

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
def login(page, site):
    def do(username: str) -> None:
        page.goto(f"{site}/konto/logowanie/")
        page.get_by_label("Nazwa użytkownika").fill(username)
        page.get_by_label("Hasło").fill(PASSWORD)
        page.locator("form.stacked button[type=submit]").click()
        page.wait_for_url(f"{site}/konto/")

    return do
