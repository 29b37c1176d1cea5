"""E-mail subscriptions of the public, end to end through the pages and the recurring jobs: subscribe, the
confirmation link, the digest of what is new, one-click unsubscribing, the expired link, the same answer for any
address, the limit of the public forms, and the purge of addresses never confirmed."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from factories.governance import ResolutionFactory
from factories.opendata import CatalogueProjectFactory
from factories.strategy import StrategyVersionFactory

from zit.core.jobs import job_run, recurring_kinds
from zit.core.models import AuditEvent, Job
from zit.core.public_forms import form_token
from zit.opendata.models import CatalogueGmina
from zit.strategy.models import StrategyVersion
from zit.subscriptions import services
from zit.subscriptions.models import Subscription
from zit.territory.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("subscriptions:subscribe")
KONIN = "3062011"  # the city of Konin, a gmina of the area


def _post(client: Client, email: str, topics=("resolutions",), gminas=(), **extra):
    data = {
        "email": email,
        "topics": list(topics),
        "gminas": list(gminas),
        "started": form_token(services.FORM_KEY, issued_at=time.time() - 60),
        "homepage": "",
    }
    return client.post(SUBSCRIBE, data | extra)


def _link(message, name: str) -> str:
    found = re.search(rf"https?://\S+(/subskrypcje/{name}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def _run(kind: str) -> Job:
    job = Job.objects.create(kind=kind, title=kind)
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    return job


def _project_in(terc: str, **fields):
    project = CatalogueProjectFactory(**fields)
    CatalogueGmina.objects.create(project=project, unit=AdministrativeUnit.objects.get(terc=terc))
    return project


def test_subscribe_confirm_receive_a_digest_and_unsubscribe_with_one_click(
    area, association_data, mailoutbox
):
    client = Client()
    other = next(code for code, _name in services.gmina_choices() if code != KONIN)
    page = client.get(SUBSCRIBE).content.decode()
    assert "art. 6 ust. 1 lit. a RODO" in page and "art. 7 ust. 3 RODO" in page
    assert 'name="homepage"' in page and 'name="started"' in page

    response = _post(
        client, "Mieszkanka@Example.org", topics=["consultations", "resolutions", "projects"], gminas=[KONIN]
    )
    assert response.status_code == 302 and response["Location"] == reverse("subscriptions:sent")
    row = Subscription.objects.get()
    assert row.email == "mieszkanka@example.org" and row.confirmed_at is None
    assert row.topics == ["consultations", "resolutions", "projects"] and row.gminas == [KONIN]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["mieszkanka@example.org"]
    confirm = _link(mailoutbox[0], "potwierdz")

    # opening the link confirms nothing (mail scanners open links); the button does
    page = client.get(confirm)
    assert page.status_code == 200 and "Potwierdzam subskrypcję" in page.content.decode()
    assert "Konin" in page.content.decode()
    row.refresh_from_db()
    assert row.confirmed_at is None
    response = client.post(confirm)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.is_active
    event = AuditEvent.objects.get(action="subscriptions.confirm")
    assert "mieszkanka" not in str(event.after) + event.object_repr  # the log never names the address

    _run("subscriptions.digests")  # the first run only takes note of what already exists
    assert len(mailoutbox) == 1
    resolution = ResolutionFactory(published=True, subject="budżetu na 2032 rok")
    ResolutionFactory(adopted=True, subject="projektu jeszcze nieopublikowanego")
    _project_in(KONIN, title="Ścieżka rowerowa nad Wartą")
    _project_in(other, title="Świetlica w innej gminie")
    today = timezone.localdate()
    StrategyVersionFactory(
        status=StrategyVersion.Status.CONSULTATION,
        consultation_opens=today - dt.timedelta(days=1),
        consultation_closes=today + dt.timedelta(days=40),
    )

    job = _run("subscriptions.digests")
    assert job.result["sent"] == 1 and job.result["new"] == {
        "consultations": 1,
        "resolutions": 1,
        "projects": 2,
    }
    assert len(mailoutbox) == 2
    digest = mailoutbox[1]
    assert digest.to == ["mieszkanka@example.org"]
    assert "budżetu na 2032 rok" in digest.body and "Ścieżka rowerowa nad Wartą" in digest.body
    assert "Świetlica w innej gminie" not in digest.body  # a gmina not chosen
    assert "nieopublikowanego" not in digest.body
    assert "uwagi można zgłaszać do" in digest.body
    assert reverse(
        "register:resolution", args=[resolution.body.slug, resolution.year, resolution.sequence]
    ) in (digest.body)
    unsubscribe = _link(digest, "wypisz")
    assert digest.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in digest.body

    _run("subscriptions.digests")  # nothing new: nothing sent again
    assert len(mailoutbox) == 2

    # the mail program's one-click POST (RFC 8058): no session, no CSRF token, no redirect
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200 and "Usunęliśmy adres" in one_click.content.decode()
    assert not Subscription.objects.exists()
    assert AuditEvent.objects.filter(action="subscriptions.cancel").count() == 1
    again = Client().post(unsubscribe)
    assert again.status_code == 200 and "nie było już na liście" in again.content.decode()


def test_the_unsubscribe_link_in_the_message_body_removes_the_row_with_one_button(area, mailoutbox):
    row = Subscription.objects.create(
        email="a@example.org",
        topics=["resolutions"],
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    link = reverse("subscriptions:unsubscribe", args=[services.unsubscribe_token(row.email)])
    page = Client().get(link)
    # a scanner opening the link unsubscribes nobody; the page's one button does
    assert page.status_code == 200 and "Wypisz mnie" in page.content.decode()
    assert Subscription.objects.filter(pk=row.pk).exists()
    done = Client(enforce_csrf_checks=True).post(link)
    assert done.status_code == 200 and not Subscription.objects.exists()


def test_an_expired_confirmation_link_is_refused_with_a_clear_message(
    area, settings, mailoutbox, monkeypatch
):
    settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS = 3
    _post(Client(), "spozniony@example.org")
    confirm = _link(mailoutbox[0], "potwierdz")
    later = time.time() + 3 * 86400 + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    for response in (Client().get(confirm), Client().post(confirm)):
        body = response.content.decode()
        assert response.status_code == 400
        assert "Link potwierdzający wygasł: był ważny przez 3 dni od zapisu." in body
    assert Subscription.objects.get().confirmed_at is None
    forged = Client().get(reverse("subscriptions:confirm", args=["nie-nasz-podpis"]))
    assert forged.status_code == 400 and "nieprawidłowy albo niepełny" in forged.content.decode()


def test_the_answer_is_the_same_for_a_new_a_waiting_and_a_confirmed_address(area, mailoutbox):
    Subscription.objects.create(
        email="jest@example.org",
        topics=["projects"],
        gminas=[KONIN],
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    answers = []
    for email in ("nowy@example.org", "nowy@example.org", "jest@example.org"):
        response = _post(Client(REMOTE_ADDR=f"198.51.100.{len(answers) + 1}"), email)
        followed = re.search(r"<main.*</main>", Client().get(response["Location"]).content.decode(), re.S)[0]
        answers.append((response.status_code, response["Location"], followed))
    assert answers[0] == answers[1] == answers[2]
    assert len(mailoutbox) == 3  # each gets the link; only the mailbox's owner sees it
    confirmed = Subscription.objects.get(email="jest@example.org")
    assert confirmed.topics == ["projects"] and confirmed.is_active  # unchanged until the new link is used
    Client().post(_link(mailoutbox[2], "potwierdz"))
    confirmed.refresh_from_db()
    assert confirmed.topics == ["resolutions"] and confirmed.gminas == []


def test_the_form_is_limited_like_every_public_form(area, settings, mailoutbox):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.ZIT_PUBLIC_FORM_PER_MINUTE + 2):
        response = _post(client, f"adres{n}@example.org")
    assert len(mailoutbox) == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert Subscription.objects.count() == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert response.status_code == 400 and "Odczekaj kilka minut" in response.content.decode()
    # a program filling the trap field is answered as a person and nothing is kept or sent
    trapped = _post(Client(REMOTE_ADDR="203.0.113.10"), "robot@example.org", homepage="http://spam")
    assert trapped.status_code == 302 and not Subscription.objects.filter(email="robot@example.org").exists()
    assert len(mailoutbox) == settings.ZIT_PUBLIC_FORM_PER_MINUTE


def test_the_choice_is_checked_with_messages_at_the_fields(area, mailoutbox):
    nothing = _post(Client(), "a@example.org", topics=[])
    assert (
        nothing.status_code == 400
        and "Wybierz, o czym chcesz dostawać wiadomości." in nothing.content.decode()
    )
    no_gmina = _post(Client(), "a@example.org", topics=["projects"])
    assert "Wybierz co najmniej jedną gminę" in no_gmina.content.decode()
    foreign = _post(Client(), "a@example.org", topics=["projects"], gminas=["1465011"])
    assert foreign.status_code == 400
    assert not Subscription.objects.exists() and not mailoutbox


def test_addresses_never_confirmed_are_deleted_by_the_recurring_job(area, settings):
    settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS = 3
    now = timezone.now()
    old = Subscription.objects.create(email="stary@example.org", requested_at=now - dt.timedelta(days=4))
    Subscription.objects.create(email="swiezy@example.org", requested_at=now - dt.timedelta(days=1))
    Subscription.objects.create(
        email="potwierdzony@example.org", requested_at=now - dt.timedelta(days=30), confirmed_at=now
    )
    assert "subscriptions.unconfirmed_purge" in recurring_kinds()
    job = _run("subscriptions.unconfirmed_purge")
    assert job.result["deleted"] == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "potwierdzony@example.org",
        "swiezy@example.org",
    ]
    event = AuditEvent.objects.get(action="subscriptions.unconfirmed_purge")
    assert event.after["ids"] == [old.pk] and "stary" not in str(event.after)


def test_an_administrator_deletes_an_address_on_request_and_the_log_keeps_no_address(client, user_for_role):
    admin_user = user_for_role("office_admin")
    admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    row = Subscription.objects.create(
        email="prosba@example.org",
        topics=["resolutions"],
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    found = client.get(reverse("admin:subscriptions_subscription_changelist") + "?q=prosba")
    assert "prosba@example.org" in found.content.decode()
    response = client.post(reverse("admin:subscriptions_subscription_delete", args=[row.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Subscription.objects.exists()
    event = AuditEvent.objects.get(action="admin.delete", object_id=str(row.pk))
    assert event.actor_id == admin_user.pk
    assert "prosba" not in str(event.before) + str(event.after) + event.object_repr
