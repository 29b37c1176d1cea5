"""The audit of the locked dependencies never passes an audit that did not happen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def _dep(name, vulns=(), skip=None):
    found = {"name": name, "version": "1.0", "vulns": list(vulns)}
    if skip:
        found = {"name": name, "skip_reason": skip}
    return found


def test_a_service_that_audited_nothing_is_not_a_clean_audit():
    """pip-audit prints "No known vulnerabilities found" when PyPI answered for no package at all."""
    report = {
        "dependencies": [_dep(n, skip="Dependency not found on PyPI and could not be audited") for n in "ab"]
    }
    code, lines = audit.verdict(report, "pypi")
    assert code == 2
    assert "NOT AUDITED" in lines[-1] and "2 of 2" in lines[-1]


def test_one_package_left_out_is_enough_to_fail():
    report = {"dependencies": [_dep("django"), _dep("left-out", skip="Dependency not found on PyPI")]}
    assert audit.verdict(report, "pypi")[0] == 2


def test_an_empty_export_is_not_a_clean_audit():
    assert audit.verdict({"dependencies": []}, "pypi")[0] == 2


def test_a_known_vulnerability_fails_and_names_the_upgrade():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.99"], "aliases": []}
    report = {"dependencies": [_dep("django", vulns=[vuln]), _dep("other", skip="not found")]}
    code, lines = audit.verdict(report, "pypi")
    assert code == 1
    assert "VULNERABLE django 1.0: PYSEC-2099-1 (fixed in: 5.2.99)" in lines
    assert "uv lock --upgrade-package django" in lines[-1]


def test_every_package_audited_and_clean_passes():
    code, lines = audit.verdict({"dependencies": [_dep("django"), _dep("shapely")]}, "pypi")
    assert code == 0
    assert lines[-1] == "No known vulnerabilities in the locked dependencies."
