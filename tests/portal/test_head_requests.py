"""Link checkers and uptime monitors ask with HEAD: every public address that answers GET answers HEAD the same
way, without a body."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

OFFICE_PREFIXES = ("biuro/", "konto/", "admin/", "i18n/")


def _public_paths(patterns=None, prefix: str = "") -> list[str]:
    """Every address without parameters outside the office's part of the site."""
    paths = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver):
            paths += _public_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            paths.append(reverse("portal:home") + prefix + route)
    return sorted({p for p in paths if not p.lstrip(reverse("portal:home")).startswith(OFFICE_PREFIXES)})


def test_every_public_page_answers_head_as_it_answers_get(demo, client, settings):
    settings.AXES_ENABLED = False
    paths = _public_paths()
    assert reverse("portal:home") in paths and reverse("ogc:landing") in paths and len(paths) > 20
    answered = 0
    for path in paths:
        get = client.get(path)
        if get.status_code != 200:
            continue
        answered += 1
        head = client.head(path)
        assert head.status_code == 200, f"HEAD {path}: {head.status_code}"
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"" and head["Content-Type"] == get["Content-Type"], path
    assert answered > 20


def test_the_api_answers_head(demo, client):
    head = client.head(reverse("api-v1:projects"))
    assert head.status_code == 200 and head["Content-Type"].startswith("application/json")
