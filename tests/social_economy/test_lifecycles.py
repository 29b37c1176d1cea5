"""The directory's lifecycles: each guard refuses the act with its Polish reason, the buttons offered follow
the state and the role, and the pages never need to compare states themselves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from social_economy.conftest import nip
from zit.core.models import AuditEvent
from zit.organisations.models import Organisation
from zit.social_economy import selectors, services
from zit.social_economy.lifecycles import ENTITY, LISTING_REQUEST
from zit.social_economy.models import Entity, ListingRequest

E = Entity.State
R = ListingRequest.Status


def _request(**fields):
    values = {
        "consent": True,
        "name": "Fundacja Z Formularza",
        "kind": "foundation",
        "nip": nip(700),
        "services": "Szkolenia.",
        "contact_name": "Ewa Zgłaszająca",
        "contact_email": "ewa@example.org",
    }
    return services.listing_request_submit(**(values | fields))


def test_the_tables_name_every_state():
    for lc in (ENTITY, LISTING_REQUEST):
        used = {t.target for t in lc.transitions} | {s for t in lc.transitions for s in t.sources}
        assert used == set(lc.states.values), lc.key
        assert not any(s in lc.final for t in lc.transitions for s in t.sources)


def test_publishing_is_refused_with_what_the_entry_still_needs(woes, make_entity):
    entity = make_entity(gmina=None, services="")
    with pytest.raises(ValidationError) as exc:
        services.entity_publish(actor=woes, entity=entity)
    assert exc.value.messages == [
        "Wpisu nie można jeszcze opublikować. Podaj gminę siedziby. "
        "Opisz ofertę (usługi lub produkty) albo podmiot."
    ]
    actions = selectors.entity_actions(user=woes, entity=entity)
    assert actions.get("publish").refused == exc.value.messages[0]
    assert not AuditEvent.objects.filter(action="social_economy.entity_publish").exists()


def test_republishing_is_refused_when_the_entry_lost_what_it_needs(woes, make_entity):
    entity = make_entity(publish=True)
    services.entity_withdraw(actor=woes, entity=entity, reason="Przerwa w działalności.")
    Entity.objects.filter(pk=entity.pk).update(services="")
    entity.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.entity_republish(actor=woes, entity=entity)
    assert "Opisz ofertę (usługi lub produkty) albo podmiot." in exc.value.messages[0]


def test_an_act_from_the_wrong_state_is_refused_in_words(woes, make_entity):
    entity = make_entity(publish=True)
    with pytest.raises(ValidationError) as exc:
        services.entity_publish(actor=woes, entity=entity)
    assert exc.value.messages == [
        "Tej czynności („Opublikuj w katalogu”) nie można wykonać, gdy stan to „opublikowany”."
    ]


def test_withdrawing_needs_a_reason_of_at_most_300_characters(woes, make_entity):
    entity = make_entity(publish=True)
    with pytest.raises(ValidationError) as exc:
        services.entity_withdraw(actor=woes, entity=entity, reason="  ")
    assert exc.value.message_dict == {"reason": ["Podaj powód wycofania wpisu z katalogu."]}
    with pytest.raises(ValidationError) as exc:
        services.entity_withdraw(actor=woes, entity=entity, reason="x" * 301)
    assert exc.value.message_dict == {"reason": ["Powód może mieć najwyżej 300 znaków."]}
    entity.refresh_from_db()
    assert entity.state == E.PUBLISHED


def test_the_audit_keeps_its_action_names_and_the_state(woes, make_entity):
    entity = make_entity(publish=True)
    services.entity_withdraw(actor=woes, entity=entity, reason="Likwidacja.")
    event = AuditEvent.objects.get(action="social_economy.entity_withdraw")
    assert event.before["state"] == E.PUBLISHED and event.after["state"] == E.WITHDRAWN
    assert event.after["withdrawn_reason"] == "Likwidacja." and event.reason == "Likwidacja."
    services.entity_republish(actor=woes, entity=entity)
    event = AuditEvent.objects.get(action="social_economy.entity_republish")
    assert event.after["withdrawn_reason"] == "" and event.after["published_at"]


@pytest.fixture
def officer(user_for_role, association_data):
    return user_for_role(
        "member_officer", organisation=Organisation.objects.filter(kind="local_government").first()
    )


def test_the_entry_buttons_follow_the_state_and_the_role(woes, staff, officer, make_entity):
    entity = make_entity()
    expected = {E.DRAFT: ["publish"], E.PUBLISHED: ["withdraw"], E.WITHDRAWN: ["republish"]}
    for state, names in expected.items():
        entity.state = state
        for user in (woes, staff):
            assert [a.name for a in selectors.entity_actions(user=user, entity=entity)] == names
        assert ENTITY.actions(officer, entity) == []
    with pytest.raises(PermissionDenied):
        services.entity_publish(actor=officer, entity=make_entity())


def test_the_entry_page_shows_the_buttons_and_the_refusal(client, woes, make_entity):
    entity = make_entity(gmina=None)
    client.force_login(woes)
    html = client.get(reverse("social_economy:entity", args=[entity.pk])).content.decode()
    assert 'data-lifecycle="entity-actions"' in html
    assert 'data-refused="publish"' in html and "Podaj gminę siedziby." in html
    published = make_entity(publish=True)
    html = client.get(reverse("social_economy:entity", args=[published.pk])).content.decode()
    assert f'href="/biuro/ekonomia-spoleczna/{published.pk}/wycofanie/" data-action="withdraw"' in html


def test_a_decided_request_cannot_be_decided_again(woes, association_data):
    item = _request()
    services.listing_request_reject(actor=woes, request=item, reason="To nie jest PES.")
    with pytest.raises(ValidationError) as exc:
        services.listing_request_accept(actor=woes, request=item)
    assert exc.value.messages == [
        "Tej czynności („Przyjmij (utwórz wpis roboczy)”) nie można wykonać, gdy stan to „odrzucone”."
    ]
    assert not Entity.objects.exists()


def test_rejecting_asks_for_the_reason_the_requester_gets(woes, association_data):
    item = _request()
    with pytest.raises(ValidationError) as exc:
        services.listing_request_reject(actor=woes, request=item, reason="")
    assert exc.value.message_dict == {
        "reason": ["Podaj powód odrzucenia: zgłaszający dostanie go w odpowiedzi."]
    }


def test_request_buttons_follow_the_state_and_the_role(woes, staff, officer, association_data):
    item = _request()
    for state in (R.NEW, R.PARKED):
        item.status = state
        for user in (woes, staff):
            assert [a.name for a in selectors.request_actions(user=user, item=item)] == ["accept", "reject"]
        assert LISTING_REQUEST.actions(officer, item) == []
    for state in (R.ACCEPTED, R.REJECTED):
        item.status = state
        assert selectors.request_actions(user=woes, item=item) == []


def test_the_request_page_decides_through_its_buttons(client, woes, association_data):
    item = _request()
    client.force_login(woes)
    html = client.get(reverse("social_economy:request", args=[item.pk])).content.decode()
    assert "?czynnosc=accept" in html and "?czynnosc=reject" in html
    response = client.post(
        reverse("social_economy:request", args=[item.pk]) + "?czynnosc=reject", {"reason": "Spółka handlowa."}
    )
    assert response.status_code == 303
    item.refresh_from_db()
    assert item.status == R.REJECTED and item.rejection_reason == "Spółka handlowa."
    html = client.get(reverse("social_economy:request", args=[item.pk])).content.decode()
    assert "?czynnosc=" not in html and "Spółka handlowa." in html
    event = AuditEvent.objects.get(action="social_economy.request_reject")
    assert event.reason == "Spółka handlowa." and event.after["state"] == R.REJECTED
