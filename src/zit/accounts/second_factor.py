"""The second factor: a time-based code from an authenticator app (TOTP, RFC 6238) and single-use recovery
codes, both kept by django-otp (its totp and static plugins). Office staff, the office's administrators and the
secretary of the bodies must use it; everyone else may.

Every change goes through a service here, audited; the pages (zit.accounts.views_second_factor) only call them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zit.accounts.services import user_sessions_end
from zit.core import audit
from zit.core.roles import SECOND_FACTOR_REQUIRED, Perm, require, roles_of

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Aplikacja uwierzytelniająca"
RECOVERY_DEVICE_NAME = "Kody zapasowe"
# The demo accounts' authenticator key (load_demo, never in production): public like their password, so the
# code page of a demo account may show the current code; see README ("Konta demonstracyjne").
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, "12345678901234567890"
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread on paper


# --- who needs what (reads) ---


def second_factor_required(user: Any) -> bool:
    """The user's roles oblige them to sign in with a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or roles_of(user) & SECOND_FACTOR_REQUIRED)


def app_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they set one up."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: Any) -> bool:
    return app_device(user) is not None


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_verified(user: Any) -> bool:
    """The session passed the second step (django-otp's middleware marks it)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def demo_code(device: TOTPDevice) -> str | None:
    """The current code of a demo account whose key is the public demo key; None for every other account."""
    if device is None or not device.user.is_demo or device.key != DEMO_TOTP_KEY:
        return None
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no image file, no external service)."""
    code = segno.make(device.config_url, error="m")
    return code.svg_inline(scale=5, border=2, dark="#111111", light="#ffffff", omitsize=True)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps without a camera."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


# --- verification ---


@dataclass
class Check:
    device: Any = None
    recovery: bool = False
    throttled: bool = False

    @property
    def ok(self) -> bool:
        return self.device is not None


def _normalise(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


def second_factor_check(*, user: Any, token: str) -> Check:
    """Checks a code from the app (six digits) or a recovery code; a recovery code works once. Each device
    delays the next attempt after a wrong one (django-otp's throttling, doubling each time)."""
    token = _normalise(token)
    if token.isdigit() and len(token) == 6:
        device = app_device(user)
        if device is None:
            return Check()
        allowed, _data = device.verify_is_allowed()
        if not allowed:
            return Check(throttled=True)
        return Check(device=verify_token(user, device.persistent_id, token))
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not token:
        return Check()
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        return Check(throttled=True)
    with transaction.atomic():
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            audit.record(
                actor=user,
                action="accounts.recovery_code_use",
                obj=user,
                after={"left": recovery_codes_left(user)},
            )
    return Check(device=verified, recovery=verified is not None)


# --- writes ---


@transaction.atomic
def totp_setup_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed app device to scan; the same one until it is confirmed, so reloading the page keeps the
    code the person has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=APP_DEVICE_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def _new_recovery_code() -> str:
    return "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))


def _recovery_codes_replace(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def totp_setup_confirm(*, user: Any, device: TOTPDevice, token: str) -> list[str]:
    """Confirms the scanned app with a code from it; replaces any earlier app and recovery codes. Returns the
    new recovery codes, shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("Nie masz uprawnień do tej czynności."))
    token = _normalise(token)
    if not (token.isdigit() and len(token) == 6) or verify_token(user, device.persistent_id, token) is None:
        raise ValidationError(
            _(
                "Kod się nie zgadza. Wpisz sześć cyfr, które aplikacja pokazuje teraz, i sprawdź zegar telefonu."
            )
        )
    had_one = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.confirmed = True
    codes = _recovery_codes_replace(user)
    audit.record(
        actor=user,
        action="accounts.second_factor_replace" if had_one else "accounts.second_factor_enable",
        obj=user,
        after={"recovery_codes": len(codes)},
    )
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: Any) -> list[str]:
    """New recovery codes; the old ones stop working."""
    if not has_second_factor(user):
        raise ValidationError(_("Najpierw włącz logowanie dwuetapowe."))
    codes = _recovery_codes_replace(user)
    audit.record(actor=user, action="accounts.recovery_codes_regenerate", obj=user)
    return codes


@transaction.atomic
def second_factor_disable(*, user: Any) -> None:
    """Someone who chose the second factor may turn it off; a role that requires it may not."""
    if second_factor_required(user):
        raise PermissionDenied(
            _(
                "Twoja rola wymaga logowania dwuetapowego, więc nie możesz go wyłączyć. Możesz zmienić telefon."
            )
        )
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(actor=user, action="accounts.second_factor_disable", obj=user)


@transaction.atomic
def second_factor_reset(*, actor: Any, user: Any, reason: str) -> None:
    """A lost or replaced phone: an administrator removes the user's app and recovery codes, with the reason.
    The user's sessions end and they are told by e-mail; at their next sign-in they set the app up again (if
    their role requires it) or sign in with the password alone."""
    if actor is not None:
        require(actor, Perm.ACCOUNTS_MANAGE)
        if actor.pk == user.pk:
            raise ValidationError(
                _(
                    "Własne logowanie dwuetapowe zmienisz na stronie „Logowanie dwuetapowe” w swoim koncie. "
                    "Reset robi inny administrator."
                )
            )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Podaj powód resetu, np. „zgubiony telefon, zgłoszenie z 3 marca”.")}
        )
    had = list(TOTPDevice.objects.filter(user=user, confirmed=True).values_list("name", flat=True))
    codes_left = recovery_codes_left(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_sessions_end(user=user)
    audit.record(
        actor=actor,
        action="accounts.second_factor_reset",
        obj=user,
        before={"devices": had, "recovery_codes": codes_left},
        after={"devices": [], "recovery_codes": 0, "sessions_ended": True},
        reason=reason,
    )
    if user.email:
        body = render_to_string(
            "accounts/email/second_factor_reset.txt",
            {
                "user": user,
                "actor": audit.actor_label(actor),
                "reason": reason,
                "required": second_factor_required(user),
                "site_url": settings.ZIT_SITE_URL,
            },
        )
        message = EmailMessage(
            _("Zresetowano logowanie dwuetapowe na Twoim koncie"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        # after the commit, so a reset that fails tells nobody it happened
        transaction.on_commit(lambda: get_connection().send_messages([message]))
