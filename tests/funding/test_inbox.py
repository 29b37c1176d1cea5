import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.funding import ObligationFactory

from zit.funding.inbox import obligations_due

TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_obligations_wait_for_the_responsible_and_when_late_for_every_keeper(funding_data):
    responsible = UserFactory(roles=[("office_staff", None)])
    keeper = UserFactory(roles=[("office_staff", None)])
    board = UserFactory(roles=[("board_member", None)])
    soon = ObligationFactory(responsible=responsible, due_on=TODAY + dt.timedelta(days=12))
    late = ObligationFactory(responsible=responsible, due_on=TODAY - dt.timedelta(days=3))
    ObligationFactory(responsible=responsible, due_on=TODAY + dt.timedelta(days=120))
    ObligationFactory(responsible=responsible, due_on=TODAY - dt.timedelta(days=9), completed_on=TODAY)
    board_duty = ObligationFactory(responsible=board, due_on=TODAY + dt.timedelta(days=5))

    assert {(i.key, i.due) for i in obligations_due(responsible, TODAY)} == {
        (f"funding.obligation:{soon.pk}", soon.due_on),
        (f"funding.obligation:{late.pk}", late.due_on),
    }
    assert [i.key for i in obligations_due(keeper, TODAY)] == [f"funding.obligation:{late.pk}"]
    assert [i.key for i in obligations_due(board, TODAY)] == [f"funding.obligation:{board_duty.pk}"]
    assert obligations_due(UserFactory(roles=[("assessor", None)]), TODAY) == []
