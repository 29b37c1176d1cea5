from django.urls import path

from zit.contracts import views_published

app_name = "published"
urlpatterns = [
    path("wykaz-projektow/", views_published.public_list, name="list"),
    path("wykaz-projektow/wykaz.csv", views_published.public_list_csv, name="csv"),
    path("wykaz-projektow/wykaz.xlsx", views_published.public_list_xlsx, name="xlsx"),
]
