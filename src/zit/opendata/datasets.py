"""Every public dataset the platform publishes, described once: the downloads (`/dane/<key>.<format>`), the API,
OGC API Features and the DCAT-AP catalogue all read this list, so a dataset added here appears everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field

# the licence and the publisher of every dataset (pages, downloads, the API and the catalogue say the same)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.pl"
PUBLISHER = "Stowarzyszenie Aglomeracji Konińskiej"

# EU vocabularies (publications.europa.eu authority tables), as DCAT-AP expects
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
FORMATS = {
    "csv": ("text/csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
    "csv-excel": ("text/csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "http://publications.europa.eu/resource/authority/file-type/XLSX",
    ),
    "geojson": ("application/geo+json", "http://publications.europa.eu/resource/authority/file-type/GEOJSON"),
}


@dataclass(frozen=True)
class Dataset:
    key: str  # in URLs: /dane/<key>.csv
    title: str  # Polish
    title_en: str
    description: str
    description_en: str
    themes: tuple[str, ...]  # codes of the EU data-theme table: REGI, GOVE, ECON, ...
    keywords: tuple[str, ...]
    api_path: str  # below /api/v1/
    formats: tuple[str, ...] = ("csv", "csv-excel", "xlsx")
    ogc_collection: str = ""  # OGC API Features collection id, if spatial
    extra: dict = field(default_factory=dict)

    @property
    def spatial(self) -> bool:
        return "geojson" in self.formats


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        key="gminy",
        title="Gminy obszaru Aglomeracji Konińskiej",
        title_en="Municipalities of the Konin Agglomeration area",
        description="Gminy obszaru ZIT z kodami TERC, rodzajem, granicami i liczbą mieszkańców.",
        description_en="The municipalities of the ITI area with their TERC codes, type, boundaries and population.",
        themes=("REGI", "GOVE"),
        keywords=("gminy", "TERC", "granice administracyjne", "ZIT"),
        api_path="areas/gminas",
        formats=("csv", "csv-excel", "xlsx", "geojson"),
        ogc_collection="gminas",
    ),
    Dataset(
        key="czlonkowie",
        title="Członkowie Stowarzyszenia Aglomeracji Konińskiej",
        title_en="Members of the Konin Agglomeration Association",
        description="Jednostki samorządu terytorialnego należące do Stowarzyszenia, z okresami członkostwa.",
        description_en="The local governments that are members of the Association, with their membership periods.",
        themes=("GOVE",),
        keywords=("członkowie", "samorząd", "stowarzyszenie"),
        api_path="members",
    ),
    Dataset(
        key="koperty",
        title="Pieniądze ZIT: program i koperty",
        title_en="ITI money: the programme and its envelopes",
        description="Działania programu FEW 2021+ z alokacją ZIT Aglomeracji Konińskiej (koperty) w euro.",
        description_en="The FEW 2021+ programme measures with the Konin ITI allocation (envelopes) in euro.",
        themes=("ECON", "REGI"),
        keywords=("ZIT", "FEW 2021+", "alokacja", "fundusze europejskie"),
        api_path="programme/envelopes",
    ),
    Dataset(
        key="strategia",
        title="Strategia ZIT: cele, przedsięwzięcia i wskaźniki",
        title_en="The ITI strategy: goals, undertakings and indicators",
        description="Cele, kierunki, przedsięwzięcia i wskaźniki strategii w wersji obowiązującej.",
        description_en="The goals, directions, undertakings and indicators of the strategy in force.",
        themes=("REGI", "GOVE"),
        keywords=("strategia", "cele", "przedsięwzięcia", "wskaźniki"),
        api_path="strategy/undertakings",
    ),
    Dataset(
        key="projekty",
        title="Projekty ZIT Aglomeracji Konińskiej",
        title_en="ITI projects of the Konin Agglomeration",
        description=(
            "Projekty z listy projektów strategicznych i umowy o dofinansowanie: beneficjent, działanie, "
            "fundusz, wartość, dofinansowanie UE, stan, gminy i położenie."
        ),
        description_en=(
            "Projects on the list of strategic projects and grant contracts: beneficiary, measure, fund, value, "
            "EU funding, status, municipalities and location."
        ),
        themes=("ECON", "REGI", "GOVE"),
        keywords=("projekty", "dofinansowanie", "fundusze europejskie", "ZIT"),
        api_path="projects",
        formats=("csv", "csv-excel", "xlsx", "geojson"),
        ogc_collection="projects",
    ),
    Dataset(
        key="wskazniki",
        title="Postęp wskaźników ZIT",
        title_en="Progress of the ITI indicators",
        description="Wartości wskaźników z odnotowanych informacji o postępie wobec celów strategii i porozumienia ZIT.",
        description_en="Indicator values from accepted reports against the targets of the strategy and agreement.",
        themes=("REGI", "ECON"),
        keywords=("wskaźniki", "monitoring", "postęp"),
        api_path="indicators/progress",
    ),
    Dataset(
        key="uchwaly",
        title="Uchwały organów Stowarzyszenia",
        title_en="Resolutions of the Association's bodies",
        description="Podjęte i opublikowane uchwały: numer, organ, data, sprawa, wynik głosowania.",
        description_en="Adopted and published resolutions: number, body, date, subject, vote result.",
        themes=("GOVE",),
        keywords=("uchwały", "rada", "zarząd", "informacja publiczna"),
        api_path="resolutions",
    ),
    Dataset(
        key="podmioty-ekonomii-spolecznej",
        title="Podmioty ekonomii społecznej na obszarze ZIT",
        title_en="Social economy entities in the ITI area",
        description=(
            "Opublikowane wpisy katalogu podmiotów ekonomii społecznej (PES): rodzaj według ustawy o ekonomii "
            "społecznej, status przedsiębiorstwa społecznego z datą, dane rejestrowe, oferta (usługi i produkty), "
            "kontakt podany przez podmiot do publikacji i położenie."
        ),
        description_en=(
            "Published entries of the directory of social economy entities: kind under the Social Economy Act, "
            "social enterprise status with its date, registry data, offer (services and products), the contact "
            "the entity gave for publication, and location."
        ),
        themes=("ECON", "SOCI", "REGI"),
        keywords=("ekonomia społeczna", "PES", "spółdzielnie socjalne", "przedsiębiorstwa społeczne", "OWES"),
        api_path="social-economy/entities",
        formats=("csv", "csv-excel", "xlsx", "geojson"),
    ),
)


def dataset(key: str) -> Dataset | None:
    return next((d for d in DATASETS if d.key == key), None)
