"""The ZIT indicators counted by the association (RCO74, RCO75, RCO76, RCO112): exact counts on constructed
data, nothing counted twice, and the IZ's value with its date and source beside each count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zit.association.models import Body, Mandate, Member, MembershipPeriod, Person
from zit.contracts.models import Contract
from zit.monitoring.indicators_zit import (
    Rule,
    integration_rules,
    rco74,
    rco75,
    rco76,
    rco112,
    supported_cards,
    zit_indicators,
)
from zit.monitoring.models_zit import IzIndicatorFigure
from zit.monitoring.services_zit import iz_figure_record
from zit.organisations.models import Organisation
from zit.projects.models import CardPartner, ProjectCard
from zit.strategy.models import Comment, Strategy, StrategyVersion
from zit.territory.models import AdministrativeUnit, Observation, Variable

ON = dt.date(2026, 1, 15)
GOLINA, KLECZEW, SLESIN, WILCZYN = "3010013", "3010043", "3010123", "3010142"


def _unit(terc):
    return AdministrativeUnit.objects.get(terc=terc)


def _org(terc):
    return Member.objects.get(territory__terc=terc).organisation


def _card(
    round_,
    measure,
    beneficiary,
    number,
    *,
    gminas=(),
    partners=(),
    integrated=False,
    signed_on=None,
    terminated_on=None,
):
    card = ProjectCard.objects.create(
        round=round_,
        number=number,
        title=f"Projekt {number}",
        summary="Opis.",
        beneficiary=beneficiary,
        measure=measure,
        fund=measure.fund,
        integrated=integrated,
        state="contracted" if signed_on else "listed_main",
    )
    card.gminas.set([_unit(t) for t in gminas])
    for organisation in partners:
        CardPartner.objects.create(card=card, organisation=organisation)
    if signed_on:
        Contract.objects.create(
            card=card,
            number=f"FEWP-{number}",
            signed_on=signed_on,
            terminated_on=terminated_on,
            parties="Strony",
            starts_on=signed_on,
            ends_on=signed_on + dt.timedelta(days=700),
            total_pln=Decimal("100"),
            eligible_pln=Decimal("100"),
            eu_pln=Decimal("70"),
        )
    return card


def _population(terc, year, value):
    variable, _new = Variable.objects.get_or_create(code="population", defaults={"name": "Ludność"})
    return Observation.objects.create(
        unit=_unit(terc), variable=variable, value=Decimal(value), reference_date=dt.date(year, 12, 31)
    )


@pytest.fixture
def golina_org(association_data):
    return _org(GOLINA)


def test_rco74_counts_each_gmina_of_the_projects_once_from_its_latest_population(round_, measure, golina_org):
    Observation.objects.filter(variable__code="population").delete()
    _population(GOLINA, 2024, "12000")
    _population(GOLINA, 2025, "12100")  # the latest up to the year of the count
    _population(GOLINA, 2027, "99999")  # after the year of the count: not used while an earlier one exists
    _population(KLECZEW, 2024, "9800")
    _population(SLESIN, 2025, "13000")
    _population(WILCZYN, 2025, "6000")
    signed = dt.date(2025, 5, 1)
    _card(round_, measure, golina_org, "A", gminas=[GOLINA], signed_on=signed)
    _card(round_, measure, golina_org, "B", gminas=[GOLINA, KLECZEW], signed_on=signed)
    _card(
        round_,
        measure,
        golina_org,
        "C",
        gminas=[SLESIN],
        signed_on=signed,
        terminated_on=dt.date(2025, 12, 1),
    )
    _card(round_, measure, golina_org, "D", gminas=[WILCZYN])  # no contract: not a supported project
    result = rco74(on=ON, cards=supported_cards(on=ON))
    assert result.value == Decimal("12100") + Decimal(
        "9800"
    )  # each gmina once, though Golina has two projects
    assert [d.value for d in result.details] == [Decimal("12100"), Decimal("9800")]
    assert "Golina" in result.details[0].label and "Kleczew" in result.details[1].label
    assert result.data_date == dt.date(2025, 12, 31)
    assert "2024" in result.data_note and "2025" in result.data_note  # mixed years are said
    golina = next(d for d in result.details if "Golina" in d.label)
    assert golina.note == "projektów: 2"  # two projects, one inhabitant count


def test_rco74_without_a_population_figure_says_so_and_counts_nothing_for_the_gmina(
    round_, measure, golina_org
):
    Observation.objects.filter(variable__code="population").delete()
    _population(GOLINA, 2025, "12100")
    _card(round_, measure, golina_org, "A", gminas=[GOLINA, KLECZEW], signed_on=dt.date(2025, 5, 1))
    result = rco74(on=ON, cards=supported_cards(on=ON))
    assert result.value == Decimal("12100")
    kleczew = next(d for d in result.details if "Kleczew" in d.label)
    assert kleczew.value is None and not kleczew.counted and "brak danych" in kleczew.note


def test_rco74_leaves_out_gminas_outside_the_area(round_, measure, golina_org, area):
    Observation.objects.filter(variable__code="population").delete()
    outside = AdministrativeUnit.objects.create(
        terc="3009011", level="gmina", name="Gmina Spoza", gmina_type="1"
    )
    variable, _new = Variable.objects.get_or_create(code="population", defaults={"name": "Ludność"})
    Observation.objects.create(
        unit=outside, variable=variable, value=5000, reference_date=dt.date(2025, 12, 31)
    )
    card = _card(round_, measure, golina_org, "A", signed_on=dt.date(2025, 5, 1))
    card.gminas.set([outside])
    result = rco74(on=ON, cards=supported_cards(on=ON))
    assert result.value == 0 and result.details == []
    assert "Gmina Spoza" in result.data_note


def _strategy():
    strategy = Strategy.objects.create(
        title="Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030", short_title="Strategia 2030"
    )
    first = StrategyVersion.objects.create(
        strategy=strategy, number=1, label="pierwsza", status="superseded", in_force_from=dt.date(2022, 10, 1)
    )
    second = StrategyVersion.objects.create(
        strategy=strategy,
        number=2,
        label="aktualizacja 2024",
        status="adopted",
        in_force_from=dt.date(2024, 9, 1),
    )
    StrategyVersion.objects.create(strategy=strategy, number=3, label="projekt", status="consultation")
    return strategy, first, second


def test_rco75_counts_a_strategy_once_whatever_its_versions(db):
    _strategy()
    result = rco75(on=ON)
    assert result.value == 1
    assert len(result.details) == 1 and "wersja 2" in result.details[0].note
    assert result.data_date == dt.date(2024, 9, 1)
    assert rco75(on=dt.date(2023, 1, 1)).details[0].note.startswith("wersja 1")
    assert rco75(on=dt.date(2022, 9, 30)).value == 0  # nothing in force yet


def test_rco75_an_adopted_version_without_its_date_is_named_not_counted(db):
    strategy = Strategy.objects.create(title="Inna strategia")
    StrategyVersion.objects.create(strategy=strategy, number=1, label="x", status="adopted")
    result = rco75(on=ON)
    assert result.value == 0 and "bez daty wejścia w życie" in result.data_note


def test_rco76_counts_each_integrated_project_once_and_names_every_rule(round_, measure, golina_org):
    kleczew = _org(KLECZEW)
    ngo = Organisation.objects.create(name="Fundacja Rozwoju Ziemi Konińskiej")
    signed = dt.date(2025, 5, 1)
    flag = _card(round_, measure, golina_org, "F", gminas=[GOLINA], integrated=True, signed_on=signed)
    members = _card(round_, measure, golina_org, "G", gminas=[GOLINA], partners=[kleczew], signed_on=signed)
    gminas = _card(round_, measure, golina_org, "H", gminas=[GOLINA, KLECZEW], signed_on=signed)
    all_three = _card(
        round_,
        measure,
        golina_org,
        "I",
        gminas=[GOLINA, KLECZEW],
        partners=[kleczew],
        integrated=True,
        signed_on=signed,
    )
    _card(round_, measure, golina_org, "J", gminas=[GOLINA], partners=[ngo], signed_on=signed)  # one member
    _card(round_, measure, golina_org, "L", gminas=[GOLINA, KLECZEW], integrated=True)  # no contract
    result = rco76(on=ON, cards=supported_cards(on=ON))
    assert result.value == 4
    assert [d.card_id for d in result.details] == [flag.pk, members.pk, gminas.pk, all_three.pk]
    notes = {d.card_id: d.note for d in result.details}
    assert notes[flag.pk] == "zaznaczony na fiszce jako projekt zintegrowany"
    assert notes[members.pk] == "wnioskodawca i partnerzy to co najmniej dwóch członków"
    assert notes[gminas.pk] == "gminy projektu to terytoria co najmniej dwóch członków"
    assert notes[all_three.pk].count(";") == 2  # three rules, one project
    assert result.data_date == signed


def test_rco76_a_partner_that_left_the_association_does_not_make_a_project_integrated(
    round_, measure, golina_org
):
    kleczew = Member.objects.get(territory__terc=KLECZEW)
    MembershipPeriod.objects.filter(member=kleczew).delete()
    MembershipPeriod.objects.create(member=kleczew, start=dt.date(2021, 9, 27), end=dt.date(2025, 6, 30))
    card = _card(
        round_,
        measure,
        golina_org,
        "G",
        gminas=[GOLINA],
        partners=[kleczew.organisation],
        signed_on=dt.date(2025, 5, 1),
    )
    members = [m for m in Member.objects.prefetch_related("periods") if m.is_member_on(ON)]
    assert integration_rules(card, members) == []
    before = [m for m in Member.objects.prefetch_related("periods") if m.is_member_on(dt.date(2025, 6, 1))]
    assert integration_rules(card, before) == [Rule.MEMBERS]
    assert rco76(on=ON, cards=supported_cards(on=ON)).value == 0


def _comment(version, *, organisation="", author="", email="", status="published", day=dt.date(2024, 7, 10)):
    comment = Comment.objects.create(
        version=version,
        target_label="Cel 1",
        text="Uwaga.",
        organisation=organisation,
        author_name=author,
        email=email,
        status=status,
    )
    when = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 12, 0))
    Comment.objects.filter(pk=comment.pk).update(submitted_at=when)
    return comment


def test_rco112_counts_distinct_stakeholders_of_consultations_and_the_working_group(association_data):
    _strategy_obj, first, second = _strategy()
    _comment(first, organisation="Stowarzyszenie Przyjaciół Konina", day=dt.date(2022, 8, 10))
    _comment(second, organisation="  stowarzyszenie  przyjaciół konina ")  # the same organisation again
    _comment(first, author="Jan Kowalski", day=dt.date(2022, 8, 11))
    _comment(second, author="jan  kowalski")  # the same person again
    _comment(second, email="mieszkaniec@example.pl")
    _comment(second)  # nobody to tell apart: left out, counted separately
    _comment(second, organisation="Reklama", status="rejected")  # rejected in moderation
    _comment(second, organisation="Czeka", status="pending")  # not moderated yet
    _comment(second, organisation="Za późno", day=dt.date(2026, 2, 1))  # after the day of the count
    body = Body.objects.filter(kind=Body.Kind.ADVISORY).first() or Body.objects.create(
        name="Grupa robocza partnerów", slug="grupa-robocza", kind=Body.Kind.ADVISORY
    )
    society = Organisation.objects.create(name="Stowarzyszenie Przyjaciół Konina")
    in_society = Person.objects.create(first_name="Ewa", last_name="Nowicka", organisation=society)
    alone = Person.objects.create(first_name="Anna", last_name="Nowak")
    later = Person.objects.create(first_name="Piotr", last_name="Później")
    Mandate.objects.create(
        person=in_society, body=body, start=dt.date(2023, 3, 1)
    )  # same as the comments' one
    Mandate.objects.create(person=alone, body=body, start=dt.date(2023, 3, 1))
    Mandate.objects.create(person=later, body=body, start=dt.date(2026, 3, 1))  # after the day of the count
    result = rco112(on=ON)
    labels = sorted(d.label for d in result.details)
    assert result.value == 4
    assert labels == ["Anna Nowak", "Stowarzyszenie Przyjaciół Konina", "osoba prywatna", "osoba prywatna"]
    society_row = next(d for d in result.details if d.label.startswith("Stowarzyszenie"))
    assert "konsultacje wersji 1" in society_row.note and body.name in society_row.note
    assert society_row.date == dt.date(2022, 8, 10)
    assert "1" in result.data_note  # one comment without a name or an e-mail
    assert result.data_date == dt.date(2024, 7, 10)


def test_iz_figure_is_recorded_with_date_and_source_and_shown_beside_the_count(office, golina_user, db):
    with pytest.raises(PermissionDenied):
        iz_figure_record(actor=golina_user, code="RCO75", value=Decimal(1), as_of=ON, source="Pismo")
    with pytest.raises(ValidationError) as exc:
        iz_figure_record(
            actor=office,
            code="RCO99",
            value=Decimal(-1),
            as_of=timezone.localdate() + dt.timedelta(days=1),
            source=" ",
        )
    assert set(exc.value.message_dict) == {"code", "value", "as_of", "source"}
    iz_figure_record(
        actor=office, code="RCO75", value=Decimal(2), as_of=dt.date(2025, 6, 30), source="Pismo IZ 1"
    )
    iz_figure_record(
        actor=office, code="RCO75", value=Decimal(3), as_of=dt.date(2025, 12, 31), source="Pismo IZ 2"
    )
    assert IzIndicatorFigure.objects.count() == 2  # the older value stays
    _strategy()
    rco = {z.code: z for z in zit_indicators(on=ON)}
    assert rco["RCO75"].iz.source == "Pismo IZ 2" and rco["RCO75"].difference == Decimal(1) - Decimal(3)
    assert rco["RCO74"].iz is None and rco["RCO74"].difference is None


def test_indicators_page_shows_the_counts_with_method_date_and_the_iz_value(client, office, db):
    _strategy()
    iz_figure_record(
        actor=office, code="RCO75", value=Decimal(1), as_of=dt.date(2025, 12, 31), source="Pismo IZ 7"
    )
    client.force_login(office)
    page = client.get(reverse("monitoring:indicators")).content.decode()
    assert "Wskaźniki ZIT: liczba Stowarzyszenia i wartość IZ" in page
    assert "Strategies for integrated territorial development supported" in page
    assert "Strategię liczymy raz" in page  # the method in words
    assert "1 września 2024" in page  # the data date (the version in force from)
    assert "Pismo IZ 7" in page and "31 grudnia 2025" in page
    assert "do weryfikacji" in page
    assert reverse("monitoring:iz_figures") in page


def test_office_records_the_iz_value_on_its_page_and_bad_input_keeps_what_was_typed(client, office, db):
    client.force_login(office)
    url = reverse("monitoring:iz_figures")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"code": "RCO74", "value": "95120,5", "as_of": "2030-01-01", "source": "Pismo"}
    )
    assert response.status_code == 200
    assert "nie może być w przyszłości" in response.content.decode()
    assert 'value="Pismo"' in response.content.decode()
    response = client.post(
        url, {"code": "RCO74", "value": "95120,5", "as_of": "2025-12-31", "source": "CST2021"}
    )
    assert response.status_code == 302
    figure = IzIndicatorFigure.objects.get()
    assert figure.value == Decimal("95120.5") and figure.source == "CST2021"


def test_member_officer_cannot_record_the_iz_value(client, golina_user):
    client.force_login(golina_user)
    assert client.get(reverse("monitoring:iz_figures")).status_code == 403


def test_card_form_marks_a_project_integrated(client, card, golina_user):
    client.force_login(golina_user)
    url = reverse("projects:card_edit", args=[card.pk])
    page = client.get(url).content.decode()
    assert "Projekt zintegrowany" in page and "bez tego pola" in page  # the checkbox and its help text
    data = {
        "title": card.title,
        "summary": card.summary,
        "measure": card.measure_id,
        "fund": card.fund_id or "",
        "starts_on": "2026-06-01",
        "ends_on": "2027-10-31",
        "integrated": "on",
    }
    assert client.post(url, data).status_code == 302
    card.refresh_from_db()
    assert card.integrated


def test_api_gives_the_four_counts_beside_the_iz_value(client, office, db):
    _strategy()
    iz_figure_record(
        actor=office, code="RCO75", value=Decimal(1), as_of=dt.date(2025, 12, 31), source="Pismo IZ"
    )
    rows = client.get("/api/v1/indicators/zit").json()
    assert [r["code"] for r in rows] == ["RCO74", "RCO75", "RCO76", "RCO112"]
    rco75_row = rows[1]
    assert Decimal(str(rco75_row["association_value"])) == 1 and rco75_row["data_date"] == "2024-09-01"
    assert rco75_row["iz_source"] == "Pismo IZ" and rco75_row["unit_en"] == "contributions to strategies"
    assert "liczymy raz" in rco75_row["method"]
