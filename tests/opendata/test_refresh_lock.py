"""The hourly catalogue rebuild must not hold the database's write lock while it reads and lemmatises.

On SQLite a transaction holds the one write lock from its start (IMMEDIATE). The rebuild used to be one
transaction around everything, and the first run in a fresh worker loads the lemmatiser's dictionary (seconds
on its own): a sign-in at that moment waited for the lock and failed with "database is locked"."""

from __future__ import annotations

import threading

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, connections

from tests.opendata.test_refresh import _listed
from zit.opendata import refresh
from zit.opendata.models import CatalogueProject


def _sign_in_meanwhile(outcome: dict) -> None:
    """What a sign-in writes (a session row), from another connection, as another request would."""
    try:
        session = SessionStore()
        session["_auth_user_id"] = "1"
        session.create()
        outcome["saved"] = session.session_key
    except Exception as exc:
        outcome["error"] = repr(exc)
    finally:
        connections.close_all()


def test_a_sign_in_is_saved_while_the_catalogue_is_read_and_lemmatised(transactional_db, monkeypatch):
    row = _listed("0001", "Konin")
    lemmatise = refresh.index_text
    during: dict = {}

    def slow_first_lemmatisation(*parts):
        if not during:
            during["in_transaction"] = connection.in_atomic_block
            sign_in = threading.Thread(target=_sign_in_meanwhile, args=(during,))
            sign_in.start()
            sign_in.join(timeout=60)
        return lemmatise(*parts)

    monkeypatch.setattr(refresh, "index_text", slow_first_lemmatisation)
    assert refresh.catalogue_refresh() == 1

    assert during["in_transaction"] is False
    assert "error" not in during, during.get("error")
    assert during["saved"]
    assert CatalogueProject.objects.get(published=row).title == "Projekt z wykazu 0001"
