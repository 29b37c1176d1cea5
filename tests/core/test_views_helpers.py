"""Numbers from addresses and hidden fields: what is not a number of ours is ignored, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from zit.core.views_helpers import whole_number


@pytest.mark.parametrize(
    ("text", "maximum", "expected"),
    [
        ("12", None, 12),
        ("0", None, 0),
        ("", None, None),
        (None, None, None),
        ("²", None, None),  # passes str.isdigit(), int() refuses it
        ("٣", None, None),  # another script's digit: no number of ours either
        ("-3", None, None),
        (" 7", None, None),
        ("9223372036854775807", None, 9223372036854775807),
        ("9223372036854775808", None, None),  # past bigint: no id of ours
        ("99999999999999999999", None, None),
        ("2026", 9999, 2026),
        ("20260", 9999, None),
    ],
)
def test_whole_number(text, maximum, expected):
    kwargs = {"maximum": maximum} if maximum is not None else {}
    assert whole_number(text, **kwargs) == expected


@pytest.mark.parametrize("bad", ["²", "99999999999999999999"])
def test_office_pages_ignore_numbers_that_are_none_of_ours(funding_demo, settings, bad):
    from zit.territory.models import Variable

    settings.AXES_ENABLED = False
    client = Client()
    assert client.login(username="admin", password="demo-haslo-2026")
    variable = Variable.objects.order_by("pk").first()
    pages = [
        f"{reverse('projects:cards')}?nabor={bad}&gmina={bad}&dzialanie={bad}",
        f"{reverse('monitoring:projects')}?dzialanie={bad}&fundusz={bad}&beneficjent={bad}",
        f"{reverse('fees:review')}?wyciag={bad}",
        f"{reverse('fees:reminders')}?rok={bad}",
        f"{reverse('funding:split_edit')}?wiersze={bad}",
        f"{reverse('territory:variable', args=[variable.code])}?rok={bad}",
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
