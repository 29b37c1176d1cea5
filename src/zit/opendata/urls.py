from django.urls import path

from zit.opendata import views

app_name = "opendata"
urlpatterns = [
    path("dane/", views.datasets, name="datasets"),
    path("dane/<slug:key>-excel.csv", views.download_excel, name="download_excel"),
    path("dane/<slug:key>.<slug:fmt>", views.download, name="download"),
]
