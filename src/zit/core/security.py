"""The Content-Security-Policy header of every response (django-csp, configured in settings)."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from zit.core.map_tiles import csp_source


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a nonce in every policy.

    django-csp adds the nonce only when a template asked for `request.csp_nonce`; a page without an inline
    script would then send a policy without one. Every response carries a fresh nonce instead, so the policy
    reads the same on every page and a template that gains an inline script needs nothing but
    `<script nonce="{{ request.csp_nonce }}">`. The nonce is 16 random bytes per response: a script injected
    into a page cannot know it.

    Images may also come from the origin of the base map's tiles (settings.MAP_TILES_URL), and from no other:
    with no base map configured, or tiles on the platform's own host, img-src stays 'self' data:.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.nonce is None:
            parts.nonce = self._make_nonce(request)
        tiles = csp_source(settings.MAP_TILES_URL)
        if tiles:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), tiles]
            parts.update = update
        return parts
