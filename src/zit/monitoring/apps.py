from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "zit.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"
