"""A stand-in for the rate sources: answers the platform's requests from the recorded files, as the institutions'
servers would (NBP: the tables whose date falls in the asked range, 404 when none), and never touches the network."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from zit.funding.rate_feeds import INFOREURO_HISTORY_URL, FetchError, NoData

RECORDED = Path(__file__).parent / "recorded"
NBP_RANGE = re.compile(r"/tables/A/(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})/")


def recorded(name: str) -> bytes:
    return (RECORDED / name).read_bytes()


class Sources:
    def __init__(self, *, nbp_tables: list[dict] | None = None, inforeuro: bytes | None = None):
        self.nbp_tables = (
            nbp_tables
            if nbp_tables is not None
            else json.loads(recorded("nbp-tables-a-2024-12-01_2025-03-02.json"))
        )
        self.inforeuro = inforeuro if inforeuro is not None else recorded("inforeuro-currencies-pln.json")
        self.asked: list[str] = []
        self.down: set[str] = set()  # "nbp", "ec": answer as if offline

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url == INFOREURO_HISTORY_URL:
            if "ec" in self.down:
                raise FetchError("brak połączenia (Name or service not known)")
            return self.inforeuro
        found = NBP_RANGE.search(url)
        assert found, url
        if "nbp" in self.down:
            raise FetchError("serwer odpowiedział błędem HTTP 503")
        start, end = (dt.date.fromisoformat(d) for d in found.groups())
        tables = [t for t in self.nbp_tables if start <= dt.date.fromisoformat(t["effectiveDate"]) <= end]
        if not tables:
            raise NoData(url)
        return json.dumps(tables).encode()
