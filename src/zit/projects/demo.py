"""Demo project cards: two rounds and a card from every gmina of the area, spread over the lifecycle.

Every round and card is marked as demo; titles, amounts and locations are invented for showing the system.
The cards go through the same services as real ones (with dates set in the past), so each state has its
history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from shapely.geometry import shape

from zit.funding.models import Indicator, Measure
from zit.organisations.models import Organisation
from zit.projects import hooks, services
from zit.projects.models import Call, ProjectCard, Round
from zit.projects.selectors import undertakings_by_key
from zit.territory.models import AdministrativeUnit

# gmina name, title, measure, total PLN, state the card reaches, indicator code, target
CARDS = [
    (
        "Konin",
        "Centrum przesiadkowe przy dworcu PKP w Koninie",
        "3.2",
        "18500000",
        "listed_main",
        "RCO58",
        "2",
    ),
    (
        "Golina",
        "Droga dla rowerów Golina – Konin wzdłuż DK92",
        "3.2",
        "6200000",
        "listed_main",
        "RCO58",
        "7.5",
    ),
    (
        "Kleczew",
        "Przebudowa ul. Słupeckiej z chodnikiem i oświetleniem",
        "3.2",
        "4100000",
        "listed_reserve",
        "RCO58",
        "1.2",
    ),
    (
        "Kazimierz Biskupi",
        "Parking „Parkuj i jedź” przy przystanku autobusowym",
        "3.2",
        "2300000",
        "accepted",
        "RCO58",
        "0.4",
    ),
    (
        "Kramsk",
        "Trasa rowerowa wokół Jeziora Gosławskiego",
        "3.2",
        "5400000",
        "application_filed",
        "RCO58",
        "9",
    ),
    (
        "Krzymów",
        "Wiaty przystankowe i tablice informacji pasażerskiej",
        "3.2",
        "900000",
        "not_selected",
        "RCO58",
        "0.1",
    ),
    ("Rychwał", "Przebudowa drogi gminnej Rychwał – Siąszyce", "3.2", "3800000", "returned", "RCO58", "3.1"),
    ("Rzgów", "Ścieżka pieszo-rowerowa Rzgów – Osiecza", "3.2", "2700000", "submitted", "RCO58", "2.4"),
    ("Skulsk", "Ścieżka rowerowa nad Jeziorem Gopło", "3.2", "3100000", "withdrawn", "RCO58", "3"),
    ("Sompolno", "Zielone podwórka w centrum Sompolna", "10.4", "1800000", "draft", "RCO58", "0.5"),
    (
        "Stare Miasto",
        "Węzeł przesiadkowy Żychlin z parkingiem rowerowym",
        "3.2",
        "2900000",
        "selected",
        "RCO58",
        "1",
    ),
    (
        "Ślesin",
        "Przystań i ścieżka rowerowa nad Jeziorem Ślesińskim",
        "3.2",
        "4700000",
        "accepted_now",
        "RCO58",
        "4.2",
    ),
    ("Wierzbinek", "Droga dla rowerów Wierzbinek – Sompolno", "3.2", "3300000", "draft", "RCO58", "5.8"),
    (
        "Wilczyn",
        "Modernizacja drogi powiatowej z ciągiem pieszo-rowerowym",
        "3.2",
        "5100000",
        "rejected",
        "RCO58",
        "4",
    ),
    ("Grodziec", "Rowerowy szlak pojezierza Grodziec – Rzgów", "3.2", "2100000", "contracted", "RCO58", "6"),
    (
        "Kleczew",
        "Ścieżka rowerowa Kleczew – Jezioro Budzisławskie",
        "3.2",
        "2600000",
        "settled",
        "RCO58",
        "4",
    ),
    (
        "Golina",
        "Parking rowerowy przy stacji kolejowej w Golinie",
        "3.2",
        "700000",
        "terminated",
        "RCO58",
        "0.2",
    ),
    (
        "Konin",
        "Bezemisyjny tabor komunikacji miejskiej w Koninie",
        "3.2",
        "9800000",
        "opinion_issued",
        "RCO58",
        "1",
    ),
]

# before the list, the list itself, then after it
BEFORE_LIST = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "accepted": ["submit", "accept"],
    "not_selected": ["submit", "accept", "not_select"],
    "withdrawn": ["submit", "withdraw"],
}
MAIN_LIST = {
    "listed_main": [],
    "application_filed": ["file_application", "draft_opinion"],
    "opinion_issued": ["file_application", "issue_opinion"],
    "selected": ["file_application", "issue_opinion", "select"],
    "rejected": ["file_application", "issue_opinion", "reject"],
    "contracted": ["file_application", "issue_opinion", "select", "contract"],
    "settled": ["file_application", "issue_opinion", "select", "contract"],
    "terminated": ["file_application", "issue_opinion", "select", "contract"],
}
# projects that end early, so that settlement and durability can be shown
SHORT = {"settled": (dt.date(2025, 6, 1), dt.date(2026, 6, 30))}
REASONS = {
    "return": "Brak mapy przebiegu drogi i zgody zarządcy drogi powiatowej (demo).",
    "withdraw": "Gmina realizuje zadanie ze środków własnych (demo).",
    "reject": "Wniosek nie spełnił kryterium gotowości technicznej (demo).",
}


@transaction.atomic
def load_project_demo() -> int:
    """Idempotent: does nothing when demo rounds exist. Returns the number of cards created."""
    if Round.objects.filter(is_demo=True).exists():
        return 0
    keys = list(undertakings_by_key())
    measures = {m.number: m for m in Measure.objects.filter(number__in=["3.2", "10.4"])}
    indicator = Indicator.objects.filter(code="RCO58").first()
    if not keys or len(measures) < 2 or indicator is None:
        return 0  # the strategy or the programme is not loaded
    today = timezone.localdate()
    past = services.round_save(
        actor=None,
        measures=list(measures.values()),
        number="1/2025",
        title="Nabór fiszek: mobilność i transformacja (demo)",
        opens_on=dt.date(2025, 3, 1),
        closes_on=dt.date(2025, 4, 30),
        instructions="Przykładowy nabór do pokazu systemu (demo).",
        is_demo=True,
    )
    current = services.round_save(
        actor=None,
        measures=[measures["3.2"]],
        number=f"1/{today.year + 1}",
        title="Nabór uzupełniający: mobilność miejska (demo)",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=30),
        instructions="Przykładowy trwający nabór: można złożyć fiszkę z konta demonstracyjnego (demo).",
        is_demo=True,
    )
    services.round_questions_set(
        actor=None,
        round=current,
        questions=[
            services.QuestionData(
                "Czy projekt ma dokumentację techniczną i pozwolenia?",
                "Np. projekt budowlany, ZRID, decyzja środowiskowa.",
            ),
            services.QuestionData(
                "Z kim uzgodniono projekt?", "Zarządcy dróg, przewoźnicy, sąsiednie gminy.", required=False
            ),
        ],
    )
    organisations = {
        o.gmina.name: o
        for o in Organisation.objects.filter(kind="local_government").select_related("gmina")
        if o.gmina and o.gmina.level == "gmina" and not o.name.startswith("Powiat")
    }
    created = 0
    on_list: list[tuple[ProjectCard, str, list[str]]] = []
    for i, (gmina_name, title, measure_no, total, state, _code, target) in enumerate(CARDS):
        unit = AdministrativeUnit.objects.filter(level="gmina", name=gmina_name).first()
        applicant = organisations.get(gmina_name)
        if unit is None or applicant is None:
            continue
        card = _card(
            current if state == "accepted_now" else past,
            SHORT.get(state),
            applicant,
            unit,
            title,
            measures[measure_no],
            Decimal(total),
            indicator,
            target,
            keys[i % len(keys)],
            i,
        )
        if state == "accepted_now":  # a card of the round open today, already accepted formally
            required = current.questions.get(required=True)
            services.card_answers_set(
                actor=None, card=card, answers={required.pk: "Tak: projekt budowlany i ZRID (demo)."}
            )
            _walk(card, ["submit", "accept"], i, today=today)
        elif state in BEFORE_LIST:
            _walk(card, BEFORE_LIST[state], i)
        else:
            _walk(card, ["submit", "accept"], i)
            on_list.append(
                (card, "reserve" if state == "listed_reserve" else "main", MAIN_LIST.get(state, []))
            )
        created += 1
    _demo_list(on_list)
    hooks.run_demo_loaders()  # the grant contracts and what follows them (zit.contracts.demo)
    return created


def _walk(
    card: ProjectCard, names: list[str], i: int, call=None, today: dt.date = dt.date(2025, 4, 15)
) -> None:
    from zit.projects import calls

    for name in names:
        card.refresh_from_db()
        if name == "file_application":
            calls.application_file(
                actor=None, card=card, call=call, application_number=f"FEWP.03.02-IZ.00-{i + 1:04d}/25"
            )
        elif name == "draft_opinion":  # asked for by the IZ, written, waiting for the signatures
            _demo_opinion(card, compliant=True, issue=False)
        elif name == "issue_opinion":
            _demo_opinion(card, compliant="reject" not in names)  # the rejected demo card gets a "no"
        elif name in ("select", "reject") and card.opinions.filter(state="issued").exists():
            calls.application_outcome(  # the IZ's decision, recorded as the IZ's after the opinion
                actor=None,
                card=card,
                selected=name == "select",
                reason=REASONS.get(name, ""),
                decided_on=dt.date(2025, 10, 20),
                reference="DPR-II.433.40.2025 (demo)",
                source="pismo IZ do Stowarzyszenia (demo)",
            )
        elif name == "contract":
            continue  # signed by the contracts app's demo, once every card has reached its state
        else:
            services.card_transition(
                actor=None, card=card, name=name, reason=REASONS.get(name, ""), today=today
            )


def _demo_opinion(card: ProjectCard, *, compliant: bool, issue: bool = True) -> None:
    """A demo opinion through the opinion services: the IZ's request, the call's checklist answered, generated,
    "signed" as a demo PDF (no real signature) and issued."""
    from django.core.files.base import ContentFile

    from zit.core.documents import pdf_from_html
    from zit.core.signed import signed_document_for, signed_document_upload
    from zit.projects import opinions

    checklist = opinions.checklist_current(card.call)
    answers = [
        opinions.AnswerInput(
            criterion.pk,
            "met" if compliant or i < 2 else "not_met",
            "Spełnione: zob. fiszkę i wniosek (uzasadnienie demonstracyjne)."
            if compliant or i < 2
            else "Zakres projektu nie odpowiada przedsięwzięciu strategii (uzasadnienie demonstracyjne).",
        )
        for i, criterion in enumerate(checklist.criteria.all())
    ]
    opinion = opinions.opinion_prepare(
        actor=None,
        card=card,
        compliant=compliant,
        answers=answers,
        justification=""
        if compliant
        else "Zakres projektu nie odpowiada żadnemu przedsięwzięciu strategii (uzasadnienie demonstracyjne).",
        requested_on=dt.date(2025, 9, 1),
        due_on=dt.date(2025, 9, 22),
        request_reference="DPR-II.433.31.2025 (demo)",
        application_version="1",
        application_date=dt.date(2025, 8, 28),
        today=dt.date(2025, 9, 15),
    )
    if not issue:
        return
    html = (
        f'<html lang="pl"><head><meta charset="utf-8"><title>Opinia {opinion.number} (demo)</title></head><body>'
        f"<h1>Opinia {opinion.number} – dokument demonstracyjny</h1><p>Skan podpisanej opinii nie jest dołączony: to dane "
        "do pokazu systemu.</p></body></html>"
    )
    document = signed_document_for(subject=opinion, kind=opinions.OPINION_KIND)
    try:
        pdf = pdf_from_html(html)
    except OSError:  # no Pango on this machine: the opinion stays a draft to sign
        return
    signed_document_upload(actor=None, document=document, file=ContentFile(pdf, name="opinia-demo.pdf"))
    opinions.opinion_issue(actor=None, opinion=opinion)


def _demo_list(on_list: list[tuple[ProjectCard, str, list[str]]]) -> None:
    """Version 1 of the list (the strategy's annex), approved by the demo Rada's resolution in the register
    and accepted by the managing authority."""
    from zit.funding.selectors import agreement_current
    from zit.projects import lists

    agreement = agreement_current()
    if agreement is None or not on_list:
        return
    version = lists.list_version_create(
        actor=None, agreement=agreement, rate_date=dt.date(2025, 3, 31), is_demo=True
    )
    for card, position, _after in on_list:
        lists.list_entry_add(
            actor=None,
            version=version,
            card=card,
            position=position,
            share_reason="Przykład do pokazu systemu (demo).",  # recorded only if a member's share is exceeded
        )
    # the demo Rada's resolution in the register carries the list; its effect approves it
    from zit.projects.hooks import list_register

    register = list_register()
    if register is None:
        return
    register.demo_approve(version, dt.date(2025, 6, 6))
    version.refresh_from_db()
    lists.list_version_iz_accept(
        actor=None, version=version, accepted_on=dt.date(2025, 7, 1), reference="DPR-II.433.12.2025 (demo)"
    )
    from zit.projects import calls, opinions

    opinions.signatories_save(
        actor=None,
        signatories="Jan Przykładowy, Prezes Zarządu (demo)\nAnna Wzorcowa, Członek Zarządu (demo)",
    )
    call = calls.call_save(
        actor=None,
        agreement_clause="§ 5 ust. 2 pkt 3 porozumienia w sprawie realizacji ZIT (demo)",
        zit_criterion="kryterium formalne nr 7 „Zgodność ze Strategią ZIT” (demo)",
        results_on=dt.date(2025, 10, 20),
        opinions_published=Call.OpinionsPublished.AFTER_RESULTS,
        number="FEWP.03.02-IZ.00-002/25",
        measure=version.entries.first().card.measure,
        mode=Call.Mode.NON_COMPETITIVE,
        limit_pln=Decimal("24000000"),
        opens_on=dt.date(2025, 7, 15),
        closes_on=dt.date(2025, 9, 30),
        is_demo=True,
    )
    for i, (card, _position, after) in enumerate(on_list):
        _walk(card, after, i, call=call)
    from zit.projects.demo_calendar import load_calendar_demo

    load_calendar_demo(call)


def _card(round, dates, applicant, unit, title, measure, total, indicator, target, key, i) -> ProjectCard:
    starts_on, ends_on = dates or (dt.date(2026, 3, 1), dt.date(2027, 11, 30))
    card = services.card_create(
        actor=None,
        round=round,
        beneficiary=applicant,
        today=round.opens_on,
        title=f"{title} (demo)",
        summary="Przykładowa fiszka do pokazu systemu (demo): opis zakresu, grupy docelowej i efektów projektu.",
        measure=measure,
        starts_on=starts_on,
        ends_on=ends_on,
        is_demo=True,
    )
    point = shape(unit.geometry).representative_point() if unit.geometry else None
    services.card_location_set(
        actor=None,
        card=card,
        gminas=[unit],
        location={"type": "Point", "coordinates": [round_6(point.x), round_6(point.y)]} if point else None,
    )
    eligible = (total * Decimal("0.85")).quantize(Decimal("1000"))
    rate = Decimal("0.70")
    first_total = (total * Decimal("0.4")).quantize(Decimal("1"))
    first_eligible = (eligible * Decimal("0.4")).quantize(Decimal("1"))
    eu = (eligible * rate).quantize(Decimal("0.01"))
    first_eu = (first_eligible * rate).quantize(Decimal("0.01"))
    services.card_budget_set(
        actor=None,
        card=card,
        total_pln=total,
        eligible_pln=eligible,
        cofinancing_rate=rate,
        rows=[
            services.BudgetRow(applicant, starts_on.year, first_total, first_eligible, first_eu),
            services.BudgetRow(
                applicant, ends_on.year, total - first_total, eligible - first_eligible, eu - first_eu
            ),
        ],
    )
    services.card_indicators_set(actor=None, card=card, rows=[(indicator, Decimal(target), ends_on.year)])
    services.card_undertakings_set(actor=None, card=card, keys=[key])
    if (
        i == 1
    ):  # a card with a second source beside FEW 2021+ in ZIT: part of the lighting from a national programme
        from zit.projects.sources import SourceData, card_sources_set

        card_sources_set(
            actor=None,
            card=card,
            rows=[
                SourceData(
                    "national",
                    Decimal("600000"),
                    Decimal("750000"),
                    programme="Rządowy Fundusz Polski Ład (demo)",
                    category="oświetlenie drogi dla rowerów",
                    period_from=starts_on,
                    period_to=ends_on,
                    note="Przykładowe drugie źródło do pokazu systemu (demo).",
                )
            ],
        )
    card.refresh_from_db()
    return card


def round_6(value: float) -> float:
    return round(value, 6)
