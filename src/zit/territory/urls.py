from django.urls import path

from zit.territory import views

app_name = "territory"
urlpatterns = [
    path("obszar/", views.area, name="area"),
    path("obszar/import/", views.area_import, name="import"),
    path("obszar/wersje/<int:pk>/podstawa-prawna/", views.legal_basis_edit, name="legal_basis"),
    path("gminy/<str:terc>/statystyki/", views.unit_statistics, name="statistics"),
    path("gminy/<str:terc>/statystyki/<slug:variable>/nowa/", views.observation_edit, name="observation_new"),
    path(
        "gminy/<str:terc>/statystyki/<slug:variable>/<int:pk>/",
        views.observation_edit,
        name="observation_edit",
    ),
]
