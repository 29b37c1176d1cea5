from __future__ import annotations

import factory

from zit.organisations.models import Organisation

from .base import ValidFactory, seq, valid_nip


class OrganisationFactory(ValidFactory):
    class Meta:
        model = Organisation

    name = seq("Organizacja testowa {n}")
    kind = Organisation.Kind.NGO
    nip = factory.Sequence(valid_nip)
    postal_code = "62-500"
    city = "Konin"
