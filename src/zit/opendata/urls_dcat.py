from django.urls import path, re_path

from zit.opendata import views_dcat
from zit.opendata.feeds import ProjectsFeed

# Before any `/dane/<key>.<fmt>` download route: "katalog" is not a dataset key.
app_name = "opendata_dcat"
urlpatterns = [
    re_path(r"^dane/katalog\.(?P<fmt>ttl|rdf|jsonld)$", views_dcat.catalogue, name="catalogue"),
    path("projekty/kanal.atom", ProjectsFeed(), name="projects_feed"),
]
