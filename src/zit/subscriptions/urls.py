from django.urls import path

from zit.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("subskrypcje/", views.subscribe, name="subscribe"),
    path("subskrypcje/wyslano/", views.sent, name="sent"),
    path("subskrypcje/potwierdz/<str:token>/", views.confirm, name="confirm"),
    path("subskrypcje/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
