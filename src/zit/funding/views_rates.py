"""The office's "pobierz teraz" for exchange rates: one background job, whose page shows its progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zit.core.jobs import job_start
from zit.core.roles import Perm, require
from zit.funding import rate_updates


@login_required
@require_POST
def rates_fetch_now(request):
    require(request.user, Perm.FUNDING_EDIT)
    if not rate_updates.fetch_enabled():
        messages.error(
            request,
            _(
                "Pobieranie kursów jest wyłączone w ustawieniach platformy (ZIT_RATES_FETCH): wpisz kurs ręcznie "
                "albo zaimportuj go z pliku."
            ),
        )
        return redirect(reverse("funding:rates") + "#pobieranie")
    job = job_start(
        actor=request.user, kind=rate_updates.MANUAL_KIND, title=_("Pobieranie kursów walut (NBP, KE)")
    )
    return redirect("core:job", pk=job.pk)
