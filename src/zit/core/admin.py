from django.contrib import admin

from zit.core.admin_audit import AuditedAdmin
from zit.core.admin_permissions import OfficeAdminPermissions
from zit.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin, OfficeAdminPermissions, admin.ModelAdmin):
    """The log can be read here, never changed."""

    list_display = ["created_at", "actor_label", "action", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
