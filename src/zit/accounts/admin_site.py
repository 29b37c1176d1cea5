"""The Django admin is for office administrators only, whatever their is_staff flag says."""

from django.contrib.admin import AdminSite

from zit.core.roles import Perm, has_perm


def restrict_admin_to_office_administrators(site: AdminSite) -> None:
    def has_permission(request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and has_perm(user, Perm.ADMIN_SITE))

    site.has_permission = has_permission
    site.site_header = "Platforma ZIT – administracja"
    site.site_title = "Platforma ZIT"
