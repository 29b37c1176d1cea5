from django.conf import settings
from django.utils import translation


class PathLanguageMiddleware:
    """The language of a page is in its address: Polish at the plain address (/projekty/x/), English under
    /en/ (/en/projekty/x/), from `i18n_patterns(..., prefix_default_language=False)` in zit.config.urls.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is never read: the platform speaks Polish
    first, and English only on request. The language cookie that the switch sets still counts in two places:
    - a plain (Polish) address of a page opened with GET by a visitor whose cookie says English is redirected
      to its /en/ address (the links and bookmarks from before English had addresses of its own); POSTs and
      htmx requests are answered where they are sent;
    - the addresses outside the language prefixes (the API, OGC API, the admin, robots.txt) keep one address
      and answer in the language of the cookie, else Polish.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        from django.http import HttpResponseRedirect
        from django.urls import get_script_prefix
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        chosen = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        language = translation.get_language_from_path(request.path_info)
        depends_on_cookie = False
        if not language:
            language, depends_on_cookie = settings.LANGUAGE_CODE, True
            translation.activate(language)  # the plain addresses resolve in the default language
            if not _outside_languages(request):
                if (
                    chosen != language
                    and request.method in ("GET", "HEAD")
                    and "HX-Request" not in request.headers
                ):
                    prefix = get_script_prefix()
                    target = request.get_full_path().replace(prefix, f"{prefix}{chosen}/", 1)
                    redirect = HttpResponseRedirect(target)
                    patch_vary_headers(redirect, ("Cookie",))
                    translation.deactivate()
                    return redirect
            else:
                language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if depends_on_cookie:
            patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """The switch (Django's set_language, at /i18n/setlang/) translates the page it returns to, `next`, by
        resolving it in the active language: make that the language of `next`'s own address."""
        from urllib.parse import urlsplit

        from django.urls import get_script_prefix
        from django.views.i18n import set_language

        if view_func is set_language and request.method == "POST":
            next_url = request.POST.get("next", request.GET.get("next")) or ""
            path = "/" + urlsplit(next_url).path.removeprefix(get_script_prefix())
            translation.activate(translation.get_language_from_path(path) or settings.LANGUAGE_CODE)
        return None


def _outside_languages(request) -> bool:
    """Is the address one of those outside i18n_patterns (one address for every language)?"""
    from django.urls import Resolver404, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    rest = request.path_info.removeprefix("/")
    for entry in get_resolver(getattr(request, "urlconf", None)).url_patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            continue
        try:
            if entry.resolve(rest):
                return True
        except Resolver404:
            continue
    return False


class MissingObjectMiddleware:
    """Selectors raise Model.DoesNotExist for an unknown id; to the visitor that is a 404, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.core.exceptions import ObjectDoesNotExist
        from django.http import Http404

        if isinstance(exception, ObjectDoesNotExist):
            raise Http404(str(exception)) from exception
        return None
