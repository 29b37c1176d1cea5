"""Accounts in the Django admin (office administrators only). Changes made here are audited like any other."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from zit.accounts.models import RoleAssignment, User
from zit.core.admin_audit import AuditedAdmin
from zit.core.admin_permissions import OfficeAdminPermissions


class RoleAssignmentInline(OfficeAdminPermissions, admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["mandate", "membership"]


@admin.register(User)
class PlatformUserAdmin(AuditedAdmin, OfficeAdminPermissions, UserAdmin):
    """Creating, changing and deleting accounts, and every change of what an account may do (its roles, groups,
    permissions, staff and superuser flags), are audit events with the administrator as actor."""

    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "role_assignments__role"]
    fieldsets = (*UserAdmin.fieldsets, ("Platforma ZIT", {"fields": ["is_demo"]}))

    audit_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "is_demo",
    ]
    audit_actions = {
        "create": "accounts.user_create",
        "update": "accounts.user_update",
        "delete": "accounts.user_delete",
        "relations": "accounts.user_access_change",
    }

    def audit_relations(self, obj):
        relations = super().audit_relations(obj)
        if obj.pk is not None:
            relations["roles"] = sorted(str(a) for a in obj.role_assignments.select_related("organisation"))
        return relations
