import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.funding.models import Measure
from zit.funding.selectors import agreement_current
from zit.projects import lists
from zit.projects.models import CardFundingSource, ProjectCard
from zit.projects.services import (
    BudgetRow,
    card_budget_set,
    card_create,
    card_problems,
    card_transition,
    card_update,
)
from zit.projects.sources import SourceData, card_sources_set, double_funding

from .conftest import TODAY, complete
from .test_demo_social import social_demo  # noqa: F401, F811

RATE_DAY = dt.date(2025, 3, 31)


def _kpo(**overrides):
    fields = {
        "kind": "kpo",
        "programme": "KPO A2.1.1",
        "grant_pln": Decimal("100000"),
        "eligible_pln": Decimal("120000"),
    }
    return SourceData(**(fields | overrides))


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_card(round_, golina_user, golina):
    """A card funded only from other sources: no FEW 2021+ measure."""
    return card_create(
        actor=golina_user,
        round=round_,
        beneficiary=golina,
        today=TODAY,
        title="Świetlica wiejska w Golinie",
        summary="Remont świetlicy.",
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 10, 31),
    )


def test_every_wrong_row_is_named_and_nothing_is_saved(card, golina_user):
    few_zit = Measure.objects.filter(is_zit=True).first()
    with pytest.raises(ValidationError) as exc:
        card_sources_set(
            actor=golina_user,
            card=card,
            rows=[
                _kpo(grant_pln=Decimal("130000")),
                SourceData("national", Decimal("10"), Decimal("10")),
                SourceData("few_other", Decimal("10"), Decimal("10"), measure=few_zit),
                _kpo(measure=few_zit, period_from=dt.date(2027, 1, 1), period_to=dt.date(2026, 1, 1)),
            ],
        )
    messages = [_plain(m) for m in exc.value.message_dict["sources"]]
    assert messages[0] == (
        "Źródło 1: kwota finansowania (130 000,00 zł) jest wyższa niż objęty nią koszt kwalifikowalny (120 000,00 zł)."
    )
    assert messages[1] == ("Źródło 2: podaj nazwę programu lub źródła (np. Rządowy Fundusz Polski Ład).")
    assert messages[2].startswith(f"Źródło 3: działanie {few_zit.number} jest działaniem ZIT")
    assert messages[3] == "Źródło 4: działanie wskazuje się tylko przy źródle „FEW 2021+ poza ZIT”."
    assert messages[4] == "Źródło 4: koniec okresu jest wcześniejszy niż jego początek."
    assert not CardFundingSource.objects.exists()


def test_sources_are_saved_replaced_and_audited_by_the_applicant_only(card, golina_user, kleczew_user):
    rftl = SourceData("national", Decimal("50000"), Decimal("50000"), programme="Rządowy Fundusz Polski Ład")
    card_sources_set(actor=golina_user, card=card, rows=[_kpo(), rftl])
    assert [s.label for s in card.funding_sources.all()] == [
        "KPO (Krajowy Plan Odbudowy): KPO A2.1.1",
        "program krajowy: Rządowy Fundusz Polski Ład",
    ]
    card_sources_set(actor=golina_user, card=card, rows=[rftl])
    assert card.funding_sources.count() == 1
    assert AuditEvent.objects.filter(action="projects.card_sources").count() == 2
    with pytest.raises(PermissionDenied):
        card_sources_set(actor=kleczew_user, card=card, rows=[])


def test_a_card_without_a_measure_needs_another_source(other_card, golina_user):
    assert other_card.measure is None and other_card.fund is None
    assert (
        "sources",
        "Wskaż działanie FEW 2021+ w danych podstawowych albo dodaj inne źródło finansowania "
        "(np. FEnIKS, KPO, program krajowy, budżety własne).",
    ) in card_problems(other_card)
    with pytest.raises(ValidationError) as exc:
        card_sources_set(actor=golina_user, card=other_card, rows=[])
    assert "musi mieć co najmniej jedno inne źródło" in exc.value.messages[0]
    card_sources_set(actor=golina_user, card=other_card, rows=[_kpo()])
    assert not [p for p in card_problems(other_card) if p[0] == "sources"]


def test_without_a_measure_there_is_no_fund_and_no_computed_eu_amount(other_card, golina_user, measure):
    with pytest.raises(ValidationError) as exc:
        card_update(actor=golina_user, card=other_card, fund=measure.fund)
    assert exc.value.message_dict["fund"][0].startswith("Fundusz podaje się razem z działaniem FEW 2021+.")
    rows = [BudgetRow(other_card.beneficiary, 2026, Decimal("100000"), Decimal("100000"), Decimal("0"))]
    with pytest.raises(ValidationError) as exc:
        card_budget_set(
            actor=golina_user,
            card=other_card,
            total_pln=Decimal("100000"),
            eligible_pln=Decimal("100000"),
            cofinancing_rate=Decimal("0.7"),
            rows=rows,
        )
    assert exc.value.message_dict["cofinancing_rate"][0].startswith(
        "Fiszka nie ma działania FEW 2021+: poziom dofinansowania UE wpisz 0%"
    )
    card_budget_set(
        actor=golina_user,
        card=other_card,
        total_pln=Decimal("100000"),
        eligible_pln=Decimal("100000"),
        cofinancing_rate=Decimal("0"),
        rows=rows,
    )
    other_card.refresh_from_db()
    assert other_card.eu_pln == Decimal("0.00")


def test_the_measure_is_removed_only_when_another_source_exists(card, golina_user):
    with pytest.raises(ValidationError) as exc:
        card_update(actor=golina_user, card=card, measure=None, fund=None)
    assert "najpierw dodaj inne źródło" in exc.value.message_dict["measure"][0]
    card_sources_set(actor=golina_user, card=card, rows=[_kpo()])
    card_update(actor=golina_user, card=card, measure=None, fund=None)
    card.refresh_from_db()
    assert card.measure is None


def test_a_card_without_a_measure_never_reaches_the_zit_envelopes(other_card, golina_user, office, strategy):
    card_sources_set(actor=golina_user, card=other_card, rows=[_kpo()])
    ProjectCard.objects.filter(pk=other_card.pk).update(state="accepted")
    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    with pytest.raises(ValidationError) as exc:
        lists.list_entry_add(actor=office, version=version, card=other_card, position="reserve")
    assert "nie trafia na listę projektów strategicznych" in exc.value.message_dict["card"][0]


# --- double funding


def test_grants_beyond_the_projects_eligible_cost_are_flagged(card, golina_user, strategy):
    card = complete(card, golina_user, strategy)  # eligible 800 000, FEW 2021+ in ZIT 560 000
    card_sources_set(
        actor=golina_user, card=card, rows=[_kpo(grant_pln=Decimal("240000"), eligible_pln=Decimal("300000"))]
    )
    assert double_funding(card) == []  # 800 000 exactly: no double funding
    card_sources_set(
        actor=golina_user,
        card=card,
        rows=[
            _kpo(grant_pln=Decimal("250000"), eligible_pln=Decimal("300000")),
            SourceData("own", Decimal("500000"), Decimal("500000"), programme="budżet Gminy Golina"),
        ],
    )
    [message] = map(_plain, double_funding(card))
    assert message.startswith(
        "Dofinansowanie z kilku źródeł (FEW 2021+ w ZIT (działanie 3.2); KPO (Krajowy Plan Odbudowy): KPO A2.1.1) "
        "wynosi razem 810 000,00 zł, a wydatki kwalifikowalne projektu to 800 000,00 zł – o 10 000,00 zł więcej"
    )
    assert "art. 63 ust. 9 rozporządzenia (UE) 2021/1060" in message and "do weryfikacji" not in message


def test_the_same_expenditure_from_two_sources_is_flagged_when_periods_overlap(other_card, golina_user):
    works = {"category": "Roboty budowlane", "eligible_pln": Decimal("100000")}
    first = SourceData(
        "national",
        Decimal("60000"),
        programme="RFIL",
        period_from=dt.date(2026, 6, 1),
        period_to=dt.date(2026, 12, 31),
        **works,
    )
    later = _kpo(
        grant_pln=Decimal("60000"), period_from=dt.date(2027, 1, 1), period_to=dt.date(2027, 6, 30), **works
    )
    card_sources_set(actor=golina_user, card=other_card, rows=[first, later])
    assert double_funding(other_card) == []  # the same category in periods that do not overlap
    other = _kpo(grant_pln=Decimal("60000"), category="Wyposażenie", eligible_pln=Decimal("100000"))
    card_sources_set(actor=golina_user, card=other_card, rows=[first, other])
    assert double_funding(other_card) == []  # different expenditure
    overlapping = _kpo(grant_pln=Decimal("60000"), period_from=dt.date(2026, 10, 1), **works)
    card_sources_set(actor=golina_user, card=other_card, rows=[first, overlapping])
    [message] = map(_plain, double_funding(other_card))
    assert message.startswith(
        "Wydatki „Roboty budowlane” (1 czerwca 2026 – 31 grudnia 2026 oraz 1 października 2026 – …) finansują dwa "
        "źródła: program krajowy: RFIL i KPO (Krajowy Plan Odbudowy): KPO A2.1.1. Razem 120 000,00 zł, a koszt "
        "kwalifikowalny tych wydatków to 100 000,00 zł – o 20 000,00 zł za dużo."
    )


# --- pages


def test_the_form_keeps_what_was_typed_and_the_card_shows_the_flag(card, golina_user, office, strategy):
    card = complete(card, golina_user, strategy)
    client = _client(golina_user)
    url = reverse("projects:card_sources", args=[card.pk])
    assert client.get(url).status_code == 200
    data = {
        "zrodla-TOTAL_FORMS": "2",
        "zrodla-INITIAL_FORMS": "0",
        "zrodla-0-kind": "national",
        "zrodla-0-programme": "",
        "zrodla-0-grant_pln": "300 000",
        "zrodla-0-eligible_pln": "400 000",
        "zrodla-0-category": "Roboty budowlane",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Źródło 1: podaj nazwę programu lub źródła" in html
    assert 'value="Roboty budowlane"' in html
    data["zrodla-0-programme"] = "Rządowy Fundusz Polski Ład"
    assert client.post(url, data).status_code == 303
    shown = client.get(reverse("projects:card", args=[card.pk])).content.decode()
    assert "Rządowy Fundusz Polski Ład" in shown
    assert "Możliwe podwójne finansowanie" in shown  # 560 000 + 300 000 > 800 000
    card_transition(
        actor=golina_user, card=card, name="submit", today=TODAY
    )  # the office sees submitted cards
    listing = _client(office).get(reverse("projects:cards")).content.decode()
    assert "możliwe podwójne finansowanie" in listing


def test_the_demo_card_with_a_second_source_is_labelled_and_public(social_demo, client):  # noqa: F811
    from zit.opendata.models import CatalogueProject

    [source] = CardFundingSource.objects.select_related("card")
    assert source.card.is_demo and "(demo)" in source.programme and "(demo)" in source.note
    assert double_funding(source.card) == []  # within the project's eligible cost
    project = CatalogueProject.objects.get(card=source.card)
    page = client.get(reverse("portal:project", args=[project.key])).content.decode()
    assert "Inne źródła finansowania" in page and "Rządowy Fundusz Polski Ład (demo)" in page
    assert source.note not in page  # the applicant's note stays with the office
