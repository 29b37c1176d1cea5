"""Who is on the other end of a request: the visitor's address and whether they came over HTTPS.

Behind a reverse proxy every request comes from the proxy's address, so a limit keyed on it would lock out
everyone at once. The forwarded headers are believed only from the proxies named in `ZIT_TRUSTED_PROXIES`
(addresses or networks): anyone else could write them. One answer serves login throttling, the public forms'
limits and the audit log.
"""

from __future__ import annotations

import contextvars
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_current_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="")


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def peer_is_trusted_proxy(request: HttpRequest) -> bool:
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and _is_trusted(peer, trusted_networks())


def resolve_client_address(request: HttpRequest) -> str:
    """The address of the first hop that is not one of our proxies, read from the right of X-Forwarded-For
    (each proxy appends the address it saw); entries to the left of it are the visitor's own words."""
    peer_text = request.META.get("REMOTE_ADDR", "")
    peer = _parse(peer_text)
    networks = trusted_networks()
    if peer is None:
        return peer_text
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    client = peer
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = _parse(entry)
        if hop is None:
            break  # a malformed entry written by someone we do not trust: stop at the last good hop
        client = hop
        if not _is_trusted(hop, networks):
            break
    return str(client)


def client_address(request: HttpRequest) -> str:
    """The visitor's address, resolved once per request (login throttling calls this by name)."""
    cached = getattr(request, "_zit_client_address", None)
    if cached is None:
        cached = resolve_client_address(request)
        request._zit_client_address = cached
    return cached


def current_client_address() -> str:
    """The address of the request being handled, for the audit log; empty outside a request."""
    return _current_address.get()


class ClientAddressMiddleware:
    """First in the stack: settles the visitor's address and, for a request passed on by a trusted proxy that
    says it received it over HTTPS, the scheme (so secure cookies, CSRF and redirects see HTTPS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if (
            peer_is_trusted_proxy(request)
            and request.META.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower() == "https"
        ):
            request.META["wsgi.url_scheme"] = "https"
        token = _current_address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _current_address.reset(token)
