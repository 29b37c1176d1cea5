"""The association's reference data: itself, its 16 founding members and its bodies (see data/SOURCE.md)."""

import datetime as dt

FOUNDED_ON = dt.date(2021, 9, 27)

PROFILE = {
    "name": "Stowarzyszenie Aglomeracji Konińskiej",
    "other_names": "Stowarzyszenie Aglomeracja Konińska",
    "name_genitive": "Stowarzyszenia Aglomeracji Konińskiej",
    "short_name": "SAK",
    "founded_on": FOUNDED_ON,
    "street": "ul. płk. Witolda Sztarka 1",
    "postal_code": "62-500",
    "city": "Konin",
    "website": "https://aglomeracjakoninska.org",
}

# number, member name, TERC, kind, slug, office address (street, postal code, city) where a source gave it
FOUNDING_MEMBERS = [
    (1, "Miasto Konin", "3062011", "city", "konin", None),
    (2, "Powiat Koniński", "3010", "powiat", "powiat-koninski", None),
    (3, "Gmina Golina", "3010013", "gmina", "golina", None),
    (4, "Gmina Kleczew", "3010043", "gmina", "kleczew", None),
    (5, "Miasto i Gmina Sompolno", "3010103", "gmina", "sompolno", None),
    (6, "Gmina Ślesin", "3010123", "gmina", "slesin", None),
    (7, "Gmina Rychwał", "3010073", "gmina", "rychwal", None),
    (8, "Gmina Grodziec", "3010022", "gmina", "grodziec", None),
    (
        9,
        "Gmina Kazimierz Biskupi",
        "3010032",
        "gmina",
        "kazimierz-biskupi",
        ("Plac Wolności 1", "62-530", "Kazimierz Biskupi"),
    ),
    (10, "Gmina Kramsk", "3010052", "gmina", "kramsk", None),
    (11, "Gmina Krzymów", "3010062", "gmina", "krzymow", ("ul. Kościelna", "62-513", "Krzymów")),
    (12, "Gmina Skulsk", "3010092", "gmina", "skulsk", ("ul. Targowa 2", "62-560", "Skulsk")),
    (
        13,
        "Gmina Stare Miasto",
        "3010112",
        "gmina",
        "stare-miasto",
        ("ul. Główna 16b", "62-571", "Stare Miasto"),
    ),
    (14, "Gmina Rzgów", "3010082", "gmina", "rzgow", None),
    (
        15,
        "Gmina Wierzbinek",
        "3010132",
        "gmina",
        "wierzbinek",
        ("Plac Powstańców Styczniowych 110", "62-619", "Sadlno"),
    ),
    (16, "Gmina Wilczyn", "3010142", "gmina", "wilczyn", None),
]

BODIES = [
    {
        "name": "Rada Stowarzyszenia",
        "slug": "rada",
        "name_genitive": "Rady",
        "kind": "assembly",
        "order": 1,
        "description": "Zebranie przedstawicieli członków (po jednym z każdego członka). Podejmuje uchwały, "
        "przyjmuje strategię, budżet i wysokość składek oraz udziela Zarządowi absolutorium.",
    },
    {
        "name": "Zarząd",
        "slug": "zarzad",
        "name_genitive": "Zarządu",
        "kind": "board",
        "order": 2,
        "description": "Kieruje bieżącą pracą Stowarzyszenia; w jego skład wchodzą Prezes, Wiceprezes i członkowie.",
    },
    {
        "name": "Komisja Rewizyjna",
        "slug": "komisja-rewizyjna",
        "name_genitive": "Komisji Rewizyjnej",
        "kind": "audit",
        "order": 3,
        "description": "Kontroluje działalność Stowarzyszenia.",
    },
    {
        "name": "Grupa robocza partnerów",
        "slug": "grupa-robocza",
        "name_genitive": "Grupy roboczej partnerów",
        "kind": "advisory",
        "order": 4,
        "description": "Doradza Radzie: partnerzy społeczni, gospodarczy, naukowi i środowiskowi "
        "(7 osób w 2023 r.).",
    },
]
