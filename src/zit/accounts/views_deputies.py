"""The page where a person hands their inbox to a deputy for the days they are away, and ends it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.accounts import deputies
from zit.accounts.forms import DeputyForm
from zit.accounts.models import InboxDeputy, User
from zit.core.roles import Perm, has_perm
from zit.core.views_helpers import apply_errors


@login_required
def deputy(request):
    today = timezone.localdate()
    admin = has_perm(request.user, Perm.ACCOUNTS_MANAGE)
    if admin:
        everyone = User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        form = DeputyForm(request.POST or None, candidates=everyone, principals=everyone)
        form.fields["principal"].initial = request.user.pk
    else:
        form = DeputyForm(request.POST or None, candidates=deputies.deputy_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        principal = data.pop("principal", request.user)
        try:
            deputies.deputy_set(actor=request.user, principal=principal, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Zapisano zastępstwo."))
            return redirect("accounts:deputy")
    return render(
        request,
        "accounts/deputy.html",
        {
            "form": form,
            "given": deputies.deputyships_given(user=request.user, today=today),
            "taken": deputies.deputyships_taken(user=request.user, today=today),
            "everyone": deputies.deputyships_current(today=today) if admin else None,
            "today": today,
        },
    )


@login_required
@require_POST
def deputy_end(request, pk: int):
    deputyship = get_object_or_404(InboxDeputy, pk=pk)
    try:
        deputies.deputy_end(actor=request.user, deputyship=deputyship)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Zakończono zastępstwo."))
    return redirect("accounts:deputy")
