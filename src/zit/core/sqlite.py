"""SQLite's LIKE ignores case for ASCII letters only; Polish users search for "ślesin" and expect "Ślesin".

The application-defined like() below replaces SQLite's built-in one on each connection, so that Django's
`icontains`/`istartswith` lookups fold case for every letter, as PostgreSQL's UPPER()-based lookups do.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(pattern: str, escape: str | None) -> re.Pattern:
    out, chars = [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            out.append(re.escape(next(chars, "")))
        elif char == "%":
            out.append(".*")
        elif char == "_":
            out.append(".")
        else:
            out.append(re.escape(char))
    return re.compile("".join(out), re.S | re.IGNORECASE)


def like(pattern: str | None, value: str | None, escape: str | None = None) -> int | None:
    if pattern is None or value is None:
        return None
    return int(_pattern(pattern, escape).fullmatch(str(value)) is not None)


def install_unicode_like(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, like, deterministic=True)
        connection.connection.create_function("like", 3, like, deterministic=True)
