"""The public progress pages the accessibility walk visits (see accessibility_pages.py)."""

from __future__ import annotations


def progress_pages() -> dict[str, list[tuple[str | None, str]]]:
    """The public progress pages: the overview, the money, and a goal, an indicator and an undertaking of the
    version the public reads (the loaded strategy), in Polish and in English."""
    from zit.portal.progress import version_public

    version = version_public()
    goal = version.goals.order_by("order", "code").first()
    indicator = version.indicators.order_by("order", "pk").first()
    undertaking = version.undertakings.order_by("order", "code").first()
    pages = {
        "portal:progress": "/postepy/",
        "portal:progress_money": "/postepy/pieniadze/",
        "portal:progress_goal": f"/postepy/cele/{goal.key}/",
        "portal:progress_indicator": f"/postepy/wskazniki/{indicator.key}/",
        "portal:progress_undertaking": f"/postepy/przedsiewziecia/{undertaking.key}/",
    }
    return {name: [(None, path)] for name, path in pages.items()}  # the walk adds each one's /en/ address
