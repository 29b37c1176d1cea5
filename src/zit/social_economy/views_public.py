"""Public pages: the directory of published PES, its map, an entity's page, the support centre's offer and
the form to ask for a listing (which only records a request)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from zit.core.maps import geojson_collection
from zit.core.views_helpers import apply_errors, paginate
from zit.social_economy import selectors, services
from zit.social_economy.forms import ListingRequestForm, area_gmina_choices
from zit.social_economy.models import PesKind


def _gmina_url(unit) -> str:
    return reverse("portal:gmina", args=[unit.terc])


def _area_geojson() -> dict:
    from zit.territory.diagnosis import area_gminas

    return geojson_collection([u for u in area_gminas() if u.geometry], url_for=_gmina_url)


def _points(entities) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [e.lon, e.lat]},
                "properties": {
                    "name": e.organisation.name,
                    "kind": str(e.get_kind_display()),
                    "url": reverse("pes:entity", args=[e.pk]),
                },
            }
            for e in entities
            if e.lon is not None
        ],
    }


def _filters(request) -> tuple[selectors.Filters, dict]:
    filters = selectors.Filters.from_query(request.GET)
    filters = selectors.Filters(
        q=filters.q, kind=filters.kind, gmina=filters.gmina, social_enterprise=filters.social_enterprise
    )  # the public sees published entries only, whatever `stan` says
    return filters, {
        "filters": filters,
        "query_string": filters.query_string(),
        "kinds": PesKind.choices,
        "gminas": area_gmina_choices()[1:],
    }


@require_safe
def directory(request):
    filters, context = _filters(request)
    page = paginate(request, selectors.entities_public(filters), per_page=20)
    return render(request, "social_economy/public_list.html", context | {"page": page})


@require_safe
def map_page(request):
    filters, context = _filters(request)
    entities = list(selectors.entities_public(filters))
    return render(
        request,
        "social_economy/public_map.html",
        context
        | {
            "entities": entities,
            "area_geojson": _area_geojson(),
            "points": _points(entities),
            "without_point": [e for e in entities if e.lon is None],
        },
    )


@require_safe
def entity(request, pk: int):
    found = selectors.entity_public(pk)
    if found is None:
        raise Http404(_("Nie ma takiego podmiotu w katalogu."))
    return render(
        request,
        "social_economy/public_entity.html",
        {
            "entity": found,
            "org": found.organisation,
            "area_geojson": _area_geojson() if found.lon is not None else None,
            "points": _points([found]),
        },
    )


@require_safe
def support(request):
    english = (get_language() or "pl").startswith("en")
    sections = [
        {
            "title": s.title_en if english and s.title_en else s.title,
            "body": s.body_en if english and s.body_en else s.body,
            "link": s.link,
            "polish": english and not (s.title_en and s.body_en),
        }
        for s in selectors.support_offer_public()
    ]
    return render(request, "social_economy/public_support.html", {"sections": sections})


def listing_form(request):
    from django.contrib import messages

    from zit.core.public_forms import Sender

    form = ListingRequestForm(request.POST or None)
    if request.method == "POST":
        if form.is_robot:
            # a program filled in the hidden field: thank it as a person and keep nothing
            return redirect("pes:thanks")
        if form.is_valid():
            try:
                item = services.listing_request_submit(
                    **form.values(), sender=Sender.of(request, email=form.sender_email())
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if item.status == item.Status.PARKED:
                    messages.info(
                        request,
                        _(
                            "Z tego adresu przyszło w krótkim czasie wiele zgłoszeń, więc to czeka na "
                            "sprawdzenie przez moderatora. Nie musisz wysyłać go ponownie."
                        ),
                    )
                return redirect("pes:thanks")
    return render(request, "social_economy/public_form.html", {"form": form})


@require_safe
def thanks(request):
    return render(request, "social_economy/public_thanks.html")
