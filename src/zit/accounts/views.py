from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from zit.accounts.forms import LoginForm
from zit.accounts.selectors import dashboard_panels
from zit.core.roles import role_assignments
from zit.core.selectors import backup_status, jobs_health


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
            "jobs_health": jobs_health(user=request.user),
        },
    )
