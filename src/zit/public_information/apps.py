from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicInformationConfig(AppConfig):
    name = "zit.public_information"
    label = "public_information"
    verbose_name = _("Dostęp do informacji publicznej")
