"""Areas whose reference data ships with the platform."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zit.territory.sources import DATA_DIR


@dataclass(frozen=True)
class BundledArea:
    code: str
    name: str
    geojson: list[Path]
    csv: Path
    valid_from: dt.date
    legal_basis: dict[str, Any] = field(default_factory=dict)
    geometry_source: str = ""
    geometry_source_key: str = ""


BUNDLED_AREAS = {
    "konin": BundledArea(
        code="konin",
        name="Obszar ZIT Aglomeracji Konińskiej",
        geojson=[
            DATA_DIR / "konin" / name
            for name in ("wielkopolskie.geojson", "powiat-koninski.geojson", "gminy.geojson")
        ],
        csv=DATA_DIR / "konin" / "statistics.csv",
        # The ZIT agreement of 3 October 2023 is the earliest dated act in our sources naming these 15 gminas.
        valid_from=dt.date(2023, 10, 3),
        legal_basis={
            "issuer_kind": "voivodeship_board",
            "issuer_name": "Zarząd Województwa Wielkopolskiego",
            "kind": "uchwała",
            "note": "Numer i data uchwały Zarządu Województwa wyznaczającej obszar nie zostały jeszcze "
            "opublikowane na platformie. Ten sam obszar (miasto Konin oraz 14 gmin powiatu konińskiego) "
            "obejmuje porozumienie ZIT podpisane 3 października 2023 r.; od tej daty liczona jest ta wersja.",
        },
        geometry_source="Państwowy Rejestr Granic (GUGiK), sierpień 2025, uogólnione; domena publiczna",
        geometry_source_key="granice",
    )
}
