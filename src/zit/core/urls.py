from django.urls import path

from zit.core import views

app_name = "core"
urlpatterns = [
    path("dziennik/", views.audit_log, name="audit"),
    path("dziennik/<int:pk>/", views.audit_event, name="audit_event"),
    path("zadania/", views.jobs, name="jobs"),
    path("zadania/<int:pk>/", views.job_detail, name="job"),
]
