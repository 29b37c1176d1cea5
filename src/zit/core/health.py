"""`/healthz` and `/readyz` for load balancers and supervisors, answered before any other middleware.

- `/healthz`: the process answers (no database, no cache): restart it when this fails.
- `/readyz`: the database, the cache and a worker's heartbeat answer: send it visitors only when this is 200.
  A failure answers 503 with a JSON body naming what failed.

Both answer whatever the Host header (a load balancer checks a node by its address), over plain HTTP (exempt
from the HTTPS redirect, see SECURE_REDIRECT_EXEMPT), with no session, no login and no access-log line.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/readyz"}


def _database() -> str:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key = f"zit:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "1":
        raise RuntimeError("the cache did not return what was just written")
    return "ok"


def worker_last_seen() -> dt.datetime | None:
    from zit.core.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def _worker() -> str:
    seen = worker_last_seen()
    if seen is None:
        raise RuntimeError("no worker has written a heartbeat (manage.py run_worker)")
    age = (timezone.now() - seen).total_seconds()
    if age > settings.JOB_HEARTBEAT_TIMEOUT:
        raise RuntimeError(
            f"no worker heartbeat for {age:.0f} s (more than ZIT_JOB_HEARTBEAT_TIMEOUT, "
            f"{settings.JOB_HEARTBEAT_TIMEOUT:g} s)"
        )
    return "ok"


def readiness() -> tuple[bool, dict[str, Any]]:
    checks = {"database": _database, "cache": _cache}
    if settings.READYZ_REQUIRES_WORKER:
        checks["worker"] = _worker
    results: dict[str, str] = {}
    for name, check in checks.items():
        if name == "worker" and results.get("database") != "ok":
            results[name] = "not checked: the database does not answer"
            continue
        try:
            results[name] = check()
        except Exception as exc:  # a check that fails is reported, never raised
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = f"failed: {exc}"
    ready = all(value == "ok" for value in results.values())
    return ready, {"status": "ok" if ready else "unavailable", "checks": results}


def _answer(request: HttpRequest) -> JsonResponse:
    if request.path == "/healthz":
        response = JsonResponse({"status": "ok"})
    else:
        ready, body = readiness()
        response = JsonResponse(body, status=200 if ready else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the two paths itself and passes everything else on untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path in PATHS and request.method in {"GET", "HEAD"}:
            return _answer(request)
        return self.get_response(request)
