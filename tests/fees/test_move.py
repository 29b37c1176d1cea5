"""The fees moved out of governance: the migration that relabels their stored strings names every action the
fees write and both permission codes, and governance imports nothing from the fees."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from zit.core.lifecycle import all_lifecycles
from zit.core.roles import Perm

SRC = Path(__file__).resolve().parents[2] / "src" / "zit"


def test_the_move_relabels_every_action_and_permission_of_the_fees():
    moved = importlib.import_module("zit.fees.migrations.0003_moved_labels")
    written = {
        t.audit_action or f"{lc.key}.{t.name}"
        for lc in all_lifecycles()
        if lc.key.startswith("fees.")
        for t in lc.transitions
    }
    for path in (SRC / "fees").glob("*.py"):
        written |= set(re.findall(r'action="(fees\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert written and written <= set(moved.ACTIONS.values())
    assert set(moved.PERMISSIONS.values()) == {Perm.FEES_VIEW, Perm.FEES_MANAGE}


def test_governance_imports_nothing_from_the_fees():
    for path in (SRC / "governance").rglob("*.py"):
        if "migrations" not in path.parts:
            assert not re.search(r"\bzit\.fees\b", path.read_text(encoding="utf-8")), path
