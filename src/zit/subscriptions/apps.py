from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "zit.subscriptions"
    label = "subscriptions"
    verbose_name = _("Subskrypcje e-mail")
