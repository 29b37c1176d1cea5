from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "zit.opendata"
    label = "opendata"
    verbose_name = "Otwarte dane"
