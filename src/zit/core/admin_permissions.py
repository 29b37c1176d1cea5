from zit.core.roles import Perm, has_perm


class OfficeAdminPermissions:
    """ModelAdmin mixin: the office administrator role, not Django's per-model permissions, decides."""

    def _is_office_admin(self, request) -> bool:
        return has_perm(request.user, Perm.ADMIN_SITE)

    def has_module_permission(self, request):
        return self._is_office_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_office_admin(request)

    def has_add_permission(self, request, *args):
        return self._is_office_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_office_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_office_admin(request)
