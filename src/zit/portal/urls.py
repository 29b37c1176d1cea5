from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from zit.portal import (
    map_views,
    views,
    views_bip,
    views_catalogue,
    views_opinions,
    views_shares,
    views_statement,
)
from zit.portal.sitemaps import SITEMAPS

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
    path("kontakt/", views.contact, name="contact"),
    path("projekty/", views_catalogue.project_list, name="projects"),
    path("projekty/<slug:key>/", views_catalogue.project_detail, name="project"),
    path("opinie-o-zgodnosci/", views_opinions.opinions_register, name="opinions"),
    path("mapa/", map_views.map_page, name="map"),
    path("mapa/punkty.json", map_views.points, name="map_points"),
    path("bip/", views_bip.bip_page, name="bip"),
    path("bip/rejestr-wnioskow/", views_bip.information_register, name="bip_register"),
    path("bip/rejestr-wnioskow/<int:year>/", views_bip.information_register, name="bip_register_year"),
    path("bip/rejestr-wnioskow/<int:year>.csv", views_bip.information_register_csv, name="bip_register_csv"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("deklaracja-dostepnosci/", views_statement.accessibility, name="accessibility"),
    path("tekst-latwy-do-czytania/", views_statement.easy_read, name="easy_read"),
    path("tekst-latwy-do-czytania.txt", views_statement.easy_read_text, name="easy_read_text"),
    path("jezyk-migowy/", views_statement.sign_language, name="sign_language"),
    path("jezyk-migowy/nagranie/", views_statement.sign_language_video, name="sign_language_video"),
    path("biuro/deklaracja-dostepnosci/", views_statement.statement_edit, name="statement_edit"),
    path("zrodla-danych/", views.sources, name="sources"),
    path("zrodla-danych/<slug:key>/", views.source_detail, name="source"),
    path("podzial-alokacji/", views_shares.member_shares, name="member_shares"),
    path("podzial-alokacji.<str:fmt>", views_shares.member_shares_export, name="member_shares_export"),
]
