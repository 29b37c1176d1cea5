from django.urls import path

from zit.fees import views, views_payments

app_name = "fees"
urlpatterns = [
    path("", views.rules, name="rules"),
    path("zasady/nowe/", views.rule_create, name="rule_create"),
    path("zasady/<int:pk>/", views.rule_detail, name="rule"),
    path("zasady/<int:pk>/edycja/", views.rule_edit, name="rule_edit"),
    path("zasady/<int:pk>/uchwala/", views.rule_adopt, name="rule_adopt"),
    path("zasady/<int:pk>/naliczenie/", views.rule_generate, name="rule_generate"),
    path("ludnosc/<int:member_pk>/", views.population_enter, name="population"),
    path("naliczenia/", views.assessments, name="assessments"),
    path("czlonkowie/<int:member_pk>/", views.member_account, name="member"),
    path("czlonkowie/<int:member_pk>/zestawienie.pdf", views.member_statement_pdf, name="member_pdf"),
    path("wplaty/", views_payments.payment_list, name="payments"),
    path("wplaty/nowa/", views_payments.payment_create, name="payment_create"),
    path("wplaty/<int:pk>/", views_payments.payment_detail, name="payment"),
    path("wplaty/do-wyjasnienia/", views_payments.review, name="review"),
    path("wplaty/<int:pk>/decyzja/", views_payments.payment_decide, name="payment_decide"),
    path("wplaty/<int:pk>/przypisz/", views_payments.payment_assign, name="payment_assign"),
    path(
        "wplaty/<int:pk>/czynnosc/<slug:name>/", views_payments.payment_transition, name="payment_transition"
    ),
    path("wplaty/dopasuj-ponownie/", views_payments.payments_rematch, name="rematch"),
    path("wyciagi/", views_payments.statements, name="statements"),
    path("wyciagi/<int:pk>/", views_payments.statement_detail, name="statement"),
    path("wyciagi/<int:pk>/duplikaty/", views_payments.statement_held_confirm, name="statement_held_confirm"),
    path("wyciagi/przyklad/<str:fmt>/", views_payments.demo_statement, name="demo_statement"),
    path("przypomnienia/", views.reminder_list, name="reminders"),
]
