"""A page on another site reads the open data in a real browser: Chromium enforces CORS, so the answers are
readable only where the platform allows it (the API, the downloads, the catalogue, OGC API), with the ETag
exposed and a conditional request (a preflight) answered; the office is not readable from another site.

The other site is a tiny page served on 127.0.0.1 by a second server, the platform on localhost: two origins."""

from __future__ import annotations

import http.server
import threading

import pytest

pytestmark = pytest.mark.browser

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><main><h1>Another site</h1></main></body></html>"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


READ = """async ([url, init]) => {
    try {
        const response = await fetch(url, init || {});
        const text = await response.text();
        let body = null;
        try { body = JSON.parse(text); } catch (e) {}
        return {status: response.status, etag: response.headers.get("ETag"), body: body,
                type: response.headers.get("Content-Type"), length: text.length};
    } catch (error) {
        return {error: String(error)};
    }
}"""


def test_a_page_on_another_site_reads_the_api_and_its_etag(page, live_server, transactional_db, other_site):
    from zit.opendata.models import CatalogueProject

    CatalogueProject.objects.create(
        key="droga-slesin", title="Przebudowa drogi", status="running", is_demo=True
    )
    api = live_server.url.replace("127.0.0.1", "localhost")
    assert api.startswith("http://localhost:")
    page.goto(other_site)
    assert page.evaluate("location.origin") != api

    read = page.evaluate(READ, [f"{api}/api/v1/projects?limit=1", None])
    assert read["status"] == 200, read
    assert read["body"]["results"][0]["key"] == "droga-slesin"
    assert read["etag"] and read["etag"].startswith('"')

    # If-None-Match is not a simple header: the browser asks first (a preflight), then gets 304
    again = page.evaluate(
        READ, [f"{api}/api/v1/projects?limit=1", {"headers": {"If-None-Match": read["etag"]}}]
    )
    assert again.get("status") == 304, again

    # errors are readable too: a problem document in the language asked for
    problem = page.evaluate(
        READ, [f"{api}/api/v1/projects?status=nonsense", {"headers": {"Accept-Language": "en"}}]
    )
    assert problem["status"] == 422 and problem["type"].startswith("application/problem+json")
    assert problem["body"]["errors"][0]["name"] == "status"

    for path in ("/dane/gminy.csv", "/dane/katalog.rdf", "/ogc/collections?f=json"):
        assert page.evaluate(READ, [api + path, None]).get("status") == 200, path

    # the visitor's cookies are never sent along: a credentialed request is refused by the browser
    assert "error" in page.evaluate(READ, [f"{api}/api/v1/projects", {"credentials": "include"}])
    # and the pages of the platform are not readable from another site
    assert "error" in page.evaluate(READ, [f"{api}/kontakt/", None])
