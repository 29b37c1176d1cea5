"""The IZ's assessment of an application as a lifecycle: each step with its date and the IZ's reference,
corrections and negotiations back to assessment, the IZ's request for a new opinion recorded on the card,
selection moving the card, a non-competitive rejection final at once, a competitive one only after the
protest (art. 63–64 of the act of 28 April 2022) or without one."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.lifecycle import lifecycle_for
from zit.projects import calls, iz_calls
from zit.projects.models import Call, IzAssessment, ProjectCard

from .test_calls import _call, listed  # noqa: F401 - the fixture
from .test_opinions import _media, _prepare, _sign_and_issue  # noqa: F401 - the fixture

A = IzAssessment.State
TODAY = dt.date(2026, 7, 31)


def _step(office, card, name, on, reference="DPR.1", **kw):
    return iz_calls.assessment_step(
        actor=office, card=card, name=name, on=on, reference=reference, today=TODAY, **kw
    )


@pytest.fixture
def filed(listed, office, measure):  # noqa: F811
    main, _reserve = listed
    return calls.application_file(
        actor=office, card=main, call=_call(office, measure), application_number="A-9"
    )


def test_filing_starts_the_assessment_and_the_lifecycle_is_registered(filed):
    assessment = IzAssessment.objects.get(card=filed)
    assert assessment.state == A.SUBMITTED and assessment.call == filed.call
    assert assessment.steps.get().reference == "A-9"
    assert lifecycle_for(assessment).key == "projects.iz_assessment"


def test_corrections_a_new_opinion_request_and_selection(filed, office):
    _step(office, filed, "assess", dt.date(2026, 7, 1))
    _step(office, filed, "corrections", dt.date(2026, 7, 5), note="Uzupełnić mapę.")
    assessment = _step(
        office,
        filed,
        iz_calls.OPINION_REQUEST,
        dt.date(2026, 7, 6),
        reference="DPR.2",
        due_on=dt.date(2026, 7, 20),
    )
    filed.refresh_from_db()
    # tied to the card's opinion request: the office's inbox shows its deadline, the next opinion takes it over
    assert (filed.opinion_request_reference, filed.opinion_requested_on, filed.opinion_due_on) == (
        "DPR.2",
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 20),
    )
    assert assessment.state == A.CORRECTIONS
    _step(office, filed, "resume", dt.date(2026, 7, 10))
    with pytest.raises(ValidationError, match="opinię o zgodności"):
        _step(office, filed, "select", dt.date(2026, 7, 12))  # no opinion issued yet
    _sign_and_issue(office, _prepare(office, filed, today=dt.date(2026, 7, 15)))
    assessment = _step(office, filed, "select", dt.date(2026, 7, 20), reference="Uchwała ZW 100/2026")
    filed.refresh_from_db()
    assert assessment.state == A.SELECTED and filed.state == ProjectCard.State.SELECTED
    opinion = filed.opinions.get()
    assert (opinion.iz_decision, opinion.iz_decision_reference) == ("selected", "Uchwała ZW 100/2026")
    assert [s.name for s in assessment.steps.all()] == [
        "file_application",
        "assess",
        "corrections",
        "opinion_request",
        "resume",
        "select",
    ]


def test_steps_need_a_date_in_order_and_a_reference(filed, office):
    _step(office, filed, "assess", dt.date(2026, 7, 10))
    with pytest.raises(ValidationError) as exc:
        _step(office, filed, "negotiations", dt.date(2026, 7, 1), reference=" ")
    assert set(exc.value.message_dict) == {"on", "reference"}
    with pytest.raises(ValidationError) as exc:
        _step(office, filed, "negotiations", dt.date(2026, 8, 10))
    assert "przyszłości" in exc.value.message_dict["on"][0]
    with pytest.raises(ValidationError, match="nie można wykonać"):
        _step(office, filed, "protest", dt.date(2026, 7, 12))  # not from assessment


def test_non_competitive_rejection_is_final_and_protest_is_refused(filed, office):
    _sign_and_issue(office, _prepare(office, filed, today=dt.date(2026, 7, 1)))
    _step(office, filed, "assess", dt.date(2026, 7, 2))
    _step(office, filed, "not_select", dt.date(2026, 7, 20))
    filed.refresh_from_db()
    assert filed.state == ProjectCard.State.REJECTED
    with pytest.raises(ValidationError, match="art. 63"):
        _step(office, filed, "protest", dt.date(2026, 7, 25))


def test_competitive_protest_then_the_outcome_moves_the_card(listed, office, measure):  # noqa: F811
    _main, reserve = listed
    competitive = _call(office, measure, Call.Mode.COMPETITIVE, "FEWP.03.02-IZ.00-009/26")
    card = calls.application_file(actor=office, card=reserve, call=competitive, application_number="K-1")
    _sign_and_issue(office, _prepare(office, card, today=dt.date(2026, 7, 1)))
    _step(office, card, "assess", dt.date(2026, 7, 2))
    _step(office, card, "not_select", dt.date(2026, 7, 10))
    card.refresh_from_db()
    assert card.state == ProjectCard.State.OPINION_ISSUED  # a protest may still come
    _step(office, card, "protest", dt.date(2026, 7, 20))
    _step(office, card, "protest_upheld", dt.date(2026, 7, 25))
    assessment = _step(office, card, "select", dt.date(2026, 7, 30))
    card.refresh_from_db()
    assert assessment.state == A.SELECTED and card.state == ProjectCard.State.SELECTED


def test_competitive_rejection_without_protest_becomes_final(listed, office, measure):  # noqa: F811
    _main, reserve = listed
    competitive = _call(office, measure, Call.Mode.COMPETITIVE, "FEWP.03.02-IZ.00-009/26")
    card = calls.application_file(actor=office, card=reserve, call=competitive, application_number="K-2")
    _step(office, card, "assess", dt.date(2026, 7, 2))
    _step(office, card, "not_select", dt.date(2026, 7, 10))
    _step(office, card, "final", dt.date(2026, 7, 28))
    card.refresh_from_db()
    assert card.state == ProjectCard.State.REJECTED


def test_only_the_office_records_the_iz_steps(filed, golina_user):
    with pytest.raises(PermissionDenied):
        _step(golina_user, filed, "assess", dt.date(2026, 7, 2))
