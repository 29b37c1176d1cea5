from django.core.management.base import BaseCommand, CommandError

from zit.core.importing import ImportRejected
from zit.territory.areas import BUNDLED_AREAS
from zit.territory.importers import parse_area
from zit.territory.services import area_import


class Command(BaseCommand):
    help = "Wczytuje obszar z danymi referencyjnymi dołączonymi do platformy (np. konin). Można powtarzać."

    def add_arguments(self, parser):
        parser.add_argument("area", choices=sorted(BUNDLED_AREAS))

    def handle(self, *args, area, **options):
        bundle = BUNDLED_AREAS[area]
        try:
            parsed = parse_area(
                [(p.name, p.read_bytes()) for p in bundle.geojson], (bundle.csv.name, bundle.csv.read_bytes())
            )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        summary = area_import(
            actor=None,
            parsed=parsed,
            area_code=bundle.code,
            area_name=bundle.name,
            valid_from=bundle.valid_from,
            legal_basis=bundle.legal_basis,
            geometry_source=bundle.geometry_source,
            geometry_source_key=bundle.geometry_source_key,
        )
        self.stdout.write(summary.as_dict()["message"])
