from django.urls import path

from zit.governance import views, views_bip, views_opinions, views_resolutions, views_years

app_name = "governance"
urlpatterns = [
    path("organy/bip/<slug:key>/", views_bip.bip_section_edit, name="bip_section"),
    path("organy/posiedzenia/", views.meeting_list, name="meetings"),
    path("organy/posiedzenia/nowe/", views.meeting_edit, name="meeting_new"),
    path("organy/posiedzenia/<int:pk>/", views.meeting_detail, name="meeting"),
    path("organy/posiedzenia/<int:pk>/edycja/", views.meeting_edit, name="meeting_edit"),
    path("organy/posiedzenia/<int:pk>/obecnosc/", views.meeting_attendance, name="meeting_attendance"),
    path("organy/posiedzenia/<int:pk>/kworum/", views.meeting_quorum, name="meeting_quorum"),
    path("organy/posiedzenia/<int:pk>/zaproszenia/", views.meeting_invitations, name="meeting_invitations"),
    path("organy/posiedzenia/<int:pk>/zaproszenie.ics", views.meeting_invitation_ics, name="meeting_ics"),
    path("organy/posiedzenia/<int:pk>/protokol.pdf", views.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("organy/posiedzenia/<int:pk>/porzadek/", views.agenda_add, name="agenda_add"),
    path("organy/posiedzenia/<int:pk>/<slug:action>/", views.meeting_action, name="meeting_action"),
    path("organy/porzadek/<int:pk>/<slug:action>/", views.agenda_item_action, name="agenda_item_action"),
    path("organy/uchwaly/", views_resolutions.resolution_list, name="resolutions"),
    path("organy/uchwaly/nowa/", views_resolutions.resolution_edit, name="resolution_new"),
    path("organy/uchwaly/<int:pk>/", views_resolutions.resolution_detail, name="resolution"),
    path("organy/uchwaly/<int:pk>/edycja/", views_resolutions.resolution_edit, name="resolution_edit"),
    path("organy/uchwaly/<int:pk>/glosowanie/", views_resolutions.resolution_vote, name="resolution_vote"),
    path(
        "organy/uchwaly/<int:pk>/<slug:action>/",
        views_resolutions.resolution_action,
        name="resolution_action",
    ),
    path("organy/ustawienia/", views_resolutions.governance_settings, name="settings"),
    path("organy/dokumenty/", views.document_list, name="documents"),
    path("organy/dokumenty/<int:pk>/wycofaj/", views.document_withdraw, name="document_withdraw"),
    path("organy/opinie-grupy-roboczej/", views_opinions.opinion_list, name="opinions"),
    path(
        "organy/opinie-grupy-roboczej/<int:pk>/wycofaj/",
        views_opinions.opinion_withdraw,
        name="opinion_withdraw",
    ),
    path("organy/rok-sprawozdawczy/", views_years.year_list, name="years"),
    path("organy/rok-sprawozdawczy/<int:year>/", views_years.year_detail, name="year"),
    path(
        "organy/rok-sprawozdawczy/<int:year>/dokument/<slug:step>/",
        views_years.year_document,
        name="year_document",
    ),
    path("organy/rok-sprawozdawczy/<int:year>/wysylka/", views_years.year_filing, name="year_filing"),
    path("organy/zasady-glosowania/", views.voting_rule_list, name="voting_rules"),
    path("organy/zasady-glosowania/nowa/", views.voting_rule_edit, name="voting_rule_new"),
    path("organy/zasady-glosowania/<int:pk>/", views.voting_rule_edit, name="voting_rule_edit"),
]
