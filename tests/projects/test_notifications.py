import datetime as dt

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zit.core.models import Notice, NoticePreference
from zit.core.notices import digest_send, notice_preference_set
from zit.projects import notifications
from zit.projects.services import card_transition

from .conftest import TODAY, complete


def test_nothing_is_sent_until_the_office_turns_it_on(
    card, golina_user, office, strategy, django_capture_on_commit_callbacks
):
    golina_user.email, office.email = "urzednik@golina.invalid", "biuro@zit.invalid"
    golina_user.save()
    office.save()
    notice_preference_set(actor=golina_user, delivery=NoticePreference.Delivery.IMMEDIATELY)
    card = complete(card, golina_user, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        card = card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    assert mail.outbox == [] and not Notice.objects.exists()
    notifications.rule_save(actor=office, event="return", enabled=True, to_applicant=True, to_office=False)
    with django_capture_on_commit_callbacks(execute=True):
        card_transition(actor=office, card=card, name="return", reason="Uzupełnij mapę.")
    # a notice on the platform, and the e-mail at once for who chose "at once"
    notice = Notice.objects.get()
    assert notice.recipient == golina_user and "zwrócona do poprawy" in notice.title
    assert "Uzupełnij mapę." in notice.detail and notice.url == reverse("projects:card", args=[card.pk])
    assert [m.to for m in mail.outbox] == [["urzednik@golina.invalid"]]
    assert "Uzupełnij mapę." in mail.outbox[0].body and notice.title in mail.outbox[0].body
    assert reverse("projects:card", args=[card.pk]) in mail.outbox[0].body


def test_the_card_notice_waits_for_the_daily_digest_of_who_chose_it(
    card, golina_user, kleczew_user, office, strategy, django_capture_on_commit_callbacks
):
    golina_user.email, office.email = "urzednik@golina.invalid", "biuro@zit.invalid"
    golina_user.save()
    office.save()
    notice_preference_set(actor=office, delivery=NoticePreference.Delivery.WEEKLY)
    notifications.rule_save(actor=office, event="submit", enabled=True, to_applicant=True, to_office=True)
    card = complete(card, golina_user, strategy)
    with django_capture_on_commit_callbacks(execute=True):
        card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    # both told on the platform; nobody chose "at once", so no e-mail yet
    told = set(Notice.objects.values_list("recipient_id", flat=True))
    assert {golina_user.pk, office.pk} <= told and kleczew_user.pk not in told
    assert mail.outbox == []
    morning = timezone.localtime().replace(hour=8, minute=0) + dt.timedelta(days=1)  # tomorrow's run
    assert digest_send(user=golina_user, now=morning) == 1  # daily, the default
    assert digest_send(user=office, now=morning) == 1  # weekly: the first one goes out
    assert [m.to for m in mail.outbox] == [["urzednik@golina.invalid"], ["biuro@zit.invalid"]]
    assert digest_send(user=golina_user, now=morning + dt.timedelta(hours=1)) == 0  # nothing new


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
