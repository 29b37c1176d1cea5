"""What the strategy's consultations keep of people and for how long (zit.core.personal_data)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zit.core.personal_data import ErasureRule, register

COMMENTERS = register(
    ErasureRule(
        key="strategy.commenters",
        title=_("Autorzy uwag w konsultacjach strategii"),
        model="strategy.Comment",
        fields=("author_name", "email", "client_hash"),
        start="version__consultation_closes",
        start_label=_("koniec konsultacji"),
        years=5,
        from_next_year=True,
        condition=Q(version__consultation_closes__isnull=False),
        kept=_(
            "Uwaga, jej część strategii, instytucja (publikowana w raporcie) i rozstrzygnięcie z uzasadnieniem."
        ),
        source=_(
            "Klauzula przy formularzu: „przez okres wymagany dla dokumentacji strategii”; 5 lat od końca "
            "konsultacji – do weryfikacji z jednolitym rzeczowym wykazem akt Stowarzyszenia i z zasadami "
            "przechowywania dokumentacji programu (art. 6 ust. 3–6 ustawy o zasadach prowadzenia polityki "
            "rozwoju)."
        ),
    )
)
