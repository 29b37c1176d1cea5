"""The office's page for a section of the BIP subject page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core.form_flow import submit
from zit.core.roles import Perm, require
from zit.governance import bip
from zit.governance.models import BipSection


class BipSectionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Treść"), widget=forms.Textarea(attrs={"rows": 10}))
    prepared_by = forms.CharField(
        label=gettext_lazy("Informację wytworzył(a)"),
        max_length=200,
        help_text=gettext_lazy(
            "Imię, nazwisko i funkcja osoby odpowiedzialnej za treść. Trafia do metryczki."
        ),
    )
    prepared_on = forms.DateField(
        label=gettext_lazy("Data wytworzenia"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


@login_required
def bip_section_edit(request, key: str):
    require(request.user, Perm.GOVERNANCE_MANAGE)
    if key not in BipSection.Key.values:
        raise Http404
    section = BipSection.objects.filter(key=key).first()
    initial = {"text": bip.section_text(section, key)}
    if section:
        initial |= {"prepared_by": section.prepared_by, "prepared_on": section.prepared_on}
    form = BipSectionForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda: bip.bip_section_save(actor=request.user, key=key, **form.cleaned_data),
        success=reverse("portal:bip") + f"#{key}",
        message=_("Zapisano dział BIP; zmiana jest w historii działu."),
    )
    if done:
        return done
    return render(
        request,
        "staff/form_page.html",
        {
            "form": form,
            "title": _("Dział BIP: %(s)s") % {"s": BipSection.Key(key).label},
            "intro": _("Treść trafia na stronę podmiotową BIP z metryczką; każda zmiana zostaje w historii."),
            "submit": _("Zapisz dział"),
            "back_url": reverse("portal:bip"),
        },
    )
