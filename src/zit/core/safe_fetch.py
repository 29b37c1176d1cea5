"""Downloading a file from an address typed by the office or fixed in code, without letting the address reach
the platform's own network: https only, every address the host resolves to must be a public one (no loopback,
private, link-local, reserved, multicast or unspecified address), the same check on every redirect, a size cap
and a total time limit for the whole download.

Errors of the policy (`Refused`, `TooLarge`, `TooSlow`) carry a Polish message; network and HTTP errors of
urllib (`urllib.error.HTTPError`, `URLError`, `OSError`) pass through for the caller to word.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

CHUNK_BYTES = 64 * 1024


class SafeFetchError(Exception):
    """The download was stopped by the platform's rules (the message says why, in Polish)."""


class Refused(SafeFetchError):
    """The address is not allowed: not https, or the host is not a public address."""


class TooLarge(SafeFetchError):
    def __init__(self, limit: int):
        super().__init__(_("Plik jest większy niż dopuszczalne %(n)d bajtów.") % {"n": limit})
        self.limit = limit


class TooSlow(SafeFetchError):
    def __init__(self, seconds: float):
        super().__init__(
            _("Pobieranie trwało dłużej niż dopuszczalne %(s)d s i zostało przerwane.") % {"s": seconds}
        )
        self.seconds = seconds


def _clock() -> float:
    return time.monotonic()


def resolve(host: str) -> list[str]:
    """Every address the host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(_("Nie można ustalić adresu serwera %(h)s.") % {"h": host}) from exc
    return sorted({info[4][0] for info in infos})


def _not_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


def check_url(url: str) -> None:
    """Refuse an address that is not https or whose host resolves to any non-public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise Refused(
            _("Adres musi zaczynać się od https:// (połączenie szyfrowane); adres %(u)s jest niedozwolony.")
            % {"u": url[:200]}
        )
    host = parts.hostname
    if not host:
        raise Refused(_("W adresie %(u)s brakuje nazwy serwera.") % {"u": url[:200]})
    try:
        addresses = [str(ipaddress.ip_address(host))]  # an address written in the URL
    except ValueError:
        addresses = resolve(host)
    for address in addresses:
        if _not_public(address):
            raise Refused(
                _(
                    "Serwer %(h)s ma adres %(a)s w sieci wewnętrznej lub zastrzeżonej; "
                    "pobieranie z takich adresów jest niedozwolone."
                )
                % {"h": host, "a": address}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address that passes the same check as the first one."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_CheckedRedirects)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    total_seconds: float,
    headers: dict[str, str] | None = None,
) -> bytes:
    """The body at `url`, at most `max_bytes`, downloaded within `total_seconds` (each network operation
    waits at most `timeout`)."""
    deadline = _clock() + total_seconds
    check_url(url)
    request = urllib.request.Request(url, headers=headers or {"User-Agent": "ZIT platform"})
    chunks: list[bytes] = []
    size = 0
    with _opener().open(request, timeout=timeout) as response:
        check_url(response.geturl() if hasattr(response, "geturl") else url)
        while True:
            if _clock() > deadline:
                raise TooSlow(total_seconds)
            chunk = response.read(min(CHUNK_BYTES, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(max_bytes)
            if _clock() > deadline:
                raise TooSlow(total_seconds)
    return b"".join(chunks)
