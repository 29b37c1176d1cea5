"""The count of catalogue rows with a place the refresh could not read, for the office's list page."""

from __future__ import annotations

from django import template

from zit.core.roles import Perm, has_perm

register = template.Library()


@register.simple_tag
def catalogue_unplaced_count(user) -> int:
    """0 for users without the permission to manage projects."""
    if not has_perm(user, Perm.PROJECTS_MANAGE):
        return 0
    from zit.opendata.selectors import catalogue_unplaced

    return catalogue_unplaced().count()
