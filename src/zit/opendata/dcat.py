"""The DCAT-AP 3 catalogue of the platform's public datasets, built from `opendata.datasets.DATASETS`.

One `dcat:Catalog` with a `dcat:Dataset` per entry of DATASETS, a `dcat:Distribution` per download format (plus
the JSON API and, for the projects and resolutions, the Atom feed), and a `dcat:DataService` each for the JSON
API and OGC API Features. Every IRI is absolute, built from the request's host, and every node is an IRI (hash
IRIs on the datasets page `/dane/`), so the Turtle and the JSON-LD serialisations are the same graph.

The official SHACL shapes (`data/dcat-ap/`, DCAT-AP 3.0.1) check `sh:class` on the objects of most properties
(a theme must be a `skos:Concept` with a label, a licence a `dct:LicenseDocument`, and so on). Harvesters know
these types from the EU vocabularies; we state them in the graph too, so the catalogue validates on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Min
from django.urls import reverse
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from zit.opendata.datasets import DATASETS, FORMATS, THEME, Dataset

GEO = Namespace("http://www.opengis.net/ont/geosparql#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
LICENCE = URIRef(EU + "licence/CC_BY_4_0")
PUBLIC_ACCESS = URIRef(EU + "access-right/PUBLIC")
THEME_SCHEME = URIRef(EU + "data-theme")
LANGUAGES = {"pl": URIRef(EU + "language/POL"), "en": URIRef(EU + "language/ENG")}
COUNTRY = URIRef(EU + "country/POL")
# ADMS publisher types: an association of gminas and a powiat is closest to a local authority
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
IANA = "https://www.iana.org/assignments/media-types/"
OGC_FEATURES = (
    URIRef("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"),
    URIRef("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"),
)
OPENAPI = URIRef("https://spec.openapis.org/oas/v3.1.0")

# Labels of the EU data-theme table (publications.europa.eu/resource/authority/data-theme), English and Polish
THEME_LABELS = {
    "AGRI": ("Agriculture, fisheries, forestry and food", "Rolnictwo, rybołówstwo, leśnictwo i żywność"),
    "ECON": ("Economy and finance", "Gospodarka i finanse"),
    "EDUC": ("Education, culture and sport", "Edukacja, kultura i sport"),
    "ENER": ("Energy", "Energia"),
    "ENVI": ("Environment", "Środowisko"),
    "GOVE": ("Government and public sector", "Rząd i sektor publiczny"),
    "HEAL": ("Health", "Zdrowie"),
    "INTR": ("International issues", "Kwestie międzynarodowe"),
    "JUST": (
        "Justice, legal system and public safety",
        "Sprawiedliwość, system prawny i bezpieczeństwo publiczne",
    ),
    "REGI": ("Regions and cities", "Regiony i miasta"),
    "SOCI": ("Population and society", "Ludność i społeczeństwo"),
    "TECH": ("Science and technology", "Nauka i technologia"),
    "TRAN": ("Transport", "Transport"),
}

# How often each dataset changes (EU frequency table). Projects change whenever a card or contract does and the
# read model is refreshed; the rest changes with decisions taken at no fixed rhythm.
FREQUENCY = {
    "gminy": "IRREG",
    "czlonkowie": "IRREG",
    "koperty": "IRREG",
    "strategia": "IRREG",
    "projekty": "CONT",
    "wskazniki": "IRREG",
    "uchwaly": "IRREG",
    "podmioty-ekonomii-spolecznej": "IRREG",
}
# The 2021–2027 programme period, with spending eligible until the end of 2029
PROGRAMME_PERIOD = (dt.date(2021, 1, 1), dt.date(2029, 12, 31))
PROGRAMME_DATASETS = {"koperty", "strategia", "wskazniki"}
# The Konin agglomeration (Konin and the 14 gminas of powiat koniński), if the boundaries are not loaded
AREA_BBOX = (17.65, 51.95, 18.75, 52.55)

# Titles of the distributions per format: (Polish, English)
FORMAT_TITLES = {
    "csv": ("Plik CSV", "CSV file"),
    "csv-excel": ("Plik CSV dla programu Excel", "CSV file for Microsoft Excel"),
    "xlsx": ("Arkusz XLSX", "XLSX spreadsheet"),
    "geojson": ("Plik GeoJSON (WGS84)", "GeoJSON file (WGS84)"),
}
ATOM_MEDIA = ("application/atom+xml", EU + "file-type/ATOM")
JSON_MEDIA = ("application/json", EU + "file-type/JSON")
# The two datasets whose news also come as an Atom feed: the URL path of the feed
FEEDS = {"projekty": "/projekty/kanal.atom", "uchwaly": "register:resolutions_feed"}


def download_path(key: str, fmt: str) -> str:
    """The agreed paths of the downloads (`opendata:download`, `opendata:download_excel`)."""
    if fmt == "csv-excel":
        return f"/dane/{key}-excel.csv"
    return f"/dane/{key}.{fmt}"


@dataclass
class Facts:
    """What the catalogue reads from the database, gathered in one place."""

    publisher_name: str
    publisher_website: str
    email: str
    issued: dt.date | None
    projects_modified: dt.datetime | None
    projects_period: tuple[dt.date | None, dt.date | None]
    resolutions_modified: dt.datetime | None
    bbox: tuple[float, float, float, float]


def gather_facts() -> Facts:
    from zit.association.selectors import association_profile
    from zit.governance.register import published_resolutions
    from zit.opendata.models import CatalogueProject
    from zit.territory import selectors as territory

    profile = association_profile()
    projects = CatalogueProject.objects.aggregate(
        modified=Max("updated_at"), start=Min("starts_on"), end=Max("ends_on")
    )
    resolutions = published_resolutions().order_by().aggregate(modified=Max("published_at"))
    boxes = [u.bbox for u in territory.area_gminas(version=territory.area_current_version()) if u.bbox]
    bbox = (
        (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        if boxes
        else AREA_BBOX
    )
    return Facts(
        publisher_name=profile.name if profile else "Stowarzyszenie Aglomeracji Konińskiej",
        publisher_website=profile.website if profile else "",
        # the general address; the accessibility one still reaches the office if it is the only one
        email=(profile.email or profile.accessibility_email) if profile else "",
        issued=profile.website_published_on if profile else None,
        projects_modified=projects["modified"],
        projects_period=(projects["start"], projects["end"]),
        resolutions_modified=resolutions["modified"],
        bbox=bbox,
    )


def _wkt_box(bbox: tuple[float, float, float, float]) -> str:
    w, s, e, n = (round(v, 5) for v in bbox)
    return f"POLYGON(({w} {s},{e} {s},{e} {n},{w} {n},{w} {s}))"


class _Builder:
    def __init__(self, base: str, facts: Facts):
        self.base = base.rstrip("/")
        self.facts = facts
        self.g = Graph(bind_namespaces="core")
        for prefix, ns in (
            ("dcat", DCAT),
            ("dct", DCTERMS),
            ("foaf", FOAF),
            ("skos", SKOS),
            ("vcard", VCARD),
            ("geo", GEO),
        ):
            self.g.bind(prefix, ns)

    def url(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def node(self, fragment: str) -> URIRef:
        return self.url(f"/dane/#{fragment}")

    def add(self, subject, predicate, obj) -> None:
        self.g.add((subject, predicate, obj))

    def texts(self, subject, predicate, pl: str, en: str) -> None:
        self.add(subject, predicate, Literal(pl, lang="pl"))
        self.add(subject, predicate, Literal(en, lang="en"))

    def typed(self, iri: URIRef, *classes) -> URIRef:
        for cls in classes:
            self.add(iri, RDF.type, cls)
        return iri

    def document(self, path_or_url: str) -> URIRef:
        iri = URIRef(path_or_url) if "://" in path_or_url else self.url(path_or_url)
        return self.typed(iri, FOAF.Document)

    def when(self, value: dt.date | dt.datetime) -> Literal:
        if isinstance(value, dt.datetime):
            return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
        return Literal(value.isoformat(), datatype=XSD.date)

    # the shared nodes

    def shared(self) -> None:
        f = self.facts
        self.publisher = self.typed(self.node("wydawca"), FOAF.Agent, FOAF.Organization)
        self.add(self.publisher, FOAF.name, Literal(f.publisher_name, lang="pl"))
        self.add(self.publisher, DCTERMS.type, self.typed(PUBLISHER_TYPE, SKOS.Concept))
        self.add(PUBLISHER_TYPE, SKOS.prefLabel, Literal("Local Authority", lang="en"))
        if f.publisher_website:
            self.add(self.publisher, FOAF.homepage, self.document(f.publisher_website))

        self.contact = self.typed(self.node("kontakt"), VCARD.Kind, VCARD.Organization)
        self.add(self.contact, VCARD.fn, Literal(f.publisher_name, lang="pl"))
        if f.email:
            self.add(self.contact, VCARD.hasEmail, URIRef(f"mailto:{f.email}"))
        self.add(self.contact, VCARD.hasURL, self.url(reverse("portal:contact")))

        self.area = self.typed(self.node("obszar"), DCTERMS.Location)
        self.texts(self.area, SKOS.prefLabel, "Aglomeracja Konińska", "Konin Agglomeration")
        self.add(self.area, DCAT.bbox, Literal(_wkt_box(f.bbox), datatype=GEO.wktLiteral))
        self.typed(COUNTRY, DCTERMS.Location)

        self.typed(LICENCE, DCTERMS.LicenseDocument)
        self.typed(PUBLIC_ACCESS, DCTERMS.RightsStatement)
        for language in LANGUAGES.values():
            self.typed(language, DCTERMS.LinguisticSystem)
        self.typed(THEME_SCHEME, SKOS.ConceptScheme)
        self.add(THEME_SCHEME, DCTERMS.title, Literal("Data theme", lang="en"))

    def theme(self, code: str) -> URIRef:
        iri = self.typed(URIRef(THEME + code), SKOS.Concept)
        en, pl = THEME_LABELS.get(code, (code, code))
        self.texts(iri, SKOS.prefLabel, pl, en)
        self.add(iri, SKOS.inScheme, THEME_SCHEME)
        return iri

    def media(self, media_type: str, file_type: str) -> tuple[URIRef, URIRef]:
        media = self.typed(URIRef(IANA + media_type), DCTERMS.MediaType)
        fmt = self.typed(URIRef(file_type), DCTERMS.MediaTypeOrExtent)
        return media, fmt

    def common(self, subject: URIRef) -> None:
        """What every dataset and service shares: publisher, contact, licence-free access, area."""
        self.add(subject, DCTERMS.publisher, self.publisher)
        self.add(subject, DCAT.contactPoint, self.contact)

    # the catalogue

    def catalogue(self) -> URIRef:
        self.shared()
        f = self.facts
        catalogue = self.typed(self.node("katalog"), DCAT.Catalog)
        self.texts(
            catalogue,
            DCTERMS.title,
            f"Katalog otwartych danych: {f.publisher_name}",
            "Open data catalogue of the Konin Agglomeration Association",
        )
        self.texts(
            catalogue,
            DCTERMS.description,
            "Zbiory danych publikowane przez Stowarzyszenie Aglomeracji Konińskiej jako instytucję "
            "Zintegrowanych Inwestycji Terytorialnych: obszar, członkowie, pieniądze, strategia, projekty, "
            "wskaźniki i uchwały. Pliki do pobrania, API JSON i OGC API Features.",
            "Datasets published by the Konin Agglomeration Association as the body of the Integrated "
            "Territorial Investment: the area, members, money, strategy, projects, indicators and resolutions. "
            "File downloads, a JSON API and OGC API Features.",
        )
        self.add(catalogue, DCTERMS.publisher, self.publisher)
        self.add(catalogue, FOAF.homepage, self.document(reverse("portal:home")))
        for language in LANGUAGES.values():
            self.add(catalogue, DCTERMS.language, language)
        self.add(catalogue, DCTERMS.license, LICENCE)
        self.add(catalogue, DCTERMS.spatial, self.area)
        self.add(catalogue, DCTERMS.spatial, COUNTRY)
        self.add(catalogue, DCAT.themeTaxonomy, THEME_SCHEME)
        if f.issued:
            self.add(catalogue, DCTERMS.issued, self.when(f.issued))
        changes = [d for d in (f.projects_modified, f.resolutions_modified) if d]
        if changes:
            self.add(catalogue, DCTERMS.modified, self.when(max(changes)))

        datasets = {d.key: self.dataset(d) for d in DATASETS}
        for iri in datasets.values():
            self.add(catalogue, DCAT.dataset, iri)
        for service in (self.api_service(datasets), self.ogc_service(datasets)):
            self.add(catalogue, DCAT.service, service)
        return catalogue

    def dataset(self, d: Dataset) -> URIRef:
        iri = self.typed(self.node(d.key), DCAT.Dataset)
        self.texts(iri, DCTERMS.title, d.title, d.title_en)
        self.texts(iri, DCTERMS.description, d.description, d.description_en)
        for keyword in d.keywords:
            self.add(iri, DCAT.keyword, Literal(keyword, lang="pl"))
        for code in d.themes:
            self.add(iri, DCAT.theme, self.theme(code))
        self.common(iri)
        self.add(iri, DCTERMS.identifier, Literal(str(iri)))
        self.add(iri, DCAT.landingPage, self.document("/dane/"))
        self.add(iri, DCTERMS.language, LANGUAGES["pl"])
        self.add(iri, DCTERMS.spatial, self.area)
        self.add(iri, DCTERMS.accessRights, PUBLIC_ACCESS)
        frequency = self.typed(URIRef(EU + "frequency/" + FREQUENCY.get(d.key, "IRREG")), DCTERMS.Frequency)
        self.add(iri, DCTERMS.accrualPeriodicity, frequency)
        self.temporal(iri, d.key)
        modified = {"projekty": self.facts.projects_modified, "uchwaly": self.facts.resolutions_modified}.get(
            d.key
        )
        if modified:
            self.add(iri, DCTERMS.modified, self.when(modified))

        for fmt in d.formats:
            self.distribution(iri, d, fmt)
        if d.key in FEEDS:
            self.feed_distribution(iri, d)
        return iri

    def temporal(self, iri: URIRef, key: str) -> None:
        if key in PROGRAMME_DATASETS:
            start, end = PROGRAMME_PERIOD
        elif key == "projekty":
            start, end = self.facts.projects_period
        else:
            return
        if not start and not end:
            return
        period = self.typed(self.node(f"{key}-okres"), DCTERMS.PeriodOfTime)
        if start:
            self.add(period, DCAT.startDate, self.when(start))
        if end:
            self.add(period, DCAT.endDate, self.when(end))
        self.add(iri, DCTERMS.temporal, period)

    def _distribution(
        self, dataset: URIRef, fragment: str, titles: tuple[str, str], url: URIRef, media
    ) -> URIRef:
        iri = self.typed(self.node(fragment), DCAT.Distribution)
        self.texts(iri, DCTERMS.title, *titles)
        self.add(iri, DCAT.accessURL, url)
        media_type, file_type = self.media(*media)
        self.add(iri, DCAT.mediaType, media_type)
        self.add(iri, DCTERMS.format, file_type)
        self.add(iri, DCTERMS.license, LICENCE)
        self.add(dataset, DCAT.distribution, iri)
        return iri

    def distribution(self, dataset: URIRef, d: Dataset, fmt: str) -> None:
        url = self.url(download_path(d.key, fmt))
        iri = self._distribution(dataset, f"{d.key}-{fmt}", FORMAT_TITLES[fmt], url, FORMATS[fmt])
        self.add(iri, DCAT.downloadURL, url)

    def feed_distribution(self, dataset: URIRef, d: Dataset) -> None:
        target = FEEDS[d.key]
        url = self.url(target if target.startswith("/") else reverse(target))
        titles = (f"Kanał Atom: {d.title}", f"Atom feed: {d.title_en}")
        self._distribution(dataset, f"{d.key}-atom", titles, url, ATOM_MEDIA)

    def api_distribution(self, dataset: URIRef, d: Dataset, service: URIRef) -> None:
        url = self.url(f"/api/v1/{d.api_path}")
        titles = ("API JSON", "JSON API")
        iri = self._distribution(dataset, f"{d.key}-api", titles, url, JSON_MEDIA)
        self.add(iri, DCAT.accessService, service)

    # the services

    def api_service(self, datasets: dict[str, URIRef]) -> URIRef:
        iri = self.typed(self.node("api"), DCAT.DataService)
        self.texts(iri, DCTERMS.title, "API JSON platformy ZIT", "JSON API of the ITI platform")
        self.texts(
            iri,
            DCTERMS.description,
            "Interfejs programistyczny REST zwracający zbiory danych w formacie JSON; opis w OpenAPI 3.1.",
            "A REST interface returning the datasets as JSON, described in OpenAPI 3.1.",
        )
        self.add(iri, DCAT.endpointURL, self.url("/api/v1/"))
        self.add(iri, DCAT.endpointDescription, self.url("/api/v1/openapi.json"))
        self.add(iri, DCAT.landingPage, self.document("/api/v1/docs"))
        self.add(iri, DCTERMS.conformsTo, self.typed(OPENAPI, DCTERMS.Standard))
        self.add(iri, DCTERMS.license, LICENCE)
        self.add(iri, DCTERMS.accessRights, PUBLIC_ACCESS)
        self.common(iri)
        for d in DATASETS:
            self.add(iri, DCAT.servesDataset, datasets[d.key])
            self.api_distribution(datasets[d.key], d, iri)
        return iri

    def ogc_service(self, datasets: dict[str, URIRef]) -> URIRef:
        iri = self.typed(self.node("ogc"), DCAT.DataService)
        self.texts(
            iri, DCTERMS.title, "OGC API Features platformy ZIT", "OGC API Features of the ITI platform"
        )
        self.texts(
            iri,
            DCTERMS.description,
            "Dane przestrzenne (gminy i położenie projektów) zgodnie ze standardem OGC API – Features, "
            "część 1, w GeoJSON.",
            "Spatial data (municipalities and project locations) following OGC API – Features, part 1, "
            "in GeoJSON.",
        )
        self.add(iri, DCAT.endpointURL, self.url("/ogc/"))
        # the service's OpenAPI definition (its landing page links it as `service-desc`)
        self.add(iri, DCAT.endpointDescription, self.url("/ogc/api"))
        for standard in OGC_FEATURES:
            self.add(iri, DCTERMS.conformsTo, self.typed(standard, DCTERMS.Standard))
        self.add(iri, DCTERMS.license, LICENCE)
        self.add(iri, DCTERMS.accessRights, PUBLIC_ACCESS)
        self.common(iri)
        for d in DATASETS:
            if d.ogc_collection:
                self.add(iri, DCAT.servesDataset, datasets[d.key])
        return iri


def catalogue_graph(*, base: str, facts: Facts | None = None) -> Graph:
    """The whole catalogue as an rdflib graph; `base` is the site's absolute root, e.g. `https://zit.konin.pl/`."""
    builder = _Builder(base, facts or gather_facts())
    builder.catalogue()
    # endpoint URLs are plain web resources; the ranges shapes ask for the class explicitly
    for service_url in builder.g.objects(None, DCAT.endpointURL):
        builder.typed(service_url, RDFS.Resource)
    for description in builder.g.objects(None, DCAT.endpointDescription):
        builder.typed(description, RDFS.Resource)
    return builder.g


JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "geo": str(GEO),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
}


def serialise(graph: Graph, fmt: str) -> str:
    """The graph as Turtle (`ttl`), JSON-LD (`jsonld`) or RDF/XML (`rdf`)."""
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True)
    if fmt == "rdf":
        return graph.serialize(format="pretty-xml")
    return graph.serialize(format="turtle")
