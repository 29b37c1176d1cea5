"""Accounts in the Django admin (office administrators only). Changes made here are audited like any other."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from zit.accounts.models import RoleAssignment, User
from zit.core import audit
from zit.core.admin_permissions import OfficeAdminPermissions


class RoleAssignmentInline(OfficeAdminPermissions, admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["mandate", "membership"]


@admin.register(User)
class PlatformUserAdmin(OfficeAdminPermissions, UserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "role_assignments__role"]
    fieldsets = (*UserAdmin.fieldsets, ("Platforma ZIT", {"fields": ["is_demo"]}))

    def save_model(self, request, obj, form, change):
        before = (
            audit.snapshot(User.objects.get(pk=obj.pk), ["username", "email", "is_active"])
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="accounts.user_update" if change else "accounts.user_create",
            obj=obj,
            before=before,
            after=audit.snapshot(obj, ["username", "email", "is_active"]),
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        roles = [str(a) for a in form.instance.role_assignments.all()]
        audit.record(
            actor=request.user, action="accounts.roles_set", obj=form.instance, after={"roles": roles}
        )
