"""Every date, time and amount a person reads goes through zit.core.formatting (the `pl_*` template filters), so
it reads "7 grudnia 2026" in Polish and "7 December 2026" in English everywhere. Django's own `date`, `time`,
`floatformat` and `intcomma` filters and strftime are left only for machine formats, listed here with why."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "zit"
TEMPLATE_FILTERS = re.compile(
    r"\|(date|time|floatformat|intcomma|naturaltime|naturalday)\b(:\s*['\"]?[^'\"}\s|]*)?"
)
PYTHON_CALLS = re.compile(
    r"\.strftime\(|\bdate_format\(|\btime_format\(|\{[^{}]*:%[a-zA-Z]"
)  # and f"{d:%d.%m}"

# machine formats: (file, what its line holds) → why
TEMPLATE_ALLOWED = {
    (
        "portal/accessibility.html",
        '|date:"Y-m-d"',
    ): "the accessibility statement's dates, in the statutory ISO form",
    ("social_economy/public_entity.html", "lat|floatformat:5"): "WGS84 coordinates, with a decimal point",
    ("social_economy/public_map.html", "lat|floatformat:4"): "WGS84 coordinates, with a decimal point",
    ("social_economy/staff_entity.html", "lat|floatformat:6"): "WGS84 coordinates, with a decimal point",
    ("portal/project.html", "lat|floatformat:5"): "WGS84 coordinates, with a decimal point",
    ("contracts/published.html", "lat|floatformat:5"): "WGS84 coordinates of the list's row",
    (
        "monitoring/milestones.html",
        "|date:'Y-m-d'",
    ): "the value of an <input type=date>, which takes ISO 8601",
}
PYTHON_ALLOWED = {
    ("opendata/ogc.py", "timeStamp"): "OGC API's ISO 8601 time stamp",
    ("core/management/commands/backup.py", "stamp"): "a backup file's name",
    ("core/jobs.py", "when"): "a job's stored log line, not a page",
    ("contracts/demo.py", "%d.%m.%Y"): "the managing authority's export, as its files write dates",
    ("core/formatting.py", ""): "the formatter itself",
    ("governance/calendar.py", "summary"): "the iCalendar feed's event summary, read by calendar programs",
    ("governance/meetings.py", "filename="): "a file's name",
    ("core/management/commands/restore.py", "Odtworzono"): "the restore command's console output",
    ("core/models.py", "created_at:%Y-%m-%d %H:%M"): "an audit event's label in the admin and logs",
    ("core/models.py", "self.at:%Y-%m-%d %H:%M:%S"): "a form submission's label in the admin",
}


def _allowed(table: dict, path: str, line: str) -> bool:
    return any(path == where and what in line for where, what in table)


def test_templates_show_dates_and_amounts_through_the_formatter():
    found = []
    for template in sorted((SRC / "templates").rglob("*.html")):
        path = str(template.relative_to(SRC / "templates"))
        for number, line in enumerate(template.read_text().splitlines(), 1):
            for match in TEMPLATE_FILTERS.finditer(line):
                if re.search(r'datetime="[^"]*$', line[: match.start()]):
                    continue  # a machine date in <time datetime="…">
                if not _allowed(TEMPLATE_ALLOWED, path, line):
                    found.append(f"{path}:{number}: {match.group(0)}")
    assert not found, "use pl_date, pl_datetime, pl_time, pl_month, pl_number or pl_amount:\n" + "\n".join(
        found
    )


def test_python_formats_dates_through_the_formatter():
    found = []
    for module in sorted(SRC.rglob("*.py")):
        path = str(module.relative_to(SRC))
        if "/migrations/" in path:
            continue
        for number, line in enumerate(module.read_text().splitlines(), 1):
            if PYTHON_CALLS.search(line) and not _allowed(PYTHON_ALLOWED, path, line):
                found.append(f"{path}:{number}: {line.strip()}")
    assert not found, "use zit.core.formatting (format_date, format_datetime, format_time):\n" + "\n".join(
        found
    )


def test_the_formatter_speaks_both_languages():
    import datetime as dt
    from decimal import Decimal

    from zit.core.formatting import format_amount, format_datetime, format_month

    moment = dt.datetime(2026, 12, 7, 13, 5, tzinfo=dt.UTC)  # 14:05 in Warsaw
    with translation.override("pl"):
        assert format_datetime(moment) == "7 grudnia 2026, 14:05"
        assert format_month(moment.date()) == "grudzień 2026"
        assert format_amount(Decimal("1234.5")) == "1\u00a0234,50\u00a0zł"
    with translation.override("en"):
        assert format_datetime(moment, seconds=True) == "7 December 2026, 14:05:00"
        assert format_month(moment.date()) == "December 2026"
        assert format_amount(Decimal("1234.5")) == "1,234.50\u00a0PLN"
