"""Writes of the e-mail subscriptions: a request (it sends the confirmation e-mail), its confirmation, unsubscribing
and the purge of requests never confirmed.

Double opt-in: a request stores the address with its choice, inactive, and mails a link signed with the address
and the choice, valid for `ZIT_SUBSCRIPTION_CONFIRM_DAYS`. Only the link's use (a button on its page, so a mail
scanner fetching links confirms nothing) sets `confirmed_at`. A confirmed address asking again keeps its choice
until the new link is used. Every answer the requester sees is the same whether the address was unknown, waiting
or confirmed: the page never tells who subscribes.

Unsubscribing needs no account: every notification carries a link signed with the address, with no expiry, which
deletes the row on POST (RFC 8058 one-click, also the button of the link's page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zit.core import audit
from zit.core.public_forms import Sender, admit
from zit.core.roles import Perm, require_unless_system
from zit.subscriptions.models import Subscription, Topic

FORM_KEY = "subscriptions.subscribe"
CONFIRM_SALT = "zit.subscriptions.confirm"
UNSUBSCRIBE_SALT = "zit.subscriptions.unsubscribe"


@dataclass(frozen=True)
class Choice:
    topics: tuple[str, ...]
    gminas: tuple[str, ...]  # TERC codes, only with Topic.PROJECTS


def gmina_choices() -> list[tuple[str, str]]:
    """The gminas of the functional area in force (TERC, name), in Polish alphabetical order."""
    from zit.territory.diagnosis import area_gminas

    return [(unit.terc, unit.name) for unit in area_gminas()]


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def choice_clean(*, topics: list[str], gminas: list[str]) -> Choice:
    """The choice as stored, or ValidationError keyed by field."""
    chosen = tuple(t for t in Topic.values if t in set(topics))
    if not chosen:
        raise ValidationError({"topics": _("Wybierz, o czym chcesz dostawać wiadomości.")})
    if Topic.PROJECTS not in chosen:
        return Choice(chosen, ())
    known = dict(gmina_choices())
    picked = tuple(code for code in known if code in set(gminas))
    if not picked or set(gminas) - set(known):
        raise ValidationError(
            {"gminas": _("Wybierz co najmniej jedną gminę, o której nowych projektach chcesz wiedzieć.")}
        )
    return Choice(chosen, picked)


# --- the signed links --------------------------------------------------------------------------------------------


class LinkProblem(Exception):
    """A link that cannot be used; the message says why in Polish."""


def confirm_token(email: str, choice: Choice) -> str:
    return signing.dumps({"e": email, "t": list(choice.topics), "g": list(choice.gminas)}, salt=CONFIRM_SALT)


def expired_message() -> str:
    days = settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS
    return ngettext(
        "Link potwierdzający wygasł: był ważny przez %(days)d dzień od zapisu. Zapisz się jeszcze raz, a "
        "wyślemy nowy.",
        "Link potwierdzający wygasł: był ważny przez %(days)d dni od zapisu. Zapisz się jeszcze raz, a "
        "wyślemy nowy.",
        days,
    ) % {"days": days}


def confirm_token_read(token: str) -> tuple[str, Choice]:
    max_age = dt.timedelta(days=settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS)
    try:
        data = signing.loads(token or "", salt=CONFIRM_SALT, max_age=max_age)
        return data["e"], Choice(tuple(data["t"]), tuple(data["g"]))
    except signing.SignatureExpired as exc:
        raise LinkProblem(expired_message()) from exc
    except (signing.BadSignature, KeyError, TypeError) as exc:
        raise LinkProblem(
            _(
                "Ten link jest nieprawidłowy albo niepełny. Skopiuj z wiadomości cały adres albo zapisz się jeszcze raz."
            )
        ) from exc


def unsubscribe_token(email: str) -> str:
    return signing.dumps(email, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_read(token: str) -> str:
    try:
        return str(signing.loads(token or "", salt=UNSUBSCRIBE_SALT))
    except signing.BadSignature as exc:
        raise LinkProblem(
            _("Ten link do wypisania się jest nieprawidłowy albo niepełny. Skopiuj z wiadomości cały adres.")
        ) from exc


def site_link(path: str) -> str:
    return settings.ZIT_SITE_URL.rstrip("/") + path


def unsubscribe_link(email: str) -> str:
    return site_link(reverse("subscriptions:unsubscribe", args=[unsubscribe_token(email)]))


def unsubscribe_headers(email: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: the address a mail program posts to for one-click unsubscribing."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_link(email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


# --- the writes --------------------------------------------------------------------------------------------------


@transaction.atomic
def subscription_request(
    *, email: str, topics: list[str], gminas: list[str], sender: Sender | None = None, now=None
) -> bool:
    """Anyone asks for notices at an address. False when the sender is over the public forms' limits: then
    nothing is stored or sent. Otherwise the confirmation e-mail goes out, whatever the address's state."""
    email = normalise_email(email)
    if not email:
        raise ValidationError({"email": _("Podaj adres e-mail.")})
    choice = choice_clean(topics=topics, gminas=gminas)
    if not admit(form=FORM_KEY, sender=sender):
        return False
    now = now or timezone.now()
    row = Subscription.objects.select_for_update().filter(email=email).first()
    if row is None:
        Subscription.objects.create(
            email=email, topics=list(choice.topics), gminas=list(choice.gminas), requested_at=now
        )
    elif not row.is_active:
        row.topics, row.gminas, row.requested_at = list(choice.topics), list(choice.gminas), now
        row.save(update_fields=["topics", "gminas", "requested_at"])
    # a confirmed row keeps its choice until the new link is used
    _confirmation_send(email, choice)
    return True


def _confirmation_send(email: str, choice: Choice) -> None:
    from zit.subscriptions.digests import choice_lines

    link = site_link(reverse("subscriptions:confirm", args=[confirm_token(email, choice)]))
    days = settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS
    body = "\n".join(
        [
            _("Dzień dobry,"),
            "",
            _("ktoś (zapewne Ty) zapisał ten adres na powiadomienia e-mail ZIT Aglomeracji Konińskiej:"),
            *choice_lines(choice),
            "",
            _("Aby zacząć je dostawać, otwórz link i potwierdź zapis przyciskiem:"),
            link,
            "",
            ngettext(
                "Link jest ważny przez %(days)d dzień. Jeśli to nie Ty, nic nie rób: bez potwierdzenia adres "
                "usuniemy po tym czasie i nie wyślemy na niego nic więcej.",
                "Link jest ważny przez %(days)d dni. Jeśli to nie Ty, nic nie rób: bez potwierdzenia adres "
                "usuniemy po tym czasie i nie wyślemy na niego nic więcej.",
                days,
            )
            % {"days": days},
        ]
    )
    EmailMessage(
        _("Potwierdź subskrypcję powiadomień ZIT Aglomeracji Konińskiej"),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


@transaction.atomic
def subscription_confirm(*, token: str, now=None) -> Subscription:
    """The link of the confirmation e-mail was used: the choice it carries is stored and the address is active.
    The audit event names the row, never the address."""
    try:
        email, choice = confirm_token_read(token)
    except LinkProblem as exc:
        raise ValidationError(str(exc)) from exc
    now = now or timezone.now()
    row = Subscription.objects.select_for_update().filter(email=email).first()
    if row is None:  # purged in the meantime: the link itself is the consent
        row = Subscription(email=email, requested_at=now)
    before = {"topics": row.topics, "gminas": row.gminas, "active": row.is_active} if row.pk else None
    row.topics, row.gminas, row.confirmed_at = list(choice.topics), list(choice.gminas), now
    row.save()
    audit.record(
        actor=None,
        action="subscriptions.confirm",
        obj=row,
        before=before,
        after={"topics": row.topics, "gminas": row.gminas, "active": True},
    )
    return row


@transaction.atomic
def subscription_cancel(*, token: str) -> bool:
    """Unsubscribe by the signed link: the row is deleted. False when there was nothing to delete (the link was
    used before). Raises ValidationError for a link that is not genuine."""
    try:
        email = unsubscribe_token_read(token)
    except LinkProblem as exc:
        raise ValidationError(str(exc)) from exc
    row = Subscription.objects.select_for_update().filter(email=normalise_email(email)).first()
    if row is None:
        return False
    audit.record(
        actor=None,
        action="subscriptions.cancel",
        obj=row,
        before={"topics": row.topics, "gminas": row.gminas, "active": row.is_active},
    )
    row.delete()
    return True


@transaction.atomic
def unconfirmed_purge(*, actor: Any = None, now=None) -> int:
    """Delete the addresses not confirmed within ZIT_SUBSCRIPTION_CONFIRM_DAYS of their request (the system's
    recurring job, or an administrator)."""
    require_unless_system(actor, Perm.JOBS_RUN)
    now = now or timezone.now()
    days = settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS
    old = Subscription.objects.filter(
        confirmed_at__isnull=True, requested_at__lt=now - dt.timedelta(days=days)
    )
    ids = list(old.values_list("pk", flat=True))
    if ids:
        Subscription.objects.filter(pk__in=ids).delete()
        audit.record(
            actor=actor,
            action="subscriptions.unconfirmed_purge",
            obj=None,
            collection=Subscription,
            after={"deleted": len(ids), "ids": ids, "older_than_days": days},
        )
    return len(ids)
