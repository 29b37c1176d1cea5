"""The office's pages of the register of processing activities and of the erasure of personal data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from zit.core.exports import table_response
from zit.core.form_flow import submit
from zit.core.formatting import with_data
from zit.core.roles import Perm, has_perm, require
from zit.privacy import exports, selectors, services
from zit.privacy.forms import ActivityForm, DeleteForm


@login_required
@require_GET
def activities(request):
    items = list(selectors.activities(user=request.user))
    return render(
        request,
        "privacy/activities.html",
        {
            "activities": [(a, selectors.rules_of(a)) for a in items],
            "controller": selectors.controller(),
            "can_edit": has_perm(request.user, Perm.PRIVACY_EDIT),
        },
    )


@login_required
@require_GET
def activity(request, key: str):
    item = selectors.activity_get(user=request.user, key=key)
    return render(
        request,
        "privacy/activity.html",
        {
            "activity": item,
            "rules": selectors.rules_of(item),
            "controller": selectors.controller(),
            "versions": selectors.activity_versions(user=request.user, activity=item),
            "history": selectors.activity_history(user=request.user, activity=item),
            "can_edit": has_perm(request.user, Perm.PRIVACY_EDIT),
        },
    )


def _form_page(request, form, *, title, intro, submit_label, back_url, delete_url=None):
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "submit": submit_label,
            "back_url": back_url,
            "delete_url": delete_url,
        },
    )


INTRO = gettext_lazy(
    "Wpis rejestru z art. 30 ust. 1 RODO. Administratora (lit. a) bierzemy z danych Stowarzyszenia. Każdy zapis "
    "tworzy nową wersję wpisu, widoczną w jego historii."
)


@login_required
def activity_new(request):
    require(request.user, Perm.PRIVACY_EDIT)
    form = ActivityForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.activity_create(
            actor=request.user, fields=form.content(), note=form.cleaned_data["note"]
        ),
        success=lambda a: reverse("privacy:activity", args=[a.key]),
        message=_("Dodano wpis do rejestru czynności przetwarzania."),
    )
    return done or _form_page(
        request,
        form,
        title=_("Nowa czynność przetwarzania"),
        intro=str(INTRO),
        submit_label=_("Dodaj wpis"),
        back_url=reverse("privacy:activities"),
    )


@login_required
def activity_edit(request, key: str):
    require(request.user, Perm.PRIVACY_EDIT)
    item = selectors.activity_get(user=request.user, key=key)
    form = ActivityForm(request.POST or None, instance=item)
    done = submit(
        request,
        form,
        lambda: services.activity_update(
            actor=request.user, activity=item, fields=form.content(), note=form.cleaned_data["note"]
        ),
        success=reverse("privacy:activity", args=[key]),
        message=_("Zapisano wpis; poprzednia wersja jest w jego historii."),
    )
    return done or _form_page(
        request,
        form,
        title=with_data(_("Zmiana wpisu: %(name)s"), name=item.name),
        intro=str(INTRO),
        submit_label=_("Zapisz nową wersję"),
        back_url=reverse("privacy:activity", args=[key]),
        delete_url=reverse("privacy:activity_delete", args=[key]),
    )


@login_required
def activity_delete(request, key: str):
    require(request.user, Perm.PRIVACY_EDIT)
    item = selectors.activity_get(user=request.user, key=key)
    form = DeleteForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda: services.activity_delete(
            actor=request.user, activity=item, reason=form.cleaned_data["reason"]
        ),
        success=reverse("privacy:activities"),
        message=_("Usunięto wpis z rejestru; jego treść zostaje w dzienniku zmian."),
    )
    if done:
        return done
    page = _form_page(
        request,
        form,
        title=with_data(_("Usunięcie wpisu: %(name)s"), name=item.name),
        intro=_("Usuń wpis tylko wtedy, gdy Stowarzyszenie nie prowadzi już tej czynności przetwarzania."),
        submit_label=_("Usuń wpis"),
        back_url=reverse("privacy:activity", args=[key]),
    )
    return page


@login_required
@require_GET
def export(request, fmt: str):
    items = list(selectors.activities(user=request.user))
    day = timezone.localdate().isoformat()
    if fmt == "docx":
        from zit.association.selectors import letterhead_lines

        data = exports.register_docx(items, controller=selectors.controller(), letterhead=letterhead_lines())
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="rejestr-czynnosci-przetwarzania-{day}.docx"'
        return response
    if fmt not in ("xlsx", "csv"):
        raise Http404
    header, lines = exports.table(items)
    return table_response(
        f"rejestr-czynnosci-przetwarzania-{day}.{fmt}", fmt, header, lines, sheet=_("Rejestr czynności")
    )


@login_required
@require_GET
def rules(request):
    overview = selectors.rules_overview(user=request.user)
    return render(
        request,
        "privacy/rules.html",
        {
            "overview": overview,
            "erasures": selectors.last_erasures(user=request.user),
            "can_run": has_perm(request.user, Perm.JOBS_RUN),
        },
    )
