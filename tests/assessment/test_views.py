"""The pages: the declaration gate by URL, guessing URLs, the office's editors, scoring and the export."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zit.accounts.services import role_assign
from zit.assessment import services
from zit.assessment.models import Assignment, Criterion
from zit.core.models import AuditEvent

from .conftest import assess, client_for


@pytest.fixture
def assigned(card, criteria, office, assessor):
    """The card assigned to an assessor who has not signed the declaration yet."""
    return services.assignment_add(actor=office, card=card, assessor=assessor)


def test_no_card_data_reaches_the_page_before_the_declaration(assigned, assessor, card):
    client = client_for(assessor)
    page = client.get(reverse("assessment:mine")).content.decode()
    assert (
        "Podpisz oświadczenie o bezstronności" in page and card.title not in page and card.number not in page
    )
    response = client.get(reverse("assessment:score", args=[assigned.pk]))
    assert response.status_code == 302
    assert response.url == reverse("assessment:declaration", args=[card.round_id])
    page = client.get(response.url).content.decode()
    assert card.title not in page and "Treść oświadczenia" in page
    # the card's own page is the applicant's and the office's
    assert client.get(reverse("projects:card", args=[card.pk])).status_code in (403, 404)

    page = client.post(response.url, {}).content.decode()
    assert "Zaznacz, że składasz to oświadczenie." in page and "Popraw błędy w formularzu" in page
    assert client.post(response.url, {"confirm": "on"}).status_code == 302
    page = client.get(reverse("assessment:score", args=[assigned.pk])).content.decode()
    assert card.title in page and "Droga dla rowerów" not in page and card.summary in page
    assert "Gmina Golina" in page and "Twoja ocena" in page


def test_guessing_urls_gives_nothing_away(assigned, card, make_assessor, user_for_role, golina, round_):
    other = make_assessor()  # declared for the round, not assigned to this card
    assert client_for(other).get(reverse("assessment:score", args=[assigned.pk])).status_code == 404
    officer = client_for(user_for_role("member_officer", organisation=golina))
    for path in (
        reverse("assessment:mine"),
        reverse("assessment:score", args=[assigned.pk]),
        reverse("assessment:declaration", args=[round_.pk]),
        reverse("assessment:criteria", args=[round_.pk]),
        reverse("assessment:assignments", args=[round_.pk]),
        reverse("assessment:ranking", args=[round_.pk]),
        reverse("assessment:ranking_xlsx", args=[round_.pk]),
    ):
        assert officer.get(path).status_code == 403, path
    for path in ("kryteria/", "przydzialy/", "ranking/", "ranking.xlsx"):
        assert client_for(other).get(f"/biuro/ocena/nabory/{round_.pk}/{path}").status_code == 403, path
    for path in ("zamkniecie/", "przydzialy/"):
        assert client_for(other).post(f"/biuro/ocena/nabory/{round_.pk}/{path}").status_code == 403, path
    assert (
        client_for(other).post(reverse("assessment:assignment_remove", args=[assigned.pk])).status_code == 403
    )
    assert Assignment.objects.filter(pk=assigned.pk).exists()


def test_pages_of_a_round_without_scoring_are_not_found(round_, office, assessor):
    type(round_).objects.filter(pk=round_.pk).update(scoring=False)
    assert client_for(office).get(reverse("assessment:criteria", args=[round_.pk])).status_code == 404
    assert client_for(assessor).get(reverse("assessment:declaration", args=[round_.pk])).status_code == 404


def test_the_office_writes_the_criteria_in_a_formset(round_, office):
    type(round_).objects.filter(pk=round_.pk).update(rules_reopened_at=timezone.now())  # reopened to set them
    client = client_for(office)
    url = reverse("assessment:criteria", args=[round_.pk])
    assert "Kryterium 2" in client.get(url).content.decode()
    data = {
        "pass_threshold": "12,5",
        "third_share": "30%",
        "kryteria-TOTAL_FORMS": "3",
        "kryteria-INITIAL_FORMS": "0",
        "kryteria-0-name": "Zgodność ze strategią",
        "kryteria-0-kind": "yes_no",
        "kryteria-1-name": "Wpływ",
        "kryteria-1-kind": "scored",
        "kryteria-1-weight": "1,5",
        "kryteria-1-max_score": "10",
        "kryteria-1-min_score": "11",
        "kryteria-1-tie_break_order": "1",
    }
    page = client.post(url, data).content.decode()
    assert (
        "Popraw błędy w formularzu" in page
        and "minimum (11 pkt) nie może być wyższe niż maksimum (10 pkt)" in page
    )
    data["kryteria-1-min_score"] = "4"
    assert client.post(url, data).status_code == 303  # See Other: the form flow redirects after a save
    assert [(c.name, c.kind, c.weight) for c in Criterion.objects.all()] == [
        ("Zgodność ze strategią", "yes_no", None),
        ("Wpływ", "scored", 1.5),
    ]


def test_the_office_assigns_and_sees_why_a_tied_assessor_is_excluded(
    card, criteria, office, make_assessor, golina, round_
):
    tied = make_assessor(organisation_role=golina)
    free = make_assessor()
    client = client_for(office)
    url = reverse("assessment:assignments", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "ma rolę w organizacji Gmina Golina" in page and "za mało oceniających" in page
    page = client.post(url, {"card": card.pk, "assessor": tied.pk}, follow=True).content.decode()
    assert "nie może oceniać fiszki 1/2026/001: ma rolę w organizacji Gmina Golina" in page
    client.post(url, {"card": card.pk, "assessor": free.pk})
    assert list(Assignment.objects.values_list("assessor_id", flat=True)) == [free.pk]


def test_an_assessor_scores_on_the_page(card, criteria, office, make_assessor):
    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    client = client_for(assessor)
    url = reverse("assessment:score", args=[assignment.pk])
    data = {f"value_{c.pk}": v for c, v in zip(criteria, ("1", "0", "7", "5"), strict=True)}
    assert client.post(url, {**data, "draft": "1"}).status_code == 303
    page = client.post(url, {**data, "submit": "1"}).content.decode()
    assert "Uzasadnij ocenę „nie”: odrzuca ona fiszkę." in page and "Popraw błędy w formularzu" in page
    data |= {f"justification_{c.pk}": "Tak wynika z fiszki." for c in criteria}
    assert client.post(url, {**data, "submit": "1"}).status_code == 303
    assignment.refresh_from_db()
    assert assignment.submitted
    page = client.get(url).content.decode()
    assert "suma ważona 31" in page and '<form method="post" class="stacked"' not in page


def test_ranking_page_explains_the_rule_and_exports_xlsx(card, criteria, office, make_assessor, round_):
    for _ in range(2):
        assess(
            services.assignment_add(actor=office, card=card, assessor=make_assessor()), criteria, 1, 1, 8, 8
        )
    client = client_for(office)
    page = client.get(reverse("assessment:ranking", args=[round_.pk])).content.decode()
    assert "średnia dwóch najbliższych sobie sum" in page and "niższe wnioskowane dofinansowanie UE" in page
    assert "wyższa średnia w kryterium „Wpływ na mobilność”" in page and "Zamknij ocenę" in page
    response = client.get(reverse("assessment:ranking_xlsx", args=[round_.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value == "Miejsce" and sheet["F3"].value == "Wynik końcowy"
    assert [sheet["A4"].value, sheet["B4"].value, sheet["E4"].value, sheet["F4"].value] == [
        1,
        card.number,
        "pozytywna",
        40,
    ]
    assert client.post(reverse("assessment:close", args=[round_.pk])).status_code == 302
    card.refresh_from_db()
    assert card.state == "scored"


def test_the_assessors_dashboard_links_to_their_assessments(assessor):
    page = client_for(assessor).get(reverse("accounts:dashboard")).content.decode()
    assert "Ocena projektów" in page and 'href="/biuro/ocena/"' in page


def test_demo_scoring_loads_once(strategy_loaded):
    from zit.accounts.models import User
    from zit.assessment.demo import load_assessment_demo
    from zit.assessment.models import CriteriaSet
    from zit.projects.demo import load_project_demo

    load_project_demo()
    assert load_assessment_demo() == 2  # the round's accepted card, to both demo assessors
    assert load_assessment_demo() == 0
    criteria_set = CriteriaSet.objects.get(round__number="1/2025")
    assert criteria_set.is_demo and criteria_set.round.scoring and criteria_set.closed_at
    assert [c.kind for c in criteria_set.criteria.all()] == ["yes_no"] * 2 + ["scored"] * 3
    assessor = User.objects.get(username="oceniajacy")
    assignment = Assignment.objects.get(assessor=assessor)
    assert assignment.is_demo and assignment.submitted_at
    assert assessor.impartiality_declarations.get().is_demo
    assert assignment.card.state == "scored"  # both scored it and the office closed the round


@pytest.fixture
def strategy_loaded(funding_demo):
    from zit.strategy.reference import load_strategy

    return load_strategy()


def test_a_late_tie_hides_the_card_from_the_assessor_and_flags_it_for_the_office(
    card, criteria, office, make_assessor, golina, round_, django_capture_on_commit_callbacks
):
    office.email = "biuro@zit.invalid"
    office.save(update_fields=["email"])
    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    client = client_for(assessor)
    url = reverse("assessment:score", args=[assignment.pk])
    assert card.summary in client.get(url).content.decode()
    role_assign(actor=None, user=assessor, role="member_officer", organisation=golina)

    with django_capture_on_commit_callbacks(execute=True):
        for _visit in range(2):
            page = client.get(url).content.decode()
            assert "Nie możesz oceniać tej fiszki" in page and "masz rolę w organizacji Gmina Golina" in page
            assert card.title not in page and card.summary not in page
            assert '<form method="post" class="stacked"' not in page
        data = {f"value_{c.pk}": "1" for c in criteria} | {f"justification_{c.pk}": "Tak." for c in criteria}
        page = client.post(url, {**data, "submit": "1"}).content.decode()
        assert "Nie możesz oceniać tej fiszki" in page
    assignment.refresh_from_db()
    assert not assignment.submitted and not assignment.scores.exists()
    assert AuditEvent.objects.filter(action="assessment.conflict_detected").count() == 1
    assert len(mail.outbox) == 1

    mine = client.get(reverse("assessment:mine")).content.decode()
    assert card.title not in mine and "wstrzymana: powiązanie" in mine

    page = client_for(office).get(reverse("assessment:assignments", args=[round_.pk])).content.decode()
    assert "Ocena wstrzymana: ma rolę w organizacji Gmina Golina" in page
    assert "usuń ten przydział i przydziel fiszkę innemu oceniającemu" in page
    services.assignment_add(actor=office, card=card, assessor=make_assessor())  # two assigned, one stopped
    page = client_for(office).get(reverse("assessment:assignments", args=[round_.pk])).content.decode()
    assert "niekompletny: usuń wstrzymany przydział" in page and ">komplet<" not in page


def test_criteria_save_all_or_none_and_adding_rows_keeps_them(round_, office):
    from zit.assessment.models import CriteriaSet

    type(round_).objects.filter(pk=round_.pk).update(rules_reopened_at=timezone.now())
    client = client_for(office)
    url = reverse("assessment:criteria", args=[round_.pk])
    data = {
        "pass_threshold": "10",
        "third_share": "30%",
        "kryteria-TOTAL_FORMS": "3",
        "kryteria-INITIAL_FORMS": "0",
        "kryteria-0-name": "Zgodność ze strategią",
        "kryteria-0-kind": "yes_no",
        "kryteria-1-name": "Wpływ na mobilność",
        "kryteria-1-kind": "scored",
        "kryteria-1-weight": "3",
        "kryteria-1-max_score": "10",
        "kryteria-2-name": "Partnerstwo",
        "kryteria-2-kind": "scored",
        "kryteria-2-max_score": "10",  # no weight
    }
    page = client.post(url, data).content.decode()
    assert not CriteriaSet.objects.filter(round=round_).exists()  # nothing saved
    assert "Kryterium 3 („Partnerstwo”): podaj wagę większą od zera." in page
    assert 'id="criterion-3"' in page and "Wpływ na mobilność" in page  # every value kept
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["rows"].total_form_count() == 5
    assert "Nic jeszcze nie zapisano" in added.content.decode()
    assert not CriteriaSet.objects.filter(round=round_).exists()


def test_a_wrong_score_among_many_saves_none_of_them(card, criteria, office, make_assessor):
    from zit.assessment.models import Score

    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    client = client_for(assessor)
    url = reverse("assessment:score", args=[assignment.pk])
    data = {f"value_{c.pk}": v for c, v in zip(criteria, ("1", "1", "7", "11"), strict=True)}  # 11 > 10
    data |= {f"justification_{c.pk}": f"Uzasadnienie {i}" for i, c in enumerate(criteria)}
    page = client.post(url, {**data, "draft": "1"}).content.decode()
    assert not Score.objects.filter(assignment=assignment).exists()
    assert "Uzasadnienie 2" in page and 'value="7"' in page  # kept
    assert "10" in page
