from django.urls import path

from zit.records import views

app_name = "records"
urlpatterns = [
    path("jrwa/", views.plan, name="plan"),
    path("jrwa/nowa/", views.plan_edit, name="plan_new"),
    path("jrwa/<int:pk>/", views.plan_edit, name="plan_edit"),
    path("rodzaje/", views.kinds, name="kinds"),
    path("wstrzymania/", views.holds, name="holds"),
    path("wstrzymania/<int:pk>/zniesienie/", views.hold_lift, name="hold_lift"),
    path("brakowanie/", views.disposals, name="disposals"),
    path("brakowanie/<int:pk>/", views.disposal, name="disposal"),
    path("brakowanie/<int:pk>/zgoda/", views.consent, name="consent"),
    path("brakowanie/<int:pk>/zgoda/pismo/", views.consent_letter, name="consent_letter"),
    path("brakowanie/<int:pk>/pozycje/<int:item_pk>/zdejmij/", views.item_remove, name="item_remove"),
    path("brakowanie/<int:pk>/<slug:which>.<str:fmt>", views.download, name="download"),
    path("brakowanie/<int:pk>/<slug:action>/", views.action, name="action"),
]
