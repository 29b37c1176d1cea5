"""The count of new listing requests, shown beside the menu entry on every staff page."""

from __future__ import annotations

from django import template

from zit.core.roles import Perm, has_perm

register = template.Library()


@register.simple_tag
def pes_new_requests(user) -> int:
    """New requests from the public form; 0 for users without the permission."""
    if not has_perm(user, Perm.SOCIAL_ECONOMY_EDIT):
        return 0
    from zit.social_economy.selectors import new_requests_count

    return new_requests_count(user=user)
