"""The lifecycle of a yearly disposal list: the office drafts it, sends it to the state archive, records the
archive's consent, and destroys the records with a protocol (art. 5 ust. 1 pkt 2 ustawy z dnia 14 lipca 1983 r.
o narodowym zasobie archiwalnym i archiwach: non-archival records are destroyed with the consent of the director
of the competent state archive)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.records.models import DisposalList

S = DisposalList.State
OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.RECORDS_MANAGE)

SLUGS = {"send": "wyslij", "return_to_draft": "popraw", "record_consent": "zgoda", "destroy": "zniszcz"}


def has_items(disposal: DisposalList, context: Context) -> str | None:
    """Do archiwum wysyła się spis, który ma co najmniej jedną pozycję."""
    if disposal.items.exists():
        return None
    return _("Spis jest pusty: nie ma dokumentacji, której okres przechowywania upłynął.")


def consent_recorded(disposal: DisposalList, context: Context) -> str | None:
    """Niszczy się po zgodzie archiwum: data, znak i skan pisma (art. 5 ust. 1 pkt 2 ustawy archiwalnej)."""
    if disposal.consent_on and disposal.consent_reference and disposal.consent_letter:
        return None
    return _("Zapisz najpierw zgodę archiwum: datę, znak pisma i skan pisma.")


def _url(disposal: DisposalList, name: str) -> str:
    if name == "record_consent":
        return reverse("records:consent", args=[disposal.pk])
    return reverse("records:action", args=[disposal.pk, SLUGS[name]])


DISPOSAL = register(
    Lifecycle(
        key="records.disposal_list",
        label=_("Spis dokumentacji niearchiwalnej do brakowania"),
        model="records.DisposalList",
        states=DisposalList.State,
        initial=S.DRAFT,
        final=frozenset({S.DESTROYED}),
        url=_url,
        description=_(
            "Biuro przygotowuje spis dokumentacji, której okres przechowywania upłynął, wysyła go do archiwum "
            "państwowego, zapisuje jego zgodę i niszczy dokumentację, sporządzając protokół brakowania "
            "(art. 5 ust. 1 pkt 2 ustawy o narodowym zasobie archiwalnym i archiwach)."
        ),
        transitions=(
            Transition(
                "send",
                (S.DRAFT,),
                S.SENT,
                _("Oznacz jako wysłany do archiwum"),
                (OFFICE,),
                guards=(has_items,),
                help=_("Wyślij archiwum spis w DOCX, podpisany; potem oznacz go tutaj."),
            ),
            Transition(
                "return_to_draft",
                (S.SENT,),
                S.DRAFT,
                _("Przywróć do poprawy"),
                (OFFICE,),
                reason_required=True,
                reason_label=_("Co archiwum każe poprawić"),
            ),
            Transition(
                "record_consent",
                (S.SENT,),
                S.CONSENT,
                _("Zapisz zgodę archiwum"),
                (OFFICE,),
                form=True,
            ),
            Transition(
                "destroy",
                (S.CONSENT,),
                S.DESTROYED,
                _("Zniszcz dokumentację i sporządź protokół"),
                (OFFICE,),
                guards=(consent_recorded,),
                danger=True,
                confirm=_("Pliki zostaną trwale usunięte. Tego nie da się cofnąć. Kontynuować?"),
            ),
        ),
    )
)
