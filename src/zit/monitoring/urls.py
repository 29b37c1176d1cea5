from django.urls import path

from zit.monitoring import views, views_agreement, views_sources, views_zit

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
    path("monitoring/kamienie-milowe/", views_agreement.milestones_page, name="milestones"),
    path(
        "monitoring/kamienie-milowe/sprawozdanie.<slug:fmt>",
        views_agreement.agreement_report_file,
        name="agreement_report",
    ),
    path("monitoring/ewaluacja/", views_agreement.midterm_page, name="midterm"),
    path("monitoring/ewaluacja/dane.docx", views_agreement.midterm_file, name="midterm_file"),
    path("monitoring/zrodla-finansowania/", views_sources.sources_page, name="sources"),
    path("monitoring/<slug:table>.<slug:fmt>", views.dashboard_download, name="download"),
    path("monitoring/wskazniki/wartosci-iz/", views_zit.iz_figures, name="iz_figures"),
]
