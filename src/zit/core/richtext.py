"""Text staff write with light Markdown (paragraphs, lists, bold, headings) turned into safe HTML.

Raw HTML is escaped before Markdown runs and links and images are switched off, so nothing typed into a
chapter can inject markup or send readers elsewhere."""

from __future__ import annotations

import html

import markdown
from django.utils.safestring import SafeString, mark_safe

_OFF = (
    "link",
    "image_link",
    "image_reference",
    "reference",
    "short_reference",
    "short_image_ref",
    "autolink",
)


def markdown_html(text: str, *, top_heading: int = 3) -> SafeString:
    """Paragraphs, lists and emphasis as HTML; the text's own headings start at `top_heading`."""
    md = markdown.Markdown(extensions=["sane_lists"])
    for name in _OFF:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    rendered = md.convert(html.escape(text or "", quote=False))
    shift = top_heading - 1
    if shift:
        for level in range(6 - shift, 0, -1):
            rendered = rendered.replace(f"<h{level}>", f"<h{level + shift}>").replace(
                f"</h{level}>", f"</h{level + shift}>"
            )
    return mark_safe(rendered)  # noqa: S308 - the input was escaped before conversion
