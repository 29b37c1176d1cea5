from django.urls import path

from zit.portal import views

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
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
    path("zrodla-danych/", views.sources, name="sources"),
    path("zrodla-danych/<slug:key>/", views.source_detail, name="source"),
]
