"""Demonstration data of the social economy directory: fictional PES across the area's gminas (their names end
with "(demo)", their organisations are flagged `is_demo`, their NIPs are made up with a valid check digit),
listing requests waiting for moderation, and an example support offer marked as example text.

Idempotent: entities are found by NIP and requests by name, so running it again changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from stdnum.pl import nip as pl_nip

from zit.social_economy import services
from zit.social_economy.models import Entity, ListingRequest, PesKind, SupportOffer
from zit.territory.models import AdministrativeUnit


def demo_nip(seed: int) -> str:
    """A NIP with a valid check digit, from a made-up base (999 is not a tax office prefix)."""
    n = seed
    while True:
        # A base whose weighted sum is 10 has no check digit: no candidate validates, try the next base.
        for check in "0123456789":
            if pl_nip.is_valid(f"999{n:06d}{check}"):
                return f"999{n:06d}{check}"
        n += 1


# name, kind, gmina TERC, social enterprise since, services, products, state
ENTITIES = [
    (
        "Spółdzielnia Socjalna „Smaczny Konin” (demo)",
        PesKind.SOCIAL_COOPERATIVE,
        "3062011",
        dt.date(2023, 5, 10),
        "Catering na spotkania i szkolenia, obiady dla szkół, przerwy kawowe.",
        "",
        "published",
    ),
    (
        "Spółdzielnia Socjalna „Zielona Ślesin” (demo)",
        PesKind.SOCIAL_COOPERATIVE,
        "3010123",
        dt.date(2024, 2, 1),
        "Pielęgnacja terenów zielonych, koszenie, sadzenie drzew i krzewów.",
        "",
        "published",
    ),
    (
        "Warsztat Terapii Zajęciowej w Golinie (demo)",
        PesKind.WTZ,
        "3010013",
        None,
        "",
        "Ceramika, kartki okolicznościowe, wyroby z drewna.",
        "published",
    ),
    (
        "Zakład Aktywności Zawodowej „Przystań” (demo)",
        PesKind.ZAZ,
        "3010043",
        dt.date(2022, 11, 15),
        "Pralnia, introligatornia, drobne prace porządkowe.",
        "",
        "published",
    ),
    (
        "Centrum Integracji Społecznej w Kramsku (demo)",
        PesKind.CIS,
        "3010052",
        None,
        "Remonty i prace budowlane, usługi porządkowe.",
        "",
        "published",
    ),
    (
        "Klub Integracji Społecznej w Sompolnie (demo)",
        PesKind.KIS,
        "3010103",
        None,
        "Warsztaty aktywizacji zawodowej, poradnictwo.",
        "",
        "published",
    ),
    (
        "Fundacja „Razem w Rychwale” (demo)",
        PesKind.FOUNDATION,
        "3010073",
        None,
        "Opieka wytchnieniowa, zajęcia dla seniorów.",
        "",
        "published",
    ),
    (
        "Stowarzyszenie „Wilczyńskie Smaki” (demo)",
        PesKind.ASSOCIATION,
        "3010142",
        None,
        "",
        "Przetwory, miody, pieczywo regionalne.",
        "published",
    ),
    (
        "Koło Gospodyń Wiejskich w Grodźcu (demo)",
        PesKind.RURAL_WOMEN_CIRCLE,
        "3010022",
        None,
        "Catering na uroczystości wiejskie.",
        "Pierogi, ciasta, nalewki bezalkoholowe.",
        "published",
    ),
    (
        "Spółdzielnia Pracy „Rzgowianka” (demo)",
        PesKind.WORK_COOPERATIVE,
        "3010082",
        None,
        "Szycie i naprawa odzieży roboczej.",
        "",
        "draft",
    ),
    (
        "Fundacja „Nowy Start Stare Miasto” (demo)",
        PesKind.FOUNDATION,
        "3010112",
        dt.date(2024, 9, 1),
        "Sprzątanie biur i klatek schodowych.",
        "",
        "withdrawn",
    ),
    (
        "Spółka „Skulsk Non-Profit” (demo)",
        PesKind.NON_PROFIT_COMPANY,
        "3010092",
        None,
        "Transport osób z niepełnosprawnościami.",
        "",
        "draft",
    ),
]

REQUESTS = [
    # name, kind, gmina, services
    (
        "Spółdzielnia Socjalna „Wierzbinek Pomaga” (demo)",
        PesKind.SOCIAL_COOPERATIVE,
        "3010132",
        "Opieka nad osobami starszymi w domu.",
    ),
    (
        "Stowarzyszenie „Krzymów Aktywny” (demo)",
        PesKind.ASSOCIATION,
        "3010062",
        "Zajęcia sportowe dla dzieci, wypożyczalnia sprzętu.",
    ),
    (
        "Fundacja „Kazimierskie Rękodzieło” (demo)",
        PesKind.FOUNDATION,
        "3010032",
        "Warsztaty rękodzieła, sprzedaż wyrobów.",
    ),
]

OFFER = [
    (
        "Doradztwo dla podmiotów ekonomii społecznej (przykładowy tekst)",
        "Support for social economy entities (example text)",
        "PRZYKŁADOWY TEKST DEMONSTRACYJNY – do zastąpienia opisem przygotowanym przez WOES.\n\n"
        "Tu WOES opisze, jak pomaga podmiotom ekonomii społecznej w prowadzeniu działalności, na przykład "
        "doradztwem prawnym, finansowym lub marketingowym.",
        "EXAMPLE DEMONSTRATION TEXT – to be replaced with a description prepared by the support centre.\n\n"
        "Here the support centre will describe how it helps social economy entities run their activity, for "
        "example with legal, financial or marketing advice.",
    ),
    (
        "Zakładanie spółdzielni socjalnej (przykładowy tekst)",
        "Setting up a social cooperative (example text)",
        "PRZYKŁADOWY TEKST DEMONSTRACYJNY.\n\nOsoby i organizacje, które chcą założyć spółdzielnię socjalną, "
        "mogą zapytać WOES o szkolenia i pomoc w przygotowaniu dokumentów.",
        "EXAMPLE DEMONSTRATION TEXT.\n\nPeople and organisations planning a social cooperative can ask the support "
        "centre about training and help with the documents.",
    ),
    (
        "Status przedsiębiorstwa społecznego (przykładowy tekst)",
        "Social enterprise status (example text)",
        "PRZYKŁADOWY TEKST DEMONSTRACYJNY.\n\nStatus przedsiębiorstwa społecznego nadaje wojewoda na podstawie "
        "ustawy z dnia 5 sierpnia 2022 r. o ekonomii społecznej. WOES podpowie, jakie warunki trzeba spełnić.",
        "EXAMPLE DEMONSTRATION TEXT.\n\nThe social enterprise status is granted by the voivode under the act of "
        "5 August 2022 on the social economy. The support centre explains the conditions.",
    ),
    (
        "Zakupy społecznie odpowiedzialne (przykładowy tekst)",
        "Socially responsible purchasing (example text)",
        "PRZYKŁADOWY TEKST DEMONSTRACYJNY.\n\nGminy i inne zamawiające mogą kupować usługi od PES, stosując "
        "klauzule społeczne i zamówienia zastrzeżone. Katalog na tej stronie pomaga znaleźć wykonawców.",
        "EXAMPLE DEMONSTRATION TEXT.\n\nMunicipalities and other buyers can purchase from social economy entities "
        "using social clauses and reserved contracts. The directory on this site helps find suppliers.",
    ),
]


def _point(unit: AdministrativeUnit, shift: float) -> tuple[float | None, float | None]:
    if not unit.geometry:
        return None, None
    from shapely.geometry import shape

    point = shape(unit.geometry).representative_point()
    return round(point.y + shift, 6), round(point.x + shift, 6)


def _slug(name: str) -> str:
    """An e-mail-safe word from the name: "Spółdzielnia Socjalna „Smaczny Konin”" → "smacznykonin"."""
    import unicodedata

    quoted = name.split("„")[1].split("”")[0] if "„" in name else name.split("(")[0]
    plain = unicodedata.normalize("NFKD", quoted.lower().replace("ł", "l"))
    return "".join(c for c in plain if c.isascii() and c.isalnum())[:24] or "pes"


@transaction.atomic
def load_social_economy_demo() -> dict[str, int]:
    added = {"entities": 0, "requests": 0, "offer": 0}
    units = {
        u.terc: u for u in AdministrativeUnit.objects.filter(terc__in={e[2] for e in ENTITIES + REQUESTS})
    }
    for index, (name, kind, terc, since, offer_services, products, state) in enumerate(ENTITIES):
        nip = demo_nip(100 + index * 7)
        if services.find_organisation(nip) is not None:
            continue
        unit = units.get(terc)
        lat, lon = _point(unit, 0.002 * (index % 3)) if unit else (None, None)
        entity = services.entity_create(
            actor=None,
            is_demo=True,
            name=name,
            nip=nip,
            gmina=unit,
            city=unit.name if unit else "",
            kind=kind,
            social_enterprise=since is not None,
            social_enterprise_since=since,
            description="Przykładowy podmiot demonstracyjny: nie istnieje naprawdę.",
            services=offer_services,
            products=products,
            contact_email=f"{_slug(name)}@example.org",
            lon=lon,
            lat=lat,
        )
        if state in ("published", "withdrawn"):
            services.entity_publish(actor=None, entity=entity)
        if state == "withdrawn":
            services.entity_withdraw(
                actor=None, entity=entity, reason="Podmiot zawiesił działalność (przykład demonstracyjny)."
            )
        added["entities"] += 1
    for index, (name, kind, terc, offer_services) in enumerate(REQUESTS):
        if ListingRequest.objects.filter(name=name).exists():
            continue
        services.listing_request_submit(
            consent=True,
            name=name,
            kind=kind,
            nip=demo_nip(500 + index * 7),
            gmina=units.get(terc),
            services=offer_services,
            description="Przykładowe zgłoszenie demonstracyjne.",
            contact_name="Osoba Zgłaszająca (demo)",
            contact_email=f"zgloszenie{index + 1}@example.org",
            public_email=f"{_slug(name)}@example.org",
        )
        added["requests"] += 1
    if not SupportOffer.objects.exists():
        for position, (title, title_en, body, body_en) in enumerate(OFFER, start=1):
            services.support_offer_save(
                actor=None,
                title=title,
                title_en=title_en,
                body=body,
                body_en=body_en,
                position=position * 10,
                is_published=True,
            )
            added["offer"] += 1
    return added


def demo_entity() -> Entity | None:
    return Entity.objects.filter(organisation__is_demo=True, state=Entity.State.PUBLISHED).first()
