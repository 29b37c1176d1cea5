"""Accounts in the Django admin (office administrators only). Changes made here are audited like any other."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zit.accounts.models import RoleAssignment, User
from zit.accounts.second_factor import app_device, recovery_codes_left
from zit.accounts.services import user_sessions_end
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
    fieldsets = (*UserAdmin.fieldsets, ("Platforma ZIT", {"fields": ["is_demo", "second_factor"]}))
    readonly_fields = ["second_factor"]

    @admin.display(description=_("logowanie dwuetapowe"))
    def second_factor(self, obj):
        if obj.pk is None:
            return "–"
        device = app_device(obj)
        if device is None:
            return _("nie ustawione")
        return format_html(
            '{} <a href="{}">{}</a>',
            _("włączone (kodów zapasowych: %(left)s)") % {"left": recovery_codes_left(obj)},
            reverse("accounts:second_factor_reset", args=[obj.pk]),
            _("Zresetuj (zgubiony telefon)"),
        )

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

    def save_formset(self, request, form, formset, change):
        before = {(a.role, a.organisation_id) for a in form.instance.role_assignments.all()}
        super().save_formset(request, form, formset, change)
        after = {(a.role, a.organisation_id) for a in form.instance.role_assignments.all()}
        if before - after:  # a role taken away or changed: the user's sessions end, as in role_remove
            user_sessions_end(user=form.instance)
