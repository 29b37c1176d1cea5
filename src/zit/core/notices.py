"""Notices: one way of telling a person that something waits for them or happened to their work.

The inbox (zit.core.inbox) says what waits for a person now; `notices_refresh` turns each new item (a key the
person has not been told about) into a `Notice`, once per key. Events that do not wait (a card's new state)
add theirs with `notices_add`. The person reads them on the notices page and gets them by e-mail as one
message listing what is new, as often as they chose (`NoticePreference`: at once, daily, weekly); a run with
nothing new sends nothing. `notices_deliver` is the recurring job's whole work (zit.core.jobs)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.inbox import items_for
from zit.core.models import Notice, NoticePreference

logger = logging.getLogger(__name__)

Delivery = NoticePreference.Delivery
DIGEST_HOUR = 7  # the daily and weekly digests go out on the first run after this hour (local time)
TITLE_MAX = Notice._meta.get_field("title").max_length
URL_MAX = Notice._meta.get_field("url").max_length


@dataclass(frozen=True)
class NewNotice:
    source: str
    key: str
    title: str
    url: str = ""
    detail: str = ""


# --- selectors


def notices_of(*, user: Any) -> QuerySet[Notice]:
    """The person's own notices, newest first; nobody reads another's."""
    return Notice.objects.filter(recipient_id=user.pk)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient_id=user.pk, read_at=None).count()


def delivery_of(user: Any) -> str:
    preference = NoticePreference.objects.filter(user_id=user.pk).first()
    return preference.delivery if preference else Delivery.DAILY


# --- writing notices


def notices_add(
    *, recipients: Iterable[Any], notices: Iterable[NewNotice], now: dt.datetime | None = None
) -> list[Notice]:
    """Create each notice for each recipient, skipping the keys a recipient already has (told once)."""
    notices, now = list(notices), now or timezone.now()
    created = []
    for user in {u.pk: u for u in recipients}.values():
        known = set(
            Notice.objects.filter(recipient_id=user.pk, key__in=[n.key for n in notices]).values_list(
                "key", flat=True
            )
        )
        for new in notices:
            if new.key in known:
                continue
            known.add(new.key)
            try:
                with transaction.atomic():  # two runs at once: the constraint keeps one
                    created.append(
                        Notice.objects.create(
                            recipient=user,
                            source=new.source,
                            key=new.key[:200],
                            title=new.title[:TITLE_MAX],
                            detail=new.detail,
                            url=new.url[:URL_MAX],
                            created_at=now,
                        )
                    )
            except IntegrityError:
                continue
    return created


def notices_refresh(
    *, user: Any, today: dt.date | None = None, now: dt.datetime | None = None
) -> list[Notice]:
    """The person's inbox now: each item not announced before becomes a notice."""
    found = items_for(user=user, today=today)
    return notices_add(
        recipients=[user],
        notices=[
            NewNotice(src.key, item.key, _plain(item.title), item.url, _plain(item.detail or ""))
            for src, item in found
        ],
        now=now,
    )


def notices_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notices read: those named, or all of them. Only one's own, so no audit is needed
    beyond the row's own time: it changes nothing anyone else sees."""
    unread = Notice.objects.filter(recipient_id=user.pk, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notice_preference_set(*, actor: Any, delivery: str) -> NoticePreference:
    """The person chooses how often notices come by e-mail; only for themselves."""
    if not getattr(actor, "is_authenticated", False):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Nie masz uprawnień do tej czynności."))
    if delivery not in Delivery.values:
        from django.core.exceptions import ValidationError

        raise ValidationError({"delivery": _("Wybierz jedną z możliwości.")})
    preference, _created = NoticePreference.objects.select_for_update().get_or_create(user_id=actor.pk)
    before = audit.snapshot(preference, ["delivery"])
    preference.delivery = delivery
    preference.save(update_fields=["delivery"])
    audit.record(
        actor=actor,
        action="core.notice_preference",
        obj=preference,
        before=before,
        after=audit.snapshot(preference, ["delivery"]),
    )
    return preference


# --- the e-mail digest


def digest_due(delivery: str, last: dt.datetime | None, now: dt.datetime) -> bool:
    """At once: every run. Daily: once a day, after DIGEST_HOUR. Weekly: after DIGEST_HOUR, seven days or
    more after the last one."""
    if delivery == Delivery.IMMEDIATELY:
        return True
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return False
    if last is None:
        return True
    days = (local.date() - timezone.localtime(last).date()).days
    return days >= (7 if delivery == Delivery.WEEKLY else 1)


def digest_text(notices: list[Notice]) -> tuple[str, str]:
    """One plain Polish message listing the new notices with their links."""
    site = settings.ZIT_SITE_URL.rstrip("/")
    subject = _("ZIT: nowe powiadomienia (%(n)d)") % {"n": len(notices)}
    lines = [_("Dzień dobry,"), "", _("na platformie ZIT pojawiło się dla Ciebie:"), ""]
    for notice in notices:
        lines.append(f"– {notice.title}")
        if notice.detail:
            lines.append(f"  {notice.detail}")
        if notice.url:
            lines.append(f"  {site}{notice.url}" if notice.url.startswith("/") else f"  {notice.url}")
    lines += [
        "",
        _("Wszystkie powiadomienia: %(l)s") % {"l": site + _notices_url()},
        _("Jak często dostajesz tę wiadomość, ustawisz tutaj: %(l)s") % {"l": site + _settings_url()},
        "",
        _("Wiadomość wysłana automatycznie przez platformę ZIT Stowarzyszenia Aglomeracji Konińskiej."),
    ]
    return str(subject), "\n".join(str(line) for line in lines)


def _notices_url() -> str:
    from django.urls import reverse

    return reverse("notices:list")


def _settings_url() -> str:
    from django.urls import reverse

    return reverse("notices:settings")


def digest_send(*, user: Any, now: dt.datetime | None = None, force: bool = False) -> int:
    """Send the person's digest if it is due by their preference (or `force`) and something new waits;
    returns the number of notices listed (0: nothing sent)."""
    now = now or timezone.now()
    if not user.email or not user.is_active:
        return 0
    with transaction.atomic():
        preference, _created = NoticePreference.objects.select_for_update().get_or_create(user_id=user.pk)
        if not force and not digest_due(preference.delivery, preference.last_mailed_at, now):
            return 0
        pending = list(
            Notice.objects.select_for_update()
            .filter(recipient_id=user.pk, mailed_at=None, read_at=None, created_at__lte=now)
            .order_by("created_at", "id")
        )
        if not pending:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = digest_text(pending)
        Notice.objects.filter(pk__in=[n.pk for n in pending]).update(mailed_at=now)
        preference.last_mailed_at = now
        preference.save(update_fields=["last_mailed_at"])
        # sent inside the transaction: a failure rolls the marks back, so the next run tries again
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(pending)


def digest_send_now(user_ids: Iterable[int]) -> None:
    """After an event: the people who want notices at once get them now, not at the next run."""
    users = get_user_model().objects.filter(
        pk__in=list(user_ids), is_active=True, notice_preference__delivery=Delivery.IMMEDIATELY
    )
    for user in users:
        try:
            digest_send(user=user)
        except Exception:  # the mail server down: the recurring job sends it later
            logger.warning("notices: the digest for user %s was not sent", user.pk, exc_info=True)


def notices_deliver(*, now: dt.datetime | None = None, today: dt.date | None = None) -> dict[str, int]:
    """For every active person: new notices from their inbox, then the e-mail if it is due."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    created = mailed = people = failed = 0
    for user in get_user_model().objects.filter(is_active=True).order_by("pk"):
        with translation.override(settings.LANGUAGE_CODE):
            created += len(notices_refresh(user=user, today=today, now=now))
        try:
            listed = digest_send(user=user, now=now)
        except Exception:  # one address refused or the mail server down: the others still get theirs
            logger.warning("notices: the digest for user %s was not sent", user.pk, exc_info=True)
            failed += 1
            continue
        if listed:
            mailed += listed
            people += 1
    return {"created": created, "mailed": mailed, "people": people, "failed": failed}


def _plain(text) -> str:
    """An inbox title may be HTML (its Polish data marked lang="pl"): a notice keeps the plain text."""
    from html import unescape

    from django.utils.html import strip_tags

    return unescape(strip_tags(str(text)))
