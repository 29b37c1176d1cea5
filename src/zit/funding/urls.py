from django.urls import path

from zit.funding import views, views_rates, views_shares

app_name = "funding"
urlpatterns = [
    path("program/", views.programme, name="programme"),
    path("program/edycja/", views.programme_edit, name="programme_edit"),
    path("program/priorytety/nowy/", views.priority_form, name="priority_new"),
    path("program/priorytety/<int:pk>/", views.priority_form, name="priority_edit"),
    path("program/dzialania/nowe/", views.measure_form, name="measure_new"),
    path("program/dzialania/<int:pk>/", views.measure_form, name="measure_edit"),
    path("porozumienie/", views.agreement, name="agreement"),
    path("porozumienie/edycja/", views.agreement_edit, name="agreement_edit"),
    path("porozumienie/podzial/", views.split_edit, name="split_edit"),
    path("porozumienie/obowiazki/nowy/", views.obligation_form, name="obligation_new"),
    path("porozumienie/obowiazki/<int:pk>/", views.obligation_form, name="obligation_edit"),
    path("porozumienie/obowiazki/<int:pk>/wykonanie/", views.obligation_complete, name="obligation_complete"),
    path("kursy/", views.rates, name="rates"),
    path("kursy/nowy/", views.rate_form, name="rate_new"),
    path("kursy/reguly/<str:purpose>/", views.rule_form, name="rule_edit"),
    path("wskazniki/", views.indicators, name="indicators"),
    path("wskazniki/nowy/", views.indicator_form, name="indicator_new"),
    path("wskazniki/<int:pk>/", views.indicator_form, name="indicator_edit"),
    path("finanse/import/", views.import_page, name="import"),
    path(
        "wskazniki/polskie-nazwy.<str:fmt>",
        views.indicator_names_template,
        name="indicator_names_template",
    ),
    path("kursy/pobierz/", views_rates.rates_fetch_now, name="rates_fetch"),
    path("porozumienie/klucz-podzialu/", views_shares.key_page, name="shares"),
    path("porozumienie/klucz-podzialu/nowy/", views_shares.key_new, name="share_key_new"),
]
