import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.social_economy import ListingRequestFactory

from zit.social_economy.inbox import new_requests
from zit.social_economy.models import ListingRequest

TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_new_listing_requests_wait_for_the_directory_keepers():
    ListingRequestFactory.create_batch(3)
    ListingRequestFactory(status=ListingRequest.Status.REJECTED)
    contact = UserFactory(roles=[("social_economy_contact", None)])

    [item] = new_requests(contact, TODAY)
    assert item.count == 3 and item.url == "/biuro/ekonomia-spoleczna/zgloszenia/"
    assert new_requests(UserFactory(roles=[("board_member", None)]), TODAY) == []
    assert new_requests(UserFactory(), TODAY) == []
