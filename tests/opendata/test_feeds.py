"""Atom feeds: the new projects of the public catalogue, and the existing feed of resolutions, both valid
Atom (RFC 4287) with absolute links."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from governance.meeting_fixtures import *  # noqa: F403
from governance.meeting_fixtures import open_meeting
from governance.test_register import _adopted

from zit.opendata.models import CatalogueProject

ATOM = "{http://www.w3.org/2005/Atom}"


def _rfc3339(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, value
    return parsed


def assert_valid_atom(content: bytes) -> ET.Element:
    """The requirements of RFC 4287 that a feed reader relies on: one id, title and updated on the feed and on
    each entry, an author for every entry, absolute links, unique entry ids."""
    feed = ET.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    _rfc3339(feed.find(f"{ATOM}updated").text)
    feed_has_author = feed.find(f"{ATOM}author") is not None
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        _rfc3339(entry.find(f"{ATOM}updated").text)
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link") is not None or entry.find(f"{ATOM}content") is not None
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids))
    for link in feed.iter(f"{ATOM}link"):
        assert link.get("href").startswith(("http://", "https://")), link.get("href")
    return feed


def _project(key: str, title: str, *, updated: dt.datetime, **fields) -> CatalogueProject:
    project = CatalogueProject.objects.create(
        key=key,
        title=title,
        beneficiary=fields.pop("beneficiary", "Miasto Konin"),
        status=fields.pop("status", CatalogueProject.Status.LISTED),
        **fields,
    )
    CatalogueProject.objects.filter(pk=project.pk).update(updated_at=updated)  # auto_now would overwrite it
    return project


def test_the_projects_feed_lists_the_newest_first_with_links_to_their_pages(client, db):
    now = timezone.now()
    _project("stary", "Stary projekt", updated=now - dt.timedelta(days=30))
    _project(
        "nowy",
        "Nowy projekt <ścieżka>",
        updated=now,
        summary="Budowa ścieżki & chodnika.",
        total_pln=Decimal("1234567.89"),
        status=CatalogueProject.Status.RUNNING,
        measure="10.4",
        measure_name="10.4 Zregenerowane środowisko przyrodnicze",
        is_demo=True,
    )
    response = client.get(reverse("opendata_dcat:projects_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = assert_valid_atom(response.content)
    assert feed.find(f"{ATOM}title").text == "Projekty ZIT Aglomeracji Konińskiej"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Nowy projekt <ścieżka> (dane demonstracyjne)",
        "Stary projekt",
    ]
    newest = entries[0]
    assert newest.find(f"{ATOM}link").get("href") == "http://testserver/projekty/nowy/"
    assert newest.find(f"{ATOM}author/{ATOM}name").text == "Miasto Konin"
    summary = newest.find(f"{ATOM}summary").text
    assert "Budowa ścieżki &amp; chodnika." in summary  # HTML in the feed, the text escaped
    assert "1\xa0234\xa0567,89\xa0zł" in summary and "w realizacji" in summary
    assert "Działanie: 10.4 Zregenerowane środowisko przyrodnicze</li>" in summary  # the number once
    assert "Dane demonstracyjne" in summary
    categories = {c.get("term") for c in newest.findall(f"{ATOM}category")}
    assert categories == {"w realizacji", "dane demonstracyjne"}
    assert _rfc3339(newest.find(f"{ATOM}updated").text) > _rfc3339(entries[1].find(f"{ATOM}updated").text)


def test_the_projects_feed_is_valid_when_empty(client, db):
    feed = assert_valid_atom(client.get(reverse("opendata_dcat:projects_feed")).content)
    assert feed.findall(f"{ATOM}entry") == []


def test_the_resolutions_feed_is_valid_atom(client, rada, secretary, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = open_meeting(rada)
    _adopted(rada, meeting, secretary)
    _adopted(rada, meeting, secretary, subject="zmiany siedziby")
    response = client.get(reverse("register:resolutions_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = assert_valid_atom(response.content)
    assert len(feed.findall(f"{ATOM}entry")) == 2
