"""The lifecycle, checked against an independent statement of the rules: for every state and every
transition a person may fire from the card's page, who may fire it."""

import pytest

from zit.projects.lifecycles import CARD
from zit.projects.models import ProjectCard
from zit.projects.services import may_fire

S = ProjectCard.State
ALL = set(S.values)
LIVE = ALL - {S.CONTRACTED, S.TERMINATED, S.WITHDRAWN, S.REJECTED, S.NOT_SELECTED}

# transition: (states it starts from, who may fire it)
EXPECTED = {
    "submit": ({S.DRAFT, S.RETURNED}, {"applicant"}),
    "return": ({S.SUBMITTED}, {"office"}),
    "accept": ({S.SUBMITTED}, {"office"}),
    "file_application": ({S.LISTED_MAIN, S.LISTED_RESERVE}, {"office", "applicant"}),
    # after a negative opinion the IZ still decides: selected or not is recorded as the IZ's
    "select": ({S.OPINION_ISSUED, S.OPINION_NEGATIVE}, {"office"}),
    "reject": ({S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE}, {"office"}),
    "contract": ({S.SELECTED}, {"office"}),
    "withdraw": (LIVE, {"applicant", "office"}),
}


def test_the_table_names_every_state_and_ends_where_it_should():
    targets = {t.target for t in CARD.transitions}
    sources = {s for t in CARD.transitions for s in t.sources}
    assert targets | sources == ALL
    assert not any(state in sources for state in CARD.final)  # nothing leaves a final state
    assert {t.name for t in CARD.transitions if t.reason_required} == {
        "return",
        "reject",
        "withdraw",
        "terminate",
    }


@pytest.fixture
def people(user_for_role, golina, kleczew):
    return {
        "applicant": user_for_role("member_officer", organisation=golina),
        "office": user_for_role("office_staff"),
        "partner_or_other": user_for_role("beneficiary", organisation=kleczew),
        "board": user_for_role("board_member"),
        "assessor": user_for_role("assessor"),
    }


def test_who_may_fire_what_from_every_state(card, people):
    for state in ALL:
        card.state = state
        for name, (sources, allowed) in EXPECTED.items():
            for who, user in people.items():
                expected = state in sources and who in allowed
                assert may_fire(user, card, name) == expected, (state, name, who)
