"""Requests for public information."""

from __future__ import annotations

import datetime as dt

import factory

from zit.public_information.models import InformationRequest

from .base import ValidFactory, seq


class InformationRequestFactory(ValidFactory):
    """A request for public information, registered under the next number of 2031."""

    class Meta:
        model = InformationRequest

    year = 2031
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"BZ.1431.{o.sequence}.{o.year}")
    received_on = dt.date(2031, 2, 3)
    channel = InformationRequest.Channel.EMAIL
    requester_name = "Jan Wnioskodawca"
    reply_email = "wnioskodawca@example.pl"
    subject = seq("Wniosek testowy {n}")
    requested_information = "Kopia umowy."
    delivery = InformationRequest.Delivery.EMAIL
    deadline = dt.date(2031, 2, 17)
