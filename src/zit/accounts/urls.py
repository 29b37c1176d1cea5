from django.contrib.auth import views as auth_views
from django.urls import path

from zit.accounts import views, views_deputies, views_second_factor

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("zastepstwo/", views_deputies.deputy, name="deputy"),
    path("zastepstwo/<int:pk>/koniec/", views_deputies.deputy_end, name="deputy_end"),
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("logowanie/kod/", views_second_factor.second_factor_verify, name="second_factor_verify"),
    path("dwuetapowe/", views_second_factor.second_factor, name="second_factor"),
    path("dwuetapowe/konfiguracja/", views_second_factor.second_factor_setup, name="second_factor_setup"),
    path("dwuetapowe/kody/", views_second_factor.recovery_codes, name="recovery_codes"),
    path(
        "dwuetapowe/kody/pobierz/",
        views_second_factor.recovery_codes_download,
        name="recovery_codes_download",
    ),
    path(
        "uzytkownicy/<int:pk>/reset-dwuetapowego/",
        views_second_factor.second_factor_reset_view,
        name="second_factor_reset",
    ),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("haslo/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("haslo/reset/wyslano/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "haslo/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "haslo/reset/gotowe/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]
