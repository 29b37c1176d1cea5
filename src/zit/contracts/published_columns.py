"""The columns of the list of operations under art. 49(3) of Regulation (EU) 2021/1060, where each row stands on
the map, and when the list was last updated.

Art. 49(3) of Regulation (EU) 2021/1060 (Common Provisions Regulation; EUR-Lex CELEX 32021R1060): the managing
authority publishes the list of operations selected for support, updates it at least every four months, gives
each operation a unique code, and lists for each: (a) for legal persons the beneficiary's name and, in public
procurement, the contractor's name; (b) for a natural person the first name and surname; (c) for EMFAF
operations the fishing vessel's number; (d) the name of the operation; (e) its purpose and achievements;
(f) its start date; (g) its expected or actual date of completion; (h) its total cost; (i) the Fund
concerned; (j) the specific objective concerned; (k) the Union co-financing rate; (l) the location indicator
or geolocation and the country concerned; (m) for mobile operations or operations in several locations, the
beneficiary's location (legal person) or NUTS 2 region (natural person); (n) the type of intervention under
art. 73(2)(g) (the dimensions of Annex I). The letters are to be checked against the text in EUR-Lex (the
platform's copy of the regulation's text could not be consulted); the page says so. Letter (c) does not
apply to ZIT operations (no EMFAF), so it has no column; letter (m) (the beneficiary's seat for operations in
several places) has no column of its own yet: the beneficiary's name is in (a) and the places in (l).

A list of the 2014–2020 layout (no specific objective and no type of intervention) is still accepted: it is
read in the same columns, with a notice that those two stay empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zit.core.days import add_months

# (field, header, width in the XLSX): the order of art. 49(3), then the programme's own columns
COLUMNS: list[tuple[str, Any, int]] = [
    ("contract_number", gettext_lazy("Kod operacji (numer umowy)"), 28),
    ("beneficiary", gettext_lazy("Nazwa beneficjenta"), 36),
    ("contractor", gettext_lazy("Nazwa wykonawcy (zamówienia publiczne)"), 30),
    ("title", gettext_lazy("Nazwa operacji (tytuł projektu)"), 50),
    ("summary", gettext_lazy("Cel operacji i jej osiągnięcia"), 60),
    ("starts_on", gettext_lazy("Data rozpoczęcia"), 14),
    ("ends_on", gettext_lazy("Data zakończenia (przewidywana lub faktyczna)"), 14),
    ("total_pln", gettext_lazy("Całkowity koszt operacji (PLN)"), 18),
    ("eligible_pln", gettext_lazy("Wydatki kwalifikowalne (PLN)"), 18),
    ("eu_pln", gettext_lazy("Dofinansowanie UE (PLN)"), 18),
    ("fund", gettext_lazy("Fundusz"), 10),
    ("specific_objective", gettext_lazy("Cel szczegółowy"), 30),
    ("cofinancing_rate", gettext_lazy("Stopa współfinansowania UE (%)"), 14),
    ("lat", gettext_lazy("Szerokość geograficzna"), 12),
    ("lon", gettext_lazy("Długość geograficzna"), 12),
    ("precision", gettext_lazy("Rodzaj lokalizacji"), 24),
    ("country", gettext_lazy("Kraj"), 10),
    ("place", gettext_lazy("Miejsce realizacji (gminy)"), 36),
    ("intervention_type", gettext_lazy("Rodzaj interwencji"), 30),
    ("programme", gettext_lazy("Program"), 36),
    ("priority", gettext_lazy("Priorytet"), 30),
    ("measure", gettext_lazy("Działanie"), 30),
]
# the letter of art. 49(3) each column answers (the others are the programme's own)
LETTERS = {
    "contract_number": "",
    "beneficiary": "a–b",
    "contractor": "a",
    "title": "d",
    "summary": "e",
    "starts_on": "f",
    "ends_on": "g",
    "total_pln": "h",
    "fund": "i",
    "specific_objective": "j",
    "cofinancing_rate": "k",
    "lat": "l",
    "lon": "l",
    "precision": "l",
    "country": "l",
    "place": "l",  # the gminas where it is carried out; (m) asks for the beneficiary's seat, not a column yet
    "intervention_type": "n",
}
FIELD_LABELS = {
    "title": gettext_lazy("tytuł projektu"),
    "summary": gettext_lazy("krótki opis"),
    "contract_number": gettext_lazy("numer umowy"),
    "beneficiary": gettext_lazy("beneficjent"),
    "contractor": gettext_lazy("wykonawca"),
    "fund": gettext_lazy("fundusz"),
    "programme": gettext_lazy("program"),
    "priority": gettext_lazy("priorytet"),
    "measure": gettext_lazy("działanie"),
    "total_pln": gettext_lazy("wartość projektu"),
    "eligible_pln": gettext_lazy("wydatki kwalifikowalne"),
    "eu_pln": gettext_lazy("dofinansowanie UE"),
    "cofinancing_rate": gettext_lazy("poziom dofinansowania"),
    "place": gettext_lazy("miejsce realizacji"),
    "starts_on": gettext_lazy("data rozpoczęcia"),
    "ends_on": gettext_lazy("data zakończenia"),
    "specific_objective": gettext_lazy("cel szczegółowy"),
    "intervention_type": gettext_lazy("rodzaj interwencji"),
    "lat": gettext_lazy("szerokość geograficzna"),
    "lon": gettext_lazy("długość geograficzna"),
    "precision": gettext_lazy("rodzaj lokalizacji"),
    "country": gettext_lazy("kraj"),
}
# Headers as lists of 2014–2020 and 2021–2027 write them (lower case, no units), and this list's English ones.
ALIASES = {
    "tytuł projektu": "title",
    "nazwa projektu": "title",
    "nazwa operacji": "title",
    "krótki opis projektu": "summary",
    "opis projektu": "summary",
    "streszczenie projektu": "summary",
    "cel operacji i jej osiągnięcia": "summary",
    "cel projektu i jego osiągnięcia": "summary",
    "kod operacji": "contract_number",
    "numer umowy": "contract_number",
    "nr umowy": "contract_number",
    "numer umowy/decyzji": "contract_number",
    "numer umowy o dofinansowanie": "contract_number",
    "nazwa beneficjenta": "beneficiary",
    "beneficjent": "beneficiary",
    "nazwa wykonawcy": "contractor",
    "wykonawca": "contractor",
    "fundusz": "fund",
    "program": "programme",
    "program operacyjny": "programme",
    "priorytet": "priority",
    "oś priorytetowa": "priority",
    "działanie": "measure",
    "wartość projektu": "total_pln",
    "całkowita wartość projektu": "total_pln",
    "całkowity koszt operacji": "total_pln",
    "wydatki kwalifikowalne": "eligible_pln",
    "koszty kwalifikowalne": "eligible_pln",
    "dofinansowanie ue": "eu_pln",
    "współfinansowanie ue": "eu_pln",
    "kwota dofinansowania ue": "eu_pln",
    "poziom dofinansowania ue": "cofinancing_rate",
    "poziom dofinansowania": "cofinancing_rate",
    "poziom współfinansowania ue": "cofinancing_rate",
    "stopa współfinansowania ue": "cofinancing_rate",
    "stopa współfinansowania unijnego": "cofinancing_rate",
    "miejsce realizacji projektu": "place",
    "miejsce realizacji": "place",
    "lokalizacja projektu": "place",
    "data rozpoczęcia projektu": "starts_on",
    "data rozpoczęcia": "starts_on",
    "data zakończenia projektu": "ends_on",
    "data zakończenia": "ends_on",
    "cel szczegółowy": "specific_objective",
    "rodzaj interwencji": "intervention_type",
    "zakres interwencji": "intervention_type",
    "szerokość geograficzna": "lat",
    "długość geograficzna": "lon",
    "rodzaj lokalizacji": "precision",
    "kraj": "country",
    # the English version of this list
    "operation code": "contract_number",
    "beneficiary name": "beneficiary",
    "contractor name": "contractor",
    "operation name": "title",
    "purpose of the operation and its achievements": "summary",
    "start date": "starts_on",
    "end date": "ends_on",
    "total cost of the operation": "total_pln",
    "eligible expenditure": "eligible_pln",
    "eu co-financing": "eu_pln",
    "fund": "fund",
    "specific objective": "specific_objective",
    "eu co-financing rate": "cofinancing_rate",
    "latitude": "lat",
    "longitude": "lon",
    "location type": "precision",
    "country": "country",
    "place of the operation": "place",
    "type of intervention": "intervention_type",
    "programme": "programme",
    "priority": "priority",
    "measure": "measure",
}
REQUIRED = [
    "title",
    "contract_number",
    "beneficiary",
    "fund",
    "programme",
    "total_pln",
    "eligible_pln",
    "eu_pln",
    "cofinancing_rate",
    "place",
    "starts_on",
    "ends_on",
]
# the columns of the 2021–2027 list a 2014–2020 list lacks: required in each row when the file has them
REGULATION_2021 = ["specific_objective", "intervention_type"]
# Poland's extent, with a margin: coordinates outside it are a typo (swapped or in another system)
POLAND = (14.0, 49.0, 24.2, 55.0)
UPDATE_MONTHS = 4  # art. 49(3): "at least every four months"


# --- where a row stands ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    lon: float | None = None
    lat: float | None = None
    geometry: dict | None = None
    precision: str = ""  # PublishedProject.Precision
    located_in: str = ""  # the gmina whose point stands for the project


def geometry_point(geometry: dict | None) -> tuple[float, float] | None:
    """The map point of a GeoJSON point or line: the point, or the line's middle vertex."""
    coordinates = (geometry or {}).get("coordinates")
    if not coordinates:
        return None
    if geometry.get("type") == "Point":
        return coordinates[0], coordinates[1]
    if geometry.get("type") == "LineString":
        middle = coordinates[len(coordinates) // 2]
        return middle[0], middle[1]
    return None


class Locator:
    """Locates rows: the project's own point or line, else the point of its first gmina (read once)."""

    def __init__(self) -> None:
        from zit.territory.places import place_reader
        from zit.territory.points import gmina_points

        self.points = gmina_points()
        self.reader = place_reader()
        self._places: dict[str, Location] = {}

    def of_geometry(self, geometry: dict | None) -> Location | None:
        point = geometry_point(geometry)
        if point is None:
            return None
        return Location(point[0], point[1], geometry, "exact")

    def of_units(self, units) -> Location:
        for unit in sorted(units, key=lambda u: u.terc):
            if unit.terc in self.points:
                lon, lat = self.points[unit.terc]
                return Location(lon, lat, None, "gmina", unit.name)
        return Location()

    def of_place(self, place: str) -> Location:
        """The point of the first gmina the place names (cached per text: a list repeats its places)."""
        if place not in self._places:
            placement = self.reader.read(place)
            self._places[place] = self.of_units(placement.gminas[:1]) if placement.gminas else Location()
        return self._places[place]


# --- when the list was updated --------------------------------------------------------------------------------


def published_updated_on() -> dt.date | None:
    """The day the list last changed: a row added or changed (a contract's figures, an import), or an
    import saved even when it changed nothing (the office checked the list against the managing authority's)."""
    from zit.contracts.models import PublishedImport, PublishedProject

    moments = [
        PublishedProject.objects.aggregate(last=Max("updated_at"))["last"],
        PublishedImport.objects.filter(status=PublishedImport.Status.DONE).aggregate(last=Max("created_at"))[
            "last"
        ],
    ]
    moments = [m for m in moments if m is not None]
    return timezone.localdate(max(moments)) if moments else None


def update_due(updated_on: dt.date | None) -> dt.date | None:
    """The last day the list may stand unchanged under art. 49(3) (four months after its update)."""
    return add_months(updated_on, UPDATE_MONTHS) if updated_on else None


def is_stale(updated_on: dt.date | None, today: dt.date | None = None) -> bool:
    due = update_due(updated_on)
    return due is not None and (today or timezone.localdate()) > due
