from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zit.association.models import AssociationProfile, Body, Member
from zit.association.reference import BODIES, FOUNDED_ON, FOUNDING_MEMBERS, PROFILE
from zit.association.services import body_create, member_create
from zit.organisations.services import organisation_create
from zit.territory.models import AdministrativeUnit


class Command(BaseCommand):
    help = (
        "Wczytuje dane Stowarzyszenia, 16 członków założycieli i organy. Można powtarzać (nic nie dubluje)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        units = {u.terc: u for u in AdministrativeUnit.objects.all()}
        if "3062011" not in units:
            raise CommandError("Najpierw wczytaj obszar: manage.py load_area konin")
        created = 0
        if not AssociationProfile.objects.exists():
            org = organisation_create(
                actor=None,
                name=PROFILE["name"],
                short_name=PROFILE["short_name"],
                kind="association",
                street=PROFILE["street"],
                postal_code=PROFILE["postal_code"],
                city=PROFILE["city"],
                gmina=units["3062011"],
                website=PROFILE["website"],
            )
            AssociationProfile.objects.create(organisation=org, **PROFILE)
        for number, name, terc, kind, slug, address in FOUNDING_MEMBERS:
            if Member.objects.filter(slug=slug).exists():
                continue
            street, postal_code, city = address or ("", "", "")
            territory = units[terc]
            gmina = territory if territory.level == "gmina" else units["3062011"]
            org = organisation_create(
                actor=None,
                name=name,
                kind="local_government",
                street=street,
                postal_code=postal_code,
                city=city,
                gmina=gmina,
            )
            member_create(
                actor=None,
                number=number,
                name=name,
                kind=kind,
                organisation=org,
                territory=territory,
                slug=slug,
                joined_on=FOUNDED_ON,
            )
            created += 1
        for body in BODIES:
            if not Body.objects.filter(slug=body["slug"]).exists():
                body_create(actor=None, **body)
        self.stdout.write(f"Członkowie dodani: {created}, razem: {Member.objects.count()}.")
