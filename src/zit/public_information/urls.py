from django.urls import path

from zit.public_information import views

app_name = "public_information"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("nowy/", views.request_new, name="new"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/prowadzacy/", views.request_assign, name="assign"),
    path("<int:pk>/wniosek/", views.request_attachment, name="attachment"),
    path("<int:pk>/dokumenty/<int:action_pk>/", views.action_document, name="document"),
    path("<int:pk>/<slug:step>/", views.request_step, name="step"),
    path("rejestr/<int:year>.<str:fmt>", views.register_export, name="export"),
]
