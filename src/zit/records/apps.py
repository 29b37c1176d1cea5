from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "zit.records"
    label = "records"
    verbose_name = _("Dokumentacja: retencja i brakowanie")

    def ready(self) -> None:
        from zit.records import guard

        guard.connect()
