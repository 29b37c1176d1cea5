import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.public_information import InformationRequestFactory

from zit.public_information.inbox import open_requests
from zit.public_information.models import InformationRequest

TODAY = dt.date(2031, 2, 14)


@pytest.mark.django_db
def test_open_requests_wait_with_the_deadline_in_force_for_their_lead_or_everyone():
    office = UserFactory(roles=[("office_staff", None)])
    colleague = UserFactory(roles=[("office_staff", None)])
    unassigned = InformationRequestFactory()
    extended = InformationRequestFactory(
        assignee=colleague, state=InformationRequest.State.EXTENDED, extended_to=dt.date(2031, 3, 31)
    )
    InformationRequestFactory(state=InformationRequest.State.ANSWERED, closed_on=TODAY)

    [item] = open_requests(office, TODAY)
    assert item.key == f"public_information.request:{unassigned.pk}"
    assert item.due == dt.date(2031, 2, 17) and item.days_left(TODAY) == 3
    assert item.since == dt.date(2031, 2, 3)
    assert {i.due for i in open_requests(colleague, TODAY)} == {dt.date(2031, 2, 17), extended.extended_to}
    assert open_requests(UserFactory(roles=[("board_member", None)]), TODAY) == []
