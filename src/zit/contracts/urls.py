"""The grant contract's pages live under the card's path; they are listed before the card's own URLs (see
`zit.config.urls`), whose last pattern takes any single word after the card as a transition's name."""

from django.urls import path

from zit.contracts import views, views_iz_sources, views_published, views_reconciliation, views_reports

app_name = "contracts"
urlpatterns = [
    path("projekty/fiszki/<int:pk>/umowa/", views.card_contract, name="card_contract"),
    path("projekty/fiszki/<int:pk>/umowa/aneks/", views.card_amendment, name="card_amendment"),
    path("projekty/fiszki/<int:pk>/umowa/rozwiazanie/", views.card_termination, name="card_termination"),
    path("projekty/fiszki/<int:pk>/umowa/korekta/", views.card_correction, name="card_correction"),
    path("projekty/fiszki/<int:pk>/informacje-o-postepie/nowe/", views_reports.report_new, name="report_new"),
    path(
        "projekty/fiszki/<int:pk>/umowa/platnosc-koncowa/",
        views_reports.card_settlement,
        name="card_settlement",
    ),
    path(
        "projekty/fiszki/<int:pk>/trwalosc/oswiadczenie/", views_reports.card_statement, name="card_statement"
    ),
    path(
        "projekty/fiszki/<int:pk>/trwalosc/informacja/",
        views_reports.card_durability_info,
        name="card_durability_info",
    ),
    path(
        "projekty/fiszki/<int:pk>/informacje-o-postepie/<int:report_pk>/",
        views_reports.report_detail,
        name="report",
    ),
    path(
        "projekty/fiszki/<int:pk>/informacje-o-postepie/<int:report_pk>/<slug:name>/",
        views_reports.report_transition,
        name="report_transition",
    ),
    path(
        "projekty/fiszki/<int:pk>/informacje-o-postepie/<int:report_pk>/pliki/<int:attachment_pk>/",
        views_reports.report_attachment,
        name="report_attachment",
    ),
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
    path("projekty/wykaz/", views_published.imports, name="published_imports"),
    path("projekty/wykaz/wzor.csv", views_published.import_template, name="published_template"),
    path("projekty/uzgodnienia/", views_reconciliation.reconciliations, name="reconciliations"),
    path("projekty/uzgodnienia/<int:pk>/", views_reconciliation.reconciliation_detail, name="recon"),
    path(
        "projekty/uzgodnienia/<int:pk>/roznice.xlsx",
        views_reconciliation.reconciliation_xlsx,
        name="recon_xlsx",
    ),
    path(
        "projekty/uzgodnienia/<int:pk>/kolumny/",
        views_reconciliation.reconciliation_mapping,
        name="recon_mapping",
    ),
    path(
        "projekty/uzgodnienia/<int:pk>/sprawdz/",
        views_reconciliation.reconciliation_recheck,
        name="recon_recheck",
    ),
    path(
        "projekty/uzgodnienia/<int:pk>/roznice/<int:difference_pk>/",
        views_reconciliation.difference_action,
        name="recon_difference",
    ),
    path("projekty/dane-iz/", views_iz_sources.feeds, name="iz_feeds"),
    path("projekty/dane-iz/<int:pk>/", views_iz_sources.feed_detail, name="iz_feed"),
    path("projekty/dane-iz/<int:pk>/pobierz/", views_iz_sources.feed_fetch, name="iz_fetch"),
    path("projekty/dane-iz/import/<int:pk>/", views_iz_sources.import_detail, name="iz_import"),
    path("projekty/dane-iz/import/<int:pk>/podglad/", views_iz_sources.preview, name="iz_preview"),
]
