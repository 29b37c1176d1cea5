from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    name = "zit.fees"
    label = "fees"
    verbose_name = _("Składki członkowskie")

    def ready(self) -> None:
        # governance sits below fees and never imports it: the fees register the resolution that adopts their
        # rule and their part of the demo meeting of the Rada
        from zit.fees.effects import register

        register()
