"""Lifecycles as data: for each object with states, one table of its states and transitions, who may fire each
(a permission, checked in the object's scope), the guards that refuse an act with a reason in Polish, the
warnings that let an act through only with a confirmed reason, and the audit event it writes.

Services fire transitions only through `Lifecycle.fire`; selectors offer `Lifecycle.actions`, which lists the
transitions the user may fire now and, for those a guard refuses, the reason; templates render the buttons from
that list (`includes/lifecycle_actions.html`) and never compare state strings. Words that depend on the state
(a tense, "projekt do konsultacji" or "obowiązująca") come from `Lifecycle.describe`, one place per lifecycle.
`manage.py lifecycles` prints every table; docs/lifecycles.md is its output.

Each app declares its lifecycles in `<app>/lifecycles.py` with `register(...)`; `all_lifecycles()` finds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import has_perm


@dataclass(frozen=True)
class Context:
    """What a guard may look at besides the object: who acts, on which day, the reason given, whether the
    user confirmed a warning, and the act's own data (the date of a payment, the new end of a consultation)."""

    actor: Any
    today: dt.date
    reason: str = ""
    confirmed: bool = False
    data: dict[str, Any] = field(default_factory=dict)


# A guard answers None when the act may go ahead, otherwise the reason in Polish it may not.
Guard = Callable[[Any, Context], "str | None"]


@dataclass(frozen=True)
class Role:
    """A kind of user who may fire a transition: a permission, held in the object's scope where `scope` says
    which organisation the object belongs to (a card's applicant, a report's beneficiary)."""

    name: str
    label: str
    perm: str
    scope: Callable[[Any], int | None] | None = None

    def allows(self, actor: Any, obj: Any) -> bool:
        if actor is None:  # the platform itself: loaders, scheduled jobs, migrations
            return True
        if self.scope is None:
            return has_perm(actor, self.perm)
        return has_perm(actor, self.perm, organisation_id=self.scope(obj))


SYSTEM = Role("system", "platforma (zadanie w tle)", perm="")


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: Any
    who: tuple[Role, ...]
    guards: tuple[Guard, ...] = ()
    # acts the law or good sense allows only knowingly: the user confirms and gives a reason
    warnings: tuple[Guard, ...] = ()
    reason_required: bool = False
    # what to say when the reason is missing ("zobaczy je wnioskodawca"); a general prompt when empty
    reason_prompt: Any = ""
    # the reason field's label where "Powód" is not the word (an office's question); "Powód" when empty
    reason_label: Any = ""
    # fired by another service (the list, the opinion, a job), not by a button
    automatic: bool = False
    # states the act does not start from but where people look for it: its button stays, refused with the
    # first guard's reason ("after the final payment only a correction changes the contract")
    refused_in: tuple[str, ...] = ()
    danger: bool = False
    # asked before a plain button posts ("Wydać opinię? Tego nie da się cofnąć.")
    confirm: Any = ""
    # the act needs its own data (a date, a reference): the button opens the act's form at the URL
    form: bool = False
    help: Any = ""
    # the audit event's action; "<lifecycle key>.<name>" when empty
    audit_action: str = ""


@dataclass(frozen=True)
class Action:
    """One button: a transition the user may fire now, or one a guard refuses (`refused` says why)."""

    transition: Transition
    url: str
    refused: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> Any:
        return self.transition.label

    @property
    def allowed(self) -> bool:
        return not self.refused

    @property
    def asks_reason(self) -> bool:
        return self.transition.reason_required or bool(self.warnings)


class Actions(list):
    """The buttons of one object, with those a guard refuses at hand for the "not now, because" list."""

    @property
    def refused(self) -> list[Action]:
        return [a for a in self if not a.allowed]

    @property
    def allowed(self) -> list[Action]:
        return [a for a in self if a.allowed]

    def get(self, name: str) -> Action | None:
        return next((a for a in self if a.name == name), None)

    def can(self, name: str) -> bool:
        action = self.get(name)
        return action is not None and action.allowed


@dataclass(frozen=True)
class Lifecycle:
    key: str
    label: Any
    model: str
    states: type[models.TextChoices]
    initial: str
    transitions: tuple[Transition, ...]
    final: frozenset[str] = frozenset()
    # the attribute holding the state; `derive` instead computes it from other fields (dates, links)
    field: str = "state"
    derive: Callable[[Any], str] | None = None
    # where a button posts: (object, transition name) -> URL
    url: Callable[[Any, str], str] | None = None
    description: Any = ""
    # the state in words for people, where the bare state's label is not enough: the tense follows the state
    # ("trwają do …" while running, "trwały od … do …" once closed), an adopted version names its resolution.
    # Pages, documents and exports show `describe(obj)`; templates never compare state strings to word it.
    wording: Callable[[Any], str] | None = None

    def __post_init__(self) -> None:
        known = set(self.states.values)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.key}: a transition name is used twice")
        for t in self.transitions:
            unknown = (set(t.sources) | set(t.refused_in) | {t.target}) - known
            if unknown:
                raise ValueError(f"{self.key}.{t.name}: unknown states {sorted(unknown)}")
            if not t.who:
                raise ValueError(f"{self.key}.{t.name}: nobody may fire it")

    # --- reading

    def state_of(self, obj: Any) -> str:
        return self.derive(obj) if self.derive else getattr(obj, self.field)

    def state_label(self, state: str) -> str:
        return str(self.states(state).label)

    def describe(self, obj: Any) -> str:
        """The object's state in words: the lifecycle's own wording when it has one, else the state's label."""
        if self.wording is not None:
            return str(self.wording(obj))
        return self.state_label(self.state_of(obj))

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise ValueError(f"Unknown transition {self.key}.{name}")

    def has(self, name: str) -> bool:
        return any(t.name == name for t in self.transitions)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def may(self, actor: Any, obj: Any, name: str) -> bool:
        """Whether `actor` is one who fires `name` and the object is in a state it starts from (guards aside)."""
        t = self.transition(name)
        return self.state_of(obj) in t.sources and _permitted(t, actor, obj)

    def permits(self, actor: Any, obj: Any, name: str) -> bool:
        """Whether `actor` is one who fires `name` on `obj` (a role in the object's scope), whatever the state."""
        return _permitted(self.transition(name), actor, obj)

    def refusal(self, obj: Any, name: str, context: Context) -> str:
        """The first guard's reason why `name` cannot be fired now, or ""."""
        t = self.transition(name)
        state = self.state_of(obj)
        if state not in t.sources:
            explained = state in t.refused_in and next(
                filter(None, (g(obj, context) for g in t.guards)), None
            )
            if explained:
                return str(explained)
            return _("Tej czynności („%(t)s”) nie można wykonać, gdy stan to „%(s)s”.") % {
                "t": t.label,
                "s": self.state_label(self.state_of(obj)),
            }
        for guard in t.guards:
            message = guard(obj, context)
            if message:
                return str(message)
        return ""

    def actions(self, actor: Any, obj: Any, *, today: dt.date | None = None) -> Actions:
        """The buttons for `actor` on `obj`: every transition from the current state that `actor` may fire,
        with the guard's reason where one refuses it. Automatic transitions have no button."""
        context = Context(actor=actor, today=today or timezone.localdate())
        result = Actions()
        state = self.state_of(obj)
        for t in self.transitions:
            if state not in t.sources and state not in t.refused_in:
                continue
            if t.automatic or not _permitted(t, actor, obj):
                continue
            refused = self.refusal(obj, t.name, context)
            warnings = () if refused else _messages(t.warnings, obj, context)
            url = self.url(obj, t.name) if self.url else ""
            result.append(Action(transition=t, url=url, refused=refused, warnings=warnings))
        return result

    # --- acting

    def check(self, actor: Any, obj: Any, name: str, context: Context) -> Transition:
        """Raise PermissionDenied when `actor` may not fire `name`, ValidationError (in Polish) when the state,
        a guard, a missing reason or an unconfirmed warning refuses it."""
        t = self.transition(name)
        if not _permitted(t, actor, obj):
            raise PermissionDenied(_("Nie możesz wykonać tej czynności („%(t)s”).") % {"t": t.label})
        refused = self.refusal(obj, name, context)
        if refused:
            raise ValidationError(refused)
        if t.reason_required and not context.reason.strip():
            raise ValidationError(
                {"reason": str(t.reason_prompt or _("Podaj powód: zostanie zapisany w historii."))}
            )
        warnings = _messages(t.warnings, obj, context)
        if warnings and not (context.confirmed and context.reason.strip()):
            raise ValidationError(
                {
                    "reason": [
                        *warnings,
                        _(
                            "Jeśli mimo to chcesz to zrobić, potwierdź i podaj powód: zostanie zapisany w historii."
                        ),
                    ]
                }
            )
        return t

    def fire(
        self,
        *,
        actor: Any,
        obj: Any,
        name: str,
        reason: str = "",
        confirmed: bool = False,
        today: dt.date | None = None,
        data: dict[str, Any] | None = None,
        apply: Callable[[Any], None] | None = None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | Callable[[Any], dict[str, Any]] | None = None,
    ) -> Any:
        """Check, move the object to the transition's target, run `apply` (the act's own changes), save and
        write the audit event. Call it inside the service's transaction, on a row locked for update."""
        context = Context(
            actor=actor,
            today=today or timezone.localdate(),
            reason=reason.strip(),
            confirmed=confirmed,
            data=data or {},
        )
        t = self.check(actor, obj, name, context)
        source = self.state_of(obj)
        if self.derive is None:
            setattr(obj, self.field, t.target)
        if apply is not None:
            apply(obj)
        obj.save()
        if callable(after):  # what the act changed is known only once `apply` ran
            after = after(obj)
        audit.record(
            actor=actor,
            action=t.audit_action or f"{self.key}.{name}",
            obj=obj,
            before={"state": source, **(before or {})},
            after={"state": t.target, **(after or {})},
            reason=context.reason,
        )
        return obj


def _permitted(t: Transition, actor: Any, obj: Any) -> bool:
    if actor is None:
        return True
    return any(role.allows(actor, obj) for role in t.who if role is not SYSTEM)


def _messages(guards: Iterable[Guard], obj: Any, context: Context) -> tuple[str, ...]:
    return tuple(str(m) for m in (g(obj, context) for g in guards) if m)


# --- the registry

_REGISTRY: dict[str, Lifecycle] = {}


def register(lifecycle: Lifecycle) -> Lifecycle:
    existing = _REGISTRY.get(lifecycle.key)
    if existing is not None and existing is not lifecycle:
        raise ValueError(f"Lifecycle {lifecycle.key} is declared twice")
    _REGISTRY[lifecycle.key] = lifecycle
    return lifecycle


def all_lifecycles() -> list[Lifecycle]:
    autodiscover_modules("lifecycles")
    return sorted(_REGISTRY.values(), key=lambda lc: lc.key)


def lifecycle_for(obj_or_model: Any) -> Lifecycle:
    label = obj_or_model._meta.label
    for lc in all_lifecycles():
        if lc.model == label:
            return lc
    raise LookupError(f"No lifecycle for {label}")
