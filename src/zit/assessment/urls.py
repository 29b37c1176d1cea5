from django.urls import path

from zit.assessment import views

app_name = "assessment"
urlpatterns = [
    # the assessor
    path("ocena/", views.mine, name="mine"),
    path("ocena/nabory/<int:pk>/oswiadczenie/", views.declaration, name="declaration"),
    path("ocena/fiszki/<int:pk>/", views.score, name="score"),
    # the office
    path("ocena/nabory/<int:pk>/kryteria/", views.criteria, name="criteria"),
    path("ocena/nabory/<int:pk>/przydzialy/", views.assignments, name="assignments"),
    path("ocena/przydzialy/<int:pk>/usun/", views.assignment_remove, name="assignment_remove"),
    path("ocena/nabory/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("ocena/nabory/<int:pk>/ranking.xlsx", views.ranking_xlsx, name="ranking_xlsx"),
    path("ocena/nabory/<int:pk>/zamkniecie/", views.close, name="close"),
    path("ocena/nabory/<int:pk>/zasady/otwarcie/", views.rules_reopen, name="rules_reopen"),
]
