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
