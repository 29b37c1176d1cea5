"""The count of requests needing attention, shown beside the menu entry on every staff page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from zit.core.roles import Perm, has_perm

register = template.Library()


@register.simple_tag
def requests_attention(user) -> dict[str, int]:
    """Overdue requests and those due within 3 working days; empty for users without the permission."""
    if not has_perm(user, Perm.INFORMATION_REQUESTS):
        return {}
    from zit.public_information.selectors import attention_counts

    counts = attention_counts(user=user, today=timezone.localdate())
    return counts | {"total": counts["overdue"] + counts["soon"]}
