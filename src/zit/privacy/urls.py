from django.urls import path

from zit.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.activities, name="activities"),
    path("nowa/", views.activity_new, name="activity_new"),
    path("eksport.<str:fmt>", views.export, name="export"),
    path("usuwanie-danych/", views.rules, name="rules"),
    path("<slug:key>/", views.activity, name="activity"),
    path("<slug:key>/edycja/", views.activity_edit, name="activity_edit"),
    path("<slug:key>/usuniecie/", views.activity_delete, name="activity_delete"),
]
