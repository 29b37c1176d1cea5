"""robots.txt and the sitemaps: one address each, outside the language prefixes (namespace `crawlers`). Every
sitemap lists each page in Polish and in English, with the other language as its alternate."""

from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from zit.portal import views
from zit.portal.sitemaps import SITEMAPS

app_name = "crawlers"
urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "crawlers:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
