"""Error reports to Sentry (or a compatible service such as GlitchTip) when `ZIT_SENTRY_DSN` is set; without it
the settings never import this module and nothing is sent anywhere.

The service may be run by someone else, so a report carries what explains the error and no personal data: no
cookies, no user (the request id in the report finds the user in the platform's own log), no form contents, no
local variables of the failing code (a person's record may be one), no values of the query string, and of the
headers only the technical ones.
"""

from __future__ import annotations

from typing import Any

# What the SDK collects by itself, category by category: nothing that names or tracks a person. Headers are
# kept only by name for the technical ones (a Referer may carry a search, a Cookie the session).
DATA_COLLECTION: dict[str, Any] = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {
        "request": {
            "mode": "allowlist",
            "terms": ["accept", "content-length", "content-type", "host", "user-agent", "x-request-id"],
        }
    },
    "http_bodies": [],
    "url_query_params": {"mode": "off"},
    "database_query_data": False,
    "queues": False,
    "gen_ai": {"inputs": False, "outputs": False},
    "graphql": {"document": False, "variables": False},
    "stack_frame_variables": False,
}


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    from zit.core.logs import current_request_id

    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def sentry_start(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    """Starts the Sentry client with its Django integration (called from the settings)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        data_collection=DATA_COLLECTION,
        max_request_body_size="never",
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        before_send=_tag_request_id,
    )
