"""Small helpers shared by the office's views: pagination and turning service errors into form errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.forms import Form

# the largest id or number a database column holds (bigint); anything past it is no id of ours
LARGEST_NUMBER = 2**63 - 1


def whole_number(text: str | None, *, maximum: int = LARGEST_NUMBER) -> int | None:
    """A number from an address or a form's hidden field, or None: "²" passes str.isdigit() but int() refuses
    it, and "99999999999999999999" passes int() but no database column holds it."""
    if not text or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= maximum else None


def paginate(request, queryset, per_page: int = 25) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("strona"))


def apply_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, next to the field it names where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
