"""The translation functions keep names that message extraction knows (`_`, `gettext`, `gettext_lazy`,
`ngettext`, ...): under any other alias (`gettext as _now`) a text is translated at run time against a catalogue
that never received it, and English pages show Polish."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "zit"
TRANSLATING = {
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "gettext_noop",
}


def aliased(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in TRANSLATING and alias.asname not in (None, "_"):
                    found.append(f"{node.lineno}: {alias.name} as {alias.asname}")
    return found


def test_an_alias_is_found():
    assert aliased("from django.utils.translation import gettext as _now\n") == ["1: gettext as _now"]
    assert aliased("from django.utils.translation import gettext_lazy as _\n") == []


def test_no_module_hides_a_translation_function_under_another_name():
    offenders = {
        str(path.relative_to(SRC)): found
        for path in SRC.rglob("*.py")
        if (found := aliased(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
