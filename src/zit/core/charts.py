"""Server-side SVG charts with text alternatives: the same SVG in pages and documents, readable without
JavaScript. Every chart is paired with a data table on the page; the SVG carries a title and a description."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0b4f8a", "#1d7a4f", "#8a4b0b", "#5b3a8a", "#0b6f7a", "#7a0b3a")


def bar_chart(
    items: list[tuple[str, Decimal]],
    *,
    title: str,
    description: str,
    value_label: Callable[[Decimal], str],
    width: int = 640,
    chart_id: str = "chart",
    polish_labels: bool = False,
) -> SafeString | str:
    """Horizontal bars, one per item, each with its label and value written out (colour is never the only
    carrier of meaning). Values must be non-negative. `polish_labels`: the labels are Polish data (names of
    gminas), marked lang="pl" on pages in other languages."""
    if not items:
        return ""
    from django.utils.translation import get_language

    lang = ' lang="pl"' if polish_labels and not (get_language() or "pl").startswith("pl") else ""
    bar_height, gap, label_width, value_width = 26, 12, 220, 150
    top = 8
    height = top + len(items) * (bar_height + gap)
    largest = max((v for _, v in items), default=Decimal(0)) or Decimal(1)
    plot = width - label_width - value_width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_height + gap)
        length = max(1.0, float(value / largest) * plot) if value > 0 else 0
        short = label if len(label) <= 32 else label[:31] + "…"
        # a <title> cannot be half Polish: a marked label, then its value in a <desc> of its own
        rect_title = (
            f"<title{lang}>{escape(label)}</title><desc>{escape(value_label(value))}</desc>"
            if lang
            else f"<title>{escape(label)}: {escape(value_label(value))}</title>"
        )
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.1f}" text-anchor="end" '
            f'font-size="13" fill="#1a1a1a"{lang}>{escape(short)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{PALETTE[i % len(PALETTE)]}">{rect_title}</rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.68:.1f}" font-size="13" '
            f'fill="#1a1a1a">{escape(value_label(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it went through escape()
