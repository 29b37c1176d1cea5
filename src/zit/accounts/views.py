from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from zit.accounts.forms import LoginForm, PasswordResetRequestForm
from zit.accounts.second_factor import has_second_factor, second_factor_required
from zit.accounts.selectors import ROLE_ENDINGS_DAYS, inbox, roles_ended_recently
from zit.core.navigation import dashboard_panels, shortcuts
from zit.core.roles import role_assignments
from zit.core.selectors import backup_status, integrity_status, jobs_health


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    """A link to a new password. Over the public forms' limits nothing is sent (a parked request would be
    useless: the link must come at once); the person is told to try again shortly, the address kept."""

    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_robot:
            return HttpResponseRedirect(self.get_success_url())  # as if sent: a program learns nothing
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        from zit.core.public_forms import Sender, admit

        with transaction.atomic():
            within = admit(form=form.form_key, sender=Sender.of(self.request, email=form.sender_email()))
        if not within:
            form.add_error(
                None,
                _(
                    "Z tego adresu poproszono w krótkim czasie o wiele odnośników. Odczekaj kilka minut i "
                    "wyślij ponownie; jeśli odnośnik już przyszedł, użyj go."
                ),
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def dashboard(request):
    return render(
        request,
        "accounts/dashboard.html",
        {
            "inbox": inbox(user=request.user),
            "shortcuts": shortcuts(user=request.user),
            "panels": dashboard_panels(user=request.user),
            "assignments": role_assignments(request.user),
            "backup": backup_status(user=request.user),
            "role_endings": roles_ended_recently(user=request.user),
            "role_endings_days": ROLE_ENDINGS_DAYS,
            "integrity": integrity_status(user=request.user),
            "second_factor_on": has_second_factor(request.user),
            "second_factor_required": second_factor_required(request.user),
            "jobs_health": jobs_health(user=request.user),
        },
    )
