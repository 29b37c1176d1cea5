from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from zit.accounts.admin_site import restrict_admin_to_office_administrators
from zit.core.admin_audit import audit_every_admin
from zit.opendata import api as opendata_api
from zit.portal import urls_crawlers

restrict_admin_to_office_administrators(admin.site)
audit_every_admin(admin.site)  # every change made in the admin is an audit event

# Addresses with no language of their own (machines read them, or they only switch the language): one address
# each, never under /en/. They come first, so `dane/katalog.ttl` is matched before the `dane/<key>.<fmt>` pages.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("ogc/", include("zit.opendata.urls_ogc")),
    path("", include("zit.opendata.urls_dcat")),
    path("api/v1/", opendata_api.urlpatterns()),
    path("", include(urls_crawlers)),  # robots.txt and the sitemaps
]
# The pages people read: Polish at the plain address (/projekty/), English under /en/ (/en/projekty/);
# zit.core.middleware.PathLanguageMiddleware takes the language from the path.
urlpatterns += i18n_patterns(
    path("konto/powiadomienia/", include("zit.core.urls_notices")),
    path("konto/", include("zit.accounts.urls")),
    path("biuro/", include("zit.association.urls")),
    path("biuro/", include("zit.territory.urls")),
    path("biuro/", include("zit.core.urls")),
    path("biuro/", include("zit.funding.urls")),
    path("biuro/", include("zit.strategy.urls")),
    path("biuro/", include("zit.contracts.urls")),  # before projects: see zit.contracts.urls
    path("biuro/", include("zit.projects.urls")),
    path("biuro/", include("zit.assessment.urls")),
    path("biuro/", include("zit.monitoring.urls")),
    path("biuro/", include("zit.governance.urls")),
    path("biuro/informacja-publiczna/", include("zit.public_information.urls")),
    path("biuro/skladki/", include("zit.fees.urls")),
    path("biuro/ekonomia-spoleczna/", include("zit.social_economy.urls")),
    path("biuro/katalog/", include("zit.opendata.urls_office")),
    path("biuro/ochrona-danych/", include("zit.privacy.urls")),
    path("biuro/dokumentacja/", include("zit.records.urls")),
    path("", include("zit.opendata.urls")),
    path("", include("zit.contracts.public_urls")),
    path("", include("zit.governance.public_urls")),
    path("ekonomia-spoleczna/", include("zit.social_economy.public_urls")),
    path("", include("zit.subscriptions.urls")),
    path("", include("zit.portal.urls")),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "zit.portal.views.page_not_found"
handler500 = "zit.portal.views.server_error"
