"""Atom feed of the newest projects in the public catalogue.

The read model has no date of publication, so the feed orders by `updated_at`: the time the project's row last
changed in a refresh (a new project, or a change of its state or money). Each entry links to the project's public
page `/projekty/<key>/` (URL name `portal:project`, built by the catalogue pages); until that route exists the
link is built from the path.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core.formatting import format_amount
from zit.opendata.models import CatalogueProject

FEED_SIZE = 50


def project_path(key: str) -> str:
    try:
        return reverse("portal:project", args=[key])
    except NoReverseMatch:
        return f"/projekty/{key}/"


def _measure(item: CatalogueProject) -> str:
    # the official list gives the name with its number ("10.4 Zregenerowane …"), cards give them apart
    if item.measure_name.startswith(item.measure):
        return item.measure_name
    return f"{item.measure} {item.measure_name}".strip()


class ProjectsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Projekty ZIT Aglomeracji Konińskiej")
    subtitle = gettext_lazy("Nowe i zmienione projekty w katalogu projektów")

    def link(self) -> str:
        return reverse("published:list")

    def items(self):
        return CatalogueProject.objects.order_by("-updated_at", "-id")[:FEED_SIZE]

    def item_title(self, item: CatalogueProject) -> str:
        if item.is_demo:
            return _("%(title)s (dane demonstracyjne)") % {"title": item.title}
        return item.title

    def item_description(self, item: CatalogueProject) -> str:
        facts = [
            (_("Beneficjent"), item.beneficiary),
            (_("Stan"), item.get_status_display()),
            (_("Działanie"), _measure(item)),
            (_("Wartość projektu"), format_amount(item.total_pln)),
            (_("Dofinansowanie UE"), format_amount(item.eu_pln)),
            (_("Miejsce realizacji"), item.place),
        ]
        parts = [f"<p>{escape(item.summary)}</p>"] if item.summary else []
        rows = "".join(f"<li>{escape(label)}: {escape(value)}</li>" for label, value in facts if value)
        if rows:
            parts.append(f"<ul>{rows}</ul>")
        if item.is_demo:
            parts.append(f"<p>{escape(_('Dane demonstracyjne, nie dotyczą prawdziwego projektu.'))}</p>")
        return "".join(parts)

    def item_link(self, item: CatalogueProject) -> str:
        return project_path(item.key)

    def item_guid(self, item: CatalogueProject) -> str:
        return f"tag:zit,{item.key}"

    def item_guid_is_permalink(self, item: CatalogueProject) -> bool:
        return False

    def item_updateddate(self, item: CatalogueProject):
        return item.updated_at

    def item_pubdate(self, item: CatalogueProject):
        return item.updated_at

    def item_author_name(self, item: CatalogueProject) -> str:
        return item.beneficiary

    def item_categories(self, item: CatalogueProject) -> list[str]:
        categories = [item.get_status_display()]
        if item.is_demo:
            categories.append(_("dane demonstracyjne"))
        return categories
