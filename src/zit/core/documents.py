"""Documents from HTML: tagged PDF/A-3u through WeasyPrint (structure tags, document language and title from the
HTML, fonts embedded, the sRGB output intent and the PDF/A identification in the XMP metadata), the archival
form the office keeps its records in. PDF/UA conformance is not claimed: WeasyPrint's support for it is
experimental."""

from __future__ import annotations

from django.conf import settings

PDF_VARIANT = "pdf/a-3u"


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True, custom_metadata=True
    )
