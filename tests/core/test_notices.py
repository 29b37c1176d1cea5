"""Notices: told once per item key, one e-mail digest per person as often as they chose, nothing when nothing
is new; the notices page and the choice of delivery."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories.accounts import UserFactory

from zit.core import inbox
from zit.core.inbox import InboxItem, source
from zit.core.models import AuditEvent, Notice, NoticePreference
from zit.core.notices import (
    NewNotice,
    digest_due,
    digest_send,
    notice_preference_set,
    notices_add,
    notices_deliver,
    notices_mark_read,
    notices_refresh,
    unread_count,
)

pytestmark = pytest.mark.django_db
Delivery = NoticePreference.Delivery


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def waits(monkeypatch):
    """A registry with one source whose items the test sets: {username: [keys]}."""
    monkeypatch.setattr(inbox, "_SOURCES", {})
    waiting: dict[str, list[str]] = {}

    def collect(user, today):
        return [
            InboxItem(key, f"Sprawa {key}", f"/biuro/sprawa/{key}/", since=today)
            for key in waiting.get(user.username, [])
        ]

    source("test.things", "Sprawy", collect)
    return waiting


def test_an_item_is_announced_once_while_it_waits(waits):
    anna = UserFactory(username="anna")
    waits["anna"] = ["t:1"]
    assert [n.key for n in notices_refresh(user=anna)] == ["t:1"]
    assert notices_refresh(user=anna) == []
    waits["anna"] = ["t:1", "t:2"]
    assert [n.key for n in notices_refresh(user=anna)] == ["t:2"]
    notice = Notice.objects.get(key="t:2")
    assert (notice.source, notice.title, notice.url) == ("test.things", "Sprawa t:2", "/biuro/sprawa/t:2/")
    assert unread_count(anna) == 2


def test_the_same_key_for_two_people_is_two_notices():
    anna, piotr = UserFactory(), UserFactory()
    made = notices_add(recipients=[anna, piotr, anna], notices=[NewNotice("x.y", "x:1", "Jedno")])
    assert sorted(n.recipient_id for n in made) == sorted([anna.pk, piotr.pk])


def test_digest_at_once_lists_the_new_items_with_links(waits, settings):
    settings.ZIT_SITE_URL = "https://zit.example.pl/"
    anna = UserFactory(username="anna", email="anna@example.pl")
    notice_preference_set(actor=anna, delivery=Delivery.IMMEDIATELY)
    waits["anna"] = ["t:1", "t:2"]
    now = timezone.now()
    assert notices_deliver(now=now) == {"created": 2, "mailed": 2, "people": 1, "failed": 0}
    [message] = mail.outbox
    assert message.to == ["anna@example.pl"] and message.subject == "ZIT: nowe powiadomienia (2)"
    assert "Sprawa t:1" in message.body and "https://zit.example.pl/biuro/sprawa/t:2/" in message.body
    assert "https://zit.example.pl" + reverse("notices:settings") in message.body
    # nothing new: nothing sent, however often the job runs
    assert notices_deliver(now=now + dt.timedelta(minutes=15))["mailed"] == 0
    waits["anna"].append("t:3")
    notices_deliver(now=now + dt.timedelta(minutes=30))
    assert len(mail.outbox) == 2 and "Sprawa t:3" in mail.outbox[1].body
    assert "Sprawa t:1" not in mail.outbox[1].body  # each item is mailed once


def test_daily_digest_once_a_day_after_the_morning(waits):
    anna = UserFactory(username="anna", email="anna@example.pl")  # no choice made: daily
    waits["anna"] = ["t:1"]
    notices_deliver(now=_at(TOMORROW, 5))
    assert mail.outbox == [] and Notice.objects.filter(recipient=anna).count() == 1  # told on the page
    notices_deliver(now=_at(TOMORROW, 8))
    assert len(mail.outbox) == 1
    waits["anna"].append("t:2")
    notices_deliver(now=_at(TOMORROW, 12))
    assert len(mail.outbox) == 1  # the day's digest went out: t:2 waits for tomorrow's
    notices_deliver(now=_at(TOMORROW + dt.timedelta(days=1), 8))
    assert len(mail.outbox) == 2 and "Sprawa t:2" in mail.outbox[1].body


def test_weekly_digest_seven_days_apart(waits):
    anna = UserFactory(username="anna", email="anna@example.pl")
    notice_preference_set(actor=anna, delivery=Delivery.WEEKLY)
    waits["anna"] = ["t:1"]
    notices_deliver(now=_at(TOMORROW, 8))
    assert len(mail.outbox) == 1
    waits["anna"].append("t:2")
    for day in range(1, 7):
        notices_deliver(now=_at(TOMORROW + dt.timedelta(days=day), 9))
    assert len(mail.outbox) == 1
    notices_deliver(now=_at(TOMORROW + dt.timedelta(days=7), 9))
    assert len(mail.outbox) == 2 and "Sprawa t:2" in mail.outbox[1].body


def test_no_mail_when_nothing_is_new_or_it_was_read_or_there_is_no_address(waits):
    anna = UserFactory(username="anna", email="anna@example.pl")
    bez = UserFactory(username="bez", email="")
    assert digest_send(user=anna, now=_at(TOMORROW, 8), force=True) == 0
    waits["anna"], waits["bez"] = ["t:1"], ["t:1"]
    notices_refresh(user=anna)
    notices_mark_read(user=anna)  # read on the page before the digest
    notices_deliver(now=_at(TOMORROW, 8))
    assert mail.outbox == [] and Notice.objects.filter(recipient=bez).count() == 1


def test_when_the_digest_is_due():
    morning, evening = _at(TOMORROW, 8), _at(TOMORROW, 20)
    assert digest_due(Delivery.IMMEDIATELY, evening, evening)
    assert not digest_due(Delivery.DAILY, None, _at(TOMORROW, 6))
    assert digest_due(Delivery.DAILY, None, morning) and not digest_due(Delivery.DAILY, morning, evening)
    assert digest_due(Delivery.DAILY, morning, morning + dt.timedelta(days=1))
    assert not digest_due(Delivery.WEEKLY, morning, morning + dt.timedelta(days=6))
    assert digest_due(Delivery.WEEKLY, morning, morning + dt.timedelta(days=7))


def test_the_choice_is_ones_own_and_audited():
    anna = UserFactory()
    notice_preference_set(actor=anna, delivery=Delivery.WEEKLY)
    assert anna.notice_preference.delivery == Delivery.WEEKLY
    event = AuditEvent.objects.get(action="core.notice_preference")
    assert event.actor_id == anna.pk and event.after == {"delivery": "weekly"}
    client = Client()
    client.force_login(anna)
    page = reverse("notices:settings")
    assert client.get(page).status_code == 200
    response = client.post(page, {"delivery": "immediately"})
    assert response.status_code == 303
    anna.notice_preference.refresh_from_db()
    assert anna.notice_preference.delivery == Delivery.IMMEDIATELY
    assert client.post(page, {"delivery": "hourly"}).status_code == 200  # refused on the form
    assert Client().get(page).status_code == 302  # to the login


def test_the_notices_page_marks_read_and_pages(waits):
    anna, piotr = UserFactory(username="anna"), UserFactory(username="piotr")
    client = Client()
    client.force_login(anna)
    empty = client.get(reverse("notices:list")).content.decode()
    assert "Nie masz jeszcze żadnych powiadomień" in empty
    waits["anna"] = [f"t:{n}" for n in range(30)]
    waits["piotr"] = ["p:1"]
    notices_refresh(user=anna)
    notices_refresh(user=piotr)
    first = client.get(reverse("notices:list")).content.decode()
    assert "Strona 1 z 2" in first and "Sprawa p:1" not in first
    assert 'class="badge badge-warn">30<' in first  # the header's count
    one = Notice.objects.get(recipient=anna, key="t:3")
    theirs = Notice.objects.get(recipient=piotr)
    client.post(reverse("notices:list"), {"notice": one.pk})
    client.post(reverse("notices:list"), {"notice": theirs.pk})  # another's notice: nothing happens
    one.refresh_from_db()
    theirs.refresh_from_db()
    assert one.read_at is not None and theirs.read_at is None and unread_count(anna) == 29
    response = client.post(reverse("notices:list"), {"all": "1"})
    assert response.status_code == 302 and unread_count(anna) == 0 and unread_count(piotr) == 1


def test_a_refused_address_does_not_stop_the_others(waits, monkeypatch):
    from zit.core import notices

    real = notices.send_mail

    def refuse_one(subject, body, sender, to):
        if to == ["zly@example.pl"]:
            raise OSError("refused")
        return real(subject, body, sender, to)

    monkeypatch.setattr(notices, "send_mail", refuse_one)
    UserFactory(username="anna", email="zly@example.pl")
    UserFactory(username="piotr", email="piotr@example.pl")
    waits["anna"], waits["piotr"] = ["t:1"], ["t:1"]
    done = notices_deliver(now=_at(TOMORROW, 8))
    assert done["failed"] == 1 and [m.to for m in mail.outbox] == [["piotr@example.pl"]]
    # anna's notice stays unmailed: the next run tries again
    assert Notice.objects.get(recipient__username="anna").mailed_at is None
