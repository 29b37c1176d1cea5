"""The IZ's calendar pages: the office imports a schedule version (errors name file, row and column, what was
typed stays), sees it beside the listed cards with its changes and contradictions; the card's panel shows the
member officer their card's call and deadline; the office records the individual call and the IZ's steps."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories.accounts import UserFactory
from factories.projects import CallFactory, ProjectCardFactory, zit_measure

from zit.projects.models import IndividualCall, IzAssessment, ProjectCard, ScheduleVersion

S = ProjectCard.State


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(db):
    return UserFactory(roles=[("office_staff", None)])


def test_the_office_types_a_version_and_sees_it_beside_the_listed_cards(office, funding_data):
    card = ProjectCardFactory(state=S.LISTED_MAIN)
    m = zit_measure().number
    CallFactory(number="FEWP.03.02-IZ.00-001/31", measure=card.measure, opens_on=dt.date(2031, 4, 1))
    client = _client(office)
    lines = f"numer naboru;nazwa;działanie;tryb;początek;koniec;kwota\nFEWP.03.02-IZ.00-001/31;Mobilność;{m};niekonkurencyjny;2031-05-01;2031-06-30;1 000 000"
    response = client.post(
        reverse("projects:schedule_new"),
        {"published_on": "2031-01-15", "source": "https://iz.example/h", "lines": lines},
        follow=True,
    )
    page = response.content.decode()
    assert "sprzecznych z zapisanymi naborami 1" in page
    assert "sprzeczny z zapisanym naborem" in page and card.number in page
    assert ScheduleVersion.objects.get().source == "https://iz.example/h"


def test_a_bad_file_names_file_row_and_column_and_keeps_what_was_typed(office, funding_data):
    client = _client(office)
    upload = SimpleUploadedFile(
        "harmonogram.csv", "numer;działanie;tryb;początek;koniec\nA;3.2;zły;2031-01-01;2031-02-01\n".encode()
    )
    page = client.post(
        reverse("projects:schedule_new"),
        {"published_on": "2031-01-15", "source": "DPR.1.2031", "file": upload},
    ).content.decode()
    assert '<td>harmonogram.csv</td><td class="num">2</td><td>tryb</td>' in page
    assert 'value="DPR.1.2031"' in page
    assert not ScheduleVersion.objects.exists()
    page = client.post(
        reverse("projects:schedule_new"), {"published_on": "2031-01-15", "source": "x"}
    ).content.decode()
    assert "Wybierz plik albo wpisz nabory" in page


def test_member_officers_do_not_open_the_schedule_but_see_their_card_s_call(funding_data):
    card = ProjectCardFactory(state=S.LISTED_MAIN)
    today = timezone.localdate()
    call = CallFactory(
        measure=card.measure, opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=10)
    )
    officer = _client(UserFactory(roles=[("member_officer", card.beneficiary)]))
    assert officer.get(reverse("projects:schedule")).status_code == 403
    assert officer.get(reverse("projects:schedule_new")).status_code == 403
    assert officer.get(reverse("projects:card_individual_call", args=[card.pk])).status_code == 403
    page = officer.get(reverse("projects:card", args=[card.pk])).content.decode()
    assert f"Nabór {call.number} trwa do" in page and "zamyka się za 10 dni, a wniosku nie złożono" in page
    assert "Zapisz wezwanie IZ" not in page
    other = _client(UserFactory(roles=[("member_officer", ProjectCardFactory().beneficiary)]))
    assert other.get(reverse("projects:card", args=[card.pk])).status_code == 404


def test_the_office_records_an_individual_call_and_an_iz_step_on_the_card(office, funding_data):
    card = ProjectCardFactory(state=S.LISTED_MAIN)
    client = _client(office)
    today = timezone.localdate()
    url = reverse("projects:card_individual_call", args=[card.pk])
    response = client.post(
        url,
        {
            "sent_on": today.isoformat(),
            "reference": "DPR.7",
            "deadline": (today + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 303 and IndividualCall.objects.get().reference == "DPR.7"
    page = client.get(reverse("projects:card", args=[card.pk])).content.decode()
    assert "Pismo DPR.7" in page
    call = CallFactory(measure=card.measure)
    ProjectCard.objects.filter(pk=card.pk).update(
        state=S.APPLICATION_FILED, call=call, application_number="W-1"
    )
    page = client.get(reverse("projects:card", args=[card.pk])).content.decode()
    assert reverse("projects:card_iz_step", args=[card.pk, "assess"]) in page
    response = client.post(
        reverse("projects:card_iz_step", args=[card.pk, "assess"]),
        {"on": today.isoformat(), "reference": "DPR.8"},
    )
    assert response.status_code == 303
    assert IzAssessment.objects.get(card=card).state == IzAssessment.State.ASSESSMENT
    assert client.get(reverse("projects:card_iz_step", args=[card.pk, "protest"])).status_code == 403


def test_an_outcome_recorded_on_the_card_ends_the_assessment_s_buttons(office, funding_data):
    call = CallFactory()
    card = ProjectCardFactory(state=S.SELECTED, call=call, measure=call.measure, application_number="W-2")
    IzAssessment.objects.create(card=card, call=call)
    page = _client(office).get(reverse("projects:card", args=[card.pk])).content.decode()
    assert "bez dalszych kroków oceny w IZ" in page
    assert reverse("projects:card_iz_step", args=[card.pk, "assess"]) not in page
