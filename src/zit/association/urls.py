from django.urls import path
app_name = "association"
urlpatterns = []
