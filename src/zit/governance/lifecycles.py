"""The lifecycles of the association's governance, declared through `zit.core.lifecycle`. Services fire them;
the tests walk these tables; `manage.py lifecycles` prints them."""

from __future__ import annotations

# --- meetings, resolutions, votes
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.governance.models import Meeting, Resolution, Vote

M = Meeting.Status
R = Resolution.Status
V = Vote.State

# the association's office and the bodies' secretaries: they run meetings, record votes, prepare resolutions
SECRETARIAT = Role("secretariat", _("biuro lub sekretarz organu"), Perm.GOVERNANCE_MANAGE)


# meetings


def invitations_changed(meeting: Meeting, context: Context) -> str | None:
    """Od ostatniej wysyłki zaproszeń musi się coś zmienić (termin, miejsce)."""
    if meeting.invited_sequence is not None and meeting.invited_sequence == meeting.sequence:
        return _("Zaproszenia już wysłano, a od tego czasu nic się nie zmieniło.")
    return None


def meeting_not_started(meeting: Meeting, context: Context) -> str | None:
    """Zaproszenia wysyła się przed początkiem posiedzenia."""
    if meeting.starts_at <= timezone.now():
        return _("Posiedzenie już się zaczęło: zaproszenia są spóźnione.")
    return None


def no_vote_open(meeting: Meeting, context: Context) -> str | None:
    """Żadne głosowanie na posiedzeniu nie może być otwarte."""
    open_votes = [
        r.subject for r in meeting.resolutions.filter(vote__isnull=False, vote__closed_at__isnull=True)
    ]
    if open_votes:
        return _("Najpierw zamknij głosowanie: %(v)s.") % {"v": "; ".join(open_votes)}
    return None


def nothing_voted(meeting: Meeting, context: Context) -> str | None:
    """Na posiedzeniu nie głosowano jeszcze żadnej uchwały."""
    if meeting.resolutions.exclude(status=R.DRAFT).exists():
        return _("Na tym posiedzeniu głosowano już uchwały: nie można go odwołać.")
    return None


_MEETING_SLUGS = {"open": "otworz", "close": "zamknij", "cancel": "odwolaj"}


def _meeting_url(meeting: Meeting, name: str) -> str:
    if name == "invite":
        return reverse("governance:meeting_invitations", args=[meeting.pk])
    return reverse("governance:meeting_action", args=[meeting.pk, _MEETING_SLUGS[name]])


MEETING = register(
    Lifecycle(
        key="governance.meeting",
        label=_("Posiedzenie organu"),
        model="governance.Meeting",
        states=Meeting.Status,
        initial=M.PLANNED,
        final=frozenset({M.CLOSED, M.CANCELLED}),
        field="status",
        url=_meeting_url,
        description=_(
            "Od zaplanowania przez zaproszenia i otwarcie (obecność, głosowania na bieżąco) do zamknięcia "
            "i protokołu; albo odwołanie, zanim się zacznie."
        ),
        transitions=(
            Transition(
                "invite",
                (M.PLANNED, M.INVITED),
                M.INVITED,
                _("Zaproszenia: podgląd i wysyłka"),
                (SECRETARIAT,),
                guards=(invitations_changed, meeting_not_started),
                form=True,  # the preview of the invitations, then the sending
                audit_action="governance.invitations_send",
            ),
            Transition(
                "open",
                (M.PLANNED, M.INVITED),
                M.OPEN,
                _("Otwórz posiedzenie"),
                (SECRETARIAT,),
                confirm=_("Otworzyć posiedzenie? Od teraz można zapisywać głosowania na bieżąco."),
                audit_action="governance.meeting_open",
            ),
            Transition(
                "close",
                (M.OPEN,),
                M.CLOSED,
                _("Zamknij posiedzenie"),
                (SECRETARIAT,),
                guards=(no_vote_open,),
                confirm=_("Zamknąć posiedzenie? Potem nie zmienisz już listy obecności ani porządku obrad."),
                audit_action="governance.meeting_close",
            ),
            Transition(
                "cancel",
                (M.PLANNED, M.INVITED),
                M.CANCELLED,
                _("Odwołaj posiedzenie"),
                (SECRETARIAT,),
                guards=(nothing_voted,),
                reason_required=True,
                reason_prompt=_("Podaj powód odwołania: trafi do zawiadomienia."),
                danger=True,
                audit_action="governance.meeting_cancel",
            ),
        ),
    )
)


# resolutions


def on_an_agenda(resolution: Resolution, context: Context) -> str | None:
    """Projekt musi być w porządku obrad posiedzenia."""
    if resolution.meeting_id is None:
        return _("Uchwała nie jest w porządku obrad żadnego posiedzenia.")
    return None


def no_vote_yet(resolution: Resolution, context: Context) -> str | None:
    """Głosowanie nad projektem nie mogło się jeszcze zacząć."""
    if resolution.has_vote:
        return _("Głosowanie nad tą uchwałą już trwa.")
    return None


def meeting_allows_the_vote(resolution: Resolution, context: Context) -> str | None:
    """Na bieżąco głosuje się na otwartym posiedzeniu, z protokołu po posiedzeniu, które się odbyło."""
    meeting = resolution.meeting
    if meeting is None:
        return None  # on_an_agenda says so
    mode = context.data.get("mode")
    held = meeting.starts_at <= timezone.now()
    if meeting.is_cancelled:
        return _("Posiedzenie odwołano: nie było głosowania.")
    live = mode == Vote.Mode.LIVE or (mode is None and not held)
    if live and not meeting.is_open:
        return _("Głosowanie na bieżąco prowadzi się na otwartym posiedzeniu. Otwórz posiedzenie.")
    if mode == Vote.Mode.MINUTES and not held:
        return _("Głosowanie z protokołu wpisuje się po posiedzeniu.")
    return None


def not_voted_on(resolution: Resolution, context: Context) -> str | None:
    """Nad projektem jeszcze nie głosowano."""
    if resolution.has_vote:
        return _("Wycofać można projekt, nad którym jeszcze nie głosowano.")
    return None


def vote_adopts(resolution: Resolution, context: Context) -> str | None:
    """Zamknięte głosowanie musi dać wynik „podjęta”."""
    if not context.data.get("adopted"):
        return _("Głosowanie nie dało większości: uchwała nie została podjęta.")
    return None


def vote_does_not_adopt(resolution: Resolution, context: Context) -> str | None:
    """Zamknięte głosowanie musi dać wynik „niepodjęta”."""
    if context.data.get("adopted"):
        return _("Głosowanie dało większość: uchwała została podjęta.")
    return None


_RESOLUTION_SLUGS = {"withdraw": "wycofaj"}


def _resolution_url(resolution: Resolution, name: str) -> str:
    if name == "start_vote":
        return reverse("governance:resolution_vote", args=[resolution.pk])
    return reverse("governance:resolution_action", args=[resolution.pk, _RESOLUTION_SLUGS[name]])


RESOLUTION = register(
    Lifecycle(
        key="governance.resolution",
        label=_("Uchwała"),
        model="governance.Resolution",
        states=Resolution.Status,
        initial=R.DRAFT,
        final=frozenset({R.ADOPTED, R.REJECTED, R.WITHDRAWN}),
        field="status",
        url=_resolution_url,
        description=_(
            "Projekt, który trafia do porządku obrad i pod głosowanie imienne; zamknięcie głosowania "
            "czyni go uchwałą podjętą (z numerem) albo niepodjętą. Projekt, nad którym nie głosowano, "
            "można wycofać."
        ),
        transitions=(
            Transition(
                "start_vote",
                (R.DRAFT,),
                R.DRAFT,  # the draft stays a draft while the roll call runs (`Vote`)
                _("Głosowanie"),
                (SECRETARIAT,),
                guards=(on_an_agenda, no_vote_yet, meeting_allows_the_vote),
                form=True,  # the vote page: live or from the minutes
                audit_action="governance.vote_start",
            ),
            Transition(
                "adopt",
                (R.DRAFT,),
                R.ADOPTED,
                _("Podjęta"),
                (SECRETARIAT,),
                guards=(vote_adopts,),
                automatic=True,  # fired by closing the vote, with its result
                audit_action="governance.vote_close",
            ),
            Transition(
                "reject",
                (R.DRAFT,),
                R.REJECTED,
                _("Niepodjęta"),
                (SECRETARIAT,),
                guards=(vote_does_not_adopt,),
                automatic=True,  # fired by closing the vote, with its result
                audit_action="governance.vote_close",
            ),
            Transition(
                "withdraw",
                (R.DRAFT,),
                R.WITHDRAWN,
                _("Wycofaj projekt"),
                (SECRETARIAT,),
                guards=(not_voted_on,),
                reason_required=True,
                reason_prompt=_("Podaj powód wycofania projektu."),
                danger=True,
                audit_action="governance.resolution_withdraw",
            ),
        ),
    )
)


# votes


def seats_without_vote(vote: Vote) -> list[str]:
    """The names of the body's seats whose vote (or absence) is not recorded yet, in the ballots' order."""
    missing = [b for b in vote.ballots.all() if not b.choice]
    if not missing:
        return []
    from zit.governance.meetings import meeting_seats

    meeting = vote.resolution.meeting
    labels = {s.key: s.label for s in meeting_seats(meeting)} if meeting else {}
    return [labels.get(b.seat, b.seat) for b in missing]


def every_seat_recorded(vote: Vote, context: Context) -> str | None:
    """Każde miejsce w organie musi mieć zapisany głos (albo nieobecność)."""
    missing = seats_without_vote(vote)
    if not missing:
        return None
    return _("Nie zapisano głosu: %(who)s.") % {"who": ", ".join(missing)}


def _vote_url(vote: Vote, name: str) -> str:
    return reverse("governance:resolution_vote", args=[vote.resolution_id])


VOTE = register(
    Lifecycle(
        key="governance.vote",
        label=_("Głosowanie imienne"),
        model="governance.Vote",
        states=Vote.State,
        initial=V.OPEN,
        final=frozenset({V.CLOSED}),
        derive=lambda vote: vote.state,  # open until `closed_at`
        url=_vote_url,
        description=_(
            "Zaczyna się z listy obecności (na bieżąco albo z protokołu); zamknięcie liczy wynik według "
            "zasady organu i zamraża go."
        ),
        transitions=(
            Transition(
                "close",
                (V.OPEN,),
                V.CLOSED,
                _("Zamknij głosowanie i ogłoś wynik"),
                (SECRETARIAT,),
                guards=(every_seat_recorded,),
                form=True,  # the vote page: from the minutes, the resolution's number
                confirm=_("Zamknąć głosowanie? Wyniku nie będzie można zmienić."),
                audit_action="governance.vote_tally",
            ),
        ),
    )
)
