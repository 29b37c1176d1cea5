"""Reads of the strategy: the tree of a version, the coherence check, the traceability matrix, the financial
frame, the item-by-item comparison of two versions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from zit.core.formatting import format_amount, format_number, with_data
from zit.core.lifecycle import Actions
from zit.core.roles import Perm, has_perm
from zit.strategy.models import (
    Chapter,
    Direction,
    FundingSource,
    Goal,
    InterventionArea,
    Issue,
    OperationalGoal,
    Strategy,
    StrategyVersion,
    TargetIndicator,
    Undertaking,
    VersionItem,
)

PUBLIC_STATUSES = (
    StrategyVersion.Status.CONSULTATION,
    StrategyVersion.Status.ADOPTED,
    StrategyVersion.Status.SUPERSEDED,
    StrategyVersion.Status.WITHDRAWN,  # its consultation was public; the record of its withdrawal stays
)


def strategy_current() -> Strategy | None:
    return Strategy.objects.order_by("pk").first()


def versions_visible(*, user: Any, strategy: Strategy) -> QuerySet[StrategyVersion]:
    """Staff see drafts too; everyone else sees only what was published."""
    versions = StrategyVersion.objects.filter(strategy=strategy).select_related("adopted_by", "based_on")
    if not has_perm(user, Perm.STRATEGY_VIEW):
        versions = versions.filter(status__in=PUBLIC_STATUSES)
    return versions.order_by("-number")


def version_published(strategy: Strategy) -> StrategyVersion | None:
    """What the public reads by default: the adopted version, else the one in consultation."""
    versions = StrategyVersion.objects.filter(strategy=strategy)
    return (
        versions.filter(status=StrategyVersion.Status.ADOPTED).order_by("-number").first()
        or versions.filter(status=StrategyVersion.Status.CONSULTATION).order_by("-number").first()
    )


def version_actions(*, user: Any, version: StrategyVersion) -> Actions:
    """The buttons of the version's page: the version's acts and, while it is in consultation, the
    consultation's (closing it early), each with the guard's reason where one refuses it."""
    from zit.strategy.lifecycles import CONSULTATION, VERSION

    actions = Actions(VERSION.actions(user, version))
    if version.status == StrategyVersion.Status.CONSULTATION:
        actions.extend(CONSULTATION.actions(user, version))
    return actions


def comments_with_actions(*, user: Any, comments) -> list:
    """The comments of the moderation page, each with what this user may do with it now."""
    from zit.strategy.lifecycles import COMMENT

    found = list(comments)
    for comment in found:
        actions = COMMENT.actions(user, comment)
        comment.can_publish = actions.can("publish")
        comment.can_reject = actions.can("reject")
        comment.can_respond = comment.status == comment.Status.PUBLISHED and has_perm(
            user, Perm.STRATEGY_EDIT
        )
    return found


def version_tree(version: StrategyVersion) -> list[Goal]:
    """Goals → operational goals → directions → undertakings, with indicators, in one handful of queries."""
    indicators = TargetIndicator.objects.select_related("indicator")
    undertakings = Undertaking.objects.select_related("lead").prefetch_related(
        "gminas",
        Prefetch("indicators", queryset=indicators),
        "funding_sources__measure",
        "funding_sources__fund",
    )
    return list(
        Goal.objects.filter(version=version)
        .prefetch_related(
            Prefetch("indicators", queryset=indicators),
            "issues",
            Prefetch(
                "operational_goals",
                queryset=OperationalGoal.objects.prefetch_related(
                    Prefetch("indicators", queryset=indicators),
                    Prefetch(
                        "directions",
                        queryset=Direction.objects.prefetch_related(
                            Prefetch("undertakings", queryset=undertakings)
                        ),
                    ),
                ),
            ),
        )
        .order_by("order", "code")
    )


@dataclass
class Gap:
    kind: str
    message: str
    item: Any = None


def coherence_gaps(version: StrategyVersion) -> list[Gap]:
    """What is missing for the strategy to hang together, in the order a reader of the strategy meets it."""
    gaps: list[Gap] = []
    issues = list(Issue.objects.filter(version=version).prefetch_related("goals", "undertakings"))
    goals = list(
        Goal.objects.filter(version=version).prefetch_related(
            "indicators", "operational_goals__directions__undertakings", "operational_goals__indicators"
        )
    )
    undertakings = list(
        Undertaking.objects.filter(version=version).prefetch_related(
            "directions", "indicators", "gminas", "issues"
        )
    )
    indicators = list(TargetIndicator.objects.filter(version=version).select_related("indicator"))
    if not issues:
        gaps.append(Gap("no_issues", _("Nie wpisano barier ani potencjałów z diagnozy.")))
    for issue in issues:
        if not issue.goals.all() and not issue.undertakings.all():
            gaps.append(
                Gap(
                    "issue_unanswered",
                    _("%(kind)s „%(t)s”: żaden cel ani przedsięwzięcie na to nie odpowiada.")
                    % {"kind": issue.get_kind_display().capitalize(), "t": issue.title},
                    issue,
                )
            )
    if not goals:
        gaps.append(Gap("no_goals", _("Nie wpisano celów strategicznych.")))
    for goal in goals:
        has_indicator = bool(goal.indicators.all()) or any(
            o.indicators.all() for o in goal.operational_goals.all()
        )
        if not has_indicator:
            gaps.append(
                Gap(
                    "goal_no_indicator",
                    _("Cel %(c)s nie ma wskaźnika (ani on, ani jego cele operacyjne).") % {"c": goal.code},
                    goal,
                )
            )
        undertaking_count = sum(
            len(d.undertakings.all()) for o in goal.operational_goals.all() for d in o.directions.all()
        )
        if not undertaking_count:
            gaps.append(
                Gap(
                    "goal_no_undertaking",
                    _("Cel %(c)s nie ma żadnego przedsięwzięcia.") % {"c": goal.code},
                    goal,
                )
            )
    for undertaking in undertakings:
        if not undertaking.directions.all():
            gaps.append(
                Gap(
                    "undertaking_no_goal",
                    _("Przedsięwzięcie %(c)s nie jest przypisane do żadnego kierunku działań (celu).")
                    % {"c": undertaking.code},
                    undertaking,
                )
            )
        if not undertaking.gminas.all():
            gaps.append(
                Gap(
                    "undertaking_no_area",
                    _("Przedsięwzięcie %(c)s nie ma zasięgu terytorialnego.") % {"c": undertaking.code},
                    undertaking,
                )
            )
    for indicator in indicators:
        missing = []
        if indicator.baseline_value is None:
            missing.append(_("wartości bazowej"))
        if indicator.target_value is None:
            missing.append(_("wartości docelowej"))
        if not indicator.source:
            missing.append(_("źródła danych"))
        if missing:
            gaps.append(
                Gap(
                    "indicator_incomplete",
                    _("Wskaźnik %(i)s (%(o)s) nie ma: %(m)s.")
                    % {
                        "i": indicator.indicator.code or indicator.indicator.display_name,
                        "o": indicator.owner.code,
                        "m": ", ".join(missing),
                    },
                    indicator,
                )
            )
    touched = {g.pk for u in undertakings for g in u.gminas.all()}
    for gmina in _area_gminas():
        if gmina.pk not in touched:
            gaps.append(
                Gap(
                    "gmina_untouched",
                    with_data(_("Żadne przedsięwzięcie nie obejmuje gminy %(g)s."), g=gmina.name),
                    gmina,
                )
            )
    return gaps


def _area_gminas() -> list:
    from zit.territory.selectors import area_current_version

    area = area_current_version()
    return list(area.gminas.order_by("name")) if area else []


@dataclass
class MatrixRow:
    issue: Issue
    goals: list[Goal]
    undertakings: list[Undertaking]
    indicators: list[TargetIndicator] = field(default_factory=list)


def traceability(version: StrategyVersion) -> list[MatrixRow]:
    """Barrier/potential → the goals and undertakings that answer it → their indicators."""
    rows = []
    for issue in (
        Issue.objects.filter(version=version)
        .prefetch_related("goals__indicators__indicator", "undertakings__indicators__indicator")
        .order_by("kind", "order")
    ):
        goals = list(issue.goals.all())
        undertakings = list(issue.undertakings.all())
        indicators = [i for g in goals for i in g.indicators.all()] + [
            i for u in undertakings for i in u.indicators.all()
        ]
        rows.append(MatrixRow(issue, goals, undertakings, indicators))
    return rows


@dataclass
class FinancialFrame:
    total: Decimal
    by_goal: list[tuple[Goal, Decimal]]
    by_source: list[tuple[str, Decimal]]
    unassigned: Decimal
    unsourced: Decimal


def financial_frame(version: StrategyVersion) -> FinancialFrame:
    """Estimated costs summed by goal (an undertaking serving several goals is counted once per goal, so the
    goal column may exceed the total; the page says so) and funding by source."""
    undertakings = list(
        Undertaking.objects.filter(version=version).prefetch_related("directions__operational_goal__goal")
    )
    by_goal: dict[int, Decimal] = defaultdict(Decimal)
    goals = {g.pk: g for g in Goal.objects.filter(version=version)}
    total = unassigned = Decimal(0)
    for u in undertakings:
        cost = u.estimated_cost_pln or Decimal(0)
        total += cost
        goal_ids = {d.operational_goal.goal_id for d in u.directions.all()}
        if not goal_ids:
            unassigned += cost
        for goal_id in goal_ids:
            by_goal[goal_id] += cost
    by_source: dict[str, Decimal] = defaultdict(Decimal)
    sourced = Decimal(0)
    for source in FundingSource.objects.filter(version=version).select_related("measure", "fund"):
        amount = source.amount_pln or Decimal(0)
        label = (
            source.fund.code
            if source.fund
            else (
                source.measure.fund.code
                if source.measure and source.measure.fund
                else source.get_kind_display()
            )
        )
        by_source[str(label)] += amount
        sourced += amount
    return FinancialFrame(
        total=total,
        by_goal=[
            (goals[pk], amount) for pk, amount in sorted(by_goal.items(), key=lambda x: goals[x[0]].order)
        ],
        by_source=sorted(by_source.items(), key=lambda x: -x[1]),
        unassigned=unassigned,
        unsourced=max(total - sourced, Decimal(0)),
    )


# --- comparison by key

# Compared fields per item type; the parent fields come first, a change in them means the item moved.
COMPARED: list[tuple[type, tuple[str, ...], tuple[str, ...]]] = [
    (Issue, (), ("kind", "swot", "title", "description", "evidence", "variables", "gminas")),
    (Goal, (), ("code", "title", "dimension", "description", "issues")),
    (OperationalGoal, ("goal",), ("code", "title", "description")),
    (Direction, ("operational_goal",), ("code", "title", "description")),
    (
        Undertaking,
        (),
        (
            "code",
            "title",
            "kind",
            "is_key",
            "lead",
            "partners",
            "gminas",
            "directions",
            "issues",
            "estimated_cost_pln",
            "description",
        ),
    ),
    (FundingSource, ("undertaking",), ("kind", "measure", "fund", "name", "amount_pln")),
    (
        TargetIndicator,
        ("goal", "operational_goal", "undertaking"),
        ("indicator", "baseline_value", "baseline_year", "target_value", "target_year", "source"),
    ),
    (Chapter, (), ("kind", "text")),
    (InterventionArea, (), ("name", "description", "gminas")),
]


@dataclass
class Change:
    model_label: str
    key: str
    label: str
    status: str  # added, removed, changed, moved
    fields: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return {
            "added": _("dodana"),
            "removed": _("usunięta"),
            "moved": _("przeniesiona"),
        }.get(self.status, _("zmieniona"))


def _identity(value: Any) -> Any:
    """What makes two values the same across versions: the key of a versioned item, the pk of anything else."""
    if value is None:
        return None
    return value.key if isinstance(value, VersionItem) else value.pk


def _shown(item: Any, name: str) -> tuple[Any, str]:
    """The value of one field for comparing, and for showing to people (labels, names, formatted amounts)."""
    model_field = item._meta.get_field(name)
    if model_field.many_to_many:
        related = list(getattr(item, name).all())
        shown = ", ".join(sorted(str(r) for r in related)) or "—"
        return sorted(str(_identity(r)) for r in related), shown
    value = getattr(item, name)
    if model_field.is_relation:
        return _identity(value), str(value) if value is not None else "—"
    if value is None or value == "":
        return value or None, "—"
    if model_field.choices:
        return value, str(getattr(item, f"get_{name}_display")())
    if isinstance(value, bool):
        return value, _("tak") if value else _("nie")
    if isinstance(value, Decimal):
        return value, format_amount(value) if name.endswith("_pln") else format_number(value)
    return value, str(value)


def _compared_items(model: type, version: StrategyVersion, names: tuple[str, ...]) -> dict[str, Any]:
    relations = [n for n in names if model._meta.get_field(n).is_relation]
    to_one = [n for n in relations if not model._meta.get_field(n).many_to_many]
    to_many = [n for n in relations if model._meta.get_field(n).many_to_many]
    items = model.objects.filter(version=version).select_related(*to_one).prefetch_related(*to_many)
    return {i.key: i for i in items}


def version_compare(old: StrategyVersion, new: StrategyVersion) -> list[Change]:
    """Item-by-item differences by stable key: added, removed, changed, and moved (a new parent), with every
    value as people read it."""
    changes: list[Change] = []
    for model, parents, names in COMPARED:
        fields = parents + names
        before = _compared_items(model, old, fields)
        after = _compared_items(model, new, fields)
        label = str(model._meta.verbose_name)
        for key in after.keys() - before.keys():
            changes.append(Change(label, key, str(after[key]), "added"))
        for key in before.keys() - after.keys():
            changes.append(Change(label, key, str(before[key]), "removed"))
        for key in before.keys() & after.keys():
            diffs, moved = [], False
            for name in fields:
                (was, was_shown), (now, now_shown) = _shown(before[key], name), _shown(after[key], name)
                if was != now:
                    moved = moved or name in parents
                    verbose = str(model._meta.get_field(name).verbose_name)
                    diffs.append((verbose, was_shown, now_shown))
            if diffs:
                changes.append(Change(label, key, str(after[key]), "moved" if moved else "changed", diffs))
    order = {"moved": 0, "changed": 1, "added": 2, "removed": 3}
    return sorted(changes, key=lambda c: (order[c.status], c.model_label, c.label))


@dataclass
class StepState:
    step: Any
    status: str  # done, late, soon, open
    days_left: int | None
    deadline: dt.date | None = None  # the term the law sets (from receipt, from the consultation's end)
    earliest_end: dt.date | None = None  # for a minimum duration: the first day the step may end
    rule: Any = None
    letters: list = field(default_factory=list)
    silence_on: dt.date | None = None  # the day silence takes effect, when it will

    @property
    def due(self) -> dt.date | None:
        return self.deadline or self.step.due_on

    @property
    def days_late(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def is_done(self) -> bool:
        return self.status == "done"

    @property
    def is_late(self) -> bool:
        return self.status == "late"

    @property
    def is_soon(self) -> bool:
        return self.status == "soon"


WARN_DAYS = 14


def procedure_states(version: StrategyVersion, *, today=None) -> list[StepState]:
    """Each step with its state (done, late past its deadline, soon within two weeks, open), the term the law
    sets for it (counted from the letters' receipt, or the minimum end of a consultation) and its letters."""
    from django.utils import timezone

    from zit.strategy.procedure_letters import letter_deadline, step_deadline
    from zit.strategy.procedure_rules import rule

    today = today or timezone.localdate()
    states = []
    steps = version.procedure_steps.select_related("decision", "version").prefetch_related("letters")
    for step in steps:
        step_rule = rule(step.kind)
        letters = list(step.letters.all())
        for letter in letters:
            letter.deadline = letter_deadline(letter)
        term = step_deadline(step, letters)
        deadline, earliest = (None, term) if step_rule.minimum else (term, None)
        extra = {"deadline": deadline, "earliest_end": earliest, "rule": step_rule, "letters": letters}
        if step_rule.silence and deadline and not step.completed_on:
            extra["silence_on"] = deadline + dt.timedelta(days=1)
        due = deadline or step.due_on
        if step.completed_on:
            states.append(StepState(step, "done", None, **extra))
            continue
        if due is None:
            states.append(StepState(step, "open", None, **extra))
            continue
        days = (due - today).days
        status = "late" if days < 0 else "soon" if days <= WARN_DAYS else "open"
        states.append(StepState(step, status, days, **extra))
    return states


def zit_version_on(strategy: Strategy | None, day: dt.date) -> StrategyVersion | None:
    """The version that is the ZIT strategy on `day`: the one with the latest "ZIT strategy from" date not after
    it (both art. 34 opinions positive). None before the first such opinion: no project can be judged for ZIT."""
    if strategy is None:
        return None
    return (
        StrategyVersion.objects.filter(strategy=strategy, zit_from__lte=day)
        .order_by("-zit_from", "-number")
        .first()
    )


def public_version(strategy: Strategy | None, *, number: int | None = None) -> StrategyVersion | None:
    """The version the public reads: a published one by number, else the adopted one, else the one in
    consultation. Drafts are never public."""
    if strategy is None:
        return None
    if number is not None:
        return StrategyVersion.objects.filter(
            strategy=strategy, number=number, status__in=PUBLIC_STATUSES
        ).first()
    # with nothing adopted or in consultation, the last withdrawn consultation, which says why
    return (
        version_published(strategy)
        or StrategyVersion.objects.filter(strategy=strategy, status=StrategyVersion.Status.WITHDRAWN)
        .order_by("-number")
        .first()
    )


def undertakings_search(version: StrategyVersion, query: str) -> QuerySet[Undertaking]:
    from django.db.models import Q

    found = (
        Undertaking.objects.filter(version=version)
        .select_related("lead")
        .prefetch_related("gminas", "directions")
    )
    if query:
        found = found.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Q(code__iexact=query)
        )
    return found.order_by("order", "code")


def undertakings_map(version: StrategyVersion) -> str:
    """Gminas coloured by how many undertakings reach them; the count is in each gmina's title."""
    from django.utils.safestring import mark_safe

    from zit.core.maps import svg_map
    from zit.territory.diagnosis import CLASS_COLOURS, area_gminas

    counts: dict[str, int] = {}
    for undertaking in Undertaking.objects.filter(version=version).prefetch_related("gminas"):
        for gmina in undertaking.gminas.all():
            counts[gmina.terc] = counts.get(gmina.terc, 0) + 1
    top = max(counts.values(), default=0)
    fills = {}
    for unit in area_gminas():
        n = counts.get(unit.terc, 0)
        colour = (
            "#ffffff"
            if not n
            else CLASS_COLOURS[min(len(CLASS_COLOURS) - 1, (n * len(CLASS_COLOURS) - 1) // max(top, 1))]
        )
        fills[unit.terc] = (colour, _("przedsięwzięcia: %(n)d") % {"n": n})
    return mark_safe(
        svg_map(
            area_gminas(),
            title=_("Gdzie działają przedsięwzięcia strategii"),
            description=_("Im ciemniejszy kolor, tym więcej przedsięwzięć obejmuje gminę; białe – żadne."),
            fills=fills,
            svg_id="strategy-map",
        )
    )
