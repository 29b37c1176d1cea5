"""Ties and exclusion, the declaration gate, justifications, the lock on criteria, and who may do what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from zit.accounts.services import role_assign
from zit.assessment import selectors, services
from zit.assessment.criteria import CriterionData, criteria_set_save
from zit.assessment.models import Assignment, Declaration, Score
from zit.core.models import AuditEvent

from .conftest import YES_NO, assess, values

BEFORE_OPENING = dt.date(2026, 2, 1)  # the round opens on 1 March: its rules may still change


def test_an_assessor_with_a_role_in_the_applicant_or_a_partner_is_excluded(
    make_card, golina, kleczew, criteria, office, make_assessor
):
    card = make_card(golina, partners=[kleczew])
    for org in (golina, kleczew):
        tied = make_assessor(organisation_role=org)
        with pytest.raises(ValidationError) as exc:
            services.assignment_add(actor=office, card=card, assessor=tied)
        assert f"ma rolę w organizacji {org.name}" in exc.value.messages[0]
    assert not Assignment.objects.exists()


def test_an_assessor_who_declared_a_tie_is_excluded_and_the_page_says_why(
    make_card, golina, kleczew, criteria, office, make_assessor, round_
):
    card = make_card(golina, partners=[kleczew])
    tied = make_assessor(ties=[kleczew])
    with pytest.raises(ValidationError, match="zadeklarował\\(a\\) powiązanie z organizacją Gmina Kleczew"):
        services.assignment_add(actor=office, card=card, assessor=tied)
    free = make_assessor()
    services.assignment_add(actor=office, card=card, assessor=free)
    (row,) = selectors.assignment_rows(user=office, round=round_)
    assert [(p.pk, t.organisation) for p, t in row.excluded] == [(tied.pk, "Gmina Kleczew")]
    assert tied not in row.eligible and free not in row.eligible


def test_declaring_a_tie_later_withdraws_the_assignment(
    card, criteria, office, make_assessor, golina, round_
):
    late = make_assessor(declared=False)
    assignment = services.assignment_add(actor=office, card=card, assessor=late)
    declaration, withdrawn = services.declaration_sign(
        actor=late, round=round_, organisations=[golina], confirmed=True
    )
    assert withdrawn == [card.number]
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    event = AuditEvent.objects.get(action="assessment.declaration_sign")
    assert event.after["withdrawn_assignments"] == [card.number]


def test_the_declaration_needs_the_confirmation_and_is_signed_once(round_, assessor):
    with pytest.raises(ValidationError) as exc:
        services.declaration_sign(actor=assessor, round=round_, organisations=[], confirmed=False)
    assert exc.value.message_dict == {"confirm": ["Zaznacz, że składasz to oświadczenie."]}
    services.declaration_sign(actor=assessor, round=round_, organisations=[], confirmed=True)
    declaration = Declaration.objects.get(assessor=assessor)
    assert declaration.signed_at and "bezstronności" in declaration.text
    with pytest.raises(ValidationError, match="już podpisano"):
        services.declaration_sign(actor=assessor, round=round_, organisations=[], confirmed=True)


def test_no_card_data_before_the_declaration(card, criteria, office, assessor, round_):
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    assert not selectors.assignments_of(user=assessor).exists()
    with pytest.raises(Http404):
        selectors.assignment_get(user=assessor, pk=assignment.pk)
    (mine,) = selectors.my_rounds(user=assessor)
    assert mine.assigned == 1 and mine.assignments == [] and mine.declaration is None
    with pytest.raises(PermissionDenied, match="oświadczenie"):
        assess(assignment, list(criteria), 1, 1, 5, 5, submit=False)
    services.declaration_sign(actor=assessor, round=round_, organisations=[], confirmed=True)
    assert selectors.assignment_get(user=assessor, pk=assignment.pk).card.title == card.title


def test_every_criterion_needs_a_justification_to_submit(card, criteria, office, make_assessor):
    assignment = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    given = values(criteria, 1, 0, 3, 5, text="")
    services.assessment_save(actor=assignment.assessor, assignment=assignment, values=given)  # a draft
    with pytest.raises(ValidationError) as exc:
        services.assessment_save(actor=assignment.assessor, assignment=assignment, values=given, submit=True)
    errors = exc.value.message_dict
    assert errors == {
        f"justification_{criteria[0].pk}": ["Uzasadnij ocenę."],
        f"justification_{criteria[1].pk}": ["Uzasadnij ocenę „nie”: odrzuca ona fiszkę."],
        f"justification_{criteria[2].pk}": ["Uzasadnij ocenę poniżej minimum (4 pkt)."],
        f"justification_{criteria[3].pk}": ["Uzasadnij ocenę."],
    }
    assignment.refresh_from_db()
    assert not assignment.submitted


def test_values_are_checked_and_a_submitted_assessment_is_final(card, criteria, office, make_assessor):
    assignment = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    with pytest.raises(ValidationError) as exc:
        assess(assignment, criteria, 2, None, 11, 5)
    assert exc.value.message_dict == {
        f"value_{criteria[0].pk}": ["Wybierz „tak” albo „nie”."],
        f"value_{criteria[1].pk}": ["Oceń to kryterium."],
        f"value_{criteria[2].pk}": ["Przyznaj od 0 do 10 pkt."],
    }
    assess(assignment, criteria, 1, 1, 7, 5)
    assert AuditEvent.objects.get(action="assessment.submit").after["total"] == "31.00"
    with pytest.raises(ValidationError, match="już złożona"):
        assess(assignment, criteria, 1, 1, 9, 9)
    assert Score.objects.get(assignment=assignment, criterion=criteria[2]).value == 7


def test_criteria_are_locked_after_the_first_score(card, criteria, office, make_assessor, round_):
    criteria_set = criteria[0].criteria_set
    assignment = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    change = {
        "actor": office,
        "round": round_,
        "pass_threshold": Decimal("20"),
        "third_share": Decimal("0.25"),
        "criteria": [CriterionData("Zgodność ze strategią", YES_NO)]
        + [
            CriterionData(c.name, c.kind, weight=c.weight, max_score=c.max_score)
            for c in criteria
            if c.scored
        ],
    }
    type(round_).objects.filter(pk=round_.pk).update(rules_reopened_at=timezone.now())  # the office reopened
    criteria_set_save(**change)  # no score yet: still free
    criteria = list(criteria_set.criteria.all())
    services.assessment_save(
        actor=assignment.assessor, assignment=assignment, values={criteria[1].pk: (6, "")}
    )  # one draft value
    type(round_).objects.filter(pk=round_.pk).update(rules_reopened_at=timezone.now())  # reopened again
    with pytest.raises(ValidationError, match="nie można już zmienić: oceniający zapisali pierwsze oceny"):
        criteria_set_save(**change)


@pytest.mark.parametrize(
    ("criterion", "message"),
    [
        ({"kind": "scored", "weight": None, "max_score": 10}, "podaj wagę większą od zera"),
        (
            {"kind": "scored", "weight": Decimal(1), "max_score": 5, "min_score": 6},
            "minimum (6 pkt) nie może być",
        ),
        ({"kind": "yes_no", "weight": Decimal(1)}, "nie ma wagi, punktów"),
    ],
)
def test_criteria_are_validated(round_, office, criterion, message):
    rows = [
        CriterionData("Główne", "scored", weight=Decimal(1), max_score=10),
        CriterionData(name="Sprawdzane", **criterion),
    ]
    with pytest.raises(ValidationError) as exc:
        criteria_set_save(
            actor=office,
            round=round_,
            pass_threshold=Decimal(1),
            third_share=Decimal("0.3"),
            criteria=rows,
            today=BEFORE_OPENING,
        )
    assert message in " ".join(exc.value.message_dict["criteria"])


def test_a_threshold_above_the_highest_total_is_refused(round_, office):
    with pytest.raises(ValidationError) as exc:
        criteria_set_save(
            actor=office,
            round=round_,
            pass_threshold=Decimal(31),
            third_share=Decimal("0.3"),
            criteria=[CriterionData("Jedyne", "scored", weight=Decimal(3), max_score=10)],
            today=BEFORE_OPENING,
        )
    assert "największa możliwa suma ważona (30,00)" in exc.value.message_dict["pass_threshold"][0]


def test_only_the_office_sets_criteria_and_assigns(card, round_, user_for_role, assessor, golina):
    criteria = [CriterionData("Jedyne", "scored", weight=Decimal(1), max_score=5)]
    for outsider in (
        assessor,
        user_for_role("member_officer", organisation=golina),
        user_for_role("board_member"),
    ):
        with pytest.raises(PermissionDenied):
            criteria_set_save(
                actor=outsider,
                round=round_,
                pass_threshold=Decimal(1),
                third_share=Decimal("0.3"),
                criteria=criteria,
            )
        with pytest.raises(PermissionDenied):
            services.assignment_add(actor=outsider, card=card, assessor=assessor)
        with pytest.raises(PermissionDenied):
            services.scoring_close(actor=outsider, round=round_)
        with pytest.raises(PermissionDenied):
            selectors.results(user=outsider, round=round_)


def test_assessors_see_and_write_only_their_own_assignments(
    make_card, golina, kleczew, criteria, office, make_assessor
):
    first, other = make_assessor(), make_assessor()
    mine = services.assignment_add(actor=office, card=make_card(golina), assessor=first)
    theirs = services.assignment_add(actor=office, card=make_card(kleczew), assessor=other)
    assert list(selectors.assignments_of(user=first)) == [mine]
    with pytest.raises(Http404):
        selectors.assignment_get(user=first, pk=theirs.pk)
    with pytest.raises(PermissionDenied):
        services.assessment_save(actor=first, assignment=theirs, values=values(criteria, 1, 1, 5, 5))


def test_only_accepted_cards_are_assigned_and_only_to_assessors(
    make_card, golina, criteria, office, user_for_role, assessor
):
    card = make_card(golina)
    with pytest.raises(ValidationError, match="nie ma roli oceniającego"):
        services.assignment_add(actor=office, card=card, assessor=user_for_role("office_staff"))
    type(card).objects.filter(pk=card.pk).update(state="submitted")
    card.refresh_from_db()
    with pytest.raises(ValidationError, match="przyjęte formalnie"):
        services.assignment_add(actor=office, card=card, assessor=assessor)


def test_a_submitted_assessment_cannot_be_removed_a_draft_can(card, criteria, office, make_assessor):
    done = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    draft = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assess(done, criteria, 1, 1, 5, 5)
    assess(draft, criteria, 1, 1, 5, 5, submit=False)
    with pytest.raises(ValidationError, match="Złożonej oceny nie można usunąć"):
        services.assignment_remove(actor=office, assignment=done)
    services.assignment_remove(actor=office, assignment=draft)
    assert list(Assignment.objects.all()) == [done]
    assert AuditEvent.objects.filter(action="assessment.unassign").count() == 1


@pytest.fixture
def office_mailbox(office):
    office.email = "biuro@zit.invalid"
    office.save(update_fields=["email"])
    return office.email


@pytest.mark.parametrize("tied_to", ["applicant", "partner"])
def test_a_role_given_after_the_assignment_blocks_the_score_and_tells_the_office_once(
    tied_to,
    make_card,
    golina,
    kleczew,
    criteria,
    office,
    office_mailbox,
    make_assessor,
    django_capture_on_commit_callbacks,
):
    card = make_card(golina, partners=[kleczew])
    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    assess(assignment, criteria, 1, 1, 5, None, submit=False)  # a draft before the tie
    draft = list(Score.objects.values_list("criterion_id", "value", "justification"))
    organisation = golina if tied_to == "applicant" else kleczew
    role_assign(actor=None, user=assessor, role="member_officer", organisation=organisation)

    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
            assess(assignment, criteria, 1, 1, 9, 9)
        (message,) = exc.value.messages
        assert (
            f"Nie możesz oceniać fiszki {card.number}: masz rolę w organizacji {organisation.name}" in message
        )
        assert "Biuro zostało o tym powiadomione" in message

    assignment.refresh_from_db()
    assert not assignment.submitted
    assert list(Score.objects.values_list("criterion_id", "value", "justification")) == draft
    assert not AuditEvent.objects.filter(action="assessment.submit").exists()
    (event,) = AuditEvent.objects.filter(action="assessment.conflict_detected")
    assert event.object_id == str(assignment.pk)
    assert event.after == {
        "card": card.number,
        "assessor_id": assessor.pk,
        "organisation_id": organisation.pk,
        "organisation": organisation.name,
        "tie": "role",
    }
    (sent,) = mail.outbox
    assert sent.to == [office_mailbox]
    assert card.number in sent.subject
    assert "Test assessor" in sent.body and f"ma rolę w organizacji {organisation.name}" in sent.body
    assert f"/biuro/ocena/nabory/{card.round_id}/przydzialy/#card-{card.pk}" in sent.body


def test_a_role_elsewhere_is_no_tie_and_the_assessor_still_scores(
    make_card,
    golina,
    kleczew,
    criteria,
    office,
    office_mailbox,
    make_assessor,
    django_capture_on_commit_callbacks,
):
    card = make_card(golina)
    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    role_assign(actor=None, user=assessor, role="member_officer", organisation=kleczew)
    with django_capture_on_commit_callbacks(execute=True):
        assess(assignment, criteria, 1, 1, 9, 9)
    assignment.refresh_from_db()
    assert assignment.submitted and Score.objects.filter(assignment=assignment).count() == 4
    assert not AuditEvent.objects.filter(action="assessment.conflict_detected").exists()
    assert mail.outbox == []


def test_a_tie_found_once_keeps_the_assignment_blocked_until_the_office_reassigns(
    card, golina, criteria, office, make_assessor, round_
):
    assessor = make_assessor()
    assignment = services.assignment_add(actor=office, card=card, assessor=assessor)
    role = role_assign(actor=None, user=assessor, role="member_officer", organisation=golina)
    with pytest.raises(ValidationError):
        assess(assignment, criteria, 1, 1, 9, 9)
    role.delete()  # the role taken back: the tie was there, so the assessment stays with someone else
    with pytest.raises(ValidationError, match="masz rolę w organizacji Gmina Golina"):
        assess(assignment, criteria, 1, 1, 9, 9)
    services.assignment_remove(actor=office, assignment=assignment)
    replacement = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assess(replacement, criteria, 1, 1, 9, 9)
    assert AuditEvent.objects.filter(action="assessment.conflict_detected").count() == 1
