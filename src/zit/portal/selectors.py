"""Reads of the portal's own data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zit.portal.models import AccessibilityStatement
from zit.portal.services import statement_default

REVIEW_EVERY_DAYS = 365  # the statement is reviewed at least once a year (see docs/przewodnik.md)


def statement_current() -> AccessibilityStatement:
    """The saved statement, or the first one (unsaved) until the office saves its own."""
    return AccessibilityStatement.objects.first() or statement_default()


def statement_review_due(statement: AccessibilityStatement, today: dt.date) -> bool:
    return (today - statement.reviewed_on).days > REVIEW_EVERY_DAYS


@dataclass
class Block:
    kind: str  # "heading", "paragraph" (its lines are sentences) or "list"
    lines: list[str] = field(default_factory=list)


def easy_read_blocks(text: str) -> list[Block]:
    """The easy-to-read text as headings ("## "), lists ("- ") and paragraphs, parted by blank lines; the
    template escapes every line, so the office's text can hold no markup."""
    blocks: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and lines[0].startswith("## "):
            blocks.append(Block("heading", [lines[0][3:].strip()]))
        elif all(line.startswith("- ") for line in lines):
            blocks.append(Block("list", [line[2:].strip() for line in lines]))
        else:
            blocks.append(Block("paragraph", lines))
    return blocks


def easy_read_plain(statement: AccessibilityStatement, title: str) -> str:
    """The machine-readable text file: the same text without markers, headings underlined."""
    out = [title, "=" * len(title), ""]
    for block in easy_read_blocks(statement.easy_read):
        if block.kind == "heading":
            out += [block.lines[0], "-" * len(block.lines[0])]
        elif block.kind == "list":
            out += [f"* {line}" for line in block.lines]
        else:
            out += block.lines
        out.append("")
    return "\n".join(out)
