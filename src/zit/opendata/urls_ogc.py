"""OGC API – Features at /ogc/ (namespace `ogc`)."""

from django.urls import path

from zit.opendata import ogc

app_name = "ogc"

urlpatterns = [
    path("", ogc.landing, name="landing"),
    path("api", ogc.api, name="api"),
    path("conformance", ogc.conformance, name="conformance"),
    path("collections", ogc.collection_list, name="collections"),
    path("collections/<str:collection_id>", ogc.collection_detail, name="collection"),
    path("collections/<str:collection_id>/items", ogc.items, name="items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", ogc.item, name="item"),
]
