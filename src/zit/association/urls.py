from django.urls import path

from zit.association import views, views_change

app_name = "association"
urlpatterns = [
    path("stowarzyszenie/", views.profile_edit, name="profile"),
    path(
        "stowarzyszenie/zmiana-reprezentantow/",
        views_change.representatives_change,
        name="representatives_change",
    ),
    path("czlonkowie/", views.members, name="members"),
    path("czlonkowie/<int:pk>/", views.member_detail, name="member"),
    path("czlonkowie/<int:pk>/edycja/", views.member_edit, name="member_edit"),
    path("czlonkowie/<int:pk>/koniec-czlonkostwa/", views.membership_end, name="membership_end"),
    path("organizacje/", views.organisations, name="organisations"),
    path("organizacje/nowa/", views.organisation_form, name="organisation_new"),
    path("organizacje/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organizacje/<int:pk>/edycja/", views.organisation_form, name="organisation_edit"),
    path("osoby/", views.people, name="people"),
    path("osoby/nowa/", views.person_form, name="person_new"),
    path("osoby/<int:pk>/", views.person_detail, name="person"),
    path("osoby/<int:pk>/edycja/", views.person_form, name="person_edit"),
    path("osoby/<int:pk>/usuniecie-danych/", views.person_erase, name="person_erase"),
    path("osoby/<int:pk>/funkcja/", views.representation_add, name="representation_add"),
    path("organy/", views.bodies, name="bodies"),
    path("organy/nowy/", views.body_edit, name="body_new"),
    path("organy/<int:pk>/edycja/", views.body_edit, name="body_edit"),
    path("organy/<int:pk>/mandat/", views.mandate_add, name="mandate_add"),
    path("mandaty/<int:pk>/koniec/", views.mandate_end, name="mandate_end"),
    path("funkcje/<int:pk>/koniec/", views.representation_end, name="representation_end"),
]
