from django.urls import path

from zit.social_economy import views_public as views

app_name = "pes"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("mapa/", views.map_page, name="entities_map"),
    path("wsparcie/", views.support, name="support"),
    path("zglos/", views.listing_form, name="listing_form"),
    path("zglos/dziekujemy/", views.thanks, name="thanks"),
    path("<int:pk>/", views.entity, name="entity"),
]
