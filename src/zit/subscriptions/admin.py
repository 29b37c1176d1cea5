from django.contrib import admin

from zit.core.admin_audit import AuditedAdmin
from zit.core.admin_permissions import OfficeAdminPermissions
from zit.subscriptions.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(AuditedAdmin, OfficeAdminPermissions, admin.ModelAdmin):
    """For a person's request to delete their address when they have no message with the link: find it and
    delete it. Nothing is added or changed here (consent comes only through the confirmation link)."""

    audit_fields = ["topics", "gminas", "requested_at", "confirmed_at"]  # the log never keeps the address
    search_fields = ["email"]
    list_display = ["email", "requested_at", "confirmed_at"]
    readonly_fields = ["email", "topics", "gminas", "requested_at", "confirmed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
