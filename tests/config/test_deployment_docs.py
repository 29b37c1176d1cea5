"""docs/deployment.md is the runbook: every environment variable the platform reads is in its table, and the
files it tells the administrator to copy are there and parse."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "deployment.md").read_text()
# a variable read from the environment anywhere in the platform's code
READ = re.compile(
    r"""(?:environ\.get\(|environ\[|getenv\(|env_bool\(|env_list\(|env_number\(|env_required\(\s*)"""
    r"""["']([A-Z][A-Z0-9_]+)["']"""
)


def _variables_read_by_the_platform() -> set[str]:
    found = set()
    for source in (ROOT / "src" / "zit").rglob("*.py"):
        found |= set(READ.findall(source.read_text()))
    return found


def _documented() -> set[str]:
    table = DOCS[DOCS.index("## Environment variables") :]
    return {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`([A-Z_0-9]+)`", row)
    }


def test_every_variable_the_platform_reads_is_in_the_runbooks_table():
    read = _variables_read_by_the_platform()
    assert {"ZIT_SECRET_KEY", "DATABASE_URL", "ZIT_BACKUP_KEY"} <= read
    missing = sorted(read - _documented())
    assert not missing, f"add these to docs/deployment.md, 'Environment variables': {missing}"


def test_the_example_environment_file_sets_only_documented_variables():
    example = (ROOT / "deploy" / "systemd" / "zit.env.example").read_text()
    names = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert "ZIT_SECRET_KEY" in names
    assert not names - _documented()


def test_the_manage_wrapper_refuses_a_missing_environment_file_clearly(tmp_path):
    done = subprocess.run(
        [str(ROOT / "deploy" / "zit-manage"), "check"],
        env={"ZIT_ENV_FILE": str(tmp_path / "brak.env"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "brak.env" in done.stderr
