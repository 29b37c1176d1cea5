from django.http import HttpRequest


class ApiHeadMiddleware:
    """HEAD on the JSON API answers as GET does, without the body: link checkers and monitors ask with HEAD,
    and the API's routes are declared for GET only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method != "HEAD" or not request.path.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


class ApiMiddleware:
    """Under /api/: the answer in the language the request asks for (`api_problems.api_language`: `?lang`,
    the chosen language, `Accept-Language`, Polish), and every error as a problem document, including what
    Django answers outside the API's views (an unknown path, a method the route does not take, a crash)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        from zit.opendata.api_problems import (
            PROBLEM_TYPE,
            api_language,
            problem_for_status,
            refused_characters,
        )

        language = api_language(request)
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = refused_characters(request) or self.get_response(request)
            if response.status_code >= 400 and not response.get("Content-Type", "").startswith(PROBLEM_TYPE):
                allow = response.get("Allow")
                response = problem_for_status(request, response.status_code)
                if allow:
                    response["Allow"] = allow
                if request.method == "HEAD":  # the status and headers of the problem, without its body
                    response["Content-Length"] = str(len(response.content))
                    response.content = b""
        finally:
            translation.activate(previous)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response
