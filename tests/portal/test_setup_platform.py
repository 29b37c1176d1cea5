"""`make run` says what it does: one line per step with its time, and a second run has nothing left to do."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from zit.accounts.models import User
from zit.accounts.services import user_create
from zit.opendata.models import CatalogueProject
from zit.portal.demo import DEMO_PASSWORD

STEP = re.compile(r"^\[(\d+)/(\d+)\] (.+)… (\d+\.\d) s")


def _setup() -> list[str]:
    out = io.StringIO()
    call_command("setup_platform", stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db(transaction=True)
def test_setup_prints_one_timed_line_per_step_and_a_second_run_only_checks():
    first = _setup()
    accounts = [line.strip() for line in first if line.startswith("      ")]
    assert any(line.startswith("biuro") for line in accounts), first  # the demo accounts, to sign in with
    first = [line for line in first if not line.startswith("      ")]
    steps = [STEP.match(line) for line in first[:-1]]
    assert all(steps), first
    assert [int(m.group(1)) for m in steps] == list(range(1, len(steps) + 1))
    assert {int(m.group(2)) for m in steps} == {len(steps)}
    assert first[-1].startswith("Gotowe w ")
    assert "(zbudowany)" in next(line for line in first if "katalog" in line)
    users, projects = User.objects.count(), CatalogueProject.objects.count()
    assert users > 5 and projects > 0

    second = [line for line in _setup() if not line.startswith("      ")]
    assert "już zbudowany" in next(line for line in second if "katalog" in line)
    assert (User.objects.count(), CatalogueProject.objects.count()) == (users, projects)


@pytest.mark.django_db(transaction=True)
def test_demo_accounts_share_one_hash_and_each_still_logs_in_with_the_demo_password():
    _setup()
    demo = list(User.objects.filter(is_demo=True))
    assert len({user.password for user in demo}) == 1
    for user in demo[:3]:
        assert user.check_password(DEMO_PASSWORD)
        assert not user.check_password(DEMO_PASSWORD + "x")


@pytest.mark.django_db
def test_an_account_without_any_password_is_refused():
    with pytest.raises(ValueError):
        user_create(actor=None, username="bez-hasla")
    assert not User.objects.filter(username="bez-hasla").exists()
