"""English has addresses of its own: Polish at the plain address, English under /en/ (i18n_patterns with
prefix_default_language=False and zit.core.middleware.PathLanguageMiddleware). The machine addresses (API, OGC,
the switch, robots.txt, sitemaps) stay unprefixed; the switch keeps the page; an old English cookie on a plain
address redirects a GET to its /en/ address; every page names its canonical address and its languages."""

from __future__ import annotations

import lxml.etree
import lxml.html
import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse, translate_url
from django.utils import translation

from portal.test_catalogue import add


def _head(response) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(response.content).find("head")


def _links(head, rel: str) -> dict[str, str]:
    return {
        link.get("hreflang", ""): link.get("href") for link in head.iter("link") if link.get("rel") == rel
    }


def _meta(head, key: str) -> list[str]:
    return [m.get("content") for m in head.iter("meta") if key in (m.get("name"), m.get("property"))]


def test_pages_have_a_polish_and_an_english_address_and_machine_addresses_one():
    assert reverse("portal:project", args=["droga-1"]) == "/projekty/droga-1/"
    assert reverse("accounts:login") == "/konto/logowanie/"
    with translation.override("en"):
        assert reverse("portal:project", args=["droga-1"]) == "/en/projekty/droga-1/"
        assert reverse("portal:home") == "/en/"
        assert reverse("accounts:login") == "/en/konto/logowanie/"
        assert reverse("association:members") == "/en/biuro/czlonkowie/"
        assert reverse("opendata:datasets") == "/en/dane/"
        assert resolve("/en/projekty/droga-1/").view_name == "portal:project"
        # one address in every language
        assert reverse("api-v1:openapi-view") == "/api/v1/docs"
        assert reverse("ogc:landing") == "/ogc/"
        assert reverse("opendata_dcat:catalogue", args=["ttl"]) == "/dane/katalog.ttl"
        assert reverse("set_language") == "/i18n/setlang/"
        assert reverse("crawlers:robots") == "/robots.txt"
        assert reverse("crawlers:sitemap_index") == "/sitemap.xml"
    assert resolve("/projekty/droga-1/").view_name == "portal:project"


def test_the_address_says_the_language_never_the_browser(db):
    client = Client()
    polish = client.get("/kontakt/", HTTP_ACCEPT_LANGUAGE="en")
    assert polish.status_code == 200 and polish.headers["Content-Language"] == "pl"
    assert '<html lang="pl">' in polish.text
    english = client.get("/en/kontakt/", HTTP_ACCEPT_LANGUAGE="pl")
    assert english.status_code == 200 and english.headers["Content-Language"] == "en"
    assert '<html lang="en">' in english.text and "Contact" in english.text
    # the links of an English page stay in English
    assert 'href="/en/czlonkowie/"' in english.text and 'href="/czlonkowie/"' not in english.text
    assert client.get("/en/ogc/").status_code == 404  # the machine addresses have no /en/ twin
    assert client.get("/en/api/v1/docs").status_code == 404
    assert client.get("/en/robots.txt").status_code == 404


@pytest.mark.parametrize(
    ("language", "next_url", "cookie", "target"),
    [
        ("en", "/projekty/droga-1/?q=drogi", None, "/en/projekty/droga-1/?q=drogi"),
        ("pl", "/en/projekty/droga-1/", "en", "/projekty/droga-1/"),
        ("pl", "/en/projekty/droga-1/", None, "/projekty/droga-1/"),  # a shared /en/ link, no cookie yet
        ("en", "/biuro/czlonkowie/", "pl", "/en/biuro/czlonkowie/"),
        ("pl", "/en/", "en", "/"),
        ("en", "/ogc/collections", None, "/ogc/collections"),  # one address: the cookie decides there
    ],
)
def test_the_switch_keeps_the_page(db, language, next_url, cookie, target):
    client = Client()
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302 and response["Location"] == target
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


def test_the_switch_form_sends_the_page_it_is_on(db):
    page = Client().get("/en/kontakt/?x=1").text
    form = lxml.html.document_fromstring(page).xpath("//form[contains(@class, 'lang-switch')]")[0]
    assert form.get("action") == "/i18n/setlang/"
    assert form.xpath(".//input[@name='next']/@value") == ["/en/kontakt/?x=1"]


def test_an_old_english_cookie_moves_a_plain_address_to_its_english_one(db):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    moved = client.get("/czlonkowie/?strona=2")
    assert moved.status_code == 302 and moved["Location"] == "/en/czlonkowie/?strona=2"
    assert "Cookie" in moved["Vary"]
    assert client.get("/").get("Location") == "/en/"
    # only a GET moves: a form sent to a plain address is answered there, so is an htmx request
    assert client.post("/kontakt/").get("Location") != "/en/kontakt/"
    fragment = client.get("/kontakt/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and fragment.headers["Content-Language"] == "pl"
    # the machine addresses keep one address and answer in the chosen language
    assert client.get("/ogc/?f=html").headers["Content-Language"] == "en"
    # without the cookie, or with the Polish one, a plain address answers in Polish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    assert client.get("/czlonkowie/").headers["Content-Language"] == "pl"
    assert Client().get("/czlonkowie/").headers["Content-Language"] == "pl"


def test_signing_in_stays_in_english(user_for_role, settings):
    settings.AXES_ENABLED = False
    client = Client()
    to_login = client.get("/en/biuro/czlonkowie/")
    assert to_login.status_code == 302
    assert to_login["Location"] == "/en/konto/logowanie/?next=/en/biuro/czlonkowie/"
    login_page = client.get(to_login["Location"])
    assert login_page.headers["Content-Language"] == "en"
    user = user_for_role("office_staff")
    signed_in = client.post(
        "/en/konto/logowanie/?next=/en/biuro/czlonkowie/",
        {"username": user.username, "password": "haslo-testowe-123"},
    )
    assert signed_in.status_code == 302
    # office staff set up the second factor first: its page in English, then the page they asked for
    step = client.get("/en/biuro/czlonkowie/")
    assert step.status_code == 302 and step["Location"].startswith("/en/konto/dwuetapowe/")
    assert client.get(step["Location"]).headers["Content-Language"] == "en"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_page_names_its_canonical_address_and_its_languages(db, prefix):
    response = Client().get(f"{prefix}/kontakt/?utm_source=x")
    head = _head(response)
    assert _links(head, "canonical") == {"": f"http://testserver{prefix}/kontakt/"}
    assert _links(head, "alternate") == {
        "pl": "http://testserver/kontakt/",
        "en": "http://testserver/en/kontakt/",
        "x-default": "http://testserver/kontakt/",
    }
    assert len(_meta(head, "description")) == 1 and _meta(head, "description")[0].strip()
    assert _meta(head, "og:url") == [f"http://testserver{prefix}/kontakt/"]
    assert _meta(head, "og:locale") == ["en_GB" if prefix else "pl_PL"]


def test_a_page_with_one_address_names_no_languages_and_an_unknown_address_no_canonical(db, caplog):
    ogc = _head(Client().get("/ogc/?f=html"))
    assert _links(ogc, "canonical") == {"": "http://testserver/ogc/"}  # the query is no part of it
    assert not [hreflang for hreflang in _links(ogc, "alternate") if hreflang]
    missing = Client().get("/nie-ma-takiej-strony/")
    assert missing.status_code == 404 and not _links(_head(missing), "canonical")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("portal:home", "fundusze europejskie"),
        ("portal:strategy", "Strategia ZIT"),
        ("portal:projects", "Katalog projektów"),
        ("portal:members", "Członkowie Stowarzyszenia"),
        ("portal:map", "Mapa projektów"),
    ],
)
def test_the_main_pages_describe_themselves(demo, name, words):
    (description,) = _meta(_head(Client().get(reverse(name))), "description")
    assert words in description
    with translation.override("en"):
        english = Client().get(reverse(name))
    assert english.headers["Content-Language"] == "en"
    (described,) = _meta(_head(english), "description")
    assert described.strip()


def test_a_project_page_has_open_graph_in_both_languages(area):
    project = add("Przebudowa drogi gminnej w Ślesinie", summary="Nowa nawierzchnia i chodnik.")
    path = reverse("portal:project", args=[project.key])
    for prefix, locale, other in (("", "pl_PL", "en_GB"), ("/en", "en_GB", "pl_PL")):
        head = _head(Client().get(prefix + path))
        assert _meta(head, "og:title") == ["Przebudowa drogi gminnej w Ślesinie"]
        assert _meta(head, "og:description") == ["Nowa nawierzchnia i chodnik."]
        assert _meta(head, "description") == ["Nowa nawierzchnia i chodnik."]
        assert _meta(head, "og:type") == ["article"]
        assert _meta(head, "og:url") == [f"http://testserver{prefix}{path}"]
        assert _meta(head, "og:locale") == [locale] and _meta(head, "og:locale:alternate") == [other]
        assert _links(head, "canonical") == {"": f"http://testserver{prefix}{path}"}
    bare = add("Termomodernizacja szkoły")
    head = _head(Client().get(reverse("portal:project", args=[bare.key])))
    assert _meta(head, "og:description") == [
        "Termomodernizacja szkoły – projekt ZIT Aglomeracji Konińskiej; beneficjent: Gmina testowa."
    ]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_sitemaps_list_every_page_in_both_languages_with_alternates(area):
    project = add("Przebudowa drogi gminnej w Ślesinie")
    index = lxml.etree.fromstring(Client().get("/sitemap.xml").content)
    assert "http://testserver/sitemap-projekty.xml" in [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    urls = lxml.etree.fromstring(Client().get("/sitemap-projekty.xml").content).findall(f"{SITEMAP}url")
    by_address = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in urls
    }
    polish = f"http://testserver/projekty/{project.key}/"
    english = f"http://testserver/en/projekty/{project.key}/"
    alternates = {"pl": polish, "en": english, "x-default": polish}
    assert by_address == {polish: alternates, english: alternates}
    pages = lxml.etree.fromstring(Client().get("/sitemap-strony.xml").content)
    addresses = {loc.text for loc in pages.iter(f"{SITEMAP}loc")}
    assert {"http://testserver/", "http://testserver/en/", "http://testserver/en/strategia/"} <= addresses
    robots = Client().get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /en/biuro/" in robots and "Disallow: /en/konto/" in robots


def test_translate_url_is_what_the_switch_uses(db):
    """The pages of the accessibility walk and the English text test are listed by their Polish address and
    opened at the address translate_url gives."""
    assert translate_url("/mapa/?fundusz=EFRR", "en") == "/en/mapa/?fundusz=EFRR"
    assert translate_url("/ogc/collections", "en") == "/ogc/collections"
