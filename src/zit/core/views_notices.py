"""The notices page (read, mark read) and the choice of how often they come by e-mail."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core import notices
from zit.core.form_flow import submit
from zit.core.models import NoticePreference
from zit.core.views_helpers import paginate, whole_number


class NoticePreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=gettext_lazy("Powiadomienia e-mailem"),
        choices=NoticePreference.Delivery.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Jedna wiadomość z listą tego, co nowe. Gdy nic nowego nie ma, nic nie wysyłamy. "
            "Na stronie powiadomień widać je zawsze od razu."
        ),
    )


@login_required
def notice_list(request):
    if request.method == "POST":
        if "all" in request.POST:
            marked = notices.notices_mark_read(user=request.user)
        else:
            pk = whole_number(request.POST.get("notice"))
            marked = notices.notices_mark_read(user=request.user, ids=[pk] if pk else [])
        if marked:
            messages.success(request, _("Oznaczono jako przeczytane."))
        back = request.POST.get("back", "")
        return redirect(reverse("notices:list") + (back if _own_page(back) else ""))
    page = paginate(request, notices.notices_of(user=request.user))
    return render(
        request,
        "notices/list.html",
        {
            "page": page,
            "unread": notices.unread_count(request.user),
            "delivery": NoticePreference.Delivery(notices.delivery_of(request.user)).label,
        },
    )


def _own_page(back: str | None) -> bool:
    """Back to the same list page (its number), never elsewhere."""
    return bool(back) and back.startswith("?strona=") and whole_number(back[len("?strona=") :]) is not None


@login_required
def notice_settings(request):
    form = NoticePreferenceForm(request.POST or None, initial={"delivery": notices.delivery_of(request.user)})
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda: notices.notice_preference_set(actor=request.user, delivery=form.cleaned_data["delivery"]),
            success=reverse("notices:list"),
            message=_("Zapisano, jak często wysyłamy powiadomienia e-mailem."),
        )
        if done:
            return done
    return render(request, "notices/settings.html", {"form": form})
