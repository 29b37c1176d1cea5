from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Polish unless the visitor chose another language with the switch (stored in the language cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: the platform speaks Polish
    first, and English only on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.headers.get("Vary", "")
        if "Cookie" not in patch:
            response.headers["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        translation.deactivate()
        return response


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
