"""Downloading from an address: https only, public servers only (also after a redirect), a size cap and a total
time limit. A fake opener and resolver stand for the network, which is never asked."""

import urllib.request

import pytest

from zit.core import safe_fetch

PUBLIC = "93.184.215.14"


class FakeResponse:
    def __init__(self, body: bytes, *, chunk_seconds: float = 0.0, clock=None, url: str = ""):
        self.body, self.chunk_seconds, self.clock, self.url = body, chunk_seconds, clock, url
        self.read_sizes: list[int] = []

    def read(self, size: int) -> bytes:
        self.read_sizes.append(size)
        if self.clock is not None:
            self.clock.now += self.chunk_seconds
        chunk, self.body = self.body[:size], self.body[size:]
        return chunk

    def geturl(self) -> str:
        return self.url

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeOpener:
    def __init__(self, body: bytes = b"", response: FakeResponse | None = None):
        self.response = response or FakeResponse(body)
        self.opened: list[str] = []

    def open(self, request, timeout):
        self.opened.append(request.full_url)
        self.response.url = self.response.url or request.full_url
        return self.response


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def public_dns(monkeypatch):
    """Every name resolves to a public address, except the ones a test lists."""
    names = {}
    monkeypatch.setattr(safe_fetch, "resolve", lambda host: names.get(host, [PUBLIC]))
    return names


def _fetch(url, **kw):
    return safe_fetch.fetch(url, **({"max_bytes": 1000, "timeout": 5, "total_seconds": 10} | kw))


def _must_not_open():
    raise AssertionError("the network was asked")


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://127.0.0.1/x.csv", "https://"),
        ("http://169.254.169.254/latest/meta-data/", "https://"),
        ("file:///etc/passwd", "https://"),
        ("ftp://example.org/x.csv", "https://"),
        ("https://10.0.0.1/x.csv", "sieci wewnętrznej"),
        ("https://169.254.169.254/latest/meta-data/", "sieci wewnętrznej"),
        ("https://127.0.0.1/x.csv", "sieci wewnętrznej"),
        ("https://[::1]/x.csv", "sieci wewnętrznej"),
        ("https://[::ffff:192.168.1.1]/x.csv", "sieci wewnętrznej"),
        ("https://0.0.0.0/x.csv", "sieci wewnętrznej"),
        ("https://224.0.0.1/x.csv", "sieci wewnętrznej"),
        ("https:///x.csv", "brakuje nazwy serwera"),
    ],
)
def test_addresses_that_are_not_https_to_a_public_server_are_refused(monkeypatch, url, words):
    monkeypatch.setattr(safe_fetch, "_opener", _must_not_open)
    with pytest.raises(safe_fetch.Refused, match=words):
        _fetch(url)


def test_a_name_is_refused_when_any_of_its_addresses_is_internal(monkeypatch, public_dns):
    monkeypatch.setattr(safe_fetch, "_opener", _must_not_open)
    public_dns["intranet.example.org"] = [PUBLIC, "192.168.0.10"]
    with pytest.raises(safe_fetch.Refused, match="192.168.0.10"):
        _fetch("https://intranet.example.org/x.csv")


def test_a_public_https_address_is_downloaded(monkeypatch, public_dns):
    opener = FakeOpener(b"a;b\n1;2\n")
    monkeypatch.setattr(safe_fetch, "_opener", lambda: opener)
    assert _fetch("https://example.org/x.csv") == b"a;b\n1;2\n"
    assert opener.opened == ["https://example.org/x.csv"]


def _redirect(newurl):
    handler = safe_fetch._CheckedRedirects()
    request = urllib.request.Request("https://example.org/x.csv")
    return handler.redirect_request(request, None, 302, "Found", {}, newurl)


def test_every_redirect_is_checked_like_the_first_address(public_dns):
    public_dns["evil.example.org"] = ["10.1.2.3"]
    with pytest.raises(safe_fetch.Refused, match="sieci wewnętrznej"):
        _redirect("https://169.254.169.254/latest/meta-data/")
    with pytest.raises(safe_fetch.Refused, match="10.1.2.3"):
        _redirect("https://evil.example.org/x.csv")
    with pytest.raises(safe_fetch.Refused, match="https://"):
        _redirect("http://example.org/x.csv")
    assert _redirect("https://cdn.example.org/x.csv").full_url == "https://cdn.example.org/x.csv"


def test_the_opener_follows_redirects_through_the_checking_handler():
    handlers = safe_fetch._opener().handlers
    assert any(isinstance(h, safe_fetch._CheckedRedirects) for h in handlers)
    assert not any(type(h) is urllib.request.HTTPRedirectHandler for h in handlers)


def test_a_body_larger_than_the_cap_is_refused_without_reading_it_all(monkeypatch, public_dns):
    opener = FakeOpener(b"x" * 10_000_000)
    monkeypatch.setattr(safe_fetch, "_opener", lambda: opener)
    with pytest.raises(safe_fetch.TooLarge, match="1000 bajtów"):
        _fetch("https://example.org/x.csv")
    assert sum(opener.response.read_sizes) <= 1001


def test_a_body_sent_slower_than_the_total_limit_is_cut_off(monkeypatch, public_dns):
    clock = Clock()
    monkeypatch.setattr(safe_fetch, "_clock", clock)
    # each chunk arrives within the per-read timeout, but all together take longer than the total limit
    response = FakeResponse(b"x" * 900, chunk_seconds=4, clock=clock)
    response_read = response.read
    response.read = lambda size: response_read(min(size, 100))
    monkeypatch.setattr(safe_fetch, "_opener", lambda: FakeOpener(response=response))
    with pytest.raises(safe_fetch.TooSlow, match="10 s"):
        _fetch("https://example.org/x.csv")
    assert len(response.read_sizes) < 9  # stopped before the end of the body
