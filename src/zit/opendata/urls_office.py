"""The office's pages of the public catalogue, under /biuro/katalog/ (namespace `opendata_office`)."""

from django.urls import path

from zit.opendata import views_office

app_name = "opendata_office"
urlpatterns = [
    path("miejsca/", views_office.unplaced, name="unplaced"),
]
