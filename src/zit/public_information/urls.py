from django.urls import path

from zit.public_information import views, views_remedies

app_name = "public_information"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("nowy/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/prowadzacy/", views.request_assign, name="assign"),
    path("<int:pk>/wniosek/", views.request_attachment, name="attachment"),
    path("<int:pk>/dokumenty/<int:action_pk>/", views.action_document, name="document"),
    path("<int:pk>/skarga/", views_remedies.complaint_new, name="complaint_new"),
    path("<int:pk>/skarga/<int:complaint_pk>/", views_remedies.complaint_forward, name="complaint_forward"),
    path(
        "<int:pk>/skarga/<int:complaint_pk>/<slug:which>.docx",
        views_remedies.letter,
        name="complaint_letter",
    ),
    path("<int:pk>/pisma/<slug:which>.docx", views_remedies.letter, name="letter"),
    path("<int:pk>/<slug:step>/", views.request_step, name="step"),
    path("rejestr/<int:year>.<str:fmt>", views.register_export, name="export"),
]
