"""Polish formats: amounts `1 234 567,89 zł`, numbers with a non-breaking thin space, dates `25 listopada 2026`;
in English `1,234,567.89 PLN` and `25 November 2026`. Every date, time and amount a page shows goes through here
(the template filters `pl_date`, `pl_datetime`, `pl_time`, `pl_month`, `pl_amount`, `pl_number` in
core/templatetags/zit.py), never through Django's `date`, `floatformat` or `intcomma` (tests/core/test_formats_used.py).
Generated documents and e-mails write dates in words with "r.": `document_date` and `document_datetime` (the
filters `doc_date`, `doc_datetime`): `6 grudnia 2026 r., godz. 14:52`."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language

NBSP = "\u00a0"


_POLISH_ORDER = str.maketrans(
    {"ą": "a~", "ć": "c~", "ę": "e~", "ł": "l~", "ń": "n~", "ó": "o~", "ś": "s~", "ź": "z~", "ż": "z~~"}
)


def polish_sort_key(text: str) -> str:
    """Alphabetical order as in Polish: "Ślesin" after "Skulsk" and "Sompolno", not after "Wilczyn"."""
    return text.lower().translate(_POLISH_ORDER)


def format_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    if value is None:
        return ""
    value = Decimal(str(value))
    if places is None:
        places = 0 if value == value.to_integral_value() else min(2, -value.as_tuple().exponent)
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum):,.{places}f}"
    if (get_language() or "pl").startswith("pl"):
        return text.replace(",", NBSP).replace(".", ",")
    return text


def currency_symbol(currency: str = "PLN") -> str:
    """`zł` in Polish, the ISO code (`PLN`) in English."""
    return {"PLN": "zł" if (get_language() or "pl").startswith("pl") else "PLN"}.get(currency, currency)


def format_amount(value: Decimal | None, currency: str = "PLN") -> str:
    if value is None:
        return ""
    return f"{format_number(value, 2)}{NBSP}{currency_symbol(currency)}"


def _polish() -> bool:
    return (get_language() or "pl").startswith("pl")


def _local(value: dt.date) -> dt.date:
    """A moment in the platform's time zone (an aware datetime is stored in UTC)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value: dt.date | None, precision: str = "day") -> str:
    if value is None:
        return ""
    value = _local(value)
    if precision == "year":
        return str(value.year)
    return formats.date_format(value, "j E Y" if (get_language() or "pl").startswith("pl") else "j F Y")


def polish_plural(n: int, one: str, few: str, many: str) -> str:
    """The Polish form for a count: 1 dzień, 2–4 (but not 12–14) zostały, otherwise zostało. Each form is its
    own translated text, so the translation chooses its words too."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def polish_date(value: dt.date | None) -> str:
    """A date in a Polish document or citation, whatever the reader's language: `20 lutego 2026`."""
    from django.utils import translation

    with translation.override("pl"):
        return format_date(value)


def document_date(value: dt.date | None) -> str:
    """A date in the running text of a Polish document or e-mail (DOCX, PDF, a spreadsheet's heading or note),
    in words and whatever the reader's language: `6 grudnia 2026 r.`; never `2026-12-06` nor `06.12.2026`."""
    if value is None:
        return ""
    return f"{polish_date(value)} r."


def document_datetime(value: dt.datetime | None) -> str:
    """A moment in a Polish document or e-mail: `6 grudnia 2026 r., godz. 14:52` (in the platform's time zone)."""
    if value is None:
        return ""
    return f"{document_date(value)}, godz. {format_time(value)}"


def letter_date(value: dt.date | None) -> str:
    """A date in a message written in the reader's language (a reminder, a newsletter): `6 grudnia 2026 r.` in
    Polish, `6 December 2026` in English."""
    text = format_date(value)
    return f"{text} r." if text and _polish() else text


def one_full_stop(text: str) -> str:
    """A sentence that ends on a date in words takes no second full stop: "Stan na 6 grudnia 2026 r." """
    return text.replace(" r..", " r.")


def format_time(value: dt.time | dt.datetime | None, seconds: bool = False) -> str:
    """`14:05` (24-hour clock in both languages), or `14:05:09`."""
    if value is None:
        return ""
    value = _local(value) if isinstance(value, dt.datetime) else value
    return value.strftime("%H:%M:%S" if seconds else "%H:%M")


def format_datetime(value: dt.datetime | None, seconds: bool = False) -> str:
    """`7 grudnia 2026, 14:05`; in English `7 December 2026, 14:05`."""
    if value is None:
        return ""
    value = _local(value)
    return f"{format_date(value)}, {format_time(value, seconds)}"


def format_month(value: dt.date | None) -> str:
    """`grudzień 2026`; in English `December 2026`."""
    if value is None:
        return ""
    text = formats.date_format(_local(value), "F Y")
    return text.lower() if _polish() else text


def polish_data(value):
    """Data typed in Polish (a name, a title) as HTML: inside <span lang="pl"> on a page in another language, so a
    screen reader reads it as Polish; as it is on a Polish page. The `pl` template filter."""
    from django.utils.html import format_html
    from django.utils.translation import get_language

    if value is None or value == "" or (get_language() or "pl").startswith("pl"):
        return value
    return format_html('<span lang="pl">{}</span>', value)


def with_data(message: str, **data):
    """A translated sentence with `%(name)s` placeholders filled with Polish data, as safe HTML: each piece of data
    marked by polish_data, but for a value that is HTML already (built with format_html, its parts marked).
    Where the text must stay plain (a page's <title>), use |striptags on it."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import SafeData, mark_safe

    def marked(value):
        return value if isinstance(value, SafeData) else conditional_escape(polish_data(str(value)))

    return mark_safe(conditional_escape(str(message)) % {k: marked(v) for k, v in data.items()})


def with_data_lazy(message, **data):
    """with_data for a text fixed at import (a form's help text): filled in the language of the page that shows
    it. Quotes of Polish (a resolution's title as the person will type it) go in as data."""
    from django.utils.functional import lazy
    from django.utils.safestring import SafeString

    return lazy(lambda: with_data(message, **data), SafeString)()


# --- Polish inside English notes (sources written in English that quote Polish titles and name places)

_POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
# words no English sentence uses: a note's Polish quote shows itself by them even without diacritics
_POLISH_WORDS = frozenset(
    [
        "oraz",
        "jest",
        "nie",
        "dla",
        "przez",
        "albo",
        "brak",
        "roku",
        "rok",
        "dni",
        "stan",
        "zł",
        "tys",
        "mln",
        "wraz",
        "się",
        "sprawie",
        "uchwała",
    ]
)
# words that join a Polish name's parts ("Miasto i Gmina Sompolno", "Fundusze Europejskie dla Wielkopolski")
_JOINING = frozenset(["i", "w", "z", "o", "na", "do", "od", "nr", "im", "ul", "we", "ze", "dla", "oraz"])
# capitalised English words that open a sentence next to a name ("In Ślesin"): never part of the name
_ENGLISH_CAPITALS = frozenset(
    [
        "A",
        "An",
        "And",
        "As",
        "At",
        "By",
        "For",
        "From",
        "In",
        "Into",
        "Is",
        "It",
        "Its",
        "Note",
        "Of",
        "On",
        "Or",
        "See",
        "Source",
        "Sources",
        "The",
        "This",
        "To",
        "With",
    ]
)
_ADJECTIVE_ENDING = re.compile(r"(?:ski|ska|skie|skiego|skich|cki|cka|ckie|ckiego|owy|owa|owe|owego)$")
_QUOTED = re.compile(r"(„|“|\")([^”\"\n]{1,200})(”|\")|(?<!\w)(')([^'\n]{1,200})(')(?!\w)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ADDRESS = re.compile(r"https?://\S+")


def _reads_polish(word: str) -> bool:
    return bool(_POLISH_LETTERS.search(word)) or word.lower() in _POLISH_WORDS


def _joins_name(word: str) -> bool:
    if word in _ENGLISH_CAPITALS:
        return False
    return word[:1].isupper() or word.lower() in _JOINING or bool(_ADJECTIVE_ENDING.search(word))


def _marked_runs(text: str) -> str:
    """Escaped text with each run of Polish words (a name, a phrase) inside <span lang="pl">: a run grows from a
    word that reads Polish over its neighbours, one space apart, that are capitalised, joining words or Polish
    adjectives; punctuation ends it."""
    from django.utils.html import escape

    words = list(_WORD.finditer(text))
    marked = [False] * len(words)

    def next_to(i: int, j: int) -> bool:  # words i < j are separated by exactly one space
        return text[words[i].end() : words[j].start()] == " "

    for i, match in enumerate(words):
        if not _reads_polish(match.group()):
            continue
        marked[i] = True
        left = i
        while left > 0 and next_to(left - 1, left) and _joins_name(words[left - 1].group()):
            left -= 1
            marked[left] = True
        right = i
        while right + 1 < len(words) and next_to(right, right + 1) and _joins_name(words[right + 1].group()):
            right += 1
            marked[right] = True
    out, position, i = [], 0, 0
    while i < len(words):
        if not marked[i]:
            i += 1
            continue
        start = i
        while i + 1 < len(words) and marked[i + 1] and next_to(i, i + 1):
            i += 1
        begin, end = words[start].start(), words[i].end()
        out.append(escape(text[position:begin]))
        out.append(f'<span lang="pl">{escape(text[begin:end])}</span>')
        position = end
        i += 1
    out.append(escape(text[position:]))
    return "".join(out)


def _marked_plain(text: str) -> str:
    """_marked_runs, but a quotation with Polish in it is marked whole (its quotation marks stay outside)."""
    from django.utils.html import escape

    out, position = [], 0
    for quote in _QUOTED.finditer(text):
        opening, inner, closing = quote.group(1, 2, 3) if quote.group(1) else quote.group(4, 5, 6)
        if not any(_reads_polish(w) for w in _WORD.findall(inner)):
            continue
        out.append(_marked_runs(text[position : quote.start()]))
        out.append(f'{escape(opening)}<span lang="pl">{escape(inner)}</span>{escape(closing)}')
        position = quote.end()
    out.append(_marked_runs(text[position:]))
    return "".join(out)


def mark_polish(text: str, *, in_english: bool = False):
    """A note written in English (a data source's description) as safe HTML, with the Polish it quotes or names
    (titles, places, people) marked lang="pl" so a screen reader switches voice; web addresses are left alone.
    On a Polish page the text is only escaped, unless it sits in an element marked English (`in_english`)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    if (get_language() or "pl").startswith("pl") and not in_english:
        return escape(text)
    out, position = [], 0
    for address in _ADDRESS.finditer(text):
        out.append(_marked_plain(text[position : address.start()]))
        out.append(escape(address.group()))
        position = address.end()
    out.append(_marked_plain(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the text above is escaped


_TAG = re.compile(r"(<[^>]+>)")


def mark_polish_in_html(html: str):
    """mark_polish over the text of an HTML fragment the platform made itself (a source note in Markdown), shown
    inside an element marked lang="en" on pages in every language."""
    import html as html_lib

    from django.utils.safestring import mark_safe

    parts = _TAG.split(html)
    return mark_safe(  # noqa: S308 - tags as they were; text escaped again by mark_polish
        "".join(
            part if i % 2 else mark_polish(html_lib.unescape(part), in_english=True)
            for i, part in enumerate(parts)
        )
    )
