"""The public register of the association's compliance opinions: each shown once its call's rule allows
(after issue, or after the call's results), searchable and paginated."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from zit.projects.opinion_documents import LEGAL_BASES
from zit.projects.opinions import opinions_public

PAGE_SIZE = 20


@require_safe
def opinions_register(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(opinions_public(query=query), PAGE_SIZE).get_page(request.GET.get("strona"))
    return render(
        request,
        "portal/opinions.html",
        {"page": page, "query": query, "legal_bases": LEGAL_BASES},
    )
