"""Reading the gminas a place text names: whole names and TERC codes, never a part of another word."""

from __future__ import annotations

import pytest

from zit.territory.models import AdministrativeUnit
from zit.territory.places import PlaceReader, place_reader

KONIN, SLESIN, KLECZEW, STARE_MIASTO, KAZIMIERZ = "3062011", "3010123", "3010043", "3010112", "3010032"


@pytest.fixture
def reader(area):
    return place_reader()


def read(reader, text):
    placement = reader.read(text)
    return [u.terc for u in placement.gminas], list(placement.unplaced)


@pytest.mark.parametrize(
    ("text", "gminas"),
    [
        ("Konin", [KONIN]),
        ("KONIN", [KONIN]),
        ("m. Konin", [KONIN]),
        ("m.Konin", [KONIN]),
        ("Miasto Konin", [KONIN]),
        ("Gmina Miejska Konin", [KONIN]),
        ("Konin (miasto na prawach powiatu)", [KONIN]),
        ("Konin - miasto", [KONIN]),
        ("62-500 Konin", [KONIN]),
        ("Gmina Ślesin; Gmina Kleczew", [SLESIN, KLECZEW]),
        ("Konin, Ślesin", [KONIN, SLESIN]),
        ("gm. Slesin", [SLESIN]),  # without the Polish letter
        ("miasto Ślesin", [SLESIN]),  # the town is the seat of the urban-rural gmina of its name
        ("Ślesin - obszar wiejski", [SLESIN]),
        ("Ślesin (gmina miejsko-wiejska)", [SLESIN]),  # how the platform writes its own rows
        ("Miasto i Gmina Kleczew", [KLECZEW]),
        ("Stare Miasto", [STARE_MIASTO]),  # "Miasto" in a name is no kind word
        ("gmina Kazimierz Biskupi oraz gmina Kleczew", [KAZIMIERZ, KLECZEW]),
        ("Województwo: wielkopolskie, Powiat: koniński, Gmina: Ślesin", [SLESIN]),
        ("WIELKOPOLSKIE, powiat koniński, Ślesin", [SLESIN]),
        ("Powiat: Konin, Gmina: Konin", [KONIN]),  # a city with county rights is its own powiat
        ("3010123", [SLESIN]),
        ("TERC: 3010123", [SLESIN]),
        ("Ślesin (3010124)", [SLESIN]),  # the town part of the urban-rural gmina
        ("Konin; Konin", [KONIN]),
    ],
)
def test_whole_names_and_codes_give_their_gminas(reader, text, gminas):
    assert read(reader, text) == (gminas, [])


@pytest.mark.parametrize(
    "text", ["powiat koniński", "Powiat Koniński", "koniński", "wielkopolskie", "cały kraj"]
)
def test_a_powiat_or_a_region_is_understood_but_is_no_city(reader, text):
    assert read(reader, text) == ([], [])


@pytest.mark.parametrize(
    ("text", "gminas", "unplaced"),
    [
        ("Poznań", [], ["Poznań"]),
        ("Konin, Poznań", [KONIN], ["Poznań"]),
        ("powiat kolski", [], ["powiat kolski"]),
        ("Koniny", [], ["Koniny"]),  # a longer word is not Konin
        ("gmina wiejska Ślesin", [], ["gmina wiejska Ślesin"]),  # Ślesin is urban-rural
        ("9999999", [], ["9999999"]),
        ("Gmina", [], ["Gmina"]),
        ("ul. Kolejowa 5, Konin", [KONIN], ["ul. Kolejowa 5"]),
    ],
)
def test_what_names_no_known_unit_is_unplaced(reader, text, gminas, unplaced):
    assert read(reader, text) == (gminas, unplaced)


def test_a_name_an_urban_and_a_rural_gmina_share_is_the_town_unless_the_text_says():
    town = AdministrativeUnit(terc="3011011", level="gmina", name="Koło", gmina_type="1")
    rural = AdministrativeUnit(terc="3011032", level="gmina", name="Koło", gmina_type="2")
    reader = PlaceReader([town, rural])
    assert read(reader, "Koło") == (["3011011"], [])
    assert read(reader, "m. Koło") == (["3011011"], [])
    assert read(reader, "Gmina Miejska Koło") == (["3011011"], [])
    assert read(reader, "gmina wiejska Koło") == (["3011032"], [])
    assert read(reader, "gmina Koło") == ([], ["gmina Koło"])  # either: people decide
