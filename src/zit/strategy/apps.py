from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "zit.strategy"
    label = "strategy"
    verbose_name = _("Strategia ZIT")

    def ready(self) -> None:
        from zit.core.public_forms import ParkedKind, register_parked

        register_parked(
            ParkedKind(form="strategy.comment", model="strategy.Comment", date_field="submitted_at")
        )
