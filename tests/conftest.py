"""Shared fixtures, and the rule that PostgreSQL-only and browser tests are deselected on SQLite, never skipped.

With ZIT_MARKER_REPORT set, the run writes to that file how many tests of each marker passed, which .ci/run checks.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PG_ONLY_MARKERS = ("browser", "postgres")


def _on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if _on_postgres():
        return
    kept, deselected = [], []
    for item in items:
        (deselected if any(item.get_closest_marker(m) for m in PG_ONLY_MARKERS) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


_passed: dict[str, int] = dict.fromkeys(PG_ONLY_MARKERS, 0)


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed:
        for marker in PG_ONLY_MARKERS:
            if marker in report.keywords:
                _passed[marker] += 1


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        return  # xdist workers: the controller sees every report and writes the file
    out = os.environ.get("ZIT_MARKER_REPORT")
    if out:
        Path(out).write_text(json.dumps(_passed))


@pytest.fixture
def area(db):
    """The Konin area loaded from the bundled reference data."""
    from django.core.management import call_command

    call_command("load_area", "konin", verbosity=0, stdout=io.StringIO())
    from zit.territory.selectors import area_current_version

    return area_current_version()


@pytest.fixture
def association_data(area):
    from django.core.management import call_command

    call_command("load_association", stdout=io.StringIO())
    from zit.association.selectors import association_profile

    return association_profile()


@pytest.fixture
def demo(association_data):
    from zit.portal.demo import load_demo

    load_demo()


@pytest.fixture
def funding_data(association_data):
    """The bundled programme layer: FEW 2021+, the ZIT agreement (no split), NBP rates, EU indicators."""
    from zit.funding.reference import load_reference

    return load_reference()


@pytest.fixture
def funding_demo(funding_data):
    """Funding data plus the demo accounts, the demo split and the demo obligations."""
    from zit.portal.demo import load_demo

    load_demo()
    return funding_data


@pytest.fixture
def user_for_role(association_data):
    """Factory: a fresh active user with one role (scoped roles need an organisation)."""
    from zit.accounts.services import user_create

    counter = {"n": 0}

    def make(role: str, organisation=None, password: str = "haslo-testowe-123"):
        counter["n"] += 1
        return user_create(
            actor=None,
            username=f"{role}-{counter['n']}",
            password=password,
            first_name="Test",
            last_name=role,
            roles=[(role, organisation)],
        )

    return make


def pass_second_factor(client, user) -> None:
    """Marks the client's session as having passed the second factor, registering a confirmed app for the
    user if they have none (what a person does once at their first sign-in)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` and `client.login(...)` stand for a complete sign-in: the session is marked
    as having passed the second factor too. The tests of the second factor itself sign in through the pages
    (password, then code)."""
    from django.test import Client

    from zit.accounts.models import User

    original_force_login, original_login = Client.force_login, Client.login

    def force_login(self, user, backend=None):
        original_force_login(self, user, backend)
        pass_second_factor(self, user)  # for every user: a role given after the sign-in needs no new one

    def login(self, **credentials):
        done = original_login(self, **credentials)
        if done:
            pass_second_factor(self, User.objects.get(pk=self.session["_auth_user_id"]))
        return done

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "login", login)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 is slow on purpose; tests that create accounts do not need that."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _sheets_named_after_content(monkeypatch):
    """Every workbook the platform's own code saves, in any test, has sheets named after what they hold, in
    names Excel accepts (zit.core.exports.sheet_title): no sheet is left "Sheet". Workbooks that tests build
    as uploads are not checked."""
    import sys
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

    from zit.core.exports import sheet_title_problem

    source = str(Path(__file__).resolve().parent.parent / "src" / "zit")
    save = Workbook.save

    def checked_save(book, filename):
        caller = str(Path(sys._getframe(1).f_code.co_filename).resolve())
        if caller.startswith(source):
            problems = [p for p in (sheet_title_problem(s.title) for s in book.worksheets) if p]
            assert not problems, f"{caller}: {problems}"
        return save(book, filename)

    monkeypatch.setattr(Workbook, "save", checked_save)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The catalogue keeps counts per catalogue version in the cache: every test starts without them."""
    from django.core.cache import cache

    cache.clear()


# --- the platform as a fresh process starts it from the environment ---

PRODUCTION_LIKE = {
    "DJANGO_SETTINGS_MODULE": "zit.config.settings",
    "ZIT_VAR_DIR": "/tmp/zit-settings-test",
    "ZIT_SECRET_KEY": "k" * 60,
    "ZIT_ALLOWED_HOSTS": "zit.example.pl",
}


def run_platform(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Runs `code` after the settings are read in a fresh interpreter with only these variables of the
    platform's (the settings alone: setting up every app would take several seconds more)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings\nsettings.INSTALLED_APPS\n{code}"],
        env=clean | PRODUCTION_LIKE | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(env: dict[str, str], *names: str) -> dict:
    code = (
        f"import json\nprint(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    done = run_platform(env, code)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def settings_under():
    """Settings named by the test, read in a fresh interpreter with the given environment variables (the
    way gunicorn or manage.py starts the platform)."""
    return read_settings


@pytest.fixture
def platform_process():
    """Runs code in a fresh interpreter of the platform started with the given environment variables."""
    return run_platform
