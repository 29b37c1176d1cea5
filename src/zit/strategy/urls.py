from django.urls import path

from zit.strategy import views, views_consultation, views_procedure

app_name = "strategy"
urlpatterns = [
    path("strategia/", views.versions, name="versions"),
    path("strategia/nowa-wersja/", views.version_new, name="version_new"),
    path("strategia/porownanie/", views.compare, name="compare"),
    path("strategia/pliki/<int:pk>/", views.generated_file, name="generated_file"),
    path("strategia/procedura/pliki/<int:pk>/", views_procedure.step_file, name="step_file"),
    path("strategia/procedura/pisma/<int:pk>/<slug:which>/", views_procedure.letter_file, name="letter_file"),
    path("strategia/wersje/<int:pk>/tekst/", views.version_text, name="version_text"),
    path("strategia/wzor-importu.xlsx", views.import_template, name="import_template"),
    path("strategia/wersje/<int:pk>/import/", views.version_import, name="version_import"),
    path("strategia/wersje/<int:pk>/", views.version_detail, name="version"),
    path("strategia/wersje/<int:pk>/stan/", views.version_status, name="version_status"),
    path(
        "strategia/wersje/<int:pk>/czynnosci/<slug:name>/",
        views.version_transition,
        name="version_transition",
    ),
    path(
        "strategia/wersje/<int:pk>/konsultacje/czynnosci/<slug:name>/",
        views_consultation.consultation_transition,
        name="consultation_transition",
    ),
    path("strategia/wersje/<int:pk>/dokument/", views.version_document, name="version_document"),
    path("strategia/wersje/<int:pk>/generuj/", views.document_generate, name="document_generate"),
    path("strategia/wersje/<int:pk>/spojnosc/", views.coherence, name="coherence"),
    path("strategia/wersje/<int:pk>/procedura/", views_procedure.procedure, name="procedure"),
    path("strategia/wersje/<int:pk>/konsultacje/", views_consultation.consultation, name="consultation"),
    path(
        "strategia/wersje/<int:pk>/konsultacje/uwagi/<int:comment_pk>/",
        views_consultation.comment_action,
        name="comment_action",
    ),
    path(
        "strategia/wersje/<int:pk>/procedura/krok/nowy/",
        views_procedure.procedure_step,
        name="procedure_step_new",
    ),
    path(
        "strategia/wersje/<int:pk>/procedura/krok/<int:step_pk>/",
        views_procedure.procedure_step,
        name="procedure_step",
    ),
    path(
        "strategia/wersje/<int:pk>/procedura/krok/<int:step_pk>/pismo/",
        views_procedure.letter,
        name="letter_new",
    ),
    path(
        "strategia/wersje/<int:pk>/procedura/krok/<int:step_pk>/pismo/<int:letter_pk>/",
        views_procedure.letter,
        name="letter",
    ),
    path(
        "strategia/wersje/<int:pk>/procedura/krok/<int:step_pk>/nowa-wersja/",
        views_procedure.answering_version,
        name="answering_version",
    ),
    path("strategia/wersje/<int:pk>/procedura/pakiet/", views_procedure.package, name="package"),
    path("strategia/wersje/<int:pk>/<slug:segment>/nowa/", views.item_form, name="item_new"),
    path("strategia/wersje/<int:pk>/<slug:segment>/<int:item_pk>/", views.item_form, name="item_edit"),
    path(
        "strategia/wersje/<int:pk>/<slug:segment>/<int:item_pk>/usun/", views.item_delete, name="item_delete"
    ),
]
