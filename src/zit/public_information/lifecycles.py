"""The lifecycle of a request for public information, declared through `zit.core.lifecycle`: from its
receipt to the answer, a decision (refusal, discontinuance) or a closing letter, with the extension and the
fee notice on the way. The deadlines themselves are counted by `public_information.deadlines`;
`public_information.services` fires these transitions with each step's own data."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date
from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.public_information.models import InactionComplaint, InformationRequest

S = InformationRequest.State
OPEN = (S.RECEIVED, S.EXTENDED, S.FEE_NOTIFIED)

# the office's staff with access to the requests
OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.INFORMATION_REQUESTS)

# the slug of each transition's page (`public_information:step`), kept from the pages' addresses
STEP_SLUGS = {
    "extend": "przedluzenie",
    "notify_fee": "oplata",
    "answer": "odpowiedz",
    "refuse": "odmowa",
    "discontinue": "umorzenie",
    "close_by_letter": "pismo",
    "request_reconsideration": "ponowne-rozpatrzenie",
    "uphold": "utrzymanie",
    "overturn": "uchylenie",
}


def extension_notified_in_time(request: InformationRequest, context: Context) -> str | None:
    """O przedłużeniu terminu trzeba zawiadomić w terminie 14 dni (art. 13 ust. 2)."""
    notified_on = context.data.get("done_on")
    if notified_on is None or notified_on <= request.deadline:
        return None
    return _(
        "Termin 14-dniowy minął %(d)s: o przedłużeniu trzeba było zawiadomić najpóźniej tego dnia. "
        "Spóźnione zawiadomienie nie przedłuża terminu – udostępnij informację jak najszybciej albo wydaj "
        "decyzję. Jeśli zawiadomienie wysłano w terminie, wpisz datę jego wysłania."
    ) % {"d": format_date(request.deadline)}


def _step_url(request: InformationRequest, name: str) -> str:
    return reverse("public_information:step", args=[request.pk, STEP_SLUGS[name]])


REQUEST = register(
    Lifecycle(
        key="public_information.request",
        label=_("Wniosek o informację publiczną"),
        model="public_information.InformationRequest",
        states=InformationRequest.State,
        initial=S.RECEIVED,
        # a refusal or a discontinuance may still be reconsidered at the requester's request (art. 17 ust. 2)
        final=frozenset({S.ANSWERED, S.LETTER, S.UPHELD}),
        url=_step_url,
        description=_(
            "Od wpływu wniosku przez ewentualne przedłużenie terminu lub powiadomienie o opłacie do "
            "udostępnienia informacji, decyzji o odmowie lub umorzeniu albo pisma zamykającego sprawę. Od decyzji "
            "wnioskodawca może w 14 dni od doręczenia złożyć wniosek o ponowne rozpatrzenie sprawy (art. 17 ust. 2, "
            "art. 127 § 3 i art. 129 § 2 KPA); Stowarzyszenie rozpatruje go w 14 dni (art. 16 ust. 2 pkt 1)."
        ),
        transitions=(
            Transition(
                "answer",
                OPEN,
                S.ANSWERED,
                _("Udostępnij informację"),
                (OFFICE,),
                form=True,
                audit_action="public_information.request_answered",
            ),
            Transition(
                "extend",
                (S.RECEIVED,),
                S.EXTENDED,
                _("Przedłuż termin"),
                (OFFICE,),
                guards=(extension_notified_in_time,),
                form=True,
                help=_("Zawiadomienie o przyczynie opóźnienia i nowym terminie (art. 13 ust. 2)."),
                audit_action="public_information.request_extended",
            ),
            Transition(
                "notify_fee",
                (S.RECEIVED, S.EXTENDED),
                S.FEE_NOTIFIED,
                _("Powiadom o opłacie"),
                (OFFICE,),
                form=True,
                help=_("Opłata za dodatkowe koszty sposobu lub formy udostępnienia (art. 15 ust. 2)."),
                audit_action="public_information.request_fee_notified",
            ),
            Transition(
                "refuse",
                OPEN,
                S.REFUSED,
                _("Odmów (decyzja)"),
                (OFFICE,),
                form=True,
                danger=True,
                help=_("Decyzja administracyjna z podstawą prawną i uzasadnieniem (art. 16)."),
                audit_action="public_information.request_refused",
            ),
            Transition(
                "discontinue",
                OPEN,
                S.DISCONTINUED,
                _("Umorz postępowanie (decyzja)"),
                (OFFICE,),
                form=True,
                danger=True,
                audit_action="public_information.request_discontinued",
            ),
            Transition(
                "close_by_letter",
                (S.RECEIVED, S.EXTENDED),
                S.LETTER,
                _("Zamknij pismem"),
                (OFFICE,),
                form=True,
                help=_("Gdy żądana informacja nie jest informacją publiczną albo Stowarzyszenie jej nie ma."),
                audit_action="public_information.request_letter",
            ),
            Transition(
                "request_reconsideration",
                (S.REFUSED, S.DISCONTINUED),
                S.RECONSIDERATION,
                _("Wniosek o ponowne rozpatrzenie"),
                (OFFICE,),
                form=True,
                help=_("Złożony w 14 dni od doręczenia decyzji (art. 129 § 2 KPA)."),
                audit_action="public_information.reconsideration_filed",
            ),
            Transition(
                "uphold",
                (S.RECONSIDERATION,),
                S.UPHELD,
                _("Utrzymaj decyzję w mocy"),
                (OFFICE,),
                form=True,
                danger=True,
                audit_action="public_information.reconsideration_upheld",
            ),
            Transition(
                "overturn",
                (S.RECONSIDERATION,),
                S.ANSWERED,
                _("Uchyl decyzję i udostępnij informację"),
                (OFFICE,),
                form=True,
                audit_action="public_information.reconsideration_overturned",
            ),
        ),
    )
)

CS = InactionComplaint.State


def _complaint_url(complaint: InactionComplaint, name: str) -> str:
    return reverse("public_information:complaint_forward", args=[complaint.request_id, complaint.pk])


COMPLAINT = register(
    Lifecycle(
        key="public_information.complaint",
        label=_("Skarga do sądu administracyjnego w sprawie wniosku"),
        model="public_information.InactionComplaint",
        states=InactionComplaint.State,
        initial=CS.RECEIVED,
        final=frozenset({CS.FORWARDED}),
        url=_complaint_url,
        description=_(
            "Skargę na bezczynność lub na decyzję wnosi się za pośrednictwem Stowarzyszenia (art. 54 § 1 PPSA); "
            "Stowarzyszenie przekazuje ją sądowi z aktami sprawy i odpowiedzią na skargę w 15 dni od jej "
            "otrzymania (art. 21 pkt 1 ustawy o dostępie do informacji publicznej)."
        ),
        transitions=(
            Transition(
                "forward",
                (CS.RECEIVED,),
                CS.FORWARDED,
                _("Przekaż skargę do sądu z odpowiedzią"),
                (OFFICE,),
                form=True,
                audit_action="public_information.complaint_forwarded",
            ),
        ),
    )
)
