"""Public reads from a PostgreSQL read replica (`DATABASE_REPLICA_URL`), everything else from the primary.

A replica lags behind the primary by a moment (usually well under a second, at worst a few seconds), which a
visitor reading the public site or the API never notices and an office worker who has just saved a form
would. So the replica serves only what cannot have been written by the one reading it:

- GET and HEAD requests of visitors who are not signed in, outside the office's and the accounts' addresses;
- until the request writes anything: from its first write on, it reads from the primary;
- not for a visitor whose previous request wrote (a comment in a consultation): a short-lived cookie sends
  their next requests to the primary, so that they see what they have just sent.

Writes, migrations, background jobs, management commands and every other request use the primary. The
router cannot see the request, so `ReplicaMiddleware` marks it in a context variable the router reads.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS
from django.http import FileResponse, HttpRequest, HttpResponse

REPLICA = "replica"
ROUTER = "zit.core.replica.ReplicaRouter"
PRIMARY_COOKIE = "zit_primary"
# Paths whose readers may just have written: the office, the accounts (in Polish and under /en/), the admin
# site, the language switch.
PRIMARY_ONLY_PREFIXES = ("/biuro/", "/konto/", "/en/biuro/", "/en/konto/", "/admin/", "/i18n/")


@dataclass
class _Routing:
    replica_allowed: bool
    wrote: bool = False


_routing: contextvars.ContextVar[_Routing | None] = contextvars.ContextVar("zit_db_routing", default=None)


class ReplicaRouter:
    """Reads go to the replica only inside a request `ReplicaMiddleware` marked as a public read that has not
    written yet; all writes go to the primary, and only the primary is migrated."""

    def db_for_read(self, model, **hints) -> str:
        routing = _routing.get()
        if routing is not None and routing.replica_allowed and not routing.wrote:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        routing = _routing.get()
        if routing is not None:
            routing.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by replication


def _public_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIMARY_ONLY_PREFIXES)
        and PRIMARY_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
    )


def _within(routing: _Routing, chunks: Iterable) -> Iterator:
    """A streamed response (a CSV export) reads the database while it is being sent, after the middleware has
    returned: the routing of its request holds for that time too."""
    _routing.set(routing)
    try:
        yield from chunks
    finally:
        _routing.set(None)


class ReplicaMiddleware:
    """After the authentication middleware: decides whether the request may read from the replica. Not used
    unless the replica router is configured (DATABASE_REPLICA_URL)."""

    def __init__(self, get_response):
        if ROUTER not in settings.DATABASE_ROUTERS:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        routing = _Routing(replica_allowed=_public_read(request))
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        if response.streaming and not response.is_async and not isinstance(response, FileResponse):
            response.streaming_content = _within(routing, response.streaming_content)
        if routing.wrote:
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=settings.REPLICA_MAX_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
