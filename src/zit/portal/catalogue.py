"""The public catalogue of projects: filters read from the URL (so a search can be shared), Polish full-text
search, facets with counts, sorting. Everything reads `opendata.CatalogueProject`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Sum
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from zit.opendata.models import CatalogueGmina, CatalogueGoal, CatalogueProject
from zit.opendata.search import search

SORTS = {
    "trafnosc": (_("najtrafniejsze"), None),
    "najnowsze": (_("najnowsze"), ("-year", "-id")),
    "tytul": (_("tytuł A–Z"), ("title", "id")),
    "dofinansowanie": (_("największe dofinansowanie UE"), (F("eu_pln").desc(nulls_last=True), "id")),
}
PAGE_SIZE = 20
SOCIAL = "tak"
SOCIAL_LABEL = _("partner – podmiot ekonomii społecznej lub klauzula społeczna")


@dataclass
class Filters:
    q: str = ""
    gmina: str = ""  # TERC
    fundusz: str = ""
    dzialanie: str = ""
    stan: str = ""
    cel: str = ""
    rok: str = ""
    spoleczny: str = ""  # "tak": a PES partner or a social clause
    sortuj: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> Filters:
        values = {f.name: (query.get(f.name) or "").strip()[:200] for f in fields(cls)}
        if values["rok"] and not (values["rok"].isascii() and values["rok"].isdigit()):  # not "²"
            values["rok"] = ""
        if values["spoleczny"] != SOCIAL:
            values["spoleczny"] = ""
        if values["sortuj"] not in SORTS:
            values["sortuj"] = "trafnosc" if values["q"] else "najnowsze"
        return cls(**values)

    def query_string(self, **changes: str) -> str:
        """The URL of this search with some filters changed (a facet link, a page of results)."""
        from urllib.parse import urlencode

        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def facet_values(self) -> list[tuple[str, str]]:
        """The chosen facets, kept as hidden fields when the words of the search change."""
        return [
            (f.name, getattr(self, f.name))
            for f in fields(self)
            if f.name not in ("q", "sortuj") and getattr(self, f.name)
        ]

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "sortuj")


def _filtered(filters: Filters, *, skip: str = "") -> QuerySet[CatalogueProject]:
    projects = CatalogueProject.objects.all()
    if filters.gmina and skip != "gmina":
        projects = projects.filter(gmina_links__unit__terc=filters.gmina)
    if filters.fundusz and skip != "fundusz":
        projects = projects.filter(fund=filters.fundusz)
    if filters.dzialanie and skip != "dzialanie":
        projects = projects.filter(measure=filters.dzialanie)
    if filters.stan and skip != "stan":
        projects = projects.filter(status=filters.stan)
    if filters.cel and skip != "cel":
        projects = projects.filter(goal_links__code=filters.cel)
    if filters.rok and skip != "rok":
        projects = projects.filter(year=int(filters.rok))
    if filters.spoleczny and skip != "spoleczny":
        projects = projects.filter(social=True)
    return projects


def projects_for_catalogue(filters: Filters) -> QuerySet[CatalogueProject]:
    projects = _filtered(filters)
    if filters.q:
        projects = search(projects, filters.q)
    order = SORTS[filters.sortuj][1]
    if order is not None or not filters.q:
        projects = projects.order_by(*(order or SORTS["najnowsze"][1]))
    return projects


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


def _narrowed(filters: Filters, skip: str) -> bool:
    """Whether anything but the facet itself narrows the projects."""
    return bool(filters.q) or any(
        getattr(filters, name)
        for name in ("gmina", "fundusz", "dzialanie", "stan", "cel", "rok", "spoleczny")
        if name != skip
    )


def _searched(filters: Filters, skip: str) -> QuerySet[CatalogueProject]:
    projects = _filtered(filters, skip=skip)
    return search(projects, filters.q).order_by() if filters.q else projects


def cached(name: str, filters: Filters, compute, *, stamp=None):
    """Facet counts, totals and counts only change when the catalogue does: kept per search and catalogue
    version, so a popular search costs nothing the second time."""
    from django.core.cache import cache

    return cache.get_or_set(
        cache_key(name, filters.query_string(sortuj=""), stamp=stamp), compute, timeout=3600
    )


def cache_key(name: str, *parts: object, stamp=None) -> str:
    """A key of the catalogue's version and the request's parameters, hashed (any characters are safe)."""
    import hashlib

    stamp = stamp or last_change()
    raw = "|".join([name, str(stamp.timestamp() if stamp else 0), *map(str, parts)])
    return f"catalogue:{hashlib.sha256(raw.encode()).hexdigest()}"


def facets(filters: Filters) -> dict[str, Any]:
    """For each facet, its values with the number of projects they would show given the other filters; with
    "count" and "totals" of the projects shown."""
    if filters.q:
        return _facets_of_hits(filters)
    projects = _filtered(filters)
    return _facets_in_sql(filters) | {"count": projects.count(), "totals": totals(projects)}


def _facet_values(filters: Filters, name: str, rows: list[tuple[str, str, int]]) -> list[FacetValue]:
    current = getattr(filters, name)
    return [
        FacetValue(
            str(value),
            label,
            count,
            str(value) == current,
            filters.query_string(**{name: "" if str(value) == current else str(value)}),
        )
        for value, label, count in rows
        if value not in (None, "")
    ]


def _facets_of_hits(filters: Filters) -> dict[str, list[FacetValue]]:
    """A search's facets from one read of its hits, counted here in one pass: the full-text match runs once
    instead of once per facet, and each hit carries its gminas' and goals' codes, so no link table is read.

    A facet counts the hits that pass every other filter, so a hit that fails two filters counts nowhere,
    one that fails one counts only in that filter's facet, and one that passes all counts everywhere."""
    from collections import Counter

    hits = search(CatalogueProject.objects.all(), filters.q).order_by()
    year = int(filters.rok) if filters.rok else None
    counts: dict[str, Counter] = {name: Counter() for name in FACET_TITLES}
    shown = 0
    total_pln, eu_pln = Decimal(0), Decimal(0)
    for (
        status,
        fund,
        measure,
        measure_name,
        row_year,
        total,
        eu,
        gmina_codes,
        goal_codes,
        social,
    ) in hits.values_list(
        "status",
        "fund",
        "measure",
        "measure_name",
        "year",
        "total_pln",
        "eu_pln",
        "gmina_codes",
        "goal_codes",
        "social",
    ):
        gminas, goals = gmina_codes.split(), goal_codes.split()
        failed = [
            name
            for name, fails in (
                ("gmina", filters.gmina and filters.gmina not in gminas),
                ("fundusz", filters.fundusz and fund != filters.fundusz),
                ("dzialanie", filters.dzialanie and measure != filters.dzialanie),
                ("stan", filters.stan and status != filters.stan),
                ("cel", filters.cel and filters.cel not in goals),
                ("rok", year is not None and row_year != year),
                ("spoleczny", filters.spoleczny and not social),
            )
            if fails
        ]
        if len(failed) > 1:
            continue
        counting = failed or list(FACET_TITLES)
        if "gmina" in counting:
            counts["gmina"].update(set(gminas))
        if "fundusz" in counting:
            counts["fundusz"][fund] += 1
        if "dzialanie" in counting:
            counts["dzialanie"][(measure, measure_name)] += 1
        if "stan" in counting:
            counts["stan"][status] += 1
        if "cel" in counting:
            counts["cel"].update(set(goals))
        if "rok" in counting:
            counts["rok"][row_year] += 1
        if "spoleczny" in counting and social:
            counts["spoleczny"][SOCIAL] += 1
        if not failed:
            shown += 1
            total_pln += total or 0
            eu_pln += eu or 0
    gmina_names, goal_titles = _facet_names()
    status_labels = dict(CatalogueProject.Status.choices)
    summary = {"count": shown, "totals": {"total_pln": total_pln, "eu_pln": eu_pln}}
    return summary | {
        "gmina": _facet_values(
            filters,
            "gmina",
            sorted(((t, gmina_names.get(t, t), n) for t, n in counts["gmina"].items()), key=lambda v: v[1]),
        ),
        "fundusz": _facet_values(
            filters, "fundusz", [(f, f, n) for f, n in sorted(counts["fundusz"].items())]
        ),
        "dzialanie": _facet_values(
            filters,
            "dzialanie",
            [(m, f"{m} {name}".strip(), n) for (m, name), n in sorted(counts["dzialanie"].items())],
        ),
        "stan": _facet_values(
            filters,
            "stan",
            [(st, str(status_labels.get(st, st)), n) for st, n in sorted(counts["stan"].items())],
        ),
        "cel": _facet_values(
            filters,
            "cel",
            [(c, f"{c} {goal_titles.get(c, '')}".strip(), n) for c, n in sorted(counts["cel"].items())],
        ),
        "rok": _facet_values(
            filters,
            "rok",
            [(y, str(y), n) for y, n in sorted(counts["rok"].items(), key=lambda v: -(v[0] or 0))],
        ),
        "spoleczny": _social_values(filters, counts["spoleczny"][SOCIAL]),
    }


def _facet_names() -> tuple[dict[str, str], dict[str, str]]:
    """The names of the gminas and goals the catalogue links to, kept per catalogue version."""
    from django.core.cache import cache

    def compute() -> tuple[dict[str, str], dict[str, str]]:
        from zit.territory.models import AdministrativeUnit

        gminas = dict(AdministrativeUnit.objects.filter(level="gmina").values_list("terc", "name"))
        goals = dict(CatalogueGoal.objects.values_list("code", "title").distinct())
        return gminas, goals

    return cache.get_or_set(cache_key("facet-names"), compute, timeout=3600)


def _facets_in_sql(filters: Filters) -> dict[str, list[FacetValue]]:

    status_labels = dict(CatalogueProject.Status.choices)
    by_status = _searched(filters, "stan").values("status").annotate(n=Count("id")).order_by("status")
    by_fund = _searched(filters, "fundusz").values("fund").annotate(n=Count("id")).order_by("fund")
    by_measure = (
        _searched(filters, "dzialanie")
        .values("measure", "measure_name")
        .annotate(n=Count("id"))
        .order_by("measure")
    )
    by_year = _searched(filters, "rok").values("year").annotate(n=Count("id")).order_by("-year")
    # a project is linked to a gmina or a goal once, so plain counts are exact; with no other filter the
    # links are counted directly, without the subquery
    gmina_links = CatalogueGmina.objects.all()
    if _narrowed(filters, "gmina"):
        gmina_links = gmina_links.filter(project__in=_searched(filters, "gmina").values("pk"))
    by_gmina = gmina_links.values("unit__terc", "unit__name").annotate(n=Count("id")).order_by("unit__name")
    goal_links = CatalogueGoal.objects.all()
    if _narrowed(filters, "cel"):
        goal_links = goal_links.filter(project__in=_searched(filters, "cel").values("pk"))
    by_goal = goal_links.values("code", "title").annotate(n=Count("id")).order_by("code")
    return {
        "gmina": _facet_values(
            filters, "gmina", [(r["unit__terc"], r["unit__name"], r["n"]) for r in by_gmina]
        ),
        "fundusz": _facet_values(filters, "fundusz", [(r["fund"], r["fund"], r["n"]) for r in by_fund]),
        "dzialanie": _facet_values(
            filters,
            "dzialanie",
            [(r["measure"], f"{r['measure']} {r['measure_name']}".strip(), r["n"]) for r in by_measure],
        ),
        "stan": _facet_values(
            filters,
            "stan",
            [(r["status"], str(status_labels.get(r["status"], r["status"])), r["n"]) for r in by_status],
        ),
        "cel": _facet_values(
            filters, "cel", [(r["code"], f"{r['code']} {r['title']}", r["n"]) for r in by_goal]
        ),
        "rok": _facet_values(filters, "rok", [(r["year"], str(r["year"]), r["n"]) for r in by_year]),
        "spoleczny": _social_values(filters, _searched(filters, "spoleczny").filter(social=True).count()),
    }


def _social_values(filters: Filters, count: int) -> list[FacetValue]:
    return _facet_values(filters, "spoleczny", [(SOCIAL, str(SOCIAL_LABEL), count)] if count else [])


FACET_TITLES = {
    "gmina": _("Gmina"),
    "fundusz": _("Fundusz"),
    "dzialanie": _("Działanie programu"),
    "stan": _("Stan"),
    "cel": _("Cel strategii"),
    "rok": _("Rok rozpoczęcia"),
    "spoleczny": _("Wymiar społeczny"),
}


def totals(projects: QuerySet[CatalogueProject]) -> dict[str, Any]:
    summary = projects.order_by().aggregate(total=Sum("total_pln"), eu=Sum("eu_pln"))
    return {"total_pln": summary["total"] or Decimal(0), "eu_pln": summary["eu"] or Decimal(0)}


def project_by_key(key: str) -> CatalogueProject | None:
    return (
        CatalogueProject.objects.filter(key=key)
        .prefetch_related("gmina_links__unit", "goal_links")
        .select_related("card", "published")
        .first()
    )


def last_change(request=None, *args, **kwargs):
    """When the catalogue last changed: the Last-Modified of its pages, so a repeated request costs one
    indexed query and answers 304 Not Modified."""
    from django.db.models import Max

    return CatalogueProject.objects.aggregate(m=Max("updated_at"))["m"]
