from django.contrib.auth import views as auth_views
from django.urls import path

from zit.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("logowanie/", views.LoginView.as_view(), name="login"),
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
