from django.urls import path

from zit.monitoring import views, views_sources

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.dashboard, name="dashboard"),
    path("monitoring/projekty/", views.projects, name="projects"),
    path("monitoring/ostrzezenia/", views.warnings_page, name="warnings"),
    path("monitoring/wskazniki/", views.indicators_page, name="indicators"),
    path("monitoring/gminy/", views.gminas_page, name="gminas"),
    path("monitoring/ekonomia-spoleczna/", views.social_page, name="social"),
    path("monitoring/sprawozdania/", views.reports, name="reports"),
    path("monitoring/sprawozdania/<int:pk>.<slug:fmt>", views.report_file, name="report_file"),
    path("monitoring/gminy.<slug:fmt>", views.gminas_download, name="gminas_download"),
    path("monitoring/zrodla-finansowania/", views_sources.sources_page, name="sources"),
    path("monitoring/<slug:table>.<slug:fmt>", views.dashboard_download, name="download"),
]
