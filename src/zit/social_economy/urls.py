from django.urls import path

from zit.social_economy import views

app_name = "social_economy"
urlpatterns = [
    path("", views.entity_list, name="entities"),
    path("eksport.<str:fmt>", views.entity_export, name="export"),
    path("nowy/", views.entity_new, name="entity_new"),
    path("<int:pk>/", views.entity_detail, name="entity"),
    path("<int:pk>/edycja/", views.entity_edit, name="entity_edit"),
    path("<int:pk>/publikacja/", views.entity_publish, name="entity_publish"),
    path("<int:pk>/wycofanie/", views.entity_withdraw, name="entity_withdraw"),
    path("zgloszenia/", views.request_list, name="requests"),
    path("zgloszenia/<int:pk>/", views.request_detail, name="request"),
    path("import/", views.import_file, name="import"),
    path("import/wzor.<str:fmt>", views.import_template, name="import_template"),
    path("oferta-wsparcia/", views.offer_list, name="offer"),
    path("oferta-wsparcia/nowa/", views.offer_edit, name="offer_new"),
    path("oferta-wsparcia/<int:pk>/", views.offer_edit, name="offer_edit"),
    path("oferta-wsparcia/<int:pk>/usun/", views.offer_delete, name="offer_delete"),
]
