"""The lifecycles of the social economy directory: an entry (draft, published, withdrawn) and a request sent
through the public form (new or parked, then accepted or rejected). Services fire them; the entry's and the
request's pages show their buttons from them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.social_economy.models import Entity, ListingRequest

E = Entity.State
R = ListingRequest.Status

# the association's office and the support centre's (WOES) contact person
MODERATOR = Role("moderator", _("biuro Stowarzyszenia lub osoba kontaktowa OWES"), Perm.SOCIAL_ECONOMY_EDIT)


def ready_to_publish(entity: Entity, context: Context) -> str | None:
    """Wpis musi mieć rodzaj PES, gminę siedziby oraz ofertę albo opis."""
    from zit.social_economy.services import publish_problems

    problems = publish_problems(entity)
    if problems:
        return _("Wpisu nie można jeszcze opublikować. %(p)s") % {"p": " ".join(str(p) for p in problems)}
    return None


def _entity_url(entity: Entity, name: str) -> str:
    if name == "withdraw":
        return reverse("social_economy:entity_withdraw", args=[entity.pk])
    return reverse("social_economy:entity_publish", args=[entity.pk])


ENTITY = register(
    Lifecycle(
        key="social_economy.entity",
        label=_("Wpis w katalogu PES"),
        model="social_economy.Entity",
        states=Entity.State,
        initial=E.DRAFT,
        url=_entity_url,
        description=_(
            "Wpis roboczy (dodany w biurze, z importu albo z przyjętego zgłoszenia) staje się widoczny w "
            "publicznym katalogu, na mapie i w API po publikacji; wycofany znika z nich, ale można go przywrócić."
        ),
        transitions=(
            Transition(
                "publish",
                (E.DRAFT,),
                E.PUBLISHED,
                _("Opublikuj w katalogu"),
                (MODERATOR,),
                guards=(ready_to_publish,),
                audit_action="social_economy.entity_publish",
            ),
            Transition(
                "withdraw",
                (E.PUBLISHED,),
                E.WITHDRAWN,
                _("Wycofaj z katalogu"),
                (MODERATOR,),
                reason_required=True,
                reason_prompt=_("Podaj powód wycofania wpisu z katalogu."),
                danger=True,
                form=True,  # the page says what withdrawing does and asks for the reason
                audit_action="social_economy.entity_withdraw",
            ),
            Transition(
                "republish",
                (E.WITHDRAWN,),
                E.PUBLISHED,
                _("Opublikuj ponownie"),
                (MODERATOR,),
                guards=(ready_to_publish,),
                audit_action="social_economy.entity_republish",
            ),
        ),
    )
)


def _request_url(item: ListingRequest, name: str) -> str:
    return reverse("social_economy:request", args=[item.pk]) + "?" + urlencode({"czynnosc": name})


LISTING_REQUEST = register(
    Lifecycle(
        key="social_economy.listing_request",
        label=_("Zgłoszenie do katalogu PES"),
        model="social_economy.ListingRequest",
        states=ListingRequest.Status,
        initial=R.NEW,
        field="status",
        final=frozenset({R.ACCEPTED, R.REJECTED}),
        url=_request_url,
        description=_(
            "Zgłoszenie z formularza publicznego niczego nie publikuje: biuro albo OWES je przyjmuje (powstaje "
            "lub uzupełnia się wpis roboczy) albo odrzuca z powodem. Zgłoszenie ponad limit wysyłek czeka "
            "wstrzymane; nierozpatrzone usuwa się po okresie moderacji."
        ),
        transitions=(
            Transition(
                "accept",
                (R.NEW, R.PARKED),
                R.ACCEPTED,
                _("Przyjmij (utwórz wpis roboczy)"),
                (MODERATOR,),
                audit_action="social_economy.request_accept",
            ),
            Transition(
                "reject",
                (R.NEW, R.PARKED),
                R.REJECTED,
                _("Odrzuć zgłoszenie"),
                (MODERATOR,),
                reason_required=True,
                reason_prompt=_("Podaj powód odrzucenia: zgłaszający dostanie go w odpowiedzi."),
                danger=True,
                audit_action="social_economy.request_reject",
            ),
        ),
    )
)
