"""What the register of requests for public information keeps of people and for how long
(zit.core.personal_data). The period is the archival period of the matter's file; the platform counts it from
1 January of the year after the matter was closed, as archival periods are counted."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zit.core.personal_data import ErasureRule, register
from zit.public_information.models import InactionComplaint, InformationRequest

# a matter is over when it is closed, no reconsideration is pending and no complaint waits to be forwarded
CLOSED = (
    Q(closed_on__isnull=False)
    & ~Q(state__in=InformationRequest.OPEN_STATES)
    & ~Q(complaints__state=InactionComplaint.State.RECEIVED)
)


REQUEST_CLOSED = (
    Q(request__closed_on__isnull=False)
    & ~Q(request__state__in=InformationRequest.OPEN_STATES)
    & ~Q(request__complaints__state=InactionComplaint.State.RECEIVED)
)

PERIOD_SOURCE = _(
    "Kategoria archiwalna B5 akt spraw udostępniania informacji publicznej – do weryfikacji z jednolitym "
    "rzeczowym wykazem akt Stowarzyszenia (instrukcja kancelaryjna); okres liczy się od 1 stycznia roku "
    "następnego po zakończeniu sprawy."
)

REQUESTERS = register(
    ErasureRule(
        key="public_information.requesters",
        title=_("Wnioskodawcy: wnioski o informację publiczną"),
        model="public_information.InformationRequest",
        fields=("requester_name", "reply_email", "reply_address", "attachment"),
        start="closed_on",
        start_label=_("zakończenie sprawy"),
        years=5,
        from_next_year=True,
        condition=CLOSED,
        kept=_("Znak sprawy, daty, przedmiot i treść żądania, czynności, terminy i rozstrzygnięcie."),
        source=PERIOD_SOURCE,
    )
)

RECONSIDERATIONS = register(
    ErasureRule(
        key="public_information.reconsiderations",
        title=_("Wnioskodawcy: wnioski o ponowne rozpatrzenie sprawy"),
        model="public_information.RequestAction",
        fields=("document",),
        start="request__closed_on",
        start_label=_("zakończenie sprawy"),
        years=5,
        from_next_year=True,
        condition=Q(kind="reconsider") & REQUEST_CLOSED,
        kept=_("Czynność z datą i opisem; usuwany jest skan wniosku podpisany przez wnioskodawcę."),
        source=PERIOD_SOURCE,
    )
)

COMPLAINTS = register(
    ErasureRule(
        key="public_information.complaints",
        title=_("Wnioskodawcy: skargi do sądu administracyjnego"),
        model="public_information.InactionComplaint",
        fields=("complaint_summary",),
        start="request__closed_on",
        start_label=_("zakończenie sprawy"),
        years=5,
        from_next_year=True,
        condition=Q(state=InactionComplaint.State.FORWARDED) & REQUEST_CLOSED,
        kept=_("Rodzaj skargi, daty, sąd, odpowiedź na skargę i data przekazania."),
        source=PERIOD_SOURCE,
    )
)
