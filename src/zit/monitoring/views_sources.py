"""The strategy's financial frame against every funding source identified on the cards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from zit.core.roles import Perm, require
from zit.monitoring.sources import frame_vs_cards
from zit.strategy.selectors import strategy_current, version_published


@login_required
def sources_page(request):
    require(request.user, Perm.MONITORING_VIEW)
    strategy = strategy_current()
    version = version_published(strategy) if strategy else None
    return render(request, "monitoring/sources.html", {"comparison": frame_vs_cards(version)})
