from django.urls import path

from zit.territory import views

app_name = "territory"
urlpatterns = [
    path("obszar/", views.area, name="area"),
    path("obszar/import/", views.area_import, name="import"),
    path("obszar/wersje/<int:pk>/podstawa-prawna/", views.legal_basis_edit, name="legal_basis"),
    path("gminy/<str:terc>/statystyki/", views.unit_statistics, name="statistics"),
    path("diagnoza/", views.diagnosis, name="diagnosis"),
    path("diagnoza/import/", views.statistics_import, name="statistics_import"),
    path("diagnoza/nowa-zmienna/", views.variable_form, name="variable_new"),
    path("diagnoza/<slug:code>/", views.variable_detail, name="variable"),
    path("diagnoza/<slug:code>/edycja/", views.variable_form, name="variable_edit"),
    path("gminy/<str:terc>/statystyki/<slug:variable>/nowa/", views.observation_edit, name="observation_new"),
    path(
        "gminy/<str:terc>/statystyki/<slug:variable>/<int:pk>/",
        views.observation_edit,
        name="observation_edit",
    ),
]
