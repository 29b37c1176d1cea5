"""Forms anyone may send without an account: one mechanism for all of them.

- **A trap field** (`homepage`) that people never see and programs fill in: such a post is thanked as usual
  and nothing is kept.
- **A signed token** issued with the form (`started`): a post sooner than `ZIT_PUBLIC_FORM_MIN_SECONDS` after
  the form was shown, or later than `ZIT_PUBLIC_FORM_MAX_AGE_HOURS`, is refused with a message; what the person
  typed stays in the form together with a fresh token, so a second click sends it.
- **Limits per form and per sender**: the sender is the visitor's address and, where the form asks for one,
  the e-mail. Within `ZIT_PUBLIC_FORM_PER_MINUTE`, `_PER_HOUR` and `_PER_DAY` a post is stored as usual;
  beyond any of them it is still stored, but parked for the moderator: never published by itself, shown in
  the moderation queue, and deleted with an audit event after `ZIT_PUBLIC_FORM_PARKED_DAYS` by a recurring
  job unless the moderator takes it in.
- **Length caps** on every text field: the `maxlength` attribute, a visible hint ("Do 2000 znaków.") on long
  texts, and the same check on the server with a message that says how long the text is.

Services receive a `Sender` and call `admit()` inside their transaction: the limit is a business rule, so
every entry point (web form, API, command) meets it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HONEYPOT = "homepage"
TOKEN = "started"
_SALT = "zit.public-form"

TOO_LONG = _(
    "Tekst jest za długi: ma %(show_value)d znaków, a zmieści się najwyżej %(limit_value)d. "
    "Skróć go; to, co wpisano, zostało w formularzu."
)
TOO_FAST = _("Formularz wysłano kilka sekund po otwarciu strony. Sprawdź treść i wyślij ponownie.")
TOO_OLD = _(
    "Formularz był otwarty dłużej niż dobę albo strona była nieaktualna. To, co wpisano, zostało "
    "w formularzu: sprawdź treść i wyślij ponownie."
)


# --- the token ---------------------------------------------------------------------------------------------------


def form_token(form_key: str, *, issued_at: float | None = None) -> str:
    """A token saying which form was shown and when; `issued_at` (a Unix time) only for tests."""
    return signing.dumps(
        {"f": form_key, "t": int(time.time() if issued_at is None else issued_at)}, salt=_SALT
    )


def token_problem(form_key: str, token: str, *, now: float | None = None) -> str | None:
    """None when the token is genuine and its age is within the limits, else the message to show."""
    try:
        data = signing.loads(token or "", salt=_SALT)
        issued = float(data["t"])
        genuine = data["f"] == form_key
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return str(TOO_OLD)
    age = (time.time() if now is None else now) - issued
    if not genuine or age > settings.ZIT_PUBLIC_FORM_MAX_AGE_HOURS * 3600 or age < -60:
        return str(TOO_OLD)
    if age < settings.ZIT_PUBLIC_FORM_MIN_SECONDS:
        return str(TOO_FAST)
    return None


# --- the form ----------------------------------------------------------------------------------------------------


class TrapInput(forms.TextInput):
    """The field programs fill in; rendered off screen by `includes/public_form_guard.html`."""

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


class PublicForm(forms.Form):
    """Base of every public form. Subclasses name their `form_key` (used in limits and tokens) and, if the
    form asks for the sender's e-mail, `sender_email_field`. Long texts get `long_text_hint` fields."""

    form_key: str = ""
    sender_email_field: str | None = None
    caps: dict[str, int] = {}  # length caps for inherited fields that have none
    is_public_form = True

    homepage = forms.CharField(
        label=_("Zostaw to pole puste"), required=False, max_length=200, widget=TrapInput()
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.form_key:
            raise TypeError(f"{type(self).__name__} names no form_key.")
        self.fields[HONEYPOT].is_trap = True
        self.initial[TOKEN] = form_token(self.form_key)
        for name, length in self.caps.items():
            cap(self.fields[name], length)
        for name, field in self.fields.items():
            if name in (HONEYPOT, TOKEN) or not isinstance(field, forms.CharField):
                continue
            if field.max_length is None:
                raise TypeError(f"{type(self).__name__}.{name} has no length cap.")
            field.error_messages["max_length"] = TOO_LONG
            if isinstance(field.widget, forms.Textarea):
                hint = _("Do %(n)d znaków.") % {"n": field.max_length}
                field.help_text = f"{field.help_text} {hint}" if field.help_text else hint

    @property
    def is_robot(self) -> bool:
        """The trap field is filled in: thank the sender as usual and keep nothing."""
        return bool(self.data.get(HONEYPOT))

    def clean(self):
        cleaned = super().clean()
        problem = token_problem(self.form_key, self.data.get(TOKEN, ""))
        if problem:
            self.add_error(None, problem)
            self.renew_token()
        return cleaned

    def renew_token(self) -> None:
        """A fresh token in the re-rendered form, dated as if the form had been open for the minimum time:
        the person has read the message, so their next click is accepted at once."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[TOKEN] = form_token(
                self.form_key, issued_at=time.time() - settings.ZIT_PUBLIC_FORM_MIN_SECONDS
            )

    def sender_email(self) -> str:
        if not self.sender_email_field or not hasattr(self, "cleaned_data"):
            return ""
        return self.cleaned_data.get(self.sender_email_field) or ""

    def values(self) -> dict[str, Any]:
        """The cleaned data without the guard's fields."""
        return {k: v for k, v in self.cleaned_data.items() if k not in (HONEYPOT, TOKEN)}


def cap(field: forms.Field, length: int) -> forms.Field:
    """Give a field its length cap after it was built (e.g. an inherited field without one)."""
    field.max_length = length
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(MaxLengthValidator(length))
    field.widget.attrs["maxlength"] = str(length)
    return field


def check_lengths(values: dict[str, Any], caps: dict[str, int]) -> dict[str, list[str]]:
    """The same caps in the services: {field: [message]} for every text longer than its cap."""
    errors: dict[str, list[str]] = {}
    for name, limit in caps.items():
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            errors[name] = [str(TOO_LONG) % {"show_value": len(text), "limit_value": limit}]
    return errors


# --- the sender and the limits -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sender:
    """Who sent a public form: the visitor's address and, where the form has one, the e-mail."""

    address: str
    email: str = ""

    @classmethod
    def of(cls, request, email: str = "") -> Sender:
        from zit.core.client import client_address

        return cls(address=client_address(request), email=email)

    def keys(self) -> list[str]:
        """Keyed hashes, so the counters identify nobody to a reader of the database."""
        found = [_hash(f"address|{self.address}")] if self.address else []
        if self.email.strip():
            found.append(_hash(f"email|{self.email.strip().lower()}"))
        return found

    def daily_hash(self) -> str:
        """The address hashed with the day: tells the moderator which posts came together, and nothing
        from one day to the next."""
        return _hash(f"{self.address}|{timezone.localdate()}")


def _hash(text: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def limits() -> list[tuple[dt.timedelta, int]]:
    """(window, how many posts per sender and form it takes); 0 switches a window off."""
    windows = [
        (dt.timedelta(minutes=1), settings.ZIT_PUBLIC_FORM_PER_MINUTE),
        (dt.timedelta(hours=1), settings.ZIT_PUBLIC_FORM_PER_HOUR),
        (dt.timedelta(days=1), settings.ZIT_PUBLIC_FORM_PER_DAY),
    ]
    return [(window, count) for window, count in windows if count]


def _lock(form_key: str, key: str) -> None:
    """On PostgreSQL, one sender's posts to one form are counted one at a time, so a burst sent in
    parallel cannot slip past the count; SQLite writes one transaction at a time anyway."""
    if connection.vendor == "postgresql":
        number = int.from_bytes(hashlib.sha256(f"{form_key}|{key}".encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def admit(*, form: str, sender: Sender | None, now: dt.datetime | None = None) -> bool:
    """Count one post of `form` by `sender`: True when it is within every limit (store it as usual), False
    when the sender is over one (store it parked). Call inside the service's transaction."""
    from zit.core.models import PublicFormPost

    if sender is None:
        return True
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("admit() is called inside the service's transaction.")
    now = now or timezone.now()
    keys = sender.keys()
    for key in sorted(keys):
        _lock(form, key)
    within = all(
        PublicFormPost.objects.filter(form=form, sender=key, at__gte=now - window).count() < count
        for window, count in limits()
        for key in keys
    )
    PublicFormPost.objects.bulk_create([PublicFormPost(form=form, sender=key, at=now) for key in keys])
    return within


# --- parked posts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParkedKind:
    """Where one form parks its posts: a model, its state field and parked value, and its date field."""

    form: str
    model: str  # "app_label.ModelName"
    date_field: str
    status_field: str = "status"
    parked_value: str = "parked"

    def queryset(self):
        from django.apps import apps

        model = apps.get_model(self.model)
        return model.objects.filter(**{self.status_field: self.parked_value})


_PARKED: dict[str, ParkedKind] = {}


def register_parked(kind: ParkedKind) -> None:
    """Called by each app in its AppConfig.ready(): the purge job then knows where parked posts live."""
    _PARKED[kind.form] = kind


def parked_kinds() -> list[ParkedKind]:
    return list(_PARKED.values())


def parked_purge(*, actor: Any = None, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete parked posts older than ZIT_PUBLIC_FORM_PARKED_DAYS (one audit event per form that lost any)
    and the counters older than the longest window. Only the system runs it, or an administrator."""
    from zit.core import audit
    from zit.core.models import PublicFormPost
    from zit.core.roles import Perm, require

    if actor is not None:
        require(actor, Perm.JOBS_RUN)
    now = now or timezone.now()
    days = settings.ZIT_PUBLIC_FORM_PARKED_DAYS
    deleted: dict[str, int] = {}
    with transaction.atomic():
        for kind in parked_kinds():
            old = kind.queryset().filter(**{f"{kind.date_field}__lt": now - dt.timedelta(days=days)})
            ids = list(old.values_list("pk", flat=True))
            if not ids:
                continue
            model = old.model
            model.objects.filter(pk__in=ids).delete()
            deleted[kind.form] = len(ids)
            audit.record(
                actor=actor,
                action="public_forms.parked_purge",
                obj=None,
                collection=model,
                after={"form": kind.form, "deleted": len(ids), "ids": ids, "older_than_days": days},
            )
        PublicFormPost.objects.filter(at__lt=now - dt.timedelta(days=1)).delete()
    return deleted
