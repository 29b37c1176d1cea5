"""Known vulnerabilities in the locked dependencies (runtime and development): pip-audit over uv.lock.

    .venv/bin/python scripts/audit_dependencies.py

The locked versions are exported from uv.lock (`uv export --frozen`) and looked up by pip-audit in a
vulnerability service: PyPI's JSON API by default (https://pypi.org/pypi/<name>/<version>/json), OSV with
ZIT_AUDIT_SERVICE=osv (https://api.osv.dev). pip-audit says "No known vulnerabilities found" even when the
service answered for none of the packages; this script counts them instead, so an audit that could not run
never passes as a clean one.

Exit status: 0 every package was audited and none has a known vulnerability; 1 a locked package has a known
vulnerability (listed with its fixed versions: `uv lock --upgrade-package NAME`, then the tests); 2 the service
could not audit every package (no network, a mirror without the per-version JSON API): nothing is known, and
the output says which packages were left out.

A vulnerability that does not concern the platform may be ignored with ZIT_AUDIT_IGNORE (IDs separated by
commas), each with its reason in docs/deployment.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local/bin/uv")
    if not Path(found).exists():
        sys.exit("uv is missing: `make deps` installs it.")
    return found


def _pip_audit() -> str:
    found = ROOT / ".venv/bin/pip-audit"
    if not found.exists():
        sys.exit("pip-audit is missing from .venv: run `make deps` (it is a development dependency).")
    return str(found)


def main() -> int:
    service = os.environ.get("ZIT_AUDIT_SERVICE", "pypi")
    ignored = [i.strip() for i in os.environ.get("ZIT_AUDIT_IGNORE", "").split(",") if i.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        report = Path(tmp) / "audit.json"
        subprocess.run(
            [
                _uv(),
                "export",
                "--frozen",
                "--format",
                "requirements-txt",
                "--no-hashes",
                "--no-emit-project",
                "--all-groups",
                "--output-file",
                str(requirements),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        command = [
            _pip_audit(),
            "--requirement",
            str(requirements),
            "--no-deps",  # the export is the whole locked set already
            "--disable-pip",
            "--vulnerability-service",
            service,
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
            *[arg for vuln in ignored for arg in ("--ignore-vuln", vuln)],
        ]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if not report.exists():
            print(run.stdout, run.stderr, sep="\n")
            print(f"pip-audit did not run (exit status {run.returncode}): the dependencies are NOT audited.")
            return 2
        found = json.loads(report.read_text())
    code, lines = verdict(found, service)
    print("\n".join(lines))
    return code


def verdict(found: dict, service: str) -> tuple[int, list[str]]:
    """The exit status and the lines to print for pip-audit's JSON report."""
    lines = []
    dependencies = found.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = len(dependencies) - len(skipped)
    lines.append(f"Locked packages: {len(dependencies)}, audited with the {service!r} service: {audited}.")
    if not dependencies:
        lines.append("NOT AUDITED: the export of uv.lock listed no package.")
        return 2, lines
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            lines.append(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in: {fixes})")
    if vulnerable:
        names = " ".join(f"--upgrade-package {d['name']}" for d in vulnerable)
        lines.append(f"Upgrade them: uv lock {names}; make deps; then the tests.")
        return 1, lines
    if skipped:
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        lines.append(
            f"NOT AUDITED: the {service!r} vulnerability service could not audit {len(skipped)} of "
            f"{len(dependencies)} packages ({', '.join(d['name'] for d in skipped[:5])}"
            f"{', …' if len(skipped) > 5 else ''}): {'; '.join(reasons)}. Nothing is known about their "
            "vulnerabilities. Check network access to the service (pypi.org's per-version JSON API, or "
            "api.osv.dev with ZIT_AUDIT_SERVICE=osv)."
        )
        return 2, lines
    lines.append("No known vulnerabilities in the locked dependencies.")
    return 0, lines


if __name__ == "__main__":
    sys.exit(main())
