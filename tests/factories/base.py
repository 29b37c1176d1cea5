"""The base of every factory: the object is validated as a form or a service would validate it."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory


class ValidFactory(DjangoModelFactory):
    """Saves only what passes `full_clean()` (field rules, choices, `clean()`, unique constraints)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    # JSON lists a service saves empty (no problems found) though the model, without blank=True, would ask
    # `full_clean()` for content: left out of the validation while they are empty
    _empty_allowed: tuple[str, ...] = ()

    @classmethod
    def validate(cls, obj) -> None:
        obj.full_clean(exclude=[name for name in cls._empty_allowed if getattr(obj, name) in ([], {})])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        manager = cls._get_manager(model_class)
        if cls._meta.django_get_or_create:
            return cls._get_or_create(model_class, *args, **kwargs)
        obj = model_class(*args, **kwargs)
        cls.validate(obj)
        obj.save(using=manager.db)
        return obj


def valid_nip(n: int) -> str:
    """The n-th valid NIP (checksum weights 6,5,7,2,3,4,5,6,7), from 526-000-00-00 on; never the same twice."""
    base = 526_000_000 + n * 13
    while True:
        digits = str(base)
        check = sum(int(d) * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
        if check != 10:
            return f"{digits}{check}"
        base += 1  # no NIP has 10 as its check digit; the next number in the same 13-wide slot


def seq(template: str) -> factory.Sequence:
    return factory.Sequence(lambda n: template.format(n=n + 1))
