"""A round's intake in words that follow its state: it takes cards, will take them, or took them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from zit.projects.lifecycles import ROUND_INTAKE
from zit.projects.models import Round
from zit.projects.services import card_create


def _dates(round_: Round, opens: int, closes: int) -> Round:
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        opens_on=today + dt.timedelta(days=opens), closes_on=today + dt.timedelta(days=closes)
    )
    return Round.objects.get(pk=round_.pk)


def test_the_intake_is_worded_by_its_state(round_):
    assert ROUND_INTAKE.describe(_dates(round_, -5, 5)).startswith("Nabór 1/2026 przyjmuje fiszki od")
    assert ROUND_INTAKE.describe(_dates(round_, 5, 15)).startswith("Nabór 1/2026 będzie przyjmował fiszki od")
    closed = ROUND_INTAKE.describe(_dates(round_, -30, -1))
    assert "przyjmował fiszki od" in closed and closed.endswith("już się zakończył.")


def test_a_closed_round_does_not_say_it_takes_cards(round_, office, client, golina_user, golina):
    closed = _dates(round_, -30, -1)
    client.force_login(office)
    page = client.get(reverse("projects:cards_in_round", args=[closed.pk])).content.decode()
    assert "przyjmował fiszki od" in page and "Fiszki przyjmujemy" not in page
    rounds = client.get(reverse("projects:rounds")).content.decode()
    row = rounds.split("1/2026", 1)[1].split("</tr>", 1)[0]
    assert "zakończony" in row and "<strong>trwa</strong>" not in row
    with pytest.raises(ValidationError) as exc:
        card_create(actor=golina_user, round=closed, beneficiary=golina, title="Po terminie")
    assert "już się zakończył" in str(exc.value) and "przyjmuje" not in str(exc.value)


def test_an_open_round_is_marked_as_running(round_, office, client):
    _dates(round_, -1, 10)
    client.force_login(office)
    rounds = client.get(reverse("projects:rounds")).content.decode()
    assert "<strong>trwa</strong>" in rounds.split("1/2026", 1)[1].split("</tr>", 1)[0]
