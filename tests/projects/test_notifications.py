from django.core import mail
from django.test import Client
from django.urls import reverse

from zit.projects import notifications
from zit.projects.services import card_transition

from .conftest import TODAY, complete


def test_nothing_is_sent_until_the_office_turns_it_on(
    card, golina_user, office, strategy, django_capture_on_commit_callbacks
):
    golina_user.email, office.email = "urzednik@golina.invalid", "biuro@zit.invalid"
    golina_user.save()
    office.save()
    card = complete(card, golina_user, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        card = card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    assert mail.outbox == []
    notifications.rule_save(actor=office, event="return", enabled=True, to_applicant=True, to_office=False)
    with django_capture_on_commit_callbacks(execute=True):
        card_transition(actor=office, card=card, name="return", reason="Uzupełnij mapę.")
    assert [m.to for m in mail.outbox] == [["urzednik@golina.invalid"]]
    assert "Uzupełnij mapę." in mail.outbox[0].body and "zwrócona do poprawy" in mail.outbox[0].subject


def test_preview_page_for_the_office_only(card, golina_user, office, strategy):
    card = complete(card, golina_user, strategy)
    card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    client = Client()
    client.force_login(office)
    page = client.get(reverse("projects:notifications")).content.decode()
    assert "Podgląd wiadomości" in page and card.number in page
    response = client.post(
        reverse("projects:notifications"), {"accept-enabled": "1", "accept-to_applicant": "1"}
    )
    assert response.status_code == 302
    rules = {r.event: r for r in notifications.rules()}
    assert rules["accept"].enabled and not rules["submit"].enabled
    member = Client()
    member.force_login(golina_user)
    assert member.get(reverse("projects:notifications")).status_code == 403
