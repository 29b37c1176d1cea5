"""The production install, tried as docs/deployment.md describes it: a fresh environment with the runtime
dependencies only (`uv sync --frozen --no-dev`), production variables, `check --deploy`, the reference data, the
first office administrator, gunicorn behind a (pretended) reverse proxy with the worker beside it, the health
checks, the pages that must answer, and a queued job done by the worker.

    python3 scripts/smoke_production.py [--database-url postgres://...]

Without --database-url it uses a SQLite file in a temporary folder. Exits non-zero at the first failure,
saying what failed. Standard library only: it must not lean on the development environment.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.client
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import smoke_runbook as runbook  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
HOST = "zit.example.pl"
ADMIN = "smoke-admin"
# a reverse proxy on this machine passes on a visitor who came over HTTPS
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def fail(text: str) -> None:
    sys.exit(f"SMOKE FAILED: {text}")


def run(command: list[str], env: dict[str, str], *, expect_ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=900)
    if expect_ok and done.returncode != 0:
        fail(f"{' '.join(command)} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Client:
    """A visitor behind the proxy: keeps its cookies by hand, because a cookie jar would not send Secure
    cookies back over the plain HTTP between the proxy and the application."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = dict(PROXY_HEADERS) | (headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        connection.close()
        return response, content


def expect(response, content: bytes, status: int, what: str) -> None:
    if response.status != status:
        fail(f"{what}: HTTP {response.status}, expected {status}\n{content[:2000].decode(errors='replace')}")
    print(f"   {what}: {response.status}")


def totp_now(key_base32: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as an authenticator app computes it."""
    key = base64.b32decode(
        key_base32.replace(" ", "").upper() + "=" * (-len(key_base32.replace(" ", "")) % 8)
    )
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def set_up_second_factor(office: Client) -> None:
    """The first sign-in of an office administrator: the set-up page's key typed into an "app", one code
    confirmed, the recovery codes shown once and acknowledged."""
    response, content = office.request("GET", "/konto/dwuetapowe/konfiguracja/")
    expect(response, content, 200, "the second factor's set-up page")
    key = re.search(rb'id="secret">([A-Z2-7 ]+)<', content)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    if not key or not token:
        fail("the set-up page shows no key to type or no CSRF token")
    headers = {"Referer": f"https://{HOST}/konto/dwuetapowe/konfiguracja/", "Origin": f"https://{HOST}"}
    response, content = office.request(
        "POST",
        "/konto/dwuetapowe/konfiguracja/",
        body={"code": totp_now(key.group(1).decode()), "csrfmiddlewaretoken": token.group(1).decode()},
        headers=headers,
    )
    expect(response, content, 302, "a code from the app confirms the set-up")
    response, content = office.request("GET", "/konto/dwuetapowe/kody/")
    expect(response, content, 200, "the recovery codes, shown once")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
    response, content = office.request(
        "POST",
        "/konto/dwuetapowe/kody/",
        body={"csrfmiddlewaretoken": token.group(1).decode()},
        headers=headers | {"Referer": f"https://{HOST}/konto/dwuetapowe/kody/"},
    )
    expect(response, content, 302, "the recovery codes saved")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    uv = shutil.which("uv") or str(Path.home() / ".local/bin/uv")
    work = Path(tempfile.mkdtemp(prefix="zit-smoke-"))
    server = None
    worker = None
    try:
        step("a fresh environment with the runtime dependencies only")
        venv = work / "venv"
        base = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_", "VIRTUAL_ENV"))}
        run(
            [uv, "sync", "--frozen", "--no-dev", "--quiet"],
            base | {"UV_PROJECT_ENVIRONMENT": str(venv), "UV_PYTHON_DOWNLOADS": "never"},
        )
        python = str(venv / "bin" / "python")

        env = base | {
            "DATABASE_URL": args.database_url or f"sqlite:///{work / 'zit.sqlite3'}",
            "ZIT_SECRET_KEY": secrets.token_urlsafe(50),
            "ZIT_ALLOWED_HOSTS": HOST,
            "ZIT_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "ZIT_SECURE_COOKIES": "1",
            "ZIT_SSL_REDIRECT": "1",
            "ZIT_HSTS_SECONDS": "31536000",
            "ZIT_HSTS_INCLUDE_SUBDOMAINS": "1",
            "ZIT_TRUSTED_PROXIES": "127.0.0.1",
            "ZIT_VAR_DIR": str(work / "var"),
            "ZIT_BACKUP_DIR": str(work / "backups"),
        }

        step("without ZIT_SECRET_KEY the platform refuses to start")
        missing = run(
            [python, "manage.py", "check"],
            {k: v for k, v in env.items() if k != "ZIT_SECRET_KEY"},
            expect_ok=False,
        )
        if missing.returncode == 0 or "ZIT_SECRET_KEY" not in missing.stderr:
            fail("the platform started without ZIT_SECRET_KEY")

        step("manage.py check --deploy")
        run([python, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

        step("database and reference data, as docs/deployment.md says")
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["load_area", "konin"],
            ["load_association"],
            ["load_funding"],
            ["load_strategy", "--bez-demo"],
            ["refresh_catalogue"],
            ["ensure_recurring_jobs"],
        ):
            run([python, "manage.py", *command], env)
        demo = run([python, "manage.py", "load_demo"], env, expect_ok=False)
        if demo.returncode == 0:
            fail("load_demo created demo accounts with a public password in production")
        password = secrets.token_urlsafe(18)
        run(
            [
                python,
                "manage.py",
                "create_office_admin",
                "--username",
                ADMIN,
                "--email",
                "it@example.pl",
                "--noinput",
            ],
            env | {"ZIT_ADMIN_PASSWORD": password},
        )

        step("gunicorn serving zit.config.wsgi:application")
        port = free_port()
        server = subprocess.Popen(
            [
                str(venv / "bin" / "gunicorn"),
                "zit.config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
            ],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(60):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    fail(f"gunicorn exited\n{server.stdout.read()[-3000:]}")
                time.sleep(0.5)
        else:
            fail("gunicorn did not start listening within 30 s")

        step("the worker: manage.py run_worker")
        worker_log = (
            work / "worker.log"
        )  # a file, not a pipe: e-mail printed on the console would fill a pipe
        with worker_log.open("w") as log:
            worker = subprocess.Popen(
                [python, "manage.py", "run_worker"],
                cwd=PROJECT,
                env=env | {"ZIT_JOB_HEARTBEAT_SECONDS": "2", "ZIT_JOB_HEARTBEAT_TIMEOUT": "30"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        step("health checks, as a load balancer asks them: by address, over plain HTTP")
        probe = Client(port)
        health_headers = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "http"}
        expect(*probe.request("GET", "/healthz", headers=health_headers), 200, "GET /healthz")
        for _ in range(120):
            response, content = probe.request("GET", "/readyz", headers=health_headers)
            if response.status == 200:
                break
            if worker.poll() is not None:
                fail(f"the worker exited\n{worker_log.read_text()[-3000:]}")
            time.sleep(1)
        expect(response, content, 200, "GET /readyz (database, cache, a worker's heartbeat)")

        visitor = Client(port)
        expect(*visitor.request("HEAD", "/"), 200, "HEAD /")
        response, content = visitor.request("GET", "/")
        expect(response, content, 200, "GET /")
        if "max-age=31536000" not in (response.getheader("Strict-Transport-Security") or ""):
            fail("no Strict-Transport-Security header on an HTTPS page")
        expect(*visitor.request("GET", "/api/v1/projects"), 200, "GET /api/v1/projects")
        expect(*visitor.request("GET", "/ogc/"), 200, "GET /ogc/ (OGC API landing page)")
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', content)
        if not stylesheet:
            fail("the home page links no stylesheet")
        expect(*visitor.request("GET", stylesheet.group(1).decode()), 200, "a stylesheet from /static/")
        plain = Client(port)
        response, content = plain.request("GET", "/", headers={"X-Forwarded-Proto": "http"})
        expect(response, content, 301, "plain HTTP is sent to HTTPS")

        step("an office administrator signs in and opens the office's pages")
        office = Client(port)
        response, content = office.request("GET", "/konto/logowanie/")
        expect(response, content, 200, "the login page")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if not token or "csrftoken" not in office.cookies:
            fail("the login page gave no CSRF token")
        response, content = office.request(
            "POST",
            "/konto/logowanie/",
            body={"username": ADMIN, "password": password, "csrfmiddlewaretoken": token.group(1).decode()},
            headers={"Referer": f"https://{HOST}/konto/logowanie/", "Origin": f"https://{HOST}"},
        )
        expect(response, content, 302, "sign-in with the password")
        expect(*office.request("GET", "/konto/"), 302, "the password alone opens no office page")
        set_up_second_factor(office)
        expect(*office.request("GET", "/konto/"), 200, "the office's dashboard")
        expect(*office.request("GET", "/biuro/dziennik/"), 200, "the audit log")

        step("the worker does a queued job (the recurring clearing of expired sessions)")
        for _ in range(180):
            response, content = office.request("GET", "/biuro/zadania/?stan=succeeded")
            if "Usuwanie wygasłych sesji logowania".encode() in content:
                break
            if worker.poll() is not None:
                fail(f"the worker exited\n{worker_log.read_text()[-3000:]}")
            time.sleep(1)
        else:
            fail(
                f"the worker did not finish the queued job within 3 minutes\n{worker_log.read_text()[-3000:]}"
            )
        expect(response, content, 200, "the jobs page lists the job as done")

        step("the runbook: the environment file, the systemd units, nginx in front, backup and restore")
        env_file = runbook.write_env_file(env, work / "zit.env")
        runbook.zit_manage(env_file, venv, "check", "--deploy", "--fail-level", "WARNING")
        print("   deploy/zit-manage check --deploy: the environment file is complete")
        runbook.verify_systemd_units(venv, env_file, work)
        print("   systemd-analyze verify: deploy/systemd/*.service accepted")
        nginx = runbook.Nginx(work, port, Path(env["ZIT_VAR_DIR"]) / "static", HOST)
        try:
            for line in runbook.check_through_nginx(nginx):
                print(f"   {line}")
        finally:
            nginx.stop()
        for line in runbook.backup_and_restore(env_file, venv, env, work):
            print(f"   {line}")
        print("SMOKE PASSED: the production install answers as documented.")
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except runbook.SmokeFailed as exc:
        fail(str(exc))
