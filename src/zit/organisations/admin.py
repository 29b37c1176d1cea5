from django.contrib import admin

from zit.core.admin_audit import AuditedAdmin
from zit.core.admin_permissions import OfficeAdminPermissions
from zit.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin, OfficeAdminPermissions, admin.ModelAdmin):
    """Read-only here (needed to pick an organisation for a role); edits go through the office pages."""

    search_fields = ["name", "short_name", "nip"]
    list_display = ["name", "kind", "nip", "city"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
