"""Public pages: thin views calling selectors; no account needed."""

from __future__ import annotations

import re

import markdown
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from zit.association import selectors as association
from zit.association.models import Member
from zit.core.charts import bar_chart
from zit.core.formatting import format_amount, mark_polish_in_html
from zit.core.maps import geojson_collection, svg_map
from zit.funding import selectors as funding
from zit.funding.sources import SOURCE_NOTES as FUNDING_SOURCES
from zit.territory import selectors as territory
from zit.territory.models import AdministrativeUnit
from zit.territory.sources import SOURCE_NOTES as TERRITORY_SOURCES

SOURCE_NOTES = TERRITORY_SOURCES | FUNDING_SOURCES


def unit_url(unit: AdministrativeUnit) -> str:
    return reverse("portal:gmina", args=[unit.terc])


def _area_context(highlight: str | None = None) -> dict:
    version = territory.area_current_version()
    units = territory.units_with_geometry(version=version)
    return {
        "area_version": version,
        "area_units": units,
        "area_geojson": geojson_collection(units, url_for=unit_url),
        "area_svg": svg_map(
            units,
            url_for=unit_url,
            title=_("Mapa obszaru ZIT Aglomeracji Konińskiej"),
            description=_(
                "Miasto Konin i 14 gmin powiatu konińskiego; każda gmina to odnośnik do jej strony."
            ),
            highlight=highlight,
        ),
    }


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = _area_context()
    context["members"] = association.members_current()
    return render(request, "portal/home.html", context)


@require_safe
def members(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/members.html", {"members": association.members_current()})


@require_safe
def member_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        member = association.member_public(slug=slug)
    except Member.DoesNotExist as exc:
        raise Http404(_("Nie ma takiego członka.")) from exc
    context = {
        "member": member,
        "unit": member.territory,
        "statistics": territory.unit_statistics(unit=member.territory),
        "sources": SOURCE_NOTES,
    }
    if member.territory.level == "gmina":
        context |= _area_context(highlight=member.territory.terc)
    return render(request, "portal/member_detail.html", context)


@require_safe
def gmina(request: HttpRequest, terc: str) -> HttpResponse:
    member = association.member_for_territory(terc=terc)
    if member is not None:
        return redirect("portal:member", slug=member.slug)
    try:
        unit = territory.unit_get(terc=terc)
    except AdministrativeUnit.DoesNotExist as exc:
        raise Http404(_("Nie ma jednostki o tym kodzie TERC.")) from exc
    return render(
        request,
        "portal/unit_detail.html",
        {
            "unit": unit,
            "statistics": territory.unit_statistics(unit=unit),
            "sources": SOURCE_NOTES,
        },
    )


@require_safe
def area(request: HttpRequest) -> HttpResponse:
    context = _area_context()
    context["versions"] = territory.area_versions()
    return render(request, "portal/area.html", context)


@require_safe
@cache_control(max_age=3600, public=True)
def area_svg(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_area_context()["area_svg"], content_type="image/svg+xml")


@require_safe
def bodies(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/bodies.html", {"bodies": association.bodies_with_current_mandates()})


@require_safe
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contact.html")


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sources.html", {"notes": SOURCE_NOTES.values()})


_MARKDOWN_ALIGN = re.compile(r' style="text-align: (left|center|right);"')


@require_safe
def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    note = SOURCE_NOTES.get(key)
    if note is None:
        raise Http404(_("Nie ma takiej noty o źródle."))
    # The note's own headings sit one level below the page's h1.
    html = markdown.markdown(note.read(), extensions=["tables"])
    # a column's alignment as a class of the stylesheet: the style="" attribute Markdown writes is refused by
    # the pages' Content-Security-Policy
    html = _MARKDOWN_ALIGN.sub(r' class="align-\1"', html)
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    # the notes are written in English and name Polish places, titles and people: marked lang="pl"
    return render(request, "portal/source_detail.html", {"note": note, "html": mark_polish_in_html(html)})


def money(request: HttpRequest) -> HttpResponse:
    agreement = funding.agreement_current()
    summary = funding.allocation_summary(agreement=agreement) if agreement else None
    chart = ""
    if summary and summary.split_entered:
        chart = bar_chart(
            [(row.fund.code, row.eur) for row in summary.by_fund],
            title=_("Alokacja ZIT według funduszy (EUR)"),
            description=_("Wykres słupkowy; te same dane są w tabeli poniżej."),
            value_label=lambda v: format_amount(v, "EUR"),
            chart_id="by-fund-chart",
        )
    return render(
        request,
        "portal/money.html",
        {
            "summary": summary,
            "chart": chart,
            "programme": funding.programme_current(),
            "funds": funding.funds(),
        },
    )


def _whole_number(text: str) -> int | None:
    """A version number from the address; "²" and "٣" pass str.isdigit() but are no number here."""
    return int(text) if text.isascii() and text.isdigit() else None


def strategy(request: HttpRequest) -> HttpResponse:
    from zit.strategy import selectors as strategy_selectors

    current = strategy_selectors.strategy_current()
    number = request.GET.get("wersja", "")
    version = strategy_selectors.public_version(current, number=_whole_number(number))
    query = request.GET.get("q", "").strip()[:100]
    context = _strategy_context(version, strategy=current, query=query)
    today = timezone.localdate()
    if version and version.consultation_open_on(today):
        context["comment_form"] = _comment_form(request, version)
    elif version and current:
        # the adopted version is shown by default: a running consultation of its update is announced on it
        context["consulted"] = next(
            (v for v in current.versions.filter(status="consultation") if v.consultation_open_on(today)), None
        )
    return render(request, "portal/strategy.html", context)


def _strategy_context(version, *, strategy, query: str = "") -> dict:
    """What the public strategy page shows for a version (None: not yet published)."""
    from zit.portal.public_documents import strategy_documents
    from zit.strategy import selectors as strategy_selectors

    context = {"strategy": strategy, "version": version, "query": query}
    context["documents"] = strategy_documents(strategy, timezone.localdate())  # the downloads' section
    if version:
        context |= {
            "goals": strategy_selectors.version_tree(version),
            "issues": version.issues.all(),
            "chapters": version.chapters.all(),
            "found": strategy_selectors.undertakings_search(version, query) if query else None,
            "versions": strategy_selectors.versions_visible(user=None, strategy=strategy),
            "frame": strategy_selectors.financial_frame(version),
            "map": _strategy_map(version),
            "comments": version.comments.filter(status="published"),  # stay public after the consultation
            "project_list": _project_list(strategy),
        }
    return context


def _project_list(strategy):
    """The strategy's annex: the list of strategic projects in force with its entries, and the annex's history
    (every approved version, the act that approved it, with the register's published resolution, and the
    managing authority's acceptance)."""
    from zit.governance.models import Resolution
    from zit.projects.lists import annex_versions

    history = list(annex_versions(strategy.pk if strategy else None, public=True))
    in_force = next((v for v in history if v.is_approved), None)
    if in_force is None:
        return None
    published = {
        r.decision_id: r
        for r in Resolution.objects.filter(
            decision_id__in=[v.decision_id for v in history if v.decision_id], published_at__isnull=False
        ).select_related("body")
    }
    for version in history:
        version.published_resolution = published.get(version.decision_id)
    entries = in_force.entries.select_related("card", "card__beneficiary", "card__measure").order_by(
        "position", "order"
    )
    return {"version": in_force, "entries": entries, "history": history}


def _comment_form(request: HttpRequest, version, data=None):
    from zit.strategy.consultations import consultation_target_choices
    from zit.strategy.forms import CommentForm

    return CommentForm(
        data,
        targets=consultation_target_choices(version),
        initial={"target_key": request.GET.get("dotyczy", "")},
    )


def strategy_comment(request: HttpRequest) -> HttpResponse:
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    from zit.core.public_forms import Sender
    from zit.core.views_helpers import apply_errors
    from zit.strategy import selectors as strategy_selectors
    from zit.strategy.consultations import comment_submit

    number = request.POST.get("wersja", "")
    version = strategy_selectors.public_version(
        strategy_selectors.strategy_current(), number=_whole_number(number)
    )
    if request.method != "POST" or version is None or not version.consultation_open_on(timezone.localdate()):
        messages.error(request, _("Konsultacje tej wersji nie trwają: uwagi nie zapisano."))
        return redirect("portal:strategy")
    form = _comment_form(request, version, request.POST)
    thanks = _("Dziękujemy. Uwaga czeka na moderację i zostanie opublikowana z odpowiedzią.")
    if form.is_robot:
        messages.success(request, thanks)  # a trap for programs: answer as usual, store nothing
        return redirect("portal:strategy")
    if form.is_valid():
        data = form.values()
        try:
            comment = comment_submit(
                version=version,
                target_key=data["target_key"],
                text=data["text"],
                proposal=data["proposal"],
                author_name=data["author_name"],
                organisation=data["organisation"],
                email=data["email"],
                sender=Sender.of(request, email=form.sender_email()),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if comment.status == comment.Status.PARKED:
                messages.success(
                    request,
                    _(
                        "Dziękujemy. Z tego adresu przyszło w krótkim czasie wiele uwag, więc ta czeka na "
                        "sprawdzenie przez moderatora. Nie musisz jej wysyłać ponownie."
                    ),
                )
            else:
                messages.success(request, thanks)
            return redirect(f"{reverse('portal:strategy')}?wersja={version.number}")
    context = _strategy_context(version, strategy=version.strategy) | {"comment_form": form}
    return render(request, "portal/strategy.html", context, status=400)


def _strategy_map(version) -> str:
    from zit.strategy.selectors import undertakings_map

    return undertakings_map(version)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """Crawlers welcome on the public pages; the office's pages and the accounts are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /biuro/",
        "Disallow: /konto/",
        "Disallow: /en/biuro/",
        "Disallow: /en/konto/",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        # one index for both languages: each of its sitemaps lists every page in Polish and in English
        f"Sitemap: {request.build_absolute_uri(reverse('crawlers:sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
