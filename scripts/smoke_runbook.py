"""The parts of docs/deployment.md's runbook that can run on a CI machine, used by smoke_production.py: the
environment file read through deploy/zit-manage, the systemd units checked by systemd-analyze, nginx with
deploy/nginx/zit.conf in front of gunicorn, and a backup restored into a new database.

Standard library only, like smoke_production.py.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy"


class SmokeFailed(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_env_file(env: dict[str, str], path: Path) -> Path:
    """The platform's variables as /etc/zit/zit.env holds them (values in double quotes)."""
    lines = [f'{k}="{v}"' for k, v in sorted(env.items()) if k.startswith(("ZIT_", "DATABASE_"))]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def zit_manage(env_file: Path, venv: Path, *args: str, extra_env: dict[str, str] | None = None):
    """deploy/zit-manage as the runbook runs it: nothing but the environment file, and the smoke's own
    runtime-only environment instead of the checkout's .venv."""
    command = [str(DEPLOY / "zit-manage"), *args]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ZIT_ENV_FILE": str(env_file)} | (extra_env or {})
    env["ZIT_MANAGE_PYTHON"] = str(venv / "bin" / "python")
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SmokeFailed(
            f"deploy/zit-manage {' '.join(args)} exited {done.returncode}\n{done.stderr[-3000:]}"
        )
    return done


def verify_systemd_units(venv: Path, env_file: Path, work: Path) -> None:
    """The units as an administrator would install them, with this checkout's paths."""
    if not shutil.which("systemd-analyze"):
        raise SmokeFailed("systemd-analyze is missing (Debian package systemd)")
    units = work / "systemd"
    units.mkdir()
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        text = (
            unit.read_text()
            .replace("/srv/zit/app/.venv", str(venv))
            .replace("/srv/zit/app", str(PROJECT))
            .replace("/etc/zit/zit.env", str(env_file))
            .replace("User=zit", "User=root")
            .replace("Group=zit", "Group=root")
        )
        (units / unit.name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *[str(p) for p in sorted(units.glob("*.service"))]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # verify also reports the machine's own units that it had to load; only our units' lines count
    ours = [line for line in (done.stdout + done.stderr).splitlines() if "zit-" in line]
    if ours:
        raise SmokeFailed("systemd-analyze verify:\n" + "\n".join(ours))


class Nginx:
    """deploy/nginx/zit.conf with a self-signed certificate, on free ports, in front of the given gunicorn."""

    def __init__(self, work: Path, app_port: int, static_root: Path, host: str):
        self.work, self.host = work / "nginx", host
        self.work.mkdir()
        self.http_port, self.https_port = _free_port(), _free_port()
        cert, key = self.work / "cert.pem", self.work / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={host}",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        site = (DEPLOY / "nginx" / "zit.conf").read_text()
        site = "\n".join(
            line for line in site.splitlines() if "[::]" not in line
        )  # no IPv6 in CI's container
        site = (
            site.replace("zit.example.pl;", f"{host};")
            .replace("listen 80;", f"listen 127.0.0.1:{self.http_port};")
            .replace("listen 443 ssl", f"listen 127.0.0.1:{self.https_port} ssl")
            .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
            .replace(f"/etc/letsencrypt/live/{host}/fullchain.pem", str(cert))
            .replace(f"/etc/letsencrypt/live/{host}/privkey.pem", str(key))
            .replace("/srv/zit/var/static/", f"{static_root}/")
        )
        (self.work / "zit.conf").write_text(site)
        temp = self.work / "tmp"
        temp.mkdir()
        (self.work / "nginx.conf").write_text(
            # the smoke's files are in a private temporary folder; on a server, www-data reads /srv/zit/var/static
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"pid {self.work}/nginx.pid;\nerror_log {self.work}/error.log;\nevents {{}}\nhttp {{\n"
            f"  include /etc/nginx/mime.types;\n  access_log {self.work}/access.log;\n"
            + "".join(f"  {kind}_temp_path {temp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            + f"  include {self.work}/zit.conf;\n}}\n"
        )  # fmt: skip
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise SmokeFailed("nginx is missing (Debian package nginx-light)")
        config = ["-c", str(self.work / "nginx.conf"), "-p", str(self.work)]
        test = subprocess.run([nginx, *config, "-t"], capture_output=True, text=True, timeout=30)
        if test.returncode != 0:
            raise SmokeFailed(f"nginx -t refuses deploy/nginx/zit.conf:\n{test.stderr}")
        self.process = subprocess.Popen(
            [nginx, *config, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True
        )
        for _ in range(40):
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.25)
        raise SmokeFailed("nginx did not start listening")

    def get(self, path: str, *, https: bool = True):
        if https:
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, timeout=60, context=context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=60)
        connection.request("GET", path, headers={"Host": self.host})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def check_through_nginx(nginx: Nginx) -> list[str]:
    """What a visitor sees through the runbook's nginx: plain HTTP sent to HTTPS, pages over HTTPS (the
    platform believes nginx's X-Forwarded-Proto, so it neither loops nor drops HSTS), static files by nginx."""
    seen = []
    response, _ = nginx.get("/", https=False)
    if response.status != 301 or not (response.getheader("Location") or "").startswith(
        f"https://{nginx.host}/"
    ):
        raise SmokeFailed(f"plain HTTP through nginx: {response.status} {response.getheader('Location')}")
    seen.append("plain HTTP through nginx: 301 to https")
    response, body = nginx.get("/")
    if response.status != 200 or "max-age" not in (response.getheader("Strict-Transport-Security") or ""):
        raise SmokeFailed(f"GET / through nginx: {response.status}\n{body[:1000]!r}")
    seen.append("GET / through nginx over HTTPS: 200 with HSTS")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body)
    if not stylesheet:
        raise SmokeFailed("the home page links no stylesheet")
    response, _ = nginx.get(stylesheet.group(1).decode())
    if response.status != 200 or "immutable" not in (response.getheader("Cache-Control") or ""):
        raise SmokeFailed(
            f"a stylesheet through nginx: {response.status} {response.getheader('Cache-Control')}"
        )
    seen.append("a stylesheet served by nginx from collectstatic: 200")
    return seen


def backup_and_restore(env_file: Path, venv: Path, env: dict[str, str], work: Path) -> list[str]:
    """`deploy/zit-manage backup`, then `restore` into a new, empty database and files folder."""
    backups = Path(env["ZIT_BACKUP_DIR"])
    before = set(backups.glob("*"))  # the worker's recurring backup may have written one already
    zit_manage(env_file, venv, "backup")
    archives = sorted(set(backups.glob("*")) - before)
    if len(archives) != 1:
        raise SmokeFailed(f"backup wrote {len(archives)} archives to {backups}")
    source = env["DATABASE_URL"]
    if source.startswith("postgres"):
        parts = urlsplit(source)
        target_db = parts.path.lstrip("/") + "_restored"
        subprocess.run(["createdb", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "postgres", target_db], check=True, timeout=60)  # fmt: skip
        target = urlunsplit(parts._replace(path=f"/{target_db}"))
    else:
        target_db, target = None, f"sqlite:///{work / 'restored.sqlite3'}"
    try:
        restored_env = write_env_file(
            env | {"DATABASE_URL": target, "ZIT_VAR_DIR": str(work / "restored-var")}, work / "restored.env"
        )
        done = zit_manage(restored_env, venv, "restore", str(archives[0]))
        refused = subprocess.run(
            [str(DEPLOY / "zit-manage"), "restore", str(archives[0])],
            cwd=PROJECT, capture_output=True, text=True, timeout=600,
            env={"PATH": os.environ.get("PATH", ""), "ZIT_ENV_FILE": str(restored_env), "ZIT_MANAGE_PYTHON": str(venv / "bin" / "python")},
        )  # fmt: skip
        if refused.returncode == 0:
            raise SmokeFailed("a second restore into the now non-empty database was not refused")
    finally:
        if target_db:
            subprocess.run(["dropdb", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username or "postgres", "--if-exists", target_db], timeout=60)  # fmt: skip
    return [
        f"backup {archives[0].name}: {archives[0].stat().st_size} bytes",
        "restored into a new database: " + (done.stdout.strip().splitlines() or ["done"])[-1],
        "a restore into a non-empty database refused",
    ]
