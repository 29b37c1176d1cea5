import datetime as dt

import pytest
from django.utils import timezone
from factories.accounts import UserFactory
from factories.strategy import CommentFactory, StrategyVersionFactory

from zit.strategy.inbox import comments_to_moderate, procedure_deadlines
from zit.strategy.models import Comment, ProcedureStep, StrategyVersion

TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_comments_to_moderate_one_line_per_version_for_the_strategy_office():
    version = StrategyVersionFactory(status=StrategyVersion.Status.CONSULTATION)
    CommentFactory.create_batch(2, version=version)
    CommentFactory(version=version, status=Comment.Status.PUBLISHED)
    office = UserFactory(roles=[("office_staff", None)])
    board = UserFactory(roles=[("board_member", None)])  # reads the strategy, moderates nothing

    [item] = comments_to_moderate(office, TODAY)
    assert item.count == 2
    assert item.title == "Uwagi z konsultacji czekające na moderację: 2"
    assert item.url == f"/biuro/strategia/wersje/{version.pk}/konsultacje/"
    assert item.since == timezone.localdate()
    assert comments_to_moderate(board, TODAY) == []


@pytest.mark.django_db
def test_procedure_steps_due_within_the_horizon_or_late_wait_with_their_deadline():
    version = StrategyVersionFactory()
    late = ProcedureStep.objects.create(
        version=version, kind="opinion", title="opinia RDOŚ", due_on=TODAY - dt.timedelta(days=2)
    )
    soon = ProcedureStep.objects.create(
        version=version, kind="consultation", title="konsultacje", due_on=TODAY + dt.timedelta(days=10)
    )
    ProcedureStep.objects.create(
        version=version, kind="sea", title="SOOŚ", due_on=TODAY + dt.timedelta(days=90)
    )
    ProcedureStep.objects.create(
        version=version, kind="adoption", title="uchwała", due_on=TODAY, completed_on=TODAY
    )
    withdrawn = StrategyVersionFactory(status=StrategyVersion.Status.WITHDRAWN)
    ProcedureStep.objects.create(version=withdrawn, kind="other", title="stary krok", due_on=TODAY)
    office = UserFactory(roles=[("office_staff", None)])

    items = procedure_deadlines(office, TODAY)
    assert {(i.key, i.due) for i in items} == {
        (f"strategy.procedure:{late.pk}", late.due_on),
        (f"strategy.procedure:{soon.pk}", soon.due_on),
    }
    assert procedure_deadlines(UserFactory(roles=[("board_member", None)]), TODAY) == []
