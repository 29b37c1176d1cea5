from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialEconomyConfig(AppConfig):
    name = "zit.social_economy"
    label = "social_economy"
    verbose_name = _("Ekonomia społeczna")
