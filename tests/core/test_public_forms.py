"""The public forms under attack: a flood from one address, a 1 MB text, a program filling the trap field, a
script posting the instant the page loads, and the parked posts left behind. And a person commenting over an
evening, who must never notice any of it."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse, reverse_lazy
from django.utils import timezone

from zit.core import public_forms
from zit.core.models import AuditEvent
from zit.core.public_forms import PublicForm, Sender, form_token
from zit.social_economy.models import ListingRequest
from zit.strategy.consultations import comment_submit, consultation_period_set
from zit.strategy.models import Comment, StrategyVersion

pytestmark = pytest.mark.django_db

LISTING = reverse_lazy("pes:listing_form")


def aged(form_key: str, seconds: float = 60) -> str:
    """The token of a form shown `seconds` ago."""
    return form_token(form_key, issued_at=time.time() - seconds)


@pytest.fixture
def consulted(funding_data, settings):
    from zit.strategy.reference import load_strategy

    settings.AXES_ENABLED = False
    load_strategy()
    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(
        actor=None, version=version, opens=today - dt.timedelta(days=5), closes=today + dt.timedelta(days=40)
    )
    return version


def comment(version, text: str, **extra) -> dict:
    return {
        "wersja": str(version.number),
        "target_key": "ogolna",
        "text": text,
        "started": aged("strategy.comment"),
        "homepage": "",
    } | extra


def listing(n: int, **extra) -> dict:
    from zit.social_economy.demo import demo_nip

    return {
        "name": f"Spółdzielnia nr {n}",
        "kind": "social_cooperative",
        "nip": demo_nip(100 + n),
        "services": "Sprzątanie biur.",
        "contact_name": "Jan Kowalski",
        "contact_email": "jan@example.org",
        "consent": "on",
        "homepage": "",
        "started": aged("social_economy.listing_request"),
    } | extra


# --- floods ------------------------------------------------------------------------------------------------------


def test_two_hundred_comments_in_a_minute_from_one_address_are_parked_not_lost_and_not_published(
    consulted, settings
):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(200):
        response = client.post(
            reverse("portal:strategy_comment"), comment(consulted, f"Powódź uwag, numer {n:03}.")
        )
        assert response.status_code == 302
    assert Comment.objects.filter(status="pending").count() == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert Comment.objects.filter(status="parked").count() == 200 - settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert not Comment.objects.filter(status="published").exists()
    page = Client().get(reverse("portal:strategy")).content.decode()
    assert "Powódź uwag" not in page
    # a neighbour behind another address is not held up by the flood
    assert (
        Client(REMOTE_ADDR="203.0.113.8")
        .post(reverse("portal:strategy_comment"), comment(consulted, "Uwaga sąsiada o zieleni."))
        .status_code
        == 302
    )
    assert Comment.objects.get(text="Uwaga sąsiada o zieleni.").status == "pending"


def test_a_flood_with_a_new_address_each_time_but_one_email_is_parked_too(consulted, settings):
    for n in range(10):
        Client(REMOTE_ADDR=f"198.51.100.{n + 1}").post(
            reverse("portal:strategy_comment"),
            comment(consulted, f"Uwaga z wielu adresów {n}.", email="bot@example.org"),
        )
    assert Comment.objects.filter(status="pending").count() == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert Comment.objects.filter(status="parked").count() == 10 - settings.ZIT_PUBLIC_FORM_PER_MINUTE


def test_a_person_commenting_through_an_evening_is_never_stopped(consulted, monkeypatch):
    """Twelve comments between 18:00 and 22:00, a few minutes apart, three of them in one minute."""
    start = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    moments = [0, 1, 1.5, 20, 45, 70, 95, 120, 150, 180, 210, 235]
    sender = Sender(address="192.0.2.44", email="mieszkanka@example.org")
    for i, minutes in enumerate(moments):
        monkeypatch.setattr(public_forms.timezone, "now", lambda m=minutes: start + dt.timedelta(minutes=m))
        made = comment_submit(
            version=consulted, target_key="ogolna", text=f"Uwaga mieszkanki numer {i}.", sender=sender
        )
        assert made.status == "pending", f"comment {i} at +{minutes} min was parked"


def test_two_hundred_listing_requests_in_a_minute_are_parked_and_none_reaches_the_queue_as_new(
    association_data, settings
):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(200):
        assert client.post(LISTING, listing(n)).status_code == 302
    assert ListingRequest.objects.filter(status="new").count() == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    assert ListingRequest.objects.filter(status="parked").count() == 200 - settings.ZIT_PUBLIC_FORM_PER_MINUTE
    thanks = client.get(reverse("pes:thanks")).content.decode()
    assert "czeka na sprawdzenie przez moderatora" in thanks


def test_an_hourly_limit_parks_a_slow_steady_flood(consulted, settings, monkeypatch):
    """Four a minute stays under the burst limit; the hourly one still catches it."""
    settings.ZIT_PUBLIC_FORM_PER_HOUR = 12
    start = timezone.now() - dt.timedelta(hours=2)
    sender = Sender(address="203.0.113.50")
    statuses = []
    for i in range(20):
        monkeypatch.setattr(public_forms.timezone, "now", lambda i=i: start + dt.timedelta(seconds=15 * i))
        statuses.append(
            comment_submit(
                version=consulted, target_key="ogolna", text=f"Wolna powódź {i}.", sender=sender
            ).status
        )
    assert statuses.count("pending") == 12 and statuses.count("parked") == 8


# --- lengths -----------------------------------------------------------------------------------------------------


def test_a_one_megabyte_description_is_refused_with_a_clear_message_and_kept(association_data):
    huge = "Opis " + "x" * (1024 * 1024)
    response = Client().post(LISTING, listing(1, description=huge))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tekst jest za długi: ma 1048581 znaków, a zmieści się najwyżej 2000" in body
    assert huge in body  # what was typed is in the form again
    assert not ListingRequest.objects.exists()


def test_a_one_megabyte_comment_is_refused_and_kept(consulted):
    huge = "Uwaga " + "y" * (1024 * 1024)
    response = Client().post(reverse("portal:strategy_comment"), comment(consulted, huge))
    body = response.content.decode()
    assert response.status_code == 400 and "zmieści się najwyżej 5000" in body and huge in body
    assert not Comment.objects.exists()


def test_the_services_enforce_the_caps_whatever_calls_them(association_data, consulted):
    from django.core.exceptions import ValidationError

    from zit.social_economy.services import listing_request_submit

    with pytest.raises(ValidationError) as caught:
        listing_request_submit(
            consent=True,
            name="Spółdzielnia",
            kind="social_cooperative",
            products="z" * 2001,
            contact_name="Jan",
            contact_email="jan@example.org",
        )
    assert "najwyżej 2000" in str(caught.value.message_dict["products"])
    with pytest.raises(ValidationError):
        comment_submit(version=consulted, target_key="ogolna", text="t" * 5001)


def test_the_caps_are_shown_in_the_form(association_data):
    page = Client().get(LISTING).content.decode()
    assert re.search(r'<textarea[^>]*name="description"[^>]*maxlength="2000"', page) or re.search(
        r'<textarea[^>]*maxlength="2000"[^>]*name="description"', page
    )
    assert "Do 2000 znaków." in page


# --- the trap field and the token --------------------------------------------------------------------------------


def test_a_program_filling_the_trap_field_is_thanked_and_nothing_is_kept(consulted, association_data):
    response = Client().post(
        reverse("portal:strategy_comment"),
        comment(consulted, "Tanie zegarki tutaj.", homepage="http://spam.example"),
    )
    assert response.status_code == 302 and not Comment.objects.exists()
    response = Client().post(LISTING, listing(1, homepage="http://spam.example"))
    assert response.status_code == 302 and not ListingRequest.objects.exists()


def test_a_post_the_instant_the_form_loads_is_refused_with_a_message_and_the_text_kept(association_data):
    client = Client()
    response = client.post(LISTING, listing(1, started=form_token("social_economy.listing_request")))
    body = response.content.decode()
    assert "kilka sekund po otwarciu strony" in body and "Spółdzielnia nr 1" in body
    assert not ListingRequest.objects.exists()
    # the renewed token lets the person send it with the next click
    renewed = re.search(r'name="started" value="([^"]+)"', body).group(1)
    assert client.post(LISTING, listing(1, started=renewed)).status_code == 302
    assert ListingRequest.objects.count() == 1


def test_a_form_open_for_more_than_a_day_or_a_forged_token_is_refused_with_the_text_kept(consulted):
    for token in (aged("strategy.comment", 25 * 3600), "forged", aged("social_economy.listing_request")):
        response = Client().post(
            reverse("portal:strategy_comment"), comment(consulted, "Uwaga pisana długo.", started=token)
        )
        body = response.content.decode()
        assert response.status_code == 400 and "dłużej niż dobę" in body and "Uwaga pisana długo." in body
    assert not Comment.objects.exists()


def test_password_reset_floods_send_no_more_mail_than_the_limit(demo, settings, mailoutbox):
    settings.AXES_ENABLED = False
    client = Client(REMOTE_ADDR="203.0.113.77")
    for _ in range(8):
        response = client.post(
            reverse("accounts:password_reset"),
            {"email": "biuro@example.invalid", "started": aged("accounts.password_reset")},
        )
    assert len(mailoutbox) == settings.ZIT_PUBLIC_FORM_PER_MINUTE
    body = response.content.decode()
    assert "Odczekaj kilka minut" in body and "biuro@example.invalid" in body
    trapped = client.post(
        reverse("accounts:password_reset"), {"email": "biuro@example.invalid", "homepage": "x"}
    )
    assert trapped.status_code == 302 and len(mailoutbox) == settings.ZIT_PUBLIC_FORM_PER_MINUTE


# --- parked posts: the moderator sees them, the job removes the old ones -----------------------------------------


def test_the_moderator_sees_parked_comments_and_can_publish_one(consulted, user_for_role):
    sender = Sender(address="203.0.113.20")
    for i in range(7):
        comment_submit(version=consulted, target_key="ogolna", text=f"Uwaga z serii {i}.", sender=sender)
    office = Client()
    office.force_login(user_for_role("office_staff"))
    page = office.get(reverse("strategy:consultation", args=[consulted.pk]) + "?stan=parked").content.decode()
    assert "wstrzymana: przekroczony limit wysyłek (2)" in page
    assert "Uwaga z serii 6." in page and "Opublikuj" in page
    parked = Comment.objects.get(text="Uwaga z serii 6.")
    office.post(
        reverse("strategy:comment_action", args=[consulted.pk, parked.pk]),
        {"action": "publish", "stan": "parked"},
    )
    parked.refresh_from_db()
    assert parked.status == "published"


def test_the_moderator_sees_parked_listing_requests_and_can_accept_one(association_data, user_for_role):
    client = Client(REMOTE_ADDR="203.0.113.21")
    for n in range(7):
        client.post(LISTING, listing(n))
    office = Client()
    office.force_login(user_for_role("office_staff"))
    queue = office.get(reverse("social_economy:requests")).content.decode()
    assert "Wstrzymane zgłoszenia: 2" in queue
    parked_page = office.get(reverse("social_economy:requests") + "?stan=parked").content.decode()
    assert "Spółdzielnia nr 6" in parked_page
    item = ListingRequest.objects.get(name="Spółdzielnia nr 6")
    detail = office.get(reverse("social_economy:request", args=[item.pk])).content.decode()
    assert "Zgłoszenie wstrzymane" in detail and "Przyjmij" in detail
    office.post(reverse("social_economy:request", args=[item.pk]), {"decision": "accept"})
    item.refresh_from_db()
    assert item.status == "accepted"


def test_the_recurring_job_deletes_parked_posts_older_than_the_moderation_period(
    consulted, association_data, settings
):
    from zit.core.jobs import handler_for, recurring_kinds
    from zit.core.models import Job, PublicFormPost

    assert "core.public_forms_purge" in recurring_kinds()
    settings.ZIT_PUBLIC_FORM_PARKED_DAYS = 14
    old = timezone.now() - dt.timedelta(days=15)
    sender = Sender(address="203.0.113.30")
    made = [
        comment_submit(version=consulted, target_key="ogolna", text=f"Stara uwaga {i}.", sender=sender)
        for i in range(8)
    ]
    assert [c.status for c in made].count("parked") == 3
    Comment.objects.filter(pk__in=[c.pk for c in made[:7]]).update(submitted_at=old)  # the newest stays young
    client = Client(REMOTE_ADDR="203.0.113.31")
    for n in range(6):
        client.post(LISTING, listing(n))
    ListingRequest.objects.update(received_at=old)
    PublicFormPost.objects.update(at=old)

    result = handler_for("core.public_forms_purge")(Job(kind="core.public_forms_purge"), lambda *a: None)

    assert result["deleted"] == {"strategy.comment": 2, "social_economy.listing_request": 1}
    assert Comment.objects.filter(status="parked").get().text == "Stara uwaga 7."  # young: kept
    assert Comment.objects.filter(status="pending").count() == 5  # old, but waiting in the normal queue
    assert ListingRequest.objects.filter(status="new").count() == 5
    assert not ListingRequest.objects.filter(status="parked").exists()
    assert not PublicFormPost.objects.exists()
    events = AuditEvent.objects.filter(action="public_forms.parked_purge")
    assert sorted(e.after["deleted"] for e in events) == [1, 2]
    assert all(e.actor_label == "system" for e in events)


# --- every public form carries the guard -------------------------------------------------------------------------

# POST forms anonymous visitors see that are not public forms in this sense, and why
NOT_PUBLIC_FORMS = {
    "/i18n/setlang/": "the language switch stores nothing and carries no text",
    "/konto/logowanie/": "signing in stores nothing; django-axes throttles failed attempts per address "
    "and account, and a delay check would refuse password managers that fill and send at once",
}


def _public_urls() -> list[str]:
    """Every URL of the configuration that takes no arguments and is not under the office's /biuro/."""
    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if "<" in route or "(" in route or "^" in route or route.startswith(("biuro/", "admin/")):
                    continue
                found.append(reverse("portal:home") + route)

    walk(get_resolver().url_patterns)
    return found


def test_every_public_form_has_the_trap_field_and_the_token(consulted):
    checked = {}
    # the strategy in force is shown by default; the update in consultation, with its form, by its number
    strategy_page = f"{reverse('portal:strategy')}?wersja={consulted.number}"
    pages = [*_public_urls(), reverse("portal:strategy"), strategy_page, str(LISTING)]
    client = Client()
    for url in pages:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for form in re.findall(r"<form\b[^>]*method=\"post\"[^>]*>.*?</form>", html, flags=re.S | re.I):
            action = re.search(r'action="([^"]*)"', form)
            target = action.group(1) if action and action.group(1) else url
            if target in NOT_PUBLIC_FORMS:
                continue
            assert 'name="homepage"' in form and 'name="started"' in form, f"{url}: the form to {target}"
            assert 'class="trap" aria-hidden="true"' in form, url
            checked[target] = url
    # the forms this point is about were found by the walk, not listed by hand
    assert {reverse("portal:strategy_comment"), LISTING, reverse("accounts:password_reset")} <= set(checked)


def test_every_public_form_class_caps_its_texts_and_shows_the_cap_on_long_ones(association_data, consulted):
    from django import forms

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {}
    for cls in subclasses(PublicForm):
        kwargs = {"targets": [("ogolna", "ogólna")]} if "targets" in cls.__init__.__code__.co_varnames else {}
        form = cls(**kwargs)
        found[cls.form_key] = cls
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField) and name != "started":
                assert field.max_length and form[name].as_widget().count(f'maxlength="{field.max_length}"')
                if isinstance(field.widget, forms.Textarea):
                    assert f"Do {field.max_length} znaków." in str(field.help_text), (cls, name)
    assert {"strategy.comment", "social_economy.listing_request", "accounts.password_reset"} <= set(found)
