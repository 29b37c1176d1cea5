from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialEconomyConfig(AppConfig):
    name = "zit.social_economy"
    label = "social_economy"
    verbose_name = _("Ekonomia społeczna")

    def ready(self) -> None:
        from zit.core.public_forms import ParkedKind, register_parked

        register_parked(
            ParkedKind(
                form="social_economy.listing_request",
                model="social_economy.ListingRequest",
                date_field="received_at",
            )
        )
