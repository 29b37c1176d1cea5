"""Documents from HTML: tagged PDF through WeasyPrint (structure tags, document language and title from the
HTML, fonts embedded). PDF/UA conformance is not claimed: WeasyPrint's support for it is experimental."""

from __future__ import annotations

from django.conf import settings


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_tags=True, custom_metadata=True)
