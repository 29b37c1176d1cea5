"""The pipeline's lifecycles: the round's scoring rules fixed once it is announced and reopened only with a
reason told to every applicant; reports, opinions and list versions fired through their tables; tables that
save all rows or none."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.projects import lists
from zit.projects.lifecycles import CALL, LIST, ROUND_RULES
from zit.projects.models import Call, CardTransition, ProjectCard, Round
from zit.projects.services import round_save

from .conftest import TODAY, complete

BEFORE_OPENING = dt.date(2026, 2, 1)
FIXED = "zasady oceny (czy jest ocena punktowa, kryteria, wagi, próg) są ustalone"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_scoring_rules_are_free_before_the_round_is_announced(round_, office, measure):
    assert round_.rules_state(BEFORE_OPENING) == Round.Rules.PREPARING
    round_save(actor=office, round=round_, measures=[measure], scoring=True, today=BEFORE_OPENING)
    round_.refresh_from_db()
    assert round_.scoring


def test_switching_scoring_after_the_opening_date_is_refused_with_the_reason(round_, office, measure):
    assert ROUND_RULES.state_of(round_) == Round.Rules.FIXED  # opened on 1 March 2026
    with pytest.raises(ValidationError) as exc:
        round_save(actor=office, round=round_, measures=[measure], scoring=True)
    assert FIXED in exc.value.message_dict["scoring"][0]
    assert "ponownym otwarciu oceny przez biuro" in exc.value.message_dict["scoring"][0]
    round_.refresh_from_db()
    assert not round_.scoring


def test_a_submitted_card_announces_a_round_before_its_opening_date(card, office, measure):
    round_ = card.round
    assert round_.rules_state(BEFORE_OPENING) == Round.Rules.PREPARING
    CardTransition.objects.create(card=card, name="submit", from_state="draft", to_state="submitted")
    assert round_.rules_state(BEFORE_OPENING) == Round.Rules.FIXED
    with pytest.raises(ValidationError, match="jest ogłoszony"):
        round_save(actor=office, round=round_, measures=[measure], scoring=True, today=BEFORE_OPENING)


def test_reopening_is_audited_tells_every_applicant_and_sends_scored_cards_back(
    card, office, measure, golina_user, django_capture_on_commit_callbacks
):
    ProjectCard.objects.filter(pk=card.pk).update(state=ProjectCard.State.SCORED)
    golina_user.email = "wnioski@golina.example"
    golina_user.save(update_fields=["email"])
    round_ = card.round
    with pytest.raises(ValidationError) as exc:
        ROUND_RULES.fire(actor=office, obj=round_, name="reopen", reason="")
    assert "zobaczą go wszyscy wnioskodawcy" in str(exc.value)

    from zit.assessment.services import round_rules_reopen

    with pytest.raises(ValidationError, match="Podaj powód"):
        round_rules_reopen(actor=office, round=round_, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        round_rules_reopen(actor=office, round=round_, reason="Dodajemy kryterium gotowości.")
    round_.refresh_from_db()
    card.refresh_from_db()
    assert round_.rules_state() == Round.Rules.REOPENED
    assert card.state == ProjectCard.State.ACCEPTED
    event = AuditEvent.objects.get(action="projects.round_rules_reopen")
    assert event.reason == "Dodajemy kryterium gotowości."
    assert event.after["cards_back_to_scoring"] == [card.number]
    assert [m.to for m in mail.outbox] == [[golina_user.email]]
    assert "Dodajemy kryterium gotowości." in mail.outbox[0].body
    # the next change is allowed and fixes the rules again
    round_save(actor=office, round=round_, measures=[measure], scoring=True)
    round_.refresh_from_db()
    assert round_.scoring and round_.rules_state() == Round.Rules.FIXED
    assert AuditEvent.objects.filter(action="projects.round_rules_fix").exists()


def test_reopening_is_refused_once_a_card_of_the_round_is_listed(card, office):
    ProjectCard.objects.filter(pk=card.pk).update(state=ProjectCard.State.LISTED_MAIN)
    actions = ROUND_RULES.actions(office, card.round)
    assert "są już na liście projektów strategicznych" in actions.get("reopen").refused
    from zit.assessment.services import round_rules_reopen

    with pytest.raises(ValidationError, match="są już na liście projektów strategicznych"):
        round_rules_reopen(actor=office, round=card.round, reason="Zmiana")


def test_the_reopen_page_says_what_it_undoes_before_the_office_confirms(card, office):
    ProjectCard.objects.filter(pk=card.pk).update(state=ProjectCard.State.SCORED)
    page = _client(office).get(reverse("assessment:rules_reopen", args=[card.round_id])).content.decode()
    assert "Fiszki już ocenione wracają do stanu" in page and card.number in page
    assert "Wszyscy wnioskodawcy naboru dostaną wiadomość" in page


def test_a_call_takes_its_state_from_its_dates(measure):
    call = Call(measure=measure, number="X", opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1))
    assert call.state_on(dt.date(2025, 12, 31)) == Call.State.ANNOUNCED
    assert call.state_on(dt.date(2026, 1, 15)) == Call.State.OPEN
    assert call.state_on(dt.date(2026, 2, 2)) == Call.State.CLOSED
    assert CALL.derive is not None and not CALL.transitions


def test_an_empty_list_cannot_be_approved_and_says_why(office, funding_demo, strategy):
    from support.list_approval import register_resolution

    from zit.funding.selectors import agreement_current

    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=TODAY)
    assert LIST.actions(office, version).get("approve").refused == (
        "Lista jest pusta: dodaj projekty przed zatwierdzeniem."
    )
    decision = register_resolution(version, on=TODAY).decision
    with pytest.raises(ValidationError, match="Lista jest pusta"):
        lists.list_version_approve(actor=office, version=version, decision=decision)


def test_the_card_budget_saves_all_rows_or_none_and_keeps_what_was_typed(card, golina_user, strategy):
    client = _client(golina_user)
    url = reverse("projects:card_budget", args=[card.pk])
    data = {
        "total_pln": "1000000",
        "eligible_pln": "800000",
        "cofinancing_rate": "70%",
        "wiersze-TOTAL_FORMS": "2",
        "wiersze-INITIAL_FORMS": "0",
        "wiersze-0-organisation": str(card.beneficiary_id),
        "wiersze-0-year": "2026",
        "wiersze-0-total_pln": "400000",
        "wiersze-0-eligible_pln": "300000",
        "wiersze-0-eu_pln": "210000",
        "wiersze-1-organisation": str(card.beneficiary_id),
        "wiersze-1-year": "2027",
        "wiersze-1-total_pln": "600000",
        "wiersze-1-eligible_pln": "700000",  # more than the row's value
        "wiersze-1-eu_pln": "350000",
    }
    page = client.post(url, data).content.decode()
    card.refresh_from_db()
    assert card.total_pln is None and not card.budget_lines.exists()  # nothing saved
    assert "Nic nie zapisano" in page or "Tabela budżetu się nie zgadza" in page
    assert "Wiersz 2" in page and "kwalifikowalne wyższe niż wartość" in page
    assert 'value="700000' in page or 'value="700 000' in page  # the typed value kept
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["lines"].total_form_count() == 4
    assert "Nic jeszcze nie zapisano" in added.content.decode()
    card.refresh_from_db()
    assert card.total_pln is None


def test_round_questions_save_all_or_none(round_, office):
    client = _client(office)
    url = reverse("projects:round_questions", args=[round_.pk])
    data = {
        "pytania-TOTAL_FORMS": "3",
        "pytania-INITIAL_FORMS": "0",
        "pytania-0-text": "Czy jest dokumentacja?",
        "pytania-0-required": "on",
        "pytania-1-text": "x" * 301,  # too long
        "pytania-2-text": "Czy są pozwolenia?",
    }
    page = client.post(url, data).content.decode()
    assert not round_.questions.exists()
    assert "Czy są pozwolenia?" in page and "Wiersz 2" in page
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["rows"].total_form_count() == 5 and not round_.questions.exists()


def test_a_card_completed_here_still_submits(card, golina_user, strategy):
    card = complete(card, golina_user, strategy)
    assert card.budget_lines.count() == 2
    assert Decimal(card.eu_pln) == Decimal("560000.00")


def test_card_indicators_save_all_or_none(card, golina_user, funding_demo):
    from zit.funding.models import Indicator

    code = Indicator.objects.get(code="RCO58")
    client = _client(golina_user)
    url = reverse("projects:card_indicators", args=[card.pk])
    data = {
        "wskazniki-TOTAL_FORMS": "2",
        "wskazniki-INITIAL_FORMS": "0",
        "wskazniki-0-indicator": str(code.pk),
        "wskazniki-0-target_value": "4,5",
        "wskazniki-0-target_year": "2027",
        "wskazniki-1-indicator": str(code.pk),
        "wskazniki-1-target_value": "2",
        "wskazniki-1-target_year": "1990",  # before the programme
    }
    page = client.post(url, data).content.decode()
    assert not card.indicators.exists()
    assert "Wiersz 2" in page and 'value="4,5"' in page
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["rows"].total_form_count() == 4 and not card.indicators.exists()


def test_social_clauses_save_all_or_none(card, golina_user):
    client = _client(golina_user)
    url = reverse("projects:card_social", args=[card.pk])
    data = {
        "klauzule-TOTAL_FORMS": "2",
        "klauzule-INITIAL_FORMS": "0",
        "klauzule-0-kind": "reserved",
        "klauzule-0-subject": "Utrzymanie zieleni",
        "klauzule-0-estimated_pln": "120000",
        "klauzule-0-planned_year": "2026",
        "klauzule-0-planned_quarter": "3",
        "klauzule-1-kind": "employment",
        "klauzule-1-subject": "Sprzątanie",
        "klauzule-1-estimated_pln": "abc",
        "klauzule-1-planned_year": "2027",
        "klauzule-1-planned_quarter": "1",
    }
    page = client.post(url, data).content.decode()
    assert not card.social_clauses.exists()
    assert "Wiersz 2" in page and "Utrzymanie zieleni" in page
    added = client.post(url, {**data, "dodaj_wiersze": "1"})
    assert added.context["rows"].total_form_count() == 4 and not card.social_clauses.exists()


def test_only_the_office_is_offered_the_reopening_and_the_approval(
    round_, office, golina_user, user_for_role, funding_demo, strategy
):
    from zit.funding.selectors import agreement_current

    assessor, board = user_for_role("assessor"), user_for_role("board_member")
    assert [a.name for a in ROUND_RULES.actions(office, round_)] == ["reopen"]
    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=TODAY)
    assert [a.name for a in LIST.actions(office, version)] == ["approve"]
    for other in (golina_user, assessor, board):
        assert not ROUND_RULES.actions(other, round_)
        assert not LIST.actions(other, version)
    assert not ROUND_RULES.actions(office, Round(opens_on=dt.date(2099, 1, 1), closes_on=dt.date(2099, 2, 1)))
