from django.urls import path

from zit.projects import views

app_name = "projects"
urlpatterns = [
    path("projekty/nabory/", views.rounds, name="rounds"),
    path("projekty/nabory/nowy/", views.round_form, name="round_new"),
    path("projekty/nabory/<int:pk>/edycja/", views.round_form, name="round_edit"),
    path("projekty/nabory/<int:pk>/", views.cards, name="cards_in_round"),
    path("projekty/nabory/<int:pk>/pytania/", views.round_questions, name="round_questions"),
    path("projekty/fiszki/", views.cards, name="cards"),
    path("projekty/fiszki/nowa/", views.card_new, name="card_new"),
    path("projekty/fiszki/<int:pk>/", views.card_detail, name="card"),
    path("projekty/fiszki/<int:pk>/dane/", views.card_edit, name="card_edit"),
    path("projekty/fiszki/<int:pk>/pytania/", views.card_answers, name="card_answers"),
    path("projekty/fiszki/<int:pk>/polozenie/", views.card_location, name="card_location"),
    path("projekty/fiszki/<int:pk>/partnerzy/", views.card_partners, name="card_partners"),
    path("projekty/fiszki/<int:pk>/budzet/", views.card_budget, name="card_budget"),
    path("projekty/fiszki/<int:pk>/wskazniki/", views.card_indicators, name="card_indicators"),
    path("projekty/fiszki/<int:pk>/przedsiewziecia/", views.card_undertakings, name="card_undertakings"),
    path("projekty/fiszki/<int:pk>/wniosek/", views.card_application, name="card_application"),
    path("projekty/fiszki/<int:pk>/opinia/", views.card_opinion, name="card_opinion"),
    path("projekty/fiszki/<int:pk>/opinia/wydanie/", views.card_opinion_issue, name="card_opinion_issue"),
    path("projekty/fiszki/<int:pk>/rozstrzygniecie/", views.card_outcome, name="card_outcome"),
    path("projekty/fiszki/<int:pk>/umowa/", views.card_contract, name="card_contract"),
    path("projekty/fiszki/<int:pk>/umowa/aneks/", views.card_amendment, name="card_amendment"),
    path("projekty/fiszki/<int:pk>/umowa/rozwiazanie/", views.card_termination, name="card_termination"),
    path("projekty/fiszki/<int:pk>/umowa/korekta/", views.card_correction, name="card_correction"),
    path(
        "projekty/fiszki/<int:pk>/umowa/korekty/<int:correction_pk>/odzyskano/",
        views.card_recovery,
        name="card_recovery",
    ),
    path(
        "projekty/fiszki/<int:pk>/umowa/aneksy/<int:amendment_pk>/plik/",
        views.amendment_file,
        name="amendment_file",
    ),
    path("projekty/fiszki/<int:pk>/<slug:name>/", views.card_transition, name="card_transition"),
    path("projekty/powiadomienia/", views.notification_rules, name="notifications"),
    path("projekty/nabory-iz/", views.calls_list, name="calls"),
    path("projekty/nabory-iz/nowy/", views.call_form, name="call_new"),
    path("projekty/nabory-iz/<int:pk>/", views.call_form, name="call_edit"),
    path("projekty/lista/", views.list_versions, name="lists"),
    path("projekty/lista/<int:pk>/", views.list_detail, name="list"),
    path("projekty/lista/<int:pk>/lista.xlsx", views.list_export, name="list_export"),
    path("projekty/lista/<int:pk>/import/", views.list_import, name="list_import"),
    path(
        "projekty/lista/<int:pk>/pozycje/<int:entry_pk>/<slug:action>/",
        views.list_entry_action,
        name="list_entry_action",
    ),
]
