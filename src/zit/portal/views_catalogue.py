"""The public project catalogue and a page per project."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition, require_safe

from zit.portal import catalogue
from zit.territory import selectors as territory


class CountedPaginator(Paginator):
    """A paginator told its count (kept with the facets). A page reads its ids first, which the database
    finds in the sort's index alone, then only those rows: deep pages skip index entries, not table rows."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        position = {pk: index for index, pk in enumerate(ids)}
        rows = sorted(self.object_list.order_by().filter(pk__in=ids), key=lambda row: position[row.pk])
        return self._get_page(rows, number, self)


@require_safe
@condition(last_modified_func=catalogue.last_change)
def project_list(request: HttpRequest) -> HttpResponse:
    filters = catalogue.Filters.from_query(request.GET)
    projects = catalogue.projects_for_catalogue(filters).defer("summary", "geometry", "search_lemmas")
    stamp = catalogue.last_change()  # the catalogue's version, read once for every cached part
    summary = catalogue.cached("facets", filters, lambda: catalogue.facets(filters), stamp=stamp)
    count, totals = summary["count"], summary["totals"]
    page = CountedPaginator(projects, catalogue.PAGE_SIZE, count=count).get_page(request.GET.get("strona"))
    facet_values = {name: values for name, values in summary.items() if name not in ("count", "totals")}
    return render(
        request,
        "portal/projects.html",
        {
            "filters": filters,
            "page": page,
            "query_string": filters.query_string(),
            "facets": [(name, catalogue.FACET_TITLES[name], values) for name, values in facet_values.items()],
            "sorts": [(key, label) for key, (label, _order) in catalogue.SORTS.items()],
            "totals": totals,
        },
    )


@require_safe
@condition(last_modified_func=catalogue.last_change)
def project_detail(request: HttpRequest, key: str) -> HttpResponse:
    project = catalogue.project_by_key(key)
    if project is None:
        raise Http404
    gminas = [link.unit for link in project.gmina_links.all()]
    card = project.card
    indicators = []
    undertakings = []
    social = None
    funding_sources = []
    if card is not None:
        from zit.projects.social import card_social

        indicators = list(card.indicators.select_related("indicator"))
        funding_sources = list(card.funding_sources.select_related("measure"))
        social = card_social(card)
        from zit.projects.selectors import card_undertakings

        undertakings = [u for _key, u in card_undertakings(card) if u is not None]
    documents = _public_documents(project)
    units = territory.units_with_geometry(version=territory.area_current_version())
    from zit.core.maps import geojson_collection
    from zit.portal.views import unit_url

    return render(
        request,
        "portal/project.html",
        {
            "project": project,
            "gminas": gminas,
            "goals": list(project.goal_links.all()),
            "undertakings": undertakings,
            "indicators": indicators,
            "funding_sources": funding_sources,
            "social": social if social and (social["pes_partners"] or social["clauses"]) else None,
            "eu_share": (project.eu_pln / project.total_pln)
            if project.eu_pln and project.total_pln
            else None,
            "settled_share": (project.spent_pln / project.eu_pln)
            if project.spent_pln and project.eu_pln
            else None,
            "documents": documents,
            "area_geojson": geojson_collection(units, url_for=unit_url),
        },
    )


def _public_documents(project) -> list:
    """The published resolutions that put the project on the list of strategic projects (each version of the
    list it was on, approved by a resolution of the association's body)."""
    from zit.governance.models import Resolution

    if project.card_id is None:
        return []
    return list(
        Resolution.objects.filter(
            published_at__isnull=False, decision__isnull=False, list_version__entries__card_id=project.card_id
        )
        .select_related("body")
        .distinct()
        .order_by("adopted_on")
    )
