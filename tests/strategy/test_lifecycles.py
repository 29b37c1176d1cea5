"""The strategy's lifecycles: each guard tried through the act and its Polish reason read; the buttons each role
is offered follow the lifecycle; no version is left where neither it nor another can move."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zit.core.models import AuditEvent
from zit.strategy import selectors
from zit.strategy.consultations import (
    comment_moderate,
    comment_submit,
    consultation_close_early,
    consultation_period_set,
    opinion_record,
)
from zit.strategy.items import item_save
from zit.strategy.models import Comment, Goal, ProcedureStep, StrategyVersion
from zit.strategy.procedure import procedure_start, procedure_step_save
from zit.strategy.services import strategy_create, version_create, version_delete, version_transition


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def strategy(funding_data, staff):
    return strategy_create(actor=staff, title="Strategia ZIT (test)", horizon=2030)


@pytest.fixture
def draft(strategy, staff):
    version = version_create(actor=staff, strategy=strategy, label="projekt")
    item_save(
        actor=staff, version=version, model=Goal, fields={"code": "C1", "title": "Cel", "dimension": "social"}
    )
    return version


def _today():
    return timezone.localdate()


def _running(version, staff, *, days_ago=5, days_left=40):
    version_transition(actor=staff, version=version, name="start_consultation")
    today = _today()
    consultation_period_set(
        actor=staff,
        version=version,
        opens=today - dt.timedelta(days=days_ago),
        closes=today + dt.timedelta(days=days_left),
    )
    return version


def _message(exc) -> str:
    return " ".join(exc.value.messages)


def _names(actions) -> set[str]:
    return {a.name for a in actions.allowed}


# --- the version


def test_a_second_version_cannot_go_to_consultation_and_the_page_says_why(draft, staff):
    _running(draft, staff)
    second = version_create(actor=staff, strategy=draft.strategy, label="druga")
    with pytest.raises(ValidationError) as exc:
        version_transition(actor=staff, version=second, name="start_consultation")
    assert "Wersja 1 jest już w konsultacjach" in _message(exc)
    refused = selectors.version_actions(user=staff, version=second).get("start_consultation")
    assert refused is not None and "Wersja 1 jest już w konsultacjach" in refused.refused


def test_no_dead_end_withdrawing_the_consultation_lets_the_draft_move(draft, staff, client):
    _running(draft, staff)
    comment_submit(version=draft, target_key="ogolna", text="Uwaga mieszkańca do całej strategii.")
    second = version_create(actor=staff, strategy=draft.strategy, label="druga")
    # back to the draft is refused: the consultation began and comments came in (and a draft exists)
    with pytest.raises(ValidationError) as exc:
        version_transition(actor=staff, version=draft, name="return_to_draft")
    assert "Konsultacje już się zaczęły albo wpłynęły uwagi" in _message(exc)
    # withdrawing needs a reason the public will read
    with pytest.raises(ValidationError) as exc:
        version_transition(actor=staff, version=draft, name="withdraw")
    assert "Podaj powód wycofania konsultacji" in _message(exc)
    version_transition(actor=staff, version=draft, name="withdraw", reason="Zmiana zakresu przedsięwzięć.")
    draft.refresh_from_db()
    assert draft.status == StrategyVersion.Status.WITHDRAWN
    assert draft.consultation_withdrawn_on == _today()
    event = AuditEvent.objects.filter(action="strategy.consultation_withdraw").get()
    assert event.reason == "Zmiana zakresu przedsięwzięć." and event.after["status"] == "withdrawn"
    assert Comment.objects.filter(version=draft).count() == 1  # comments stay on the record
    assert selectors.version_actions(user=staff, version=draft) == []  # a withdrawn version is history
    # now the draft can go to consultation
    assert selectors.version_actions(user=staff, version=second).can("start_consultation")
    version_transition(actor=staff, version=second, name="start_consultation")
    # the public page of the withdrawn version says so and why
    page = client.get(reverse("portal:strategy") + "?wersja=1").content.decode()
    assert "Konsultacje tej wersji wycofano" in page and "Zmiana zakresu przedsięwzięć." in page


def test_returning_to_the_draft_before_the_consultation_begins(draft, staff):
    version_transition(actor=staff, version=draft, name="start_consultation")
    version_transition(actor=staff, version=draft, name="return_to_draft")
    draft.refresh_from_db()
    assert draft.status == StrategyVersion.Status.DRAFT


def test_return_to_draft_refused_while_another_draft_exists(draft, staff):
    version_transition(actor=staff, version=draft, name="start_consultation")
    version_create(actor=staff, strategy=draft.strategy, label="druga")
    with pytest.raises(ValidationError) as exc:
        version_transition(actor=staff, version=draft, name="return_to_draft")
    assert "Strategia ma już wersję roboczą nr 2" in _message(exc)


def test_delete_a_draft_with_a_reason_audited(draft, staff):
    with pytest.raises(ValidationError) as exc:
        version_delete(actor=staff, version=draft)
    assert "Podaj powód usunięcia wersji" in _message(exc)
    pk = draft.pk
    version_delete(actor=staff, version=draft, reason="Utworzona przez pomyłkę.")
    assert not StrategyVersion.objects.filter(pk=pk).exists() and not Goal.objects.exists()
    event = AuditEvent.objects.get(action="strategy.version_delete")
    assert event.reason == "Utworzona przez pomyłkę." and event.before["label"] == "projekt"
    assert event.before["items"]["goal"] == 1


def test_delete_only_a_draft_and_only_when_nothing_depends_on_it(draft, staff):
    opinion_record(
        actor=staff,
        version=draft,
        target_key="ogolna",
        organisation="Wody Polskie (test)",
        source="pismo z 2024-08-01",
        text="Opinia do projektu strategii.",
    )
    with pytest.raises(ValidationError) as exc:
        version_delete(actor=staff, version=draft, reason="Niepotrzebna.")
    assert "Tej wersji nie można usunąć: ma uwagi lub opinie (1)." in _message(exc)
    refused = selectors.version_actions(user=staff, version=draft).get("delete")
    assert "ma uwagi lub opinie (1)" in refused.refused
    Comment.objects.filter(version=draft).delete()
    _running(draft, staff)
    with pytest.raises(ValidationError) as exc:
        version_delete(actor=staff, version=draft, reason="Niepotrzebna.")
    assert "gdy stan to „w konsultacjach”" in _message(exc)


def test_delete_refused_when_another_version_is_based_on_it(draft, staff):
    version_transition(actor=staff, version=draft, name="start_consultation")
    version_transition(actor=staff, version=draft, name="withdraw", reason="Zmiana planów.")
    second = version_create(actor=staff, strategy=draft.strategy, label="druga", based_on=draft)
    assert selectors.version_actions(user=staff, version=second).can("delete")
    # a draft another version was copied from (data from before versions were withdrawn, say)
    StrategyVersion.objects.filter(pk=draft.pk).update(status=StrategyVersion.Status.DRAFT)
    draft.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        version_delete(actor=staff, version=draft, reason="Niepotrzebna.")
    assert "na jej podstawie utworzono wersję nr 2" in _message(exc)


def test_adoption_guards(draft, staff):
    _running(draft, staff)
    with pytest.raises(ValidationError) as exc:
        version_transition(actor=staff, version=draft, name="adopt")
    assert "Konsultacje trwają do" in _message(exc)


def test_only_the_office_moves_a_version(draft, user_for_role):
    board = user_for_role("board_member")
    assert selectors.version_actions(user=board, version=draft) == []
    with pytest.raises(PermissionDenied):
        version_transition(actor=board, version=draft, name="start_consultation")


def test_buttons_follow_the_lifecycle(draft, staff):
    assert _names(selectors.version_actions(user=staff, version=draft)) == {"start_consultation", "delete"}
    _running(draft, staff)
    actions = selectors.version_actions(user=staff, version=draft)
    assert {"withdraw", "close_early"} <= _names(actions) and "delete" not in _names(actions)
    assert not actions.can("return_to_draft")  # refused, with its reason on the page
    assert "adopt" in {a.name for a in actions.refused}


# --- the consultation


def test_close_early_needs_a_reason_and_confirms_a_short_consultation(draft, staff, client):
    _running(draft, staff, days_ago=5, days_left=40)
    planned = draft.consultation_closes
    comment_submit(version=draft, target_key="ogolna", text="Uwaga mieszkańca do całej strategii.")
    with pytest.raises(ValidationError) as exc:
        consultation_close_early(actor=staff, version=draft, reason="")
    assert "Podaj powód wcześniejszego zakończenia konsultacji" in _message(exc)
    with pytest.raises(ValidationError) as exc:
        consultation_close_early(actor=staff, version=draft, reason="Termin Rady.")
    assert (
        "Od ogłoszenia konsultacji minęło 5 dni, a konsultacje trwają co najmniej 35 dni od dnia ogłoszenia."
        in _message(exc)
    )
    consultation_close_early(actor=staff, version=draft, reason="Termin Rady.", confirmed=True)
    draft.refresh_from_db()
    assert draft.consultation_closes == _today() and draft.consultation_planned_closes == planned
    assert draft.consultation_state == StrategyVersion.ConsultationState.CLOSED
    event = AuditEvent.objects.get(action="strategy.consultation_close_early")
    assert event.reason == "Termin Rady." and event.before["state"] == "running"
    with pytest.raises(ValidationError) as exc:  # the form is gone
        comment_submit(version=draft, target_key="ogolna", text="Spóźniona uwaga do strategii.")
    assert "Konsultacje tej wersji nie trwają" in _message(exc)
    page = client.get(reverse("portal:strategy")).content.decode()
    assert "Konsultacje zakończono wcześniej" in page and "Termin Rady." in page
    assert 'id="uwagi"' not in page


def test_the_end_of_a_consultation_with_comments_is_not_moved_into_the_past(draft, staff):
    _running(draft, staff, days_ago=40, days_left=3)
    today = _today()
    # without comments the period may still be corrected
    consultation_period_set(
        actor=staff, version=draft, opens=today - dt.timedelta(days=40), closes=today + dt.timedelta(days=2)
    )
    comment_submit(version=draft, target_key="ogolna", text="Uwaga mieszkańca do całej strategii.")
    with pytest.raises(ValidationError) as exc:
        consultation_period_set(
            actor=staff,
            version=draft,
            opens=today - dt.timedelta(days=40),
            closes=today - dt.timedelta(days=1),
        )
    message = exc.value.message_dict["closes"][0]
    assert "Do tych konsultacji wpłynęły już uwagi" in message and "Zakończ konsultacje wcześniej" in message
    # nor through the consultation step of the procedure
    procedure_start(actor=staff, version=draft)
    step = ProcedureStep.objects.get(version=draft, kind="consultation")
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(actor=staff, version=draft, step=step, completed_on=today - dt.timedelta(days=1))
    assert "Do tych konsultacji wpłynęły już uwagi" in exc.value.message_dict["completed_on"][0]
    # moving it later is fine
    consultation_period_set(
        actor=staff, version=draft, opens=today - dt.timedelta(days=40), closes=today + dt.timedelta(days=9)
    )


def test_a_consultation_closed_early_keeps_its_period(draft, staff):
    _running(draft, staff, days_ago=40, days_left=3)
    consultation_close_early(actor=staff, version=draft, reason="Termin Rady.")
    today = _today()
    with pytest.raises(ValidationError) as exc:
        consultation_period_set(
            actor=staff,
            version=draft,
            opens=today - dt.timedelta(days=40),
            closes=today + dt.timedelta(days=9),
        )
    assert "Konsultacje zakończono wcześniej" in exc.value.message_dict["closes"][0]


# --- comments and procedure steps


def test_comment_moderation_follows_its_lifecycle(draft, staff):
    _running(draft, staff)
    comment = comment_submit(version=draft, target_key="ogolna", text="Uwaga mieszkańca do całej strategii.")
    with pytest.raises(ValidationError) as exc:
        comment_moderate(actor=staff, comment=comment, publish=False, note="")
    assert "Podaj powód odrzucenia" in exc.value.message_dict["moderation_note"][0]
    comment_moderate(actor=staff, comment=comment, publish=True)
    assert comment.status == Comment.Status.PUBLISHED
    with pytest.raises(ValidationError) as exc:
        comment_moderate(actor=staff, comment=comment, publish=False, note="spam")
    assert "gdy stan to „opublikowana”" in _message(exc)
    assert AuditEvent.objects.filter(action="strategy.comment_moderate").count() == 1


def test_a_resolution_step_is_done_only_with_its_resolution(draft, staff):
    procedure_start(actor=staff, version=draft)
    adoption = ProcedureStep.objects.get(version=draft, kind="adoption")
    assert adoption.state == ProcedureStep.State.PLANNED
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(actor=staff, version=draft, step=adoption, completed_on=_today())
    assert exc.value.message_dict["decision"] == ["Ten krok kończy uchwała: podaj jej numer i datę."]
    with pytest.raises(ValidationError) as exc:
        procedure_step_save(
            actor=staff, version=draft, step=adoption, completed_on=_today() + dt.timedelta(days=1)
        )
    assert "nie może być z przyszłości" in exc.value.message_dict["completed_on"][0]
