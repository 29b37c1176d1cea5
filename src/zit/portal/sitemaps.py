"""sitemap.xml: the public pages, every member and gmina, every project of the catalogue, the published
resolutions and meetings (split into files of at most 50,000 addresses, as the protocol requires).

Every page is listed in each language (the Polish address and its /en/ twin), each entry naming the other
language and x-default (the Polish address) as alternates, so a search engine links the two."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from zit.association.models import Member
from zit.governance.models import Meeting, Resolution
from zit.opendata.models import CatalogueProject
from zit.territory import selectors as territory


class LanguagesSitemap(Sitemap):
    i18n = True  # `location` runs once in each of settings.LANGUAGES, so reverse() gives /… and /en/…
    alternates = True
    x_default = True


class StaticSitemap(LanguagesSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "portal:home",
            "portal:projects",
            "portal:map",
            "portal:area",
            "portal:members",
            "portal:bodies",
            "portal:money",
            "portal:progress",
            "portal:progress_money",
            "portal:strategy",
            "portal:contact",
            "portal:accessibility",
            "portal:easy_read",
            "portal:sign_language",
            "portal:sources",
            "published:list",
            "register:resolutions",
            "register:meetings",
            "register:documents",
            "pes:directory",
            "pes:entities_map",
            "pes:support",
            "pes:listing_form",
        ]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(LanguagesSitemap):
    changefreq = "weekly"
    limit = 50_000

    def items(self):
        return CatalogueProject.objects.order_by("id").only("key", "updated_at")

    def location(self, item):
        return reverse("portal:project", args=[item.key])

    def lastmod(self, item):
        return item.updated_at


class MemberSitemap(LanguagesSitemap):
    def items(self):
        return Member.objects.order_by("number")

    def location(self, item):
        return reverse("portal:member", args=[item.slug])


class GminaSitemap(LanguagesSitemap):
    def items(self):
        return list(territory.area_gminas(version=territory.area_current_version()))

    def location(self, item):
        return reverse("portal:gmina", args=[item.terc])


class ResolutionSitemap(LanguagesSitemap):
    def items(self):
        return Resolution.objects.filter(published_at__isnull=False).select_related("body").order_by("id")

    def location(self, item):
        return reverse("register:resolution", args=[item.body.slug, item.year, item.sequence])

    def lastmod(self, item):
        return item.published_at


class MeetingSitemap(LanguagesSitemap):
    def items(self):
        return Meeting.objects.filter(published_at__isnull=False).order_by("id")

    def location(self, item):
        return reverse("register:meeting", args=[item.pk])


class ProgressSitemap(LanguagesSitemap):
    """The progress pages of the strategy's goals, indicators and undertakings (the version the public reads)."""

    changefreq = "weekly"

    def items(self):
        from zit.portal.progress import version_public
        from zit.strategy.models import Goal, TargetIndicator, Undertaking

        version = version_public()
        if version is None:
            return []
        return (
            [
                ("portal:progress_goal", key)
                for key in Goal.objects.filter(version=version)
                .order_by("order", "code")
                .values_list("key", flat=True)
            ]
            + [
                ("portal:progress_indicator", key)
                for key in TargetIndicator.objects.filter(version=version)
                .order_by("order", "pk")
                .values_list("key", flat=True)
            ]
            + [
                ("portal:progress_undertaking", key)
                for key in Undertaking.objects.filter(version=version)
                .order_by("order", "code")
                .values_list("key", flat=True)
            ]
        )

    def location(self, item):
        return reverse(item[0], args=[item[1]])


class SocialEconomySitemap(LanguagesSitemap):
    changefreq = "weekly"

    def items(self):
        from zit.social_economy.selectors import entities_public

        return entities_public().order_by("id")

    def location(self, item):
        return reverse("pes:entity", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "strony": StaticSitemap,
    "projekty": ProjectSitemap,
    "czlonkowie": MemberSitemap,
    "gminy": GminaSitemap,
    "uchwaly": ResolutionSitemap,
    "posiedzenia": MeetingSitemap,
    "ekonomia-spoleczna": SocialEconomySitemap,
    "postepy": ProgressSitemap,
}
