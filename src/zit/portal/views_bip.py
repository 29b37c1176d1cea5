"""The association's BIP subject page (podmiotowa strona Biuletynu Informacji Publicznej) and the public
yearly register of requests for public information. The page lays out the categories of art. 6 of the act
on access to public information: built from the platform's data where it holds them (the association's
profile, members, bodies and mandates, the registers, the strategy, the money), written by the office where
it does not (`governance.bip`), each office-written section with its metryczka and history."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.association import selectors as association
from zit.core.exports import table_response
from zit.core.formatting import letter_date
from zit.core.roles import Perm, has_perm
from zit.governance import bip, register
from zit.governance.models import BipSection
from zit.public_information import selectors as information

# the main BIP page, which links the subject pages (the regulation of 18 January 2007): the address other
# subject pages cite; whether the minister now keeps it under gov.pl is "do weryfikacji" (the page says so)
MAIN_BIP_URL = "https://www.bip.gov.pl/"

Key = BipSection.Key


def _section(key: str, saved: dict[str, BipSection]) -> dict:
    section = saved.get(key)
    return {
        "key": key,
        "title": Key(key).label,
        "text": bip.section_text(section, key),
        "default": section is None,
        "metryczka": register.metryczka(section) if section else None,
    }


@require_safe
def bip_page(request: HttpRequest) -> HttpResponse:
    saved = {s.key: s for s in BipSection.objects.all()}
    sections = {key: _section(key, saved) for key in Key.values}
    return render(
        request,
        "portal/bip.html",
        {
            "profile": association.association_profile(),
            "sections": sections,
            "bodies": association.bodies_with_current_mandates(),
            "members": association.members_current(),
            "register_years": information.public_register_years(),
            "main_bip_url": MAIN_BIP_URL,
            "can_edit": has_perm(request.user, Perm.GOVERNANCE_MANAGE),
        },
    )


@require_safe
def information_register(request: HttpRequest, year: int | None = None) -> HttpResponse:
    years = information.public_register_years()
    today = timezone.localdate()
    year = year or (years[0] if years else today.year)
    if not 2000 <= year <= 2100:
        raise Http404
    return render(
        request,
        "portal/bip_register.html",
        {
            "year": year,
            "years": years,
            "header": information.PUBLIC_REGISTER_HEADER,
            "lines": information.public_register_lines(year=year, today=today),
        },
    )


@require_safe
def information_register_csv(request: HttpRequest, year: int) -> HttpResponse:
    today = timezone.localdate()
    if not 2000 <= year <= 2100:
        raise Http404
    return table_response(
        f"rejestr-wnioskow-o-informacje-publiczna-{year}.csv",
        "csv",
        information.PUBLIC_REGISTER_HEADER,
        information.public_register_lines(year=year, today=today),
        note=_("Rejestr bez danych osobowych. Stan na %(d)s.") % {"d": letter_date(today)},
    )
