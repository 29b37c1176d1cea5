"""The public pages of the subscriptions: the form, the answer after it, the confirmation and the unsubscribe
page. No page needs an account; the signed links are the authority."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from zit.core.public_forms import Sender
from zit.core.views_helpers import apply_errors
from zit.subscriptions import services
from zit.subscriptions.digests import choice_rows
from zit.subscriptions.forms import SubscribeForm
from zit.subscriptions.models import Subscription


def _page(request: HttpRequest, form: SubscribeForm, status: int = 200) -> HttpResponse:
    from django.conf import settings

    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "confirm_days": settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method != "POST":
        return _page(request, form)
    if form.is_robot:
        return redirect("subscriptions:sent")  # a program learns nothing and nothing is kept
    if form.is_valid():
        data = form.values()
        try:
            within = services.subscription_request(
                email=data["email"],
                topics=data["topics"],
                gminas=data["gminas"],
                sender=Sender.of(request, email=form.sender_email()),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if within:
                return redirect("subscriptions:sent")
            form.add_error(
                None,
                _(
                    "Z tego adresu lub na ten adres e-mail poproszono w krótkim czasie o wiele zapisów. "
                    "Odczekaj kilka minut i spróbuj ponownie."
                ),
            )
    return _page(request, form, status=400)


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    return render(
        request, "subscriptions/sent.html", {"confirm_days": settings.ZIT_SUBSCRIPTION_CONFIRM_DAYS}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the choice and one button; the POST of the button confirms (a mail scanner that opens links
    confirms nothing)."""
    try:
        _email, choice = services.confirm_token_read(token)
    except services.LinkProblem as exc:
        return render(request, "subscriptions/confirm.html", {"problem": str(exc)}, status=400)
    if request.method == "POST":
        services.subscription_confirm(token=token)
        messages.success(
            request,
            _(
                "Subskrypcja potwierdzona. Wiadomość wyślemy, gdy pojawi się coś nowego; w każdej jest link "
                "do wypisania się."
            ),
        )
        return redirect("subscriptions:subscribe")
    return render(request, "subscriptions/confirm.html", {"rows": choice_rows(choice)})


@csrf_exempt  # RFC 8058: the mail program posts without a form of ours; the signed link is the authority
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """POST (the one-click of a mail program, RFC 8058, or the page's button) deletes the address at once and
    answers here, without a redirect. GET shows the button: mail scanners open links, and must not unsubscribe
    anybody."""
    try:
        email = services.unsubscribe_token_read(token)
    except services.LinkProblem as exc:
        return render(request, "subscriptions/unsubscribe.html", {"problem": str(exc)}, status=400)
    if request.method == "POST":
        removed = services.subscription_cancel(token=token)
        return render(request, "subscriptions/unsubscribe.html", {"done": True, "removed": removed})
    subscribed = Subscription.objects.filter(email=services.normalise_email(email)).exists()
    return render(request, "subscriptions/unsubscribe.html", {"subscribed": subscribed})
