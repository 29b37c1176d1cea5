"""The pages of the second factor: the code after the password, setting the app up, recovery codes, the
account's own settings and an administrator's reset. Thin: each calls one service of zit.accounts.second_factor.
"""

from __future__ import annotations

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from zit.accounts.forms import AppCodeForm, RecoveryCodeForm, SecondFactorResetForm
from zit.accounts.models import User
from zit.accounts.second_factor import (
    app_device,
    demo_code,
    is_verified,
    qr_svg,
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_check,
    second_factor_disable,
    second_factor_required,
    second_factor_reset,
    secret_for_typing,
    totp_setup_confirm,
    totp_setup_start,
)
from zit.core.roles import Perm, require

FAILURES_KEY = "zit_code_failures"
CODES_KEY = "zit_recovery_codes"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("accounts:dashboard")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


@login_required
def second_factor_verify(request):
    """The second step of signing in: a code from the app, or (on request) a recovery code."""
    user = request.user
    if is_verified(user):
        return redirect(_next(request))
    device = app_device(user)
    if device is None:
        if second_factor_required(user):
            return redirect(_with_next("accounts:second_factor_setup", request))
        return redirect(_next(request))
    credentials = {"username": user.get_username()}
    if settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
    recovery = (request.POST if request.method == "POST" else request.GET).get("kod") == "zapasowy"
    form = (RecoveryCodeForm if recovery else AppCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = second_factor_check(user=user, token=form.cleaned_data["code"])
        if check.ok:
            request.session.cycle_key()
            otp_login(request, check.device)
            request.session.pop(FAILURES_KEY, None)
            if check.recovery:
                left = recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "Użyto kodu zapasowego: ten kod już nie zadziała. Zostało kodów: %(left)s. Jeśli telefon "
                        "zaginął, ustaw aplikację na nowym w „Logowanie dwuetapowe” na swoim pulpicie."
                    )
                    % {"left": left},
                )
            return redirect(_next(request))
        failures = request.session.get(FAILURES_KEY, 0) + 1
        request.session[FAILURES_KEY] = failures
        # a wrong code counts like a wrong password: django-axes locks this account at this address
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False) or failures >= settings.AXES_FAILURE_LIMIT:
            logout(request)
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        if check.throttled:
            form.add_error("code", _("Zbyt wiele prób pod rząd. Odczekaj kilka sekund i wpisz kod ponownie."))
        elif recovery:
            form.add_error("code", _("Ten kod zapasowy nie pasuje albo został już użyty."))
        else:
            form.add_error("code", _("Kod się nie zgadza. Wpisz sześć cyfr, które aplikacja pokazuje teraz."))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {
            "form": form,
            "recovery": recovery,
            "next": _next(request),
            "demo_code": demo_code(device),
            "has_recovery_codes": recovery_codes_left(user) > 0,
        },
    )


@login_required
def second_factor_setup(request):
    """Scan the QR code (or type the key), confirm with one code, then see the recovery codes once."""
    user = request.user
    if app_device(user) is not None and not is_verified(user):
        # a password alone never replaces the app: that is what the second factor protects
        return redirect(_with_next("accounts:second_factor_verify", request))
    device = totp_setup_start(user=user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_setup_confirm(user=user, device=device, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            device.refresh_from_db()
            request.session.cycle_key()
            otp_login(request, device)
            request.session[CODES_KEY] = codes
            return redirect(_with_next("accounts:recovery_codes", request))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device),
            "secret": secret_for_typing(device),
            "required": second_factor_required(user),
            "replacing": app_device(user) is not None,
            "next": _next(request),
        },
    )


@login_required
def recovery_codes(request):
    """The recovery codes, shown once: they leave the session when the person says they saved them."""
    codes = request.session.get(CODES_KEY)
    if not codes:
        return redirect("accounts:second_factor")
    if request.method == "POST":
        del request.session[CODES_KEY]
        messages.success(request, _("Logowanie dwuetapowe jest włączone."))
        return redirect(_next(request))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})


@login_required
def recovery_codes_download(request):
    codes = request.session.get(CODES_KEY)
    if not codes:
        return redirect("accounts:second_factor")
    text = (
        _("Kody zapasowe do Platformy ZIT, konto %(username)s.") % {"username": request.user.get_username()}
        + "\n"
        + _("Każdy kod działa raz. Przechowuj je tak jak hasło.")
        + "\n\n"
        + "\n".join(codes)
        + "\n"
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kody-zapasowe-zit.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def second_factor(request):
    """The account's own page: is the second factor on, how many recovery codes are left, change or turn off."""
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "codes":
                request.session[CODES_KEY] = recovery_codes_regenerate(user=user)
                return redirect("accounts:recovery_codes")
            if action == "disable":
                second_factor_disable(user=user)
                messages.success(request, _("Logowanie dwuetapowe jest wyłączone."))
                return redirect("accounts:second_factor")
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("accounts:second_factor")
    device = app_device(user)
    return render(
        request,
        "accounts/second_factor.html",
        {
            "device": device,
            "required": second_factor_required(user),
            "codes_left": recovery_codes_left(user) if device else 0,
        },
    )


@login_required
def second_factor_reset_view(request, pk: int):
    """An administrator resets someone's second factor (a lost phone), with a reason."""
    require(request.user, Perm.ACCOUNTS_MANAGE)
    person = get_object_or_404(User, pk=pk)
    form = SecondFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor_reset(actor=request.user, user=person, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Zresetowano logowanie dwuetapowe konta %(username)s. Jego sesje zakończono, a właściciel "
                    "dostał wiadomość e-mail."
                )
                % {"username": person.get_username()},
            )
            return redirect(reverse("admin:accounts_user_change", args=[person.pk]))
    return render(
        request,
        "accounts/second_factor_reset.html",
        {
            "form": form,
            "person": person,
            "device": app_device(person),
            "codes_left": recovery_codes_left(person),
            "required": second_factor_required(person),
        },
    )
