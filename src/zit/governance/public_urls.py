from django.urls import path

from zit.governance import views_public as views

app_name = "register"
urlpatterns = [
    path("uchwaly/", views.resolution_list, name="resolutions"),
    path("uchwaly/kanal.atom", views.ResolutionsFeed(), name="resolutions_feed"),
    path("uchwaly/zalaczniki/<int:pk>/", views.attachment_file, name="attachment"),
    path("uchwaly/<slug:body>/<int:year>/<int:sequence>/", views.resolution_detail, name="resolution"),
    path(
        "uchwaly/<slug:body>/<int:year>/<int:sequence>/dokument/",
        views.resolution_file,
        name="resolution_file",
    ),
    path("posiedzenia/", views.meeting_list, name="meetings"),
    path("posiedzenia/kalendarz.ics", views.meetings_ics, name="meetings_ics"),
    path("posiedzenia/<int:pk>/", views.meeting_detail, name="meeting"),
    path("posiedzenia/<int:pk>/protokol/", views.meeting_minutes, name="meeting_minutes"),
    path("dokumenty/", views.document_list, name="documents"),
    path("dokumenty/<int:pk>/", views.document_detail, name="document"),
    path("dokumenty/<int:pk>/plik/", views.document_file, name="document_file"),
]
