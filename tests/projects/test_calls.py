import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from support.list_approval import approve_through_register

from zit.projects import calls, lists
from zit.projects.models import ProjectCard

from .test_lists import RATE_DAY, accepted_card


@pytest.fixture
def listed(round_, golina_user, golina, measure, strategy, office, funding_demo):
    from zit.funding.selectors import agreement_current

    main = accepted_card(round_, golina_user, golina, measure, strategy, office, "Główny")
    reserve = accepted_card(round_, golina_user, golina, measure, strategy, office, "Rezerwowy")
    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=main, position="main")
    lists.list_entry_add(actor=office, version=version, card=reserve, position="reserve")
    approve_through_register(version, actor=office, on=dt.date(2025, 12, 1))
    main.refresh_from_db()
    reserve.refresh_from_db()
    return main, reserve


def _call(office, measure, mode="non_competitive", number="FEWP.03.02-IZ.00-002/26"):
    return calls.call_save(
        actor=office,
        number=number,
        measure=measure,
        mode=mode,
        opens_on=dt.date(2026, 5, 1),
        closes_on=dt.date(2026, 6, 30),
    )


def test_call_numbers_follow_the_programme(office, measure):
    with pytest.raises(ValidationError) as exc:
        _call(office, measure, number="nabór 3.2")
    assert "FEWP.03.02-IZ.00-001/26" in exc.value.message_dict["number"][0]
    with pytest.raises(ValidationError) as exc:
        _call(office, measure, number="FEWP.10.04-IZ.00-001/24")
    assert "wskazuje działanie 10.4" in exc.value.message_dict["number"][0]
    assert _call(office, measure).number == "FEWP.03.02-IZ.00-002/26"


def test_applications_by_mode(listed, office, measure, golina_user):
    main, reserve = listed
    non_competitive = _call(office, measure)
    competitive = _call(office, measure, "competitive", "FEWP.03.02-IZ.00-003/26")
    with pytest.raises(ValidationError, match="listy podstawowej"):
        calls.application_file(actor=office, card=reserve, call=non_competitive, application_number="A-1")
    calls.application_file(actor=golina_user, card=reserve, call=competitive, application_number="A-1")
    with pytest.raises(ValidationError, match="inna fiszka"):
        calls.application_file(actor=golina_user, card=main, call=non_competitive, application_number="A-1")
    card = calls.application_file(
        actor=golina_user,
        card=ProjectCard.objects.get(pk=main.pk),
        call=non_competitive,
        application_number="A-2",
    )
    assert card.state == "application_filed" and card.call == non_competitive


def test_a_new_list_version_keeps_projects_past_the_list(listed, office, measure):
    from zit.funding.selectors import agreement_current

    main, _reserve = listed
    calls.application_file(actor=office, card=main, call=_call(office, measure), application_number="A-2")
    second = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    entry = second.entries.get(card=main)  # it still takes its share of the envelope
    with pytest.raises(ValidationError, match="ma już wniosek w IZ"):
        lists.list_entry_remove(actor=office, entry=entry)
    with pytest.raises(ValidationError, match="ma już wniosek w IZ"):
        lists.list_entry_move(actor=office, entry=entry, position="reserve")


def test_cards_of_a_scored_round_wait_for_the_scoring(
    round_, golina_user, golina, measure, strategy, office, funding_demo
):
    from zit.funding.selectors import agreement_current
    from zit.projects.services import round_save

    # scoring switched on before the round was announced (its rules are fixed from then on)
    round_save(actor=office, round=round_, measures=[measure], scoring=True, today=dt.date(2026, 2, 1))
    card = accepted_card(round_, golina_user, golina, measure, strategy, office, "Do oceny")
    version = lists.list_version_create(actor=office, agreement=agreement_current(), rate_date=RATE_DAY)
    assert card not in lists.cards_to_add(version)
    with pytest.raises(ValidationError, match="po zakończeniu oceny"):
        lists.list_entry_add(actor=office, version=version, card=card, position="main")
