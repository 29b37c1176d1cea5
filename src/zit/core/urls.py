from django.urls import path

from zit.core import views

app_name = "core"
urlpatterns = [
    path("dziennik/", views.audit_log, name="audit"),
    path("dziennik/<int:pk>/", views.audit_event, name="audit_event"),
    path("zadania/", views.jobs, name="jobs"),
    path("zadania/<int:pk>/", views.job_detail, name="job"),
    path("dokumenty-podpisane/<int:pk>/projekt/", views.signed_draft, name="signed_draft"),
    path("dokumenty-podpisane/<int:pk>/podpisany/", views.signed_file, name="signed_file"),
    path("dokumenty-podpisane/<int:pk>/wgraj/", views.signed_upload, name="signed_upload"),
    path("dokumenty-podpisane/<int:pk>/zablokuj/", views.signed_lock_override, name="signed_lock_override"),
    path("zaufane-certyfikaty/", views.trust_list, name="trust_list"),
]
