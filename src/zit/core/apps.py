from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zit.core"
    label = "core"
    verbose_name = _("Rdzeń: audyt, decyzje, zadania")
