"""What the platform refuses in production, and what a production install needs to run."""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from packaging.requirements import Requirement

import zit

PROJECT = Path(zit.__file__).resolve().parent.parent.parent
SOURCE = Path(zit.__file__).resolve().parent


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Loads the production settings in a fresh interpreter, as a WSGI server or manage.py would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=clean
        | {"DJANGO_SETTINGS_MODULE": "zit.config.settings", "ZIT_VAR_DIR": "/tmp/zit-settings-test"}
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_secret_key_the_platform_refuses_to_start_and_names_the_variable():
    started = _start({"ZIT_ALLOWED_HOSTS": "zit.example.pl"})
    assert started.returncode != 0 and "started" not in started.stdout
    assert "ZIT_SECRET_KEY is not set" in started.stderr


def test_without_allowed_hosts_the_platform_refuses_to_start_and_names_the_variable():
    started = _start({"ZIT_SECRET_KEY": "k" * 60})
    assert started.returncode != 0
    assert "ZIT_ALLOWED_HOSTS is not set" in started.stderr


def test_with_both_set_or_in_debug_mode_the_platform_starts():
    assert "started" in _start({"ZIT_SECRET_KEY": "k" * 60, "ZIT_ALLOWED_HOSTS": "zit.example.pl"}).stdout
    assert "started" in _start({"ZIT_DEBUG": "1"}).stdout


def test_demo_accounts_with_their_public_password_are_refused_outside_debug(association_data, settings):
    from zit.accounts.models import User

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.filter(is_demo=True).exists()
    call_command("load_demo", "--i-know-this-is-not-production", stdout=io.StringIO())
    assert User.objects.filter(username="biuro", is_demo=True).exists()


def test_the_first_office_administrator_is_created_from_the_command_line(db, monkeypatch):
    from zit.accounts.models import User
    from zit.core.models import AuditEvent
    from zit.core.roles import Perm, has_perm

    monkeypatch.setenv("ZIT_ADMIN_PASSWORD", "krótkie")
    with pytest.raises(CommandError):  # the password rules apply
        call_command("create_office_admin", "--username", "admin-it", "--noinput", stdout=io.StringIO())
    monkeypatch.setenv("ZIT_ADMIN_PASSWORD", "Dluzsze-i-trudniejsze-haslo-2026")
    call_command("create_office_admin", "--username", "admin-it", "--noinput", stdout=io.StringIO())
    user = User.objects.get(username="admin-it")
    assert user.check_password("Dluzsze-i-trudniejsze-haslo-2026") and user.is_staff
    assert has_perm(user, Perm.ADMIN_SITE) and has_perm(user, Perm.ACCOUNTS_MANAGE)
    assert AuditEvent.objects.filter(action="accounts.role_assign", object_id=str(user.pk)).exists()
    call_command("create_office_admin", "--username", "admin-it", "--noinput", stdout=io.StringIO())
    assert user.role_assignments.count() == 1  # running it again changes nothing


# The production install (`uv sync --no-dev`) holds the runtime dependencies and what they need, nothing else.


def _runtime_distributions() -> set[str]:
    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["dependencies"]
    pending = [Requirement(r) for r in declared]
    seen: set[str] = set()
    while pending:
        requirement = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = key(requirement.name)
        extras = requirement.extras
        if name in seen and not extras:
            continue
        seen.add(name)
        for text in metadata.requires(requirement.name) or []:
            nested = Requirement(text)
            if nested.marker is None or any(nested.marker.evaluate({"extra": e}) for e in {"", *extras}):
                pending.append(nested)
    return seen


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"zit", "__future__"}


def test_every_module_the_platform_imports_comes_with_a_runtime_dependency():
    providers = metadata.packages_distributions()
    runtime = _runtime_distributions()
    missing = {}
    for module in sorted(_imported_top_level_modules()):
        distributions = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [])}
        if not distributions & runtime:
            missing[module] = sorted(distributions) or ["not installed"]
    assert not missing, f"imported by src/zit but not a runtime dependency in pyproject.toml: {missing}"


def test_the_wsgi_server_is_a_runtime_dependency():
    assert "gunicorn" in _runtime_distributions()
