import datetime as dt

import pytest
from django.utils import timezone
from factories.accounts import UserFactory
from factories.assessment import AssignmentFactory

from zit.assessment.inbox import cards_to_assess

TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_an_assessor_sees_the_cards_given_to_them_until_scored(funding_data):
    waiting = AssignmentFactory()
    AssignmentFactory(assessor=waiting.assessor, submitted_at=timezone.now())
    other = AssignmentFactory()

    [item] = cards_to_assess(waiting.assessor, TODAY)
    assert item.key == f"assessment.assignment:{waiting.pk}"
    assert item.url == f"/biuro/ocena/fiszki/{waiting.pk}/"
    assert [i.key for i in cards_to_assess(other.assessor, TODAY)] == [f"assessment.assignment:{other.pk}"]
    assert cards_to_assess(UserFactory(roles=[("office_staff", None)]), TODAY) == []
