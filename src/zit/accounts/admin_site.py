"""The Django admin is for office administrators only, whatever their is_staff flag says, and only in a session
that passed the second factor. It has no login form of its own: the platform's (password, then code) serves."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zit.accounts.second_factor import is_verified
from zit.core.roles import Perm, has_perm


def restrict_admin_to_office_administrators(site: AdminSite) -> None:
    def has_permission(request) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and has_perm(user, Perm.ADMIN_SITE) and is_verified(user)
        )

    def login(request, extra_context=None):
        if request.user.is_authenticated:  # signed in (both steps: the middleware saw to it) without the role
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), settings.LOGIN_URL)

    site.has_permission = has_permission
    site.login = login
    site.site_header = "Platforma ZIT – administracja"
    site.site_title = "Platforma ZIT"
