"""The person's own notices, under /konto/: every signed-in person has them, whatever their role."""

from django.urls import path

from zit.core import views_notices

app_name = "notices"
urlpatterns = [
    path("", views_notices.notice_list, name="list"),
    path("ustawienia/", views_notices.notice_settings, name="settings"),
]
