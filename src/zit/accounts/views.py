from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from zit.accounts.forms import LoginForm
from zit.accounts.selectors import ROLE_ENDINGS_DAYS, dashboard_panels, roles_ended_recently
from zit.core.roles import role_assignments
from zit.core.selectors import backup_status, integrity_status


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "panels": dashboard_panels(user=request.user),
            "assignments": role_assignments(request.user),
            "backup": backup_status(user=request.user),
            "role_endings": roles_ended_recently(user=request.user),
            "role_endings_days": ROLE_ENDINGS_DAYS,
            "integrity": integrity_status(user=request.user),
        },
    )
