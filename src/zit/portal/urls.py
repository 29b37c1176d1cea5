from django.urls import path

from zit.portal import (
    map_views,
    views,
    views_bip,
    views_catalogue,
    views_opinions,
    views_progress,
    views_shares,
    views_statement,
)
from zit.portal import views_documents as documents

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("czlonkowie/", views.members, name="members"),
    path("czlonkowie/<slug:slug>/", views.member_detail, name="member"),
    path("gminy/<str:terc>/", views.gmina, name="gmina"),
    path("obszar/", views.area, name="area"),
    path("obszar/mapa.svg", views.area_svg, name="area_svg"),
    path("organy/", views.bodies, name="bodies"),
    path("pieniadze/", views.money, name="money"),
    path("strategia/", views.strategy, name="strategy"),
    path("strategia/uwagi/", views.strategy_comment, name="strategy_comment"),
    path(
        "strategia/dokumenty/strategia-wersja-<int:number>.<str:fmt>",
        documents.strategy_text,
        name="strategy_text",
    ),
    path(
        "strategia/dokumenty/tekst-strategii-wersja-<int:number>/",
        documents.strategy_attached,
        name="strategy_attached",
    ),
    path(
        "strategia/dokumenty/raport-z-konsultacji-wersja-<int:number>.<str:fmt>",
        documents.consultation_report,
        name="consultation_report",
    ),
    path(
        "strategia/dokumenty/sprawozdanie-roczne-<int:year>.<str:fmt>",
        documents.annual_report,
        name="annual_report",
    ),
    path("kontakt/", views.contact, name="contact"),
    path("projekty/", views_catalogue.project_list, name="projects"),
    path("projekty/<slug:key>/", views_catalogue.project_detail, name="project"),
    path("opinie-o-zgodnosci/", views_opinions.opinions_register, name="opinions"),
    path("mapa/", map_views.map_page, name="map"),
    path("mapa/punkty.json", map_views.points, name="map_points"),
    path("deklaracja-dostepnosci/", views_statement.accessibility, name="accessibility"),
    path("tekst-latwy-do-czytania/", views_statement.easy_read, name="easy_read"),
    path("tekst-latwy-do-czytania.txt", views_statement.easy_read_text, name="easy_read_text"),
    path("jezyk-migowy/", views_statement.sign_language, name="sign_language"),
    path("jezyk-migowy/nagranie/", views_statement.sign_language_video, name="sign_language_video"),
    path("biuro/deklaracja-dostepnosci/", views_statement.statement_edit, name="statement_edit"),
    path("zrodla-danych/", views.sources, name="sources"),
    path("zrodla-danych/<slug:key>/", views.source_detail, name="source"),
    path("bip/", views_bip.bip_page, name="bip"),
    path("bip/rejestr-wnioskow/", views_bip.information_register, name="bip_register"),
    path("bip/rejestr-wnioskow/<int:year>/", views_bip.information_register, name="bip_register_year"),
    path("bip/rejestr-wnioskow/<int:year>.csv", views_bip.information_register_csv, name="bip_register_csv"),
    path("postepy/", views_progress.index, name="progress"),
    path("postepy/pieniadze/", views_progress.money, name="progress_money"),
    path(
        "postepy/pieniadze/<slug:table>.<slug:fmt>", views_progress.money_export, name="progress_money_export"
    ),
    path("postepy/cele/<slug:key>/", views_progress.goal, name="progress_goal"),
    path("postepy/wskazniki/<slug:key>/", views_progress.indicator, name="progress_indicator"),
    path(
        "postepy/wskazniki/<slug:key>.csv", views_progress.indicator_export, name="progress_indicator_export"
    ),
    path("postepy/przedsiewziecia/<slug:key>/", views_progress.undertaking, name="progress_undertaking"),
    path("podzial-alokacji/", views_shares.member_shares, name="member_shares"),
    path("podzial-alokacji.<str:fmt>", views_shares.member_shares_export, name="member_shares_export"),
]
