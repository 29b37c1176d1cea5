import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from zit.projects.models import ProjectCard

from .conftest import complete


@pytest.fixture
def open_card(card, round_):
    """The card's round made open today, so pages that depend on it work."""
    from django.utils import timezone

    today = timezone.localdate()
    type(round_).objects.filter(pk=round_.pk).update(
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=10)
    )
    return card


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "name",
    [
        "projects:card",
        "projects:card_edit",
        "projects:card_location",
        "projects:card_partners",
        "projects:card_budget",
        "projects:card_indicators",
        "projects:card_undertakings",
    ],
)
def test_another_organisations_draft_is_not_found_by_guessing(open_card, kleczew_user, office, name):
    for outsider in (kleczew_user, office):
        assert _client(outsider).get(reverse(name, args=[open_card.pk])).status_code == 404


def test_transitions_by_url_check_the_user(open_card, kleczew_user, golina_user, strategy):
    complete(open_card, golina_user, strategy)
    response = _client(kleczew_user).post(reverse("projects:card_transition", args=[open_card.pk, "submit"]))
    assert response.status_code == 404  # the draft is not even visible to them
    _client(golina_user).post(reverse("projects:card_transition", args=[open_card.pk, "submit"]))
    open_card.refresh_from_db()
    assert open_card.state == "submitted"
    # fired by the list and opinions only, never from a URL
    assert (
        _client(golina_user)
        .post(reverse("projects:card_transition", args=[open_card.pk, "list_main"]))
        .status_code
        == 404
    )


def test_applicant_fills_the_budget_and_sees_errors_in_polish(open_card, golina_user):
    client = _client(golina_user)
    page = client.post(
        reverse("projects:card_budget", args=[open_card.pk]),
        {
            "total_pln": "1 000 000,00",
            "eligible_pln": "800 000,00",
            "cofinancing_rate": "70%",
            "wiersze-TOTAL_FORMS": "1",
            "wiersze-INITIAL_FORMS": "0",
            "wiersze-0-organisation": str(open_card.beneficiary_id),
            "wiersze-0-year": "2026",
            "wiersze-0-total_pln": "900 000",
            "wiersze-0-eligible_pln": "800 000",
            "wiersze-0-eu_pln": "560 000",
        },
    ).content.decode()
    assert "Tabela budżetu się nie zgadza" in page and "Suma wartości w tabeli" in page
    assert 'value="900 000"' in page  # what was typed is kept
    response = client.post(
        reverse("projects:card_budget", args=[open_card.pk]),
        {
            "total_pln": "1 000 000,00",
            "eligible_pln": "800 000,00",
            "cofinancing_rate": "70%",
            "wiersze-TOTAL_FORMS": "1",
            "wiersze-INITIAL_FORMS": "0",
            "wiersze-0-organisation": str(open_card.beneficiary_id),
            "wiersze-0-year": "2026",
            "wiersze-0-total_pln": "1 000 000",
            "wiersze-0-eligible_pln": "800 000",
            "wiersze-0-eu_pln": "560 000",
        },
    )
    assert response.status_code == 303  # See Other: the form flow redirects after a save
    open_card.refresh_from_db()
    assert open_card.eu_pln == 560000


def test_location_typed_as_coordinates_outside_the_area_is_refused(open_card, golina_user):
    from zit.territory.models import AdministrativeUnit

    golina = AdministrativeUnit.objects.get(name="Golina", level="gmina")
    page = _client(golina_user).post(
        reverse("projects:card_location", args=[open_card.pk]),
        {"gminas": [golina.pk], "coordinates": "52.23, 21.01"},
    )
    assert "poza obszar ZIT" in page.content.decode()
    assert ProjectCard.objects.get(pk=open_card.pk).location is None


def test_office_manages_rounds_members_do_not(office, golina_user, measure, round_):
    assert _client(golina_user).get(reverse("projects:round_new")).status_code == 403
    response = _client(office).post(
        reverse("projects:round_new"),
        {
            "number": "2/2026",
            "title": "Drugi",
            "opens_on": "2026-05-01",
            "closes_on": "2026-04-01",
            "measures": [measure.pk],
        },
    )
    assert "Koniec naboru nie może być wcześniejszy" in response.content.decode()
    assert _client(golina_user).get(reverse("projects:rounds")).status_code == 200


def test_budget_table_starts_with_a_row_per_organisation_and_year_and_grows_on_request(
    open_card, golina_user, kleczew
):
    from zit.projects.services import card_partners_set

    card_partners_set(actor=golina_user, card=open_card, partners=[(kleczew, "")])
    client = _client(golina_user)
    page = client.get(reverse("projects:card_budget", args=[open_card.pk])).content.decode()
    assert 'name="wiersze-TOTAL_FORMS" value="6"' in page  # 2 organisations × 2 years, plus 2 empty rows
    data = {
        "total_pln": "1 000",
        "eligible_pln": "",
        "cofinancing_rate": "70%",
        "wiersze-TOTAL_FORMS": "6",
        "wiersze-INITIAL_FORMS": "4",
        "wiersze-0-organisation": str(open_card.beneficiary_id),
        "wiersze-0-year": "2026",
        "wiersze-0-total_pln": "1 000",
        "dodaj_wiersze": "1",
    }
    page = client.post(reverse("projects:card_budget", args=[open_card.pk]), data).content.decode()
    assert 'name="wiersze-TOTAL_FORMS" value="8"' in page and 'value="1 000"' in page
    open_card.refresh_from_db()
    assert open_card.total_pln is None  # nothing saved


def test_round_form_shows_every_problem_at_once(office, round_):
    page = (
        _client(office)
        .post(
            reverse("projects:round_new"),
            {"number": round_.number, "title": "X", "opens_on": "2026-05-01", "closes_on": "2026-04-01"},
        )
        .content.decode()
    )
    assert "Nabór o tym oznaczeniu już jest." in page
    assert "Koniec naboru nie może być wcześniejszy" in page
    assert "Wskaż co najmniej jedno działanie programu" in page
