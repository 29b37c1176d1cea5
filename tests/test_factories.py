"""Every factory of tests/factories makes a valid object (it passes `full_clean()` and saves), twice in a row
(sequences keep unique fields unique), on the reference data the fixtures load."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import factories
from factories.base import ValidFactory, valid_nip

from zit.organisations.validators import normalise_nip


def _factories():
    for info in pkgutil.iter_modules(factories.__path__):
        module = importlib.import_module(f"factories.{info.name}")
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ == module.__name__ and name.endswith("Factory") and obj is not ValidFactory:
                yield obj


def test_every_factory_makes_valid_objects(funding_data, tmp_path, settings):
    """One test for all of them: the reference data loads once."""
    settings.MEDIA_ROOT = tmp_path
    made = []
    for factory_class in _factories():
        first, second = factory_class(), factory_class()
        assert first.pk and second.pk and first.pk != second.pk, factory_class
        if issubclass(factory_class, ValidFactory):
            factory_class.validate(first)
        made.append(factory_class.__name__)
    assert {"OrganisationFactory", "MemberFactory", "ProjectCardFactory", "ResolutionFactory"} <= set(made)


def test_valid_nips_pass_the_checksum_and_never_repeat():
    nips = [valid_nip(n) for n in range(2000)]
    assert len(set(nips)) == len(nips)
    assert all(normalise_nip(nip) == nip for nip in nips)
