"""Presentation helpers only: formatting and permission checks for showing links; no writes, no queries
beyond the user's cached roles (and the counts an app shows beside its menu entry, zit.core.navigation)."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from zit.core.addresses import html_datetime as _html_datetime
from zit.core.addresses import page_addresses as _page_addresses
from zit.core.formatting import (
    document_date,
    document_datetime,
    format_amount,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_time,
)
from zit.core.navigation import menu_items
from zit.core.richtext import markdown_html
from zit.core.roles import has_any_scope, has_perm

register = template.Library()


@register.filter
def has_zit_perm(user, perm: str) -> bool:
    return has_any_scope(user, perm)


@register.simple_tag(takes_context=True)
def staff_menu(context) -> list:
    """The office's menu for the user on this page, as the apps declared it (zit.core.navigation)."""
    request = context["request"]
    match = request.resolver_match
    return menu_items(
        user=request.user,
        namespace=(match.namespace or "") if match else "",
        url_name=(match.url_name or "") if match else "",
    )


@register.simple_tag(takes_context=True)
def notices_unread(context) -> int:
    """The signed-in person's unread notices, for the header's link (zit.core.notices)."""
    from zit.core.notices import unread_count

    request = context.get("request")
    return unread_count(request.user) if request is not None else 0


@register.simple_tag
def can(user, perm: str, organisation_id=None) -> bool:
    return has_perm(user, perm, organisation_id=organisation_id)


@register.filter
def pl_number(value, places=None):
    if value is None or value == "":
        return _("brak danych")
    return format_number(value, None if places in (None, "") else int(places))


@register.filter
def pl_amount(value, currency="PLN"):
    return format_amount(value, currency) if value is not None else _("brak danych")


@register.filter
def pl(value):
    """Polish content typed by people (a title, a gmina's or a body's name, a note): in a page in another language
    it is marked lang="pl", so a screen reader reads it as Polish; Polish pages are left as they are."""
    from zit.core.formatting import polish_data

    return polish_data(value)


@register.simple_tag
def pl_lang():
    """` lang="pl"` on a page in another language, nothing on a Polish one: for an element that holds Polish data
    and cannot hold a <span> (an <option>, an SVG <title>), e.g. `<option value="…"{% pl_lang %}>`."""
    if (get_language() or "pl").startswith("pl"):
        return ""
    return mark_safe(' lang="pl"')


@register.filter
def rich_text(value: str, top_heading: int = 3):
    """Staff-written Markdown as safe HTML (see core.richtext)."""
    return markdown_html(value, top_heading=int(top_heading))


@register.filter(expects_localtime=True)
def pl_date(value, precision="day"):
    return format_date(value, precision) if value else ""


@register.filter(expects_localtime=True)
def pl_datetime(value, precision="minutes"):
    """A moment: `7 grudnia 2026, 14:05` (with `:"seconds"`, `14:05:09`)."""
    return format_datetime(value, seconds=precision == "seconds") if value else ""


@register.filter(expects_localtime=True)
def doc_date(value):
    """A date in a generated document or e-mail: `6 grudnia 2026 r.` (Polish whatever the reader's language)."""
    return document_date(value) if value else ""


@register.filter(expects_localtime=True)
def doc_datetime(value):
    """A moment in a generated document or e-mail: `6 grudnia 2026 r., godz. 14:52`."""
    return document_datetime(value) if value else ""


@register.filter(expects_localtime=True)
def pl_time(value, precision="minutes"):
    return format_time(value, seconds=precision == "seconds") if value else ""


@register.filter(expects_localtime=True)
def pl_month(value):
    """A month: `grudzień 2026`, `December 2026`."""
    return format_month(value) if value else ""


@register.filter(expects_localtime=True)
def html_datetime(value) -> str:
    """The value of a `<time datetime>` attribute: ISO 8601, whole seconds, with the offset."""
    return _html_datetime(value)


@register.simple_tag(takes_context=True)
def page_addresses(context):
    """The page's canonical address and its address in each language (the head of base.html)."""
    request = context.get("request")
    return _page_addresses(request) if request is not None else None


@register.simple_tag
def demo_badge(obj):
    if getattr(obj, "is_demo", False):
        return format_html('<span class="badge badge-demo">{}</span>', _("dane demonstracyjne"))
    return ""


@register.filter
def json_script_safe(value):
    """JSON for a <script type="application/json"> block; escapes '<' so no tag can close the block."""
    return mark_safe(json.dumps(value, ensure_ascii=False).replace("<", "\\u003c"))


@register.filter
def pl_percent(value, places=0):
    """0.7 → "70%"; a share of a whole, as a fraction."""
    if value is None or value == "":
        return _("brak danych")
    from decimal import Decimal

    return format_number(Decimal(str(value)) * 100, int(places)) + "%"


@register.filter
def linkify_sources(text: str):
    """Source notes often hold several addresses: show each as a link, the rest as text. Notes are written in
    English and quote Polish titles and names: on a page in another language those are marked lang="pl"."""
    import re

    from django.utils.html import format_html

    from zit.core.formatting import mark_polish

    if not text:
        return ""
    parts = re.split(r"(https?://[^\s;,)\"]+)", text)
    html = []
    for i, part in enumerate(parts):
        if i % 2:
            address = part.rstrip(".")
            html.append(
                format_html('<a href="{}" rel="noopener">{}</a>', address, address)
                + mark_polish(part[len(address) :])
            )
        else:
            html.append(mark_polish(part))
    return mark_safe("".join(html))


@register.filter
def local_name(obj, field="name"):
    """The English variant of a bilingual field (`name_en`) in the English interface, when it is filled in."""
    from django.utils.translation import get_language

    polish = getattr(obj, f"{field}_pl", "") or ""
    if (get_language() or "pl").startswith("en"):
        return getattr(obj, f"{field}_en", "") or pl(polish)  # no English name: the Polish one, marked so
    return polish


@register.filter
def fund_label(fund) -> str:
    """ "Europejski Fundusz Rozwoju Regionalnego (EFRR)"; in English "European Regional Development Fund (EFRR)"."""
    from django.utils.translation import get_language

    if fund is None:  # a card funded only from other sources has no FEW fund
        return ""
    name = fund.name_pl
    if (get_language() or "pl").startswith("en") and fund.name_en:
        name = fund.name_en.split(" (")[0]
    return f"{name} ({fund.code})"


@register.filter
def pl_rate(value) -> str:
    """An exchange rate with all its digits (at least four): 4,6147; 4,261175."""
    from decimal import Decimal

    if value is None:
        return _("brak danych")
    value = Decimal(str(value)).normalize()
    places = max(4, -value.as_tuple().exponent)
    return format_number(value, places)


_VERBS = {
    "create": gettext_noop("dodanie"),
    "update": gettext_noop("zmiana"),
    "delete": gettext_noop("usunięcie"),
    "import": gettext_noop("import"),
    "erase": gettext_noop("usunięcie danych osobowych"),
    "end": gettext_noop("zakończenie"),
    "start": gettext_noop("rozpoczęcie"),
    "replace": gettext_noop("zmiana"),
    "complete": gettext_noop("wykonanie"),
    "reopen": gettext_noop("ponowne otwarcie"),
    "status": gettext_noop("zmiana stanu"),
    "correct": gettext_noop("korekta"),
    "assign": gettext_noop("przypisanie"),
    "set": gettext_noop("ustawienie"),
    "document": gettext_noop("dołączenie dokumentu"),
    "publish": gettext_noop("publikacja"),
    "republish": gettext_noop("ponowna publikacja"),
    "withdraw": gettext_noop("wycofanie"),
    "receive": gettext_noop("wpłynięcie"),
    "accept": gettext_noop("przyjęcie"),
    "reject": gettext_noop("odrzucenie"),
    "request": gettext_noop("zapis danych ze zgłoszenia"),
    # progress information and durability monitoring
    "pass": gettext_noop("przekazanie"),
    "note": gettext_noop("odnotowanie"),
    "ask": gettext_noop("pytanie biura"),
    "info": gettext_noop("zapis informacji"),
    # older events keep readable names: a card returned for correction, and progress reports returned and
    # durability checks recorded before the office only monitored them
    "return": gettext_noop("zwrot do poprawy"),
    "check": gettext_noop("dawny zapis kontroli trwałości"),
}


@register.filter
def action_label(event) -> str:
    """A readable name for an audit event: "zmiana: porozumienie ZIT" instead of a code."""
    from django.apps import apps

    verb = event.action.rsplit("_", 1)[-1].rsplit(".", 1)[-1]
    label = _(_VERBS[verb]) if verb in _VERBS else event.action
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return label
    return f"{label}: {model._meta.verbose_name}"


@register.filter
def row_errors(formset):
    """Every row's errors of a table, for the summary above it: (row, field id, label, message)."""
    from zit.core.form_flow import row_errors as errors

    return errors(formset)


@register.simple_tag(takes_context=True)
def page_errors(context):
    """The errors for the page's summary after a failed submit (see zit.core.error_summary)."""
    from zit.core.error_summary import page_errors as errors

    return errors(context)
