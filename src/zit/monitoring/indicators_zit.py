"""The four ZIT output indicators of the ERDF/CF common list (Annex I to Regulation (EU) 2021/1058) as the
association counts them from its own data: RCO74, RCO75, RCO76 and RCO112. Each is the association's own count,
shown beside the value the managing authority (IZ) reported (`IzIndicatorFigure`), with its method in words and
the date of the data it comes from. The IZ's value is the official one; this count is the association's check.

Names and units are those of the EU common indicator list in the platform's catalogue (source: the indicator
list of the adopted regulation, see data/indicators/SOURCE.md). The Commission's detailed fiches (SWD(2021) 198)
were not read: where a method goes beyond the name and unit, the page says "do weryfikacji".

Rules (the page shows them in the same words):
- "Projects" are ZIT projects with a grant contract signed on or before the day and not terminated.
- RCO74: the population of the area's gminas in which at least one project is located (the gminas on the card),
  each gmina counted once however many projects it has, from its latest population figure up to the day's
  year (else the earliest after it), with that figure's date.
- RCO75: strategies with a version in force on the day (adopted, in force from that day or earlier), each strategy
  counted once however many versions or updates it has had.
- RCO76: projects that are integrated by at least one rule: (a) the card is marked "projekt zintegrowany";
  (b) the applicant and the partners on the card are two or more members of the association; (c) the card's
  gminas are the territories of two or more members. A project counts once, whichever rules it meets; every
  rule it meets is shown.
- RCO112: distinct stakeholders involved per strategy: authors of published consultation comments on any version
  of the strategy, and people sitting in the association's advisory body (the working group) up to the day. An
  organisation counts once (its name compared without case and extra spaces), a private person once (by name,
  else e-mail); a comment with neither cannot be told apart and is left out and counted separately.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zit.association.models import Body, Mandate, Member
from zit.contracts.models import Contract
from zit.core.formatting import format_date, polish_data
from zit.funding.models import Indicator
from zit.monitoring.models_zit import ZIT_CODES, IzIndicatorFigure
from zit.projects.models import ProjectCard
from zit.strategy.models import Comment, Strategy, StrategyVersion
from zit.strategy.selectors import strategy_current
from zit.territory.diagnosis import area_gminas
from zit.territory.models import Observation

SOURCE = _(
    "Nazwa i jednostka: wspólny wskaźnik produktu EFRR/FS z załącznika I do rozporządzenia (UE) 2021/1058 "
    "(katalog wskaźników platformy). Szczegółowa definicja Komisji (dokument SWD(2021) 198) – do weryfikacji."
)


@dataclass(frozen=True)
class Definition:
    code: str
    name_en: str  # the regulation's wording, quoted
    unit_en: str
    name_pl: str  # a working translation until the Polish text of the regulation is checked
    unit_pl: str
    method: str


DEFINITIONS = {
    d.code: d
    for d in (
        Definition(
            "RCO74",
            "Population covered by projects in the framework of strategies for integrated territorial development",
            "persons",
            _("Ludność objęta projektami w ramach strategii zintegrowanego rozwoju terytorialnego"),
            _("osoby"),
            _(
                "Suma ludności gmin obszaru ZIT, w których leży co najmniej jeden projekt z podpisaną i "
                "nierozwiązaną umową (gminy wskazane na fiszce). Każdą gminę liczymy raz, bez względu na liczbę "
                "projektów. Ludność: najnowsza wartość ze statystyk gminy do roku obliczenia, z jej datą."
            ),
        ),
        Definition(
            "RCO75",
            "Strategies for integrated territorial development supported",
            "contributions to strategies",
            _("Wsparte strategie zintegrowanego rozwoju terytorialnego"),
            _("wkłady w strategie"),
            _(
                "Liczba strategii, których wersja obowiązuje w dniu obliczenia (przyjęta uchwałą, obowiązuje od "
                "tego dnia lub wcześniej). Strategię liczymy raz, niezależnie od liczby jej wersji i aktualizacji. "
                "Do weryfikacji: czy IZ liczy strategię dopiero wtedy, gdy ma projekty z umową."
            ),
        ),
        Definition(
            "RCO76",
            "Integrated projects for territorial development",
            "projects",
            _("Zintegrowane projekty rozwoju terytorialnego"),
            _("projekty"),
            _(
                "Liczba projektów z podpisaną i nierozwiązaną umową, które są zintegrowane według co najmniej "
                "jednej zasady: a) fiszka ma zaznaczone pole „projekt zintegrowany”; b) wnioskodawca i partnerzy "
                "z fiszki to co najmniej dwóch członków Stowarzyszenia; c) gminy z fiszki to terytoria co najmniej "
                "dwóch członków. Projekt liczymy raz, nawet gdy spełnia kilka zasad; przy projekcie podajemy "
                "wszystkie spełnione zasady. Zasady b) i c) – do weryfikacji z definicją IZ."
            ),
        ),
        Definition(
            "RCO112",
            "Stakeholders involved in the preparation and implementation of strategies for integrated "
            "territorial development",
            "participations of stakeholders",
            _(
                "Interesariusze zaangażowani w przygotowanie i realizację strategii zintegrowanego rozwoju terytorialnego"
            ),
            _("udziały interesariuszy"),
            _(
                "Liczba różnych interesariuszy każdej strategii: autorzy opublikowanych uwag z konsultacji "
                "wszystkich wersji strategii oraz osoby w organie doradczym Stowarzyszenia (grupie roboczej) do "
                "dnia obliczenia. Organizację liczymy raz (nazwy porównujemy bez wielkości liter i zbędnych "
                "odstępów), osobę prywatną raz (po imieniu i nazwisku, a bez nich po adresie e-mail). Uwag bez "
                "nazwy i e-maila nie da się rozróżnić: nie liczymy ich, podajemy ich liczbę. Opinie organów z "
                "procedury strategii nie są liczone – do weryfikacji."
            ),
        ),
    )
}


class Rule:
    FLAG = "flag"
    MEMBERS = "members"
    GMINAS = "gminas"


RULE_LABELS = {
    Rule.FLAG: _("zaznaczony na fiszce jako projekt zintegrowany"),
    Rule.MEMBERS: _("wnioskodawca i partnerzy to co najmniej dwóch członków"),
    Rule.GMINAS: _("gminy projektu to terytoria co najmniej dwóch członków"),
}


@dataclass
class Detail:
    """One line of what makes up a count: a gmina, a strategy, a project or a stakeholder."""

    label: str
    value: Decimal | None = None
    date: dt.date | None = None
    note: str = ""
    card_id: int | None = None
    counted: bool = True


@dataclass
class ZitIndicator:
    definition: Definition
    value: Decimal
    on: dt.date  # the day of the count
    data_date: dt.date | None  # the date of the newest source record the count uses
    data_note: str = ""
    details: list[Detail] = field(default_factory=list)
    iz: IzIndicatorFigure | None = None
    catalogue: Indicator | None = None

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def difference(self) -> Decimal | None:
        """The association's count minus the IZ's value (None without the IZ's value)."""
        return None if self.iz is None else self.value - self.iz.value


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def supported_cards(*, on: dt.date) -> list[ProjectCard]:
    """ZIT projects with a grant contract signed on or before `on` and not terminated."""
    contracts = Contract.objects.filter(signed_on__lte=on).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gt=on)
    )
    return list(
        ProjectCard.objects.filter(contract__in=contracts)
        .select_related("beneficiary")
        .prefetch_related("gminas", "partners__organisation")
        .order_by("number")
    )


def _population(unit_ids: list[int], year: int) -> dict[int, Observation]:
    """Each unit's population figure of `year` or the latest before it, else the earliest after it."""
    by_unit: dict[int, list[Observation]] = defaultdict(list)
    observations = (
        Observation.objects.filter(variable__code="population", unit_id__in=unit_ids)
        .exclude(value=None)
        .exclude(reference_date=None)
        .order_by("reference_date")
    )
    for obs in observations:
        by_unit[obs.unit_id].append(obs)
    chosen: dict[int, Observation] = {}
    for unit_id, values in by_unit.items():
        before = [o for o in values if o.reference_date.year <= year]
        chosen[unit_id] = before[-1] if before else values[0]
    return chosen


def rco74(*, on: dt.date, cards: list[ProjectCard]) -> ZitIndicator:
    area = {u.pk: u for u in area_gminas()}
    projects: dict[int, int] = defaultdict(int)
    outside: set[str] = set()
    for card in cards:
        for unit in card.gminas.all():
            if unit.pk in area:
                projects[unit.pk] += 1
            else:
                outside.add(unit.name)
    population = _population(list(projects), on.year)
    details, total = [], Decimal(0)
    for pk, unit in area.items():
        if pk not in projects:
            continue
        obs = population.get(pk)
        if obs is not None:
            total += obs.value
        details.append(
            Detail(
                unit.name,
                obs.value if obs else None,
                obs.reference_date if obs else None,
                note=str(_("projektów: %(n)d") % {"n": projects[pk]})
                + ("" if obs else "; " + str(_("brak danych o ludności – nie wliczono"))),
                counted=obs is not None,
            )
        )
    years = sorted({d.date.year for d in details if d.date})
    notes = []
    if len(years) > 1:
        notes.append(str(_("Dane o ludności z różnych lat: %(y)s.") % {"y": ", ".join(map(str, years))}))
    if outside:
        notes.append(
            str(_("Gminy spoza obszaru ZIT nie są liczone: %(g)s.") % {"g": ", ".join(sorted(outside))})
        )
    return ZitIndicator(
        DEFINITIONS["RCO74"],
        total,
        on,
        max((d.date for d in details if d.date), default=None),
        " ".join(notes),
        details,
    )


def _in_force_note(version: StrategyVersion) -> str:
    """ "wersja 2 obowiązuje od …; <the adopting resolution>", the resolution's title marked as Polish data."""
    note = _("wersja %(n)d obowiązuje od %(d)s") % {
        "n": version.number,
        "d": format_date(version.in_force_from),
    }
    if not version.adopted_by_id:
        return str(note)
    return format_html("{}; {}", note, polish_data(str(version.adopted_by)))


def rco75(*, on: dt.date) -> ZitIndicator:
    in_force = (
        StrategyVersion.objects.filter(
            status__in=(StrategyVersion.Status.ADOPTED, StrategyVersion.Status.SUPERSEDED),
            in_force_from__lte=on,
        )
        .select_related("strategy", "adopted_by")
        .order_by("strategy_id", "-in_force_from", "-number")
    )
    newest: dict[int, StrategyVersion] = {}
    for version in in_force:
        newest.setdefault(version.strategy_id, version)  # the version in force: the latest to come into force
    details = [
        Detail(
            v.strategy.short_title or v.strategy.title,
            Decimal(1),
            v.in_force_from,
            note=_in_force_note(v),
        )
        for v in newest.values()
    ]
    undated = StrategyVersion.objects.filter(
        status=StrategyVersion.Status.ADOPTED, in_force_from__isnull=True
    ).exclude(strategy_id__in=list(newest))
    note = ""
    if undated.exists():
        note = str(_("Przyjęte wersje bez daty wejścia w życie nie są liczone: uzupełnij datę w strategii."))
    return ZitIndicator(
        DEFINITIONS["RCO75"],
        Decimal(len(details)),
        on,
        max((d.date for d in details), default=None),
        note,
        details,
    )


def _members_on(on: dt.date) -> list[Member]:
    """Members on the day; a member with no recorded membership periods counts as a member (nothing says not)."""
    members = Member.objects.select_related("organisation", "territory").prefetch_related("periods")
    return [m for m in members if not m.periods.all() or m.is_member_on(on)]


def integration_rules(card: ProjectCard, members: list[Member]) -> list[str]:
    by_organisation = {m.organisation_id: m.pk for m in members}
    by_territory = {m.territory_id: m.pk for m in members}
    rules = []
    if card.integrated:
        rules.append(Rule.FLAG)
    organisations = {card.beneficiary_id} | {p.organisation_id for p in card.partners.all()}
    if len({by_organisation[o] for o in organisations if o in by_organisation}) >= 2:
        rules.append(Rule.MEMBERS)
    if len({by_territory[u.pk] for u in card.gminas.all() if u.pk in by_territory}) >= 2:
        rules.append(Rule.GMINAS)
    return rules


def rco76(*, on: dt.date, cards: list[ProjectCard]) -> ZitIndicator:
    members = _members_on(on)
    details = []
    for card in cards:
        rules = integration_rules(card, members)
        if rules:
            details.append(
                Detail(
                    f"{card.number} {card.title}",
                    Decimal(1),
                    note="; ".join(str(RULE_LABELS[r]) for r in rules),
                    card_id=card.pk,
                )
            )
    signed = (
        Contract.objects.filter(card_id__in=[d.card_id for d in details])
        .order_by("-signed_on")
        .values_list("signed_on", flat=True)
        .first()
    )
    return ZitIndicator(DEFINITIONS["RCO76"], Decimal(len(details)), on, signed, "", details)


def _comment_stakeholder(comment: Comment) -> tuple[str, str] | None:
    """The key that tells one stakeholder from another, and what the page may show of it (never a private
    person's name: the consultation form promises only the institution is published)."""
    if comment.organisation.strip():
        return f"org:{_key(comment.organisation)}", comment.organisation.strip()
    if comment.author_name.strip():
        return f"person:{_key(comment.author_name)}", str(_("osoba prywatna"))
    if comment.email.strip():
        return f"email:{_key(comment.email)}", str(_("osoba prywatna"))
    return None


def _mandate_stakeholder(mandate: Mandate) -> tuple[str, str]:
    if mandate.member_id:
        name = mandate.member.organisation.name
        return f"org:{_key(name)}", name
    person = mandate.person
    if person.organisation_id:
        return f"org:{_key(person.organisation.name)}", person.organisation.name
    if person.erased_at:
        return f"person-id:{person.pk}", str(_("osoba (dane usunięte na wniosek)"))
    name = f"{person.first_name} {person.last_name}"
    return f"person:{_key(name)}", name


@dataclass
class _Stakeholder:
    label: str
    sources: set[str] = field(default_factory=set)
    first: dt.date | None = None


def _note(sources: set[str]) -> str:
    return ", ".join(sorted(sources))


def rco112(*, on: dt.date) -> ZitIndicator:
    found: dict[int, dict[str, _Stakeholder]] = defaultdict(dict)
    skipped = 0
    newest: dt.date | None = None

    def add(strategy_id: int, key: str, label: str, source: str, day: dt.date) -> None:
        nonlocal newest
        entry = found[strategy_id].setdefault(key, _Stakeholder(label))
        entry.sources.add(source)
        entry.first = min(entry.first or day, day)
        newest = max(newest or day, day)

    comments = Comment.objects.filter(
        status=Comment.Status.PUBLISHED, submitted_at__date__lte=on
    ).select_related("version")
    for comment in comments:
        stakeholder = _comment_stakeholder(comment)
        if stakeholder is None:
            skipped += 1
            continue
        day = timezone.localtime(comment.submitted_at).date()
        source = str(_("konsultacje wersji %(n)d") % {"n": comment.version.number})
        add(comment.version.strategy_id, *stakeholder, source, day)
    strategy = strategy_current()
    if strategy is not None:
        mandates = Mandate.objects.filter(body__kind=Body.Kind.ADVISORY, start__lte=on).select_related(
            "body", "member__organisation", "person__organisation"
        )
        for mandate in mandates:
            add(strategy.pk, *_mandate_stakeholder(mandate), mandate.body.name, mandate.start)
    titles = {s.pk: s.short_title or s.title for s in Strategy.objects.filter(pk__in=list(found))}
    details = [
        Detail(
            entry.label,
            Decimal(1),
            entry.first,
            note=f"{titles[strategy_id]}: {_note(entry.sources)}"
            if len(titles) > 1
            else _note(entry.sources),
        )
        for strategy_id, entries in sorted(found.items())
        for key, entry in sorted(entries.items(), key=lambda kv: (kv[1].first, kv[1].label))
    ]
    note = ""
    if skipped:
        note = str(_("Uwag bez nazwy autora i e-maila, nie liczonych: %(n)d.") % {"n": skipped})
    return ZitIndicator(DEFINITIONS["RCO112"], Decimal(len(details)), on, newest, note, details)


def iz_latest() -> dict[str, IzIndicatorFigure]:
    result: dict[str, IzIndicatorFigure] = {}
    for figure in IzIndicatorFigure.objects.order_by("code", "-as_of", "-pk"):
        result.setdefault(figure.code, figure)
    return result


def zit_indicators(*, on: dt.date | None = None) -> list[ZitIndicator]:
    """The four counts on `on` (today by default), each with the IZ's newest value and the catalogue entry."""
    on = on or timezone.localdate()
    cards = supported_cards(on=on)
    result = [rco74(on=on, cards=cards), rco75(on=on), rco76(on=on, cards=cards), rco112(on=on)]
    iz = iz_latest()
    catalogue = {i.code: i for i in Indicator.objects.filter(code__in=ZIT_CODES)}
    for item in result:
        item.iz = iz.get(item.code)
        item.catalogue = catalogue.get(item.code)
    return result
