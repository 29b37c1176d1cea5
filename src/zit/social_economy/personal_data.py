"""What the PES directory keeps of people and for how long (zit.core.personal_data)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zit.core.personal_data import ErasureRule, register

# the information clause on the public form promises this: the requester's data go 2 years after the review
LISTING_REQUESTERS = register(
    ErasureRule(
        key="social_economy.listing_requesters",
        title=_("Osoby zgłaszające podmiot do katalogu PES"),
        model="social_economy.ListingRequest",
        fields=("contact_name", "contact_email", "contact_phone"),
        start="reviewed_at",
        start_label=_("rozpatrzenie zgłoszenia"),
        days=730,
        condition=Q(reviewed_at__isnull=False),
        kept=_("Zgłoszenie z danymi podmiotu (nazwa, NIP, adres) i rozstrzygnięciem."),
        source=_(
            "Klauzula informacyjna formularza zgłoszenia: „Usuwamy je 2 lata po rozpatrzeniu zgłoszenia” "
            "(art. 5 ust. 1 lit. e i art. 13 ust. 2 lit. a RODO)."
        ),
        verified=True,
    )
)
