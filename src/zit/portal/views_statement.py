"""The accessibility statement, the easy-to-read information and the Polish Sign Language page (public), and
the office's page that edits them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.core.form_flow import submit
from zit.core.roles import Perm, require
from zit.portal import selectors, services
from zit.portal.forms import StatementForm

EASY_READ_TITLE = "Informacje o Stowarzyszeniu w tekście łatwym do czytania"


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {"statement": selectors.statement_current()})


@require_safe
def easy_read(request: HttpRequest) -> HttpResponse:
    statement = selectors.statement_current()
    return render(
        request,
        "portal/easy_read.html",
        {"statement": statement, "blocks": selectors.easy_read_blocks(statement.easy_read)},
    )


@require_safe
def easy_read_text(request: HttpRequest) -> HttpResponse:
    # The text itself is Polish (the act asks for Polish easy-to-read text), so its title is not translated.
    body = selectors.easy_read_plain(selectors.statement_current(), EASY_READ_TITLE)
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stowarzyszenie-tekst-latwy-do-czytania.txt"'
    return response


@require_safe
def sign_language(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sign_language.html", {"statement": selectors.statement_current()})


@require_safe
def sign_language_video(request: HttpRequest) -> FileResponse:
    video = selectors.statement_current().pjm_video
    if not video:
        raise Http404(_("Nie ma nagrania."))
    return FileResponse(video.open("rb"), filename=video.name.rsplit("/", 1)[-1])


@login_required
def statement_edit(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.STATEMENT_EDIT)
    statement = selectors.statement_current()
    form = StatementForm(request.POST or None, request.FILES or None, instance=statement)
    done = submit(
        request,
        form,
        lambda: services.statement_update(actor=request.user, **form.cleaned_data),
        success=reverse("portal:statement_edit"),
        message=_("Zapisano deklarację dostępności."),
    )
    if done:
        return done
    due = selectors.statement_review_due(statement, timezone.localdate())
    return render(
        request,
        "portal/statement_edit.html",
        {
            "form": form,
            "statement": statement,
            "review_due": due,
            "title": _("Deklaracja dostępności"),
        },
    )
