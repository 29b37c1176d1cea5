"""Two checks on every request of a signed-in user, after Django's and django-otp's own middleware:

- SessionIdleMiddleware ends a session left idle longer than the user's roles allow (office roles
  ZIT_SESSION_IDLE_HOURS_OFFICE, everyone else ZIT_SESSION_IDLE_HOURS);
- SecondFactorMiddleware keeps a session that passed only the password on the code page (or, for a role that
  requires a second factor and has none yet, on its set-up page): no office page, no admin, nothing else.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from zit.accounts.second_factor import has_second_factor, is_verified, second_factor_required
from zit.core.roles import SECOND_FACTOR_REQUIRED, roles_of

LAST_SEEN_KEY = "zit_last_seen"
TOUCH_EVERY_SECONDS = 60  # the session is written at most once a minute, not on every request


def idle_hours(user) -> float:
    if user.is_superuser or roles_of(user) & SECOND_FACTOR_REQUIRED:
        return settings.ZIT_SESSION_IDLE_HOURS_OFFICE
    return settings.ZIT_SESSION_IDLE_HOURS


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            hours = idle_hours(user)
            limit = int(hours * 3600)
            last = request.session.get(LAST_SEEN_KEY)
            if last is not None and now - int(last) > limit:
                logout(request)
                messages.info(
                    request,
                    _("Wylogowaliśmy Cię po %(hours)s h bez aktywności. Zaloguj się ponownie.")
                    % {"hours": f"{hours:g}"},
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - int(last) >= TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
                # the stored session outlives the idle limit a little, so the check above (with its message)
                # comes first; the store drops it soon after either way
                request.session.set_expiry(limit + 2 * TOUCH_EVERY_SECONDS)
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not is_verified(user):
            if has_second_factor(user):
                target = reverse("accounts:second_factor_verify")
            elif second_factor_required(user):
                target = reverse("accounts:second_factor_setup")
            else:
                target = None
            if target and not self._open(request.path, target):
                return redirect(f"{target}?next={quote(request.get_full_path())}")
        return self.get_response(request)

    @staticmethod
    def _open(path: str, target: str) -> bool:
        """What a half-signed-in session may still open: its next step, signing out, the static files."""
        always = (reverse("accounts:logout"), reverse("set_language"))
        return path == target or path in always or path.startswith(settings.STATIC_URL)
