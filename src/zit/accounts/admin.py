"""Accounts in the Django admin (office administrators only). Changes made here are audited like any other."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zit.accounts.models import RoleAssignment, User
from zit.accounts.second_factor import app_device, recovery_codes_left, user_sessions_end
from zit.core import audit
from zit.core.admin_permissions import OfficeAdminPermissions


class RoleAssignmentInline(OfficeAdminPermissions, admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class PlatformUserAdmin(OfficeAdminPermissions, UserAdmin):
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
        before = {(a.role, a.organisation_id) for a in form.instance.role_assignments.all()}
        super().save_formset(request, form, formset, change)
        after_assignments = list(form.instance.role_assignments.all())
        roles = [str(a) for a in after_assignments]
        after = {(a.role, a.organisation_id) for a in after_assignments}
        ended = bool(before - after)
        if ended:  # a role taken away (or changed): the user's open sessions end, as in role_remove
            user_sessions_end(user=form.instance)
        audit.record(
            actor=request.user,
            action="accounts.roles_set",
            obj=form.instance,
            after={"roles": roles, "sessions_ended": ended},
        )
