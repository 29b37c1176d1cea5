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
from zit.accounts.models import InboxDeputy
from zit.core.views_helpers import apply_errors


@login_required
def deputy(request):
    today = timezone.localdate()
    form = DeputyForm(request.POST or None, candidates=deputies.deputy_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            deputies.deputy_set(actor=request.user, principal=request.user, **form.cleaned_data)
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
