"""The gminas a written place names, as official lists of projects write it: "Konin, Ślesin", "Gmina Ślesin;
Gmina Kleczew", "m. Konin", "Województwo: wielkopolskie, Powiat: koniński, Gmina: Ślesin", "3010123".

A place text lists places separated by commas, semicolons, slashes, line breaks or "oraz". Each item is
compared whole with the names of the units, without case or diacritics, once its kind words are read off:
"gmina", "gm.", "miasto", "m.", "gmina miejska", "gmina wiejska", "gmina miejsko-wiejska", "miasto i gmina",
"powiat", "województwo", and the same after a dash or in brackets ("Konin (miasto na prawach powiatu)",
"Ślesin - obszar wiejski"). So "powiat koniński" is the powiat, never the city of Konin, and a bare "Konin"
is the city. A 7-digit TERC code names its gmina (the town or the rural part of an urban-rural gmina, type 4
or 5, names the gmina). A powiat, a voivodeship or the whole country is understood but names no gmina.
Whatever is not understood comes back as unplaced, for people to correct: never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from zit.territory.models import AdministrativeUnit

SEPARATORS = re.compile(r"[;,|/\n]+|\s+oraz\s+", re.IGNORECASE)
POSTAL_CODE = re.compile(r"^\d{2}-\d{3}\s+")
CODE_IN_TEXT = re.compile(r"(?<!\d)(\d{7})(?!\d)")
BRACKETS = re.compile(r"\s*\(([^)]*)\)\s*$")
AFTER_DASH = re.compile(r"\s+[-–—]\s+(.+)$")
ABBREVIATION_GLUED = re.compile(r"^(m|gm|pow|woj)\.(?=\S)")  # "m.Konin"

# kinds a word gives the name after it
GMINA, CITY, URBAN, RURAL, URBAN_RURAL, AND, POWIAT, VOIVODESHIP = (
    "gmina",
    "city",
    "urban",
    "rural",
    "urban_rural",
    "and",
    "powiat",
    "voivodeship",
)
KIND_WORDS = {
    "gmina": GMINA,
    "gm.": GMINA,
    "gm": GMINA,
    "miasto": CITY,
    "m.": CITY,
    "miejska": URBAN,
    "wiejska": RURAL,
    "miejsko-wiejska": URBAN_RURAL,
    "i": AND,  # "miasto i gmina Kleczew"
    "powiat": POWIAT,
    "pow.": POWIAT,
    "wojewodztwo": VOIVODESHIP,
    "woj.": VOIVODESHIP,
}
# what may follow a name in brackets or after a dash
KIND_PHRASES = {
    "miasto na prawach powiatu": {CITY},
    "miasto": {CITY},
    "obszar miejski": {CITY},
    "obszar wiejski": {URBAN_RURAL},  # the rural part of an urban-rural gmina
    "gmina": {GMINA},
    "gmina miejska": {GMINA, URBAN},
    "gmina wiejska": {GMINA, RURAL},
    "gmina miejsko-wiejska": {GMINA, URBAN_RURAL},
}
COUNTRY = {"polska", "cala polska", "caly kraj", "kraj", "rzeczpospolita polska"}


def fold(text: str) -> str:
    """Lowercase without diacritics, spaces collapsed ("Ślesin" → "slesin"; ł is a letter of its own)."""
    text = text.lower().replace("ł", "l")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


@dataclass(frozen=True)
class Placement:
    gminas: tuple[AdministrativeUnit, ...]  # in the order the text names them, each once
    unplaced: tuple[str, ...]  # the items as written that name no unit we know


def _without_level_word(name: str, word: str) -> str:
    return name[len(word) + 1 :] if name.startswith(word + " ") else name


class PlaceReader:
    """Reads place texts against a set of units (read once, then any number of texts)."""

    def __init__(self, units: Iterable[AdministrativeUnit]):
        self.gminas_by_name: dict[str, list[AdministrativeUnit]] = {}
        self.gminas_by_terc: dict[str, AdministrativeUnit] = {}
        self.powiats_by_name: dict[str, AdministrativeUnit] = {}
        self.powiats_by_terc: dict[str, AdministrativeUnit] = {}
        self.voivodeships: set[str] = set()
        for unit in units:
            name = fold(unit.name)
            if unit.level == AdministrativeUnit.Level.GMINA:
                self.gminas_by_name.setdefault(name, []).append(unit)
                self.gminas_by_terc[unit.terc] = unit
            elif unit.level == AdministrativeUnit.Level.POWIAT:
                self.powiats_by_name[_without_level_word(name, "powiat")] = unit
                self.powiats_by_terc[unit.terc] = unit
            elif unit.level == AdministrativeUnit.Level.VOIVODESHIP:
                self.voivodeships.add(_without_level_word(name, "wojewodztwo"))

    def read(self, text: str) -> Placement:
        gminas: dict[str, AdministrativeUnit] = {}
        unplaced: list[str] = []
        for item in SEPARATORS.split(text or ""):
            item = item.strip(" \t.:-–—")
            if not item:
                continue
            understood, found = self._item(item)
            if not understood:
                unplaced.append(item)
            for unit in found:
                gminas.setdefault(unit.terc, unit)
        return Placement(tuple(gminas.values()), tuple(unplaced))

    def _item(self, item: str) -> tuple[bool, list[AdministrativeUnit]]:
        """Whether the item names a unit we know, and the gminas it names."""
        code = CODE_IN_TEXT.search(item)
        if code:
            unit = self._gmina_by_code(code.group(1))
            return unit is not None, [unit] if unit else []
        name = ABBREVIATION_GLUED.sub(r"\1. ", POSTAL_CODE.sub("", fold(item).replace(":", " ")))
        kinds: set[str] = set()
        for pattern in (BRACKETS, AFTER_DASH):
            suffix = pattern.search(name)
            if suffix and suffix.group(1).strip() in KIND_PHRASES:
                kinds |= KIND_PHRASES[suffix.group(1).strip()]
                name = name[: suffix.start()].strip()
        words = name.split()
        while len(words) > 1 and words[0] in KIND_WORDS:
            kinds.add(KIND_WORDS[words.pop(0)])
        name = " ".join(words)
        if name.isascii() and name.isdigit() and len(name) == 4:
            return name in self.powiats_by_terc, []
        if VOIVODESHIP in kinds:
            return name in self.voivodeships, []
        if POWIAT in kinds:
            if name in self.powiats_by_name:
                return True, []
            # a city with county rights is a powiat of its own: "Powiat: Konin" is the city
            city = [u for u in self.gminas_by_name.get(name, []) if u.city_with_county_rights]
            return bool(city), city
        gmina = self._gmina(name, kinds)
        if gmina is not None:
            return True, [gmina]
        if not kinds:
            # a bare adjective or region: "koniński", "wielkopolskie", "cały kraj"
            return name in self.powiats_by_name or name in self.voivodeships or name in COUNTRY, []
        return False, []

    def _gmina_by_code(self, code: str) -> AdministrativeUnit | None:
        if code[-1] in "45":  # the town or the rural part of an urban-rural gmina
            code = code[:6] + "3"
        return self.gminas_by_terc.get(code)

    def _gmina(self, name: str, kinds: set[str]) -> AdministrativeUnit | None:
        """The one gmina of that name and kind, or None when there is none or the text does not say which."""
        candidates = self.gminas_by_name.get(name, [])
        if RURAL in kinds:
            types = {"2"}
        elif URBAN_RURAL in kinds or {CITY, GMINA, AND} <= kinds:  # "miasto i gmina X"
            types = {"3"}
        elif URBAN in kinds:
            types = {"1"}
        elif CITY in kinds:
            types = {"1", "3"}  # an urban gmina, or the town that is the seat of an urban-rural one
        else:
            types = None
        if types is not None:
            candidates = [u for u in candidates if u.gmina_type in types or not u.gmina_type]
        if len(candidates) > 1 and GMINA not in kinds:
            # a bare name ("Koło") or "miasto Koło" is the town, when an urban and a rural gmina share it
            urban = [u for u in candidates if u.gmina_type == "1"]
            candidates = urban if len(urban) == 1 else candidates
        return candidates[0] if len(candidates) == 1 else None


def place_reader() -> PlaceReader:
    """A reader over every unit the platform knows (the voivodeship, powiats and gminas loaded)."""
    return PlaceReader(
        AdministrativeUnit.objects.only("terc", "level", "name", "gmina_type", "city_with_county_rights")
    )
