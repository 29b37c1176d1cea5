from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "zit.contracts"
    label = "contracts"
    verbose_name = _("Umowy o dofinansowanie")

    def ready(self) -> None:
        # the card's page and the projects' demo reach this app through hooks, never by importing it
        from zit.contracts import hooks

        hooks.register()
