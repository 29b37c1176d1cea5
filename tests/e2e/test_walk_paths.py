"""The accessibility walk lists its pages by URL name with the address it opens; every address must be the page
its name says, so a page that moves cannot leave the walk checking a 404 in its place. Runs without a browser."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from support.demo_objects import demo_ids, load_platform

from .accessibility_pages import pages


@pytest.mark.django_db(transaction=True)
def test_every_walked_address_is_the_page_its_name_says(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_platform()
    wrong = []
    for name, visits in pages(demo_ids()).items():
        if name.startswith("__"):  # the 404 page, on purpose
            continue
        for _user, path in visits:
            address = urlsplit(path).path
            try:  # an /en/ address resolves in English, as the language middleware does
                with translation.override(translation.get_language_from_path(address) or "pl"):
                    found = resolve(address).view_name
            except Resolver404:
                found = "nothing"
            if found != name:
                wrong.append(f"{name}: {path} opens {found}")
    assert not wrong, "\n".join(wrong)
