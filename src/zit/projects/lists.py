"""The list of strategic projects: writes and reads.

A draft version collects main and reserve projects per measure and fund. The EU amounts of main projects,
converted to euro at the version's rate date, may never exceed the agreement's envelope for that measure and
fund: every addition locks the version's row first, so parallel additions are checked one after another and
cannot together overshoot. Approval (the association's resolution) moves the cards along their lifecycle;
the managing authority's acceptance is recorded after it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_amount
from zit.core.lifecycle import Context
from zit.core.models import DecisionReference
from zit.core.money import Money
from zit.core.roles import Perm, require_unless_system
from zit.funding.models import Agreement, AllocationLine, RateRule
from zit.funding.rates import NoRate, convert
from zit.projects import list_shares
from zit.projects.lifecycles import LIST, consultation_too_short, decision_not_in_future
from zit.projects.models import ListEntry, ListVersion, ProjectCard
from zit.projects.services import card_transition
from zit.strategy.models import StrategyVersion

# cards that may be put on a list: accepted formally (scored, where the round scores) or listed before
LISTABLE = (
    ProjectCard.State.ACCEPTED,
    ProjectCard.State.SCORED,
    ProjectCard.State.LISTED_MAIN,
    ProjectCard.State.LISTED_RESERVE,
    ProjectCard.State.NOT_SELECTED,
)
# cards past the list that still take their place in the envelope; a new version keeps them as they were
PAST_THE_LIST = (
    ProjectCard.State.APPLICATION_FILED,
    ProjectCard.State.OPINION_ISSUED,
    ProjectCard.State.OPINION_NEGATIVE,  # the IZ decides after a negative opinion
    ProjectCard.State.SELECTED,
    ProjectCard.State.CONTRACTED,
    ProjectCard.State.TERMINATED,
)


def committed_pln(card: ProjectCard) -> Decimal:
    """What a card takes from the envelope: its contract's current EU amount once signed (after amendments,
    or only what was kept after termination), before that the card's own."""
    contract = getattr(card, "contract", None)
    return contract.committed_eu_pln if contract is not None else card.eu_pln


def _refresh(version: ListVersion) -> None:
    """A draft follows the contracts: savings after tenders free money, terminations free what was not paid."""
    for entry in version.entries.select_related("card__contract"):
        amount = committed_pln(entry.card)
        if amount != entry.eu_pln:
            entry.eu_pln = amount
            entry.eu_eur, _record = _to_eur(amount, version.rate_date)
            entry.save(update_fields=["eu_pln", "eu_eur"])


def _listable_problem(card: ProjectCard) -> str | None:
    if card.state not in LISTABLE:
        return _("Na listę trafiają fiszki przyjęte formalnie; ta jest w stanie „%(s)s”.") % {
            "s": card.get_state_display()
        }
    if card.round.scoring and card.state == ProjectCard.State.ACCEPTED:
        return _(
            "Nabór %(r)s ma ocenę punktową: fiszka trafia na listę po zakończeniu oceny, jeśli ją przeszła."
        ) % {"r": card.round.number}
    return None


def _past_the_list(entry: ListEntry) -> None:
    if entry.card.state in PAST_THE_LIST:
        raise ValidationError(
            _(
                "Projekt %(n)s ma już wniosek w IZ (%(s)s): z listy schodzi tylko przez wycofanie albo odrzucenie."
            )
            % {"n": entry.card.number, "s": entry.card.get_state_display()}
        )


def _draft_locked(version: ListVersion) -> ListVersion:
    version = ListVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(
            _("Wersja %(n)d jest %(s)s: zmiany wprowadza się w nowej wersji listy.")
            % {"n": version.number, "s": version.get_status_display()}
        )
    return version


def _to_eur(amount_pln: Decimal, on: dt.date) -> tuple[Decimal, dict]:
    try:
        conversion = convert(Money(amount_pln, "PLN"), to="EUR", on=on, purpose=RateRule.Purpose.ENVELOPE)
    except NoRate as exc:
        raise ValidationError({"rate_date": str(exc)}) from exc
    record = conversion.as_record()
    for key in ("original", "result"):
        record.pop(key)
    record["stale"] = conversion.stale
    return conversion.result.amount, record


def strategy_version_for_list(agreement: Agreement | None = None) -> StrategyVersion | None:
    """The strategy version a new list version is attached to: the one in force (adopted), else the latest."""
    versions = StrategyVersion.objects.order_by("strategy_id", "-number")
    return versions.filter(status=StrategyVersion.Status.ADOPTED).first() or versions.first()


def open_annex_update(strategy_version: StrategyVersion, *, agreement: Agreement | None = None):
    """The list version still being prepared for this strategy (or this agreement): at most one at a time."""
    drafts = ListVersion.objects.filter(status=ListVersion.Status.DRAFT)
    open_for_strategy = drafts.filter(strategy_version__strategy_id=strategy_version.strategy_id)
    if agreement is not None:
        open_for_strategy = open_for_strategy | drafts.filter(agreement=agreement)
    return open_for_strategy.order_by("number").first()


@transaction.atomic
def list_version_create(
    *,
    actor: Any,
    agreement: Agreement,
    rate_date: dt.date | None = None,
    strategy_version: StrategyVersion | None = None,
    is_demo: bool = False,
) -> ListVersion:
    """A new draft of the strategy's annex, starting as a copy of the newest version: after the first one, an
    update of the annex (aktualizacja załącznika) with its own procedure. One open update per strategy."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    Agreement.objects.select_for_update().get(pk=agreement.pk)
    strategy_version = strategy_version or strategy_version_for_list(agreement)
    if strategy_version is None:
        raise ValidationError(
            _("Lista projektów strategicznych jest załącznikiem strategii: najpierw wpisz strategię ZIT.")
        )
    versions = ListVersion.objects.filter(agreement=agreement)
    other = open_annex_update(strategy_version, agreement=agreement)
    if other is not None:
        raise ValidationError(
            _(
                "Aktualizacja załącznika jest już w toku (wersja %(n)d listy). Naraz prowadzi się jedną: "
                "doprowadź ją do uchwały Rady, zanim zaczniesz następną."
            )
            % {"n": other.number}
        )
    previous = versions.order_by("-number").first()
    version = ListVersion.objects.create(
        agreement=agreement,
        strategy_version=strategy_version,
        number=(versions.aggregate(m=Max("number"))["m"] or 0) + 1,
        based_on=previous,
        rate_date=rate_date or timezone.localdate(),
        is_demo=is_demo,
    )
    _eur, version.conversion = _to_eur(Decimal(1), version.rate_date)
    version.save(update_fields=["conversion"])
    if previous:
        for entry in previous.entries.select_related("card"):
            if entry.card.state in LISTABLE + PAST_THE_LIST:
                amount = committed_pln(entry.card)
                eur, _record = _to_eur(amount, version.rate_date)
                ListEntry.objects.create(
                    version=version,
                    card=entry.card,
                    position=entry.position,
                    order=entry.order,
                    eu_pln=amount,
                    eu_eur=eur,
                )
    audit.record(
        actor=actor,
        action="projects.list_create",
        obj=version,
        after={"number": version.number, "strategy_version": strategy_version.pk},
    )
    return version


@transaction.atomic
def list_annex_update_set(
    *,
    actor: Any,
    version: ListVersion,
    significant: bool,
    notice_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> ListVersion:
    """The office marks whether the annex update's change is significant; a significant one records its
    consultation (art. 6 ust. 3 u.z.p.p.r.: at least 35 days from the day of the notice)."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    version = _draft_locked(version)
    if not version.is_annex_update:
        raise ValidationError(
            _("To pierwsza wersja listy: przyjmuje się ją razem ze strategią, a nie jako aktualizację.")
        )
    errors: dict[str, str] = {}
    if significant:
        if notice_on is None:
            errors["notice_on"] = _("Podaj dzień ogłoszenia konsultacji.")
        if ends_on is None:
            errors["ends_on"] = _("Podaj ostatni dzień zgłaszania uwag.")
        if notice_on and ends_on:
            problem = consultation_too_short(notice_on, ends_on)
            if problem:
                errors["ends_on"] = problem
        if notice_on and notice_on > timezone.localdate():
            errors["notice_on"] = _("Konsultacje wpisuje się po ich ogłoszeniu: ta data jest z przyszłości.")
    else:
        notice_on = ends_on = None  # an insignificant change has no consultation
    if errors:
        raise ValidationError(errors)
    before = {
        "change_significant": version.change_significant,
        "consultation_notice_on": str(version.consultation_notice_on or ""),
        "consultation_ends_on": str(version.consultation_ends_on or ""),
    }
    version.change_significant = significant
    version.consultation_notice_on, version.consultation_ends_on = notice_on, ends_on
    version.save(update_fields=["change_significant", "consultation_notice_on", "consultation_ends_on"])
    audit.record(
        actor=actor,
        action="projects.list_annex_update",
        obj=version,
        before=before,
        after={
            "change_significant": significant,
            "consultation_notice_on": str(notice_on or ""),
            "consultation_ends_on": str(ends_on or ""),
        },
    )
    return version


@dataclass
class Envelope:
    """One measure and fund: the allocation and what the main list takes of it, in euro."""

    measure: Any
    fund: Any
    allocation_eur: Decimal
    main_eur: Decimal = Decimal(0)
    reserve_eur: Decimal = Decimal(0)
    main: list[ListEntry] = field(default_factory=list)
    reserve: list[ListEntry] = field(default_factory=list)

    @property
    def headroom_eur(self) -> Decimal:
        return self.allocation_eur - self.main_eur

    @property
    def share_used(self) -> Decimal:
        return self.main_eur / self.allocation_eur if self.allocation_eur else Decimal(0)


def envelopes(version: ListVersion) -> list[Envelope]:
    """Every measure and fund of the agreement's split, plus any the list uses without an allocation."""
    result: dict[tuple[int, int], Envelope] = {}
    for line in AllocationLine.objects.filter(agreement=version.agreement).select_related("measure", "fund"):
        result[(line.measure_id, line.fund_id)] = Envelope(line.measure, line.fund, line.amount_eur)
    entries = version.entries.select_related("card", "card__measure", "card__fund", "card__beneficiary")
    for entry in entries:
        key = (entry.card.measure_id, entry.card.fund_id)
        envelope = result.setdefault(key, Envelope(entry.card.measure, entry.card.fund, Decimal(0)))
        if entry.position == ListEntry.Position.MAIN:
            envelope.main_eur += entry.eu_eur
            envelope.main.append(entry)
        else:
            envelope.reserve_eur += entry.eu_eur
            envelope.reserve.append(entry)
    return sorted(result.values(), key=lambda e: (e.measure.sort_key, e.fund.order))


def _check_envelope(
    version: ListVersion, card: ProjectCard, eur: Decimal, *, ignoring: ListEntry | None = None
) -> None:
    allocation = (
        AllocationLine.objects.filter(agreement=version.agreement, measure=card.measure, fund=card.fund)
        .values_list("amount_eur", flat=True)
        .first()
    ) or Decimal(0)
    taken = sum(
        (
            e.eu_eur
            for e in version.entries.filter(
                position=ListEntry.Position.MAIN, card__measure=card.measure, card__fund=card.fund
            ).exclude(pk=getattr(ignoring, "pk", None))
        ),
        Decimal(0),
    )
    if taken + eur > allocation:
        raise ValidationError(
            {
                "position": _(
                    "Na liście podstawowej działania %(m)s (%(f)s) zostało %(left)s z koperty %(env)s, a projekt "
                    "potrzebuje %(need)s. Dodaj go na listę rezerwową albo zwolnij miejsce."
                )
                % {
                    "m": card.measure.number,
                    "f": card.fund.code,
                    "left": format_amount(max(allocation - taken, Decimal(0)), "EUR"),
                    "env": format_amount(allocation, "EUR"),
                    "need": format_amount(eur, "EUR"),
                }
            }
        )


@transaction.atomic
def list_entry_add(
    *, actor: Any, version: ListVersion, card: ProjectCard, position: str, share_reason: str = ""
) -> ListEntry:
    """`share_reason`: why the card may take a member past its share of the envelope (`list_shares`)."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    version = _draft_locked(version)  # serialises every change of this version's envelope
    card = ProjectCard.objects.select_related("measure", "fund", "round").get(pk=card.pk)
    problem = _listable_problem(card)
    if problem:
        raise ValidationError({"card": problem})
    if card.measure_id is None:
        raise ValidationError(
            {
                "card": _(
                    "Fiszka nie ma działania FEW 2021+ w ramach ZIT: jej źródła finansowania są poza kopertami ZIT, "
                    "więc nie trafia na listę projektów strategicznych."
                )
            }
        )
    if version.entries.filter(card=card).exists():
        raise ValidationError({"card": _("Ta fiszka już jest na liście.")})
    if card.eu_pln is None:
        raise ValidationError({"card": _("Fiszka nie ma kwoty dofinansowania.")})
    eur, _record = _to_eur(card.eu_pln, version.rate_date)
    excesses = []
    if position == ListEntry.Position.MAIN:
        _check_envelope(version, card, eur)
        excesses = list_shares.check(version, card, eur, share_reason)
    order = (version.entries.filter(position=position).aggregate(m=Max("order"))["m"] or 0) + 1
    entry = ListEntry.objects.create(
        version=version, card=card, position=position, order=order, eu_pln=card.eu_pln, eu_eur=eur
    )
    list_shares.record(actor, entry, excesses, share_reason)
    audit.record(
        actor=actor,
        action="projects.list_entry_add",
        obj=version,
        after={"card": card.number, "position": position, "eu_eur": str(eur)},
    )
    return entry


@transaction.atomic
def list_entry_move(*, actor: Any, entry: ListEntry, position: str, share_reason: str = "") -> ListEntry:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    version = _draft_locked(entry.version)
    entry = ListEntry.objects.select_related("card__measure", "card__fund").get(pk=entry.pk, version=version)
    if position == entry.position:
        return entry
    _past_the_list(entry)
    if position == ListEntry.Position.MAIN:
        _check_envelope(version, entry.card, entry.eu_eur, ignoring=entry)
        excesses = list_shares.check(version, entry.card, entry.eu_eur, share_reason, ignoring=entry)
    else:
        excesses = []
    before = {"position": entry.position}
    entry.position = position
    entry.order = (version.entries.filter(position=position).aggregate(m=Max("order"))["m"] or 0) + 1
    entry.save(update_fields=["position", "order"])
    if excesses:
        list_shares.record(actor, entry, excesses, share_reason)
    audit.record(
        actor=actor,
        action="projects.list_entry_move",
        obj=version,
        before=before | {"card": entry.card.number},
        after={"position": position, "card": entry.card.number},
    )
    return entry


@transaction.atomic
def list_entry_remove(*, actor: Any, entry: ListEntry) -> None:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    version = _draft_locked(entry.version)
    entry = ListEntry.objects.select_related("card").get(pk=entry.pk, version=version)
    _past_the_list(entry)
    audit.record(
        actor=actor,
        action="projects.list_entry_remove",
        obj=version,
        before={"card": entry.card.number, "position": entry.position},
    )
    entry.delete()


@transaction.atomic
def list_version_approve(
    *, actor: Any, version: ListVersion, decision: DecisionReference | None
) -> ListVersion:
    """An adopted resolution of the register that carries this version approves the list (the governance
    effect calls this), or another body's act with its document (`list_version_approve_by_act`), never a typed
    number (`lifecycles.LIST`): cards move to the main or reserve list, cards that dropped off an earlier list
    become "not selected", and the earlier approved version is superseded."""
    version = _draft_locked(version)
    _refresh(version)  # contracts may have changed since the entries were added
    data = {"decision": decision, "decision_date": decision.date if decision else None}
    context = Context(actor=actor, today=timezone.localdate(), data=data)
    if LIST.may(actor, version, "approve"):  # the resolution's date goes next to its field
        problem = decision_not_in_future(version, context)
        if problem:
            raise ValidationError({"decision_date": problem})
    LIST.check(actor, version, "approve", context)
    listed = set()
    for entry in version.entries.select_related("card"):
        target = "list_main" if entry.position == ListEntry.Position.MAIN else "list_reserve"
        wanted = ProjectCard.State.LISTED_MAIN if target == "list_main" else ProjectCard.State.LISTED_RESERVE
        if entry.card.state in LISTABLE and entry.card.state != wanted:
            card_transition(actor=actor, card=entry.card, name=target)
        listed.add(entry.card_id)
    earlier = ListVersion.objects.select_for_update().filter(
        agreement=version.agreement, status=ListVersion.Status.APPROVED
    )
    for card in (
        ProjectCard.objects.filter(list_entries__version__in=earlier).exclude(pk__in=listed).distinct()
    ):
        if card.state in (ProjectCard.State.LISTED_MAIN, ProjectCard.State.LISTED_RESERVE):
            card_transition(actor=actor, card=card, name="not_select")
    for old in list(earlier):
        LIST.fire(actor=actor, obj=old, name="supersede", after={"by": version.number})

    def apply(obj: ListVersion) -> None:
        obj.decision = decision

    LIST.fire(
        actor=actor,
        obj=version,
        name="approve",
        data=data,
        apply=apply,
        after={"decision": str(decision), "entries": len(listed)},
    )
    return version


ACT_DOCUMENT_TYPES = (".pdf", ".docx", ".doc", ".odt", ".xml", ".xades")


@transaction.atomic
def list_version_approve_by_act(
    *,
    actor: Any,
    version: ListVersion,
    issuer_kind: str,
    issuer_name: str,
    number: str,
    date: dt.date | None,
    document: Any,
    kind: str = "uchwała",
) -> ListVersion:
    """Approval by an act of another body (e.g. the Voivodeship Board's resolution): its reference and its
    document, both required. The association's own bodies approve through the register of resolutions."""
    from zit.core.services import decision_reference_create

    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    errors: dict[str, str] = {}
    if issuer_kind == DecisionReference.IssuerKind.ASSOCIATION_BODY or issuer_kind not in (
        DecisionReference.IssuerKind.values
    ):
        errors["issuer_kind"] = _(
            "Uchwały organów Stowarzyszenia zatwierdzają listę tylko z rejestru uchwał: przygotuj tam projekt "
            "uchwały w sprawie listy."
        )
    if not issuer_name.strip():
        errors["issuer_name"] = _("Podaj organ, który wydał akt.")
    if not number.strip():
        errors["number"] = _("Podaj numer aktu.")
    if date is None:
        errors["date"] = _("Podaj datę aktu.")
    if not document:
        errors["document"] = _("Dołącz dokument aktu: sam numer nie wystarczy.")
    elif not (getattr(document, "name", "") or "").lower().endswith(ACT_DOCUMENT_TYPES):
        errors["document"] = _("Dołącz dokument PDF, DOCX, ODT albo plik podpisu (XML, XAdES).")
    if errors:
        raise ValidationError(errors)
    decision = decision_reference_create(
        actor=actor,
        issuer_kind=issuer_kind,
        issuer_name=issuer_name.strip(),
        kind=kind.strip() or "uchwała",
        number=number.strip(),
        date=date,
        document=document,
    )
    return list_version_approve(actor=actor, version=version, decision=decision)


def list_actions(*, user: Any, version: ListVersion):
    """The version's buttons (the approval opens its form on the page), with the reason a guard refuses."""
    return LIST.actions(user, version)


@transaction.atomic
def list_version_iz_accept(
    *, actor: Any, version: ListVersion, accepted_on: dt.date, reference: str
) -> ListVersion:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    version = ListVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_approved:
        raise ValidationError(_("IZ przyjmuje listę zatwierdzoną uchwałą Stowarzyszenia."))
    if version.decision and version.decision.date and accepted_on < version.decision.date:
        raise ValidationError({"accepted_on": _("IZ nie mogła przyjąć listy przed jej zatwierdzeniem.")})
    if accepted_on > timezone.localdate():
        raise ValidationError({"accepted_on": _("Data przyjęcia nie może być z przyszłości.")})
    if not reference.strip():
        raise ValidationError({"reference": _("Podaj pismo albo uchwałę IZ.")})
    before = {"iz_accepted_on": str(version.iz_accepted_on or ""), "iz_reference": version.iz_reference}
    version.iz_accepted_on, version.iz_reference = accepted_on, reference.strip()
    version.save(update_fields=["iz_accepted_on", "iz_reference"])
    audit.record(
        actor=actor,
        action="projects.list_iz_accept",
        obj=version,
        before=before,
        after={"iz_accepted_on": str(accepted_on), "iz_reference": version.iz_reference},
    )
    return version


# --- reads


def list_in_force(agreement: Agreement | None) -> ListVersion | None:
    if agreement is None:
        return None
    return ListVersion.objects.filter(agreement=agreement, status=ListVersion.Status.APPROVED).first()


def annex_versions(strategy_id: int | None, *, public: bool = False):
    """Every version of the list attached to a strategy's versions, newest first: the annex's history. The
    public sees only what was approved."""
    versions = ListVersion.objects.filter(strategy_version__strategy_id=strategy_id).select_related(
        "decision", "strategy_version"
    )
    if public:
        versions = versions.exclude(status=ListVersion.Status.DRAFT)
    return versions.order_by("-number")


def strategy_version_panel(user: Any, strategy_version: StrategyVersion) -> dict[str, Any]:
    """The list versions attached to a strategy version, for the office's page of that version."""
    from zit.core.roles import has_perm

    if not has_perm(user, Perm.PROJECTS_VIEW):
        return {"annex_lists": None}
    versions = ListVersion.objects.filter(strategy_version=strategy_version).select_related("decision")
    return {"annex_lists": list(versions.order_by("-number"))}


def list_approvals(version: ListVersion) -> list[dict[str, Any]]:
    """The register's resolutions that carry this version, for its page: title, state, link."""
    from zit.projects.hooks import list_register

    register = list_register()
    return register.approvals(version) if register else []


def cards_to_add(version: ListVersion):
    """Cards that may go onto the draft: only the columns the choice shows, as the list can be long."""
    return (
        ProjectCard.objects.filter(state__in=LISTABLE)
        .exclude(pk__in=version.entries.values("card_id"))
        .exclude(round__scoring=True, state=ProjectCard.State.ACCEPTED)
        .select_related("beneficiary", "measure")
        .only("pk", "number", "title", "beneficiary__name", "measure__number", "measure__sort_key")
        .order_by("measure__sort_key", "number")
    )


def totals(version: ListVersion) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for entry in version.entries.all():
        sums[f"{entry.position}_eur"] += entry.eu_eur
        sums[f"{entry.position}_pln"] += entry.eu_pln
    return dict(sums)
