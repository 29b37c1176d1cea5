from django.urls import path

from zit.projects import views, views_calls, views_lists, views_schedule, views_social

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
    path("projekty/fiszki/<int:pk>/wymiar-spoleczny/", views_social.card_social, name="card_social"),
    path(
        "projekty/fiszki/<int:pk>/wymiar-spoleczny/<int:clause_pk>/",
        views_social.clause_outcome,
        name="clause_outcome",
    ),
    path("projekty/fiszki/<int:pk>/budzet/", views.card_budget, name="card_budget"),
    path("projekty/fiszki/<int:pk>/wskazniki/", views.card_indicators, name="card_indicators"),
    path("projekty/fiszki/<int:pk>/przedsiewziecia/", views.card_undertakings, name="card_undertakings"),
    path("projekty/fiszki/<int:pk>/wniosek/", views_calls.card_application, name="card_application"),
    path("projekty/fiszki/<int:pk>/opinia/", views_calls.card_opinion, name="card_opinion"),
    path(
        "projekty/fiszki/<int:pk>/opinia/prosba-iz/",
        views_calls.card_opinion_request,
        name="card_opinion_request",
    ),
    path("projekty/opinie/<int:pk>/", views_calls.opinion_edit, name="opinion_edit"),
    path("projekty/opinie/<int:pk>/wydanie/", views_calls.opinion_issue, name="opinion_issue"),
    path(
        "projekty/opinie/<int:pk>/pismo-przewodnie.docx",
        views_calls.opinion_cover_letter,
        name="opinion_cover_letter",
    ),
    path("projekty/opinie/podpisujacy/", views_calls.opinion_signatories, name="opinion_signatories"),
    path("projekty/fiszki/<int:pk>/rozstrzygniecie/", views_calls.card_outcome, name="card_outcome"),
    path("projekty/fiszki/<int:pk>/<slug:name>/", views.card_transition, name="card_transition"),
    path("projekty/powiadomienia/", views_calls.notification_rules, name="notifications"),
    path("projekty/nabory-iz/", views_calls.calls_list, name="calls"),
    path("projekty/nabory-iz/nowy/", views_calls.call_form, name="call_new"),
    path("projekty/nabory-iz/<int:pk>/", views_calls.call_form, name="call_edit"),
    path(
        "projekty/nabory-iz/<int:pk>/lista-sprawdzajaca/", views_calls.call_checklist, name="call_checklist"
    ),
    path("projekty/lista/", views_lists.list_versions, name="lists"),
    path("projekty/lista/<int:pk>/", views_lists.list_detail, name="list"),
    path("projekty/lista/<int:pk>/lista.xlsx", views_lists.list_export, name="list_export"),
    path("projekty/lista/<int:pk>/akt/", views_lists.list_act_file, name="list_act_file"),
    path("projekty/lista/<int:pk>/import/", views_lists.list_import, name="list_import"),
    path(
        "projekty/lista/<int:pk>/pozycje/<int:entry_pk>/<slug:action>/",
        views_lists.list_entry_action,
        name="list_entry_action",
    ),
    path("projekty/harmonogram-iz/", views_schedule.schedule_page, name="schedule"),
    path("projekty/harmonogram-iz/nowa-wersja/", views_schedule.schedule_new, name="schedule_new"),
    path("projekty/harmonogram-iz/<int:pk>/", views_schedule.schedule_page, name="schedule_version"),
    path(
        "projekty/fiszki/<int:pk>/iz/wezwanie/",
        views_schedule.card_individual_call,
        name="card_individual_call",
    ),
    path("projekty/fiszki/<int:pk>/iz/<slug:name>/", views_schedule.card_iz_step, name="card_iz_step"),
]
