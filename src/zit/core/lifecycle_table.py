"""Every lifecycle as text: `manage.py lifecycles` prints it and docs/lifecycles.md is that print, so the
documentation and the tables the services obey cannot drift apart (a test compares them)."""

from __future__ import annotations

from django.utils import translation

from zit.core.lifecycle import SYSTEM, Lifecycle, all_lifecycles

HEADER = """# Lifecycles

Every object with states declares them in `<app>/lifecycles.py` through `zit.core.lifecycle`. This page is the
output of `manage.py lifecycles --markdown`; a test fails when it differs from the tables in the code.
Columns: the transition, the states it starts from, the state it ends in, who may fire it, whether it asks for
a reason, the guards that refuse it (with their reason) and the warnings that let it through only with a
confirmed reason. "automatycznie" marks a transition fired by another act (a signature, a job), not a button.
Where the words shown for a state need more than the state's label (a tense that follows the state, the
resolution that adopted a version), the lifecycle's wording gives them, in one place (`Lifecycle.describe`):
pages, documents and exports show those words and templates never compare state strings to choose them.
"""


def _guard_text(guard) -> str:
    doc = (guard.__doc__ or guard.__name__).strip().splitlines()[0]
    return doc.replace("|", "\\|")


def _who(lc: Lifecycle, t) -> str:
    return ", ".join(("platforma" if role is SYSTEM else f"{role.label} (`{role.perm}`)") for role in t.who)


def lifecycle_markdown(lc: Lifecycle) -> str:
    lines = [f"## {lc.label} (`{lc.key}`)", ""]
    if lc.description:
        lines += [str(lc.description), ""]
    where = f"computed by `{lc.derive.__name__}`" if lc.derive else f"field `{lc.field}`"
    lines += [f"Model `{lc.model}`, {where}; starts in `{lc.initial}`.", ""]
    if lc.wording is not None:
        lines += [f"Words shown for the state: `{lc.wording.__name__}`: {_guard_text(lc.wording)}", ""]
    lines += ["| State | Meaning | Final |", "|---|---|---|"]
    for value, label in lc.states.choices:
        lines.append(f"| `{value}` | {label} | {'yes' if value in lc.final else ''} |")
    lines += [
        "",
        "| Transition | From | To | Who | Reason | Guards | Warnings |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in lc.transitions:
        name = f"`{t.name}` {t.label}" + (" (automatycznie)" if t.automatic else "")
        sources = ", ".join(f"`{s}`" for s in t.sources)
        guards = "<br>".join(_guard_text(g) for g in t.guards)
        if t.refused_in:
            shown = ", ".join(f"`{x}`" for x in t.refused_in)
            guards += f"<br>(shown refused in {shown})"
        warnings = "<br>".join(_guard_text(g) for g in t.warnings)
        reason = "required" if t.reason_required else ""
        lines.append(
            f"| {name} | {sources} | `{t.target}` | {_who(lc, t)} | {reason} | {guards} | {warnings} |"
        )
    lines.append("")
    return "\n".join(lines)


def lifecycles_markdown() -> str:
    with translation.override("pl"):
        return HEADER + "\n" + "\n".join(lifecycle_markdown(lc) for lc in all_lifecycles())
