"""`{% rate_note conversion %}`: the rate behind a converted amount, its series, table and date, and a warning
when it is out of date or the last attempt to fetch rates failed; the same sentences as documents carry
(zit.funding.rates.rate_note)."""

from __future__ import annotations

from django import template

from zit.funding import rates

register = template.Library()


@register.inclusion_tag("includes/rate_note.html")
def rate_note(conversion, fetch_note: bool = True) -> dict:
    from zit.funding.rate_updates import failure_note

    warnings = rates.rate_warnings(conversion)
    if fetch_note and conversion and (note := failure_note()):
        warnings.append(note)
    return {"facts": rates.rate_facts(conversion), "warnings": warnings}
