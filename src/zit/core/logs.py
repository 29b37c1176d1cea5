"""What the platform writes to its log: plain text by default, or one JSON object per line on stderr
(`ZIT_LOG_FORMAT=json`) for a log collector, with the request each record belongs to.

Every request gets an id: the one a trusted proxy sent in `X-Request-ID` (so the proxy's log and ours share
it), otherwise a new one; the response carries it back. Records written while a request is handled carry that
id and the signed-in user's id (never the name or e-mail). One access line per
request gives the method, the path, the names of the query's parameters (their values may be a name someone
searched for), the status and the time taken.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

ACCESS_LOGGER = "zit.access"
REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTED_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_log = logging.getLogger(ACCESS_LOGGER)


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    request: Any


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("zit_request", default=None)


def current_request_id() -> str:
    """The id of the request being handled; empty outside a request (background jobs, commands)."""
    context = _current.get()
    return context.request_id if context else ""


_looking_up_user: contextvars.ContextVar[bool] = contextvars.ContextVar("zit_log_user_lookup", default=False)


def _user_id(request: Any) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _user_id_for_record(request: Any, record: logging.LogRecord) -> int | None:
    # An ordinary record names the user only if the request has already looked them up, so that logging costs
    # no query. An error is worth the query: whoever met it is what one asks first. The lookup is guarded
    # against logging itself (SQL logging) and against the error being the database's own.
    user = getattr(request, "_cached_user", None)
    if user is not None or record.levelno < logging.ERROR or _looking_up_user.get():
        return user.pk if user is not None and user.is_authenticated else None
    token = _looking_up_user.set(True)
    try:
        return _user_id(request)
    except Exception:
        return None
    finally:
        _looking_up_user.reset(token)


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record written while a request is handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = _current.get()
        if context is not None:
            if not hasattr(record, "request_id"):
                record.request_id = context.request_id
            if not hasattr(record, "user_id"):
                user_id = _user_id_for_record(context.request, record)
                if user_id is not None:
                    record.user_id = user_id
        return True


class JsonFormatter(_LibraryJsonFormatter):
    """time (ISO 8601, UTC), level, logger, message, the record's extra fields, and `exc_info` with the
    traceback. Django attaches the request object to some records; it is left out, because its text carries
    the query string."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__("{levelname}{name}{message}", *args, style="{", **kwargs)

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict) -> None:
        log_data["time"] = datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds")
        super().add_fields(log_data, record, message_dict)


def logging_config(*, log_format: str, level: str, access_log: bool) -> dict[str, Any]:
    """The LOGGING setting: one console handler on stderr, plain or JSON, with the request context."""
    if log_format not in {"text", "json"}:
        raise ValueError(f"ZIT_LOG_FORMAT must be 'text' or 'json', not {log_format!r}")
    console: dict[str, Any] = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
        "filters": ["request_context"],
    }
    if log_format == "json":
        console["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "zit.core.logs.RequestContextFilter"}},
        "formatters": {"json": {"()": "zit.core.logs.JsonFormatter"}},
        "handlers": {"console": console},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {ACCESS_LOGGER: {"level": "INFO" if access_log else "WARNING"}},
    }


def _request_id_for(request: Any) -> str:
    from zit.core.client import peer_is_trusted_proxy

    offered = request.META.get("HTTP_X_REQUEST_ID", "").strip()
    if offered and _ACCEPTED_REQUEST_ID.fullmatch(offered) and peer_is_trusted_proxy(request):
        return offered
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """First in the stack: settles the request id, makes it known to every record written meanwhile, returns
    it in `X-Request-ID` and writes one access line when the response is ready (for a streamed download, when
    streaming starts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _request_id_for(request)
        request.request_id = request_id
        token = _current.set(RequestContext(request_id=request_id, request=request))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if access_log.isEnabledFor(logging.INFO):
                self._log(request, response, (time.perf_counter() - started) * 1000)
            return response
        finally:
            _current.reset(token)

    @staticmethod
    def _log(request, response, duration_ms: float) -> None:
        fields: dict[str, Any] = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration_ms, 1),
        }
        if request.GET:
            fields["query_params"] = sorted(request.GET.keys())
        user_id = _user_id(request)
        if user_id is not None:
            fields["user_id"] = user_id
        access_log.info(
            "%s %s %s %.0f ms", request.method, request.path, response.status_code, duration_ms, extra=fields
        )
