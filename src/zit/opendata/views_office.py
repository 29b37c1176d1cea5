"""The office's view of the catalogue: the imported rows whose place the refresh could not read as gminas."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zit.core.roles import Perm, require
from zit.core.views_helpers import paginate
from zit.opendata.selectors import catalogue_refreshed_at, catalogue_unplaced


@login_required
@require_GET
def unplaced(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.PROJECTS_MANAGE)
    return render(
        request,
        "opendata/office_unplaced.html",
        {
            "page": paginate(request, catalogue_unplaced(), per_page=50),
            "refreshed_at": catalogue_refreshed_at(),
        },
    )
