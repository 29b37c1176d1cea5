import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zit.core.importing import ImportRejected
from zit.territory.importers import parse_area
from zit.territory.services import area_import


class Command(BaseCommand):
    help = (
        "Importuje obszar funkcjonalny z plików GeoJSON (granice, WGS84) i CSV (statystyki). "
        "Przy jakimkolwiek błędzie nic nie zapisuje."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="kod obszaru, np. kolo-turek")
        parser.add_argument("--name", required=True, help="nazwa obszaru")
        parser.add_argument("--geojson", required=True, nargs="+", type=Path)
        parser.add_argument(
            "--csv", type=Path, help="statystyki: teryt,name,kind,seat,area_km2,population,..."
        )
        parser.add_argument("--valid-from", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--resolution-number", default="")
        parser.add_argument("--resolution-date", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--resolution-url", default="")
        parser.add_argument("--source", default="", help="opis źródła granic")

    def handle(self, *args, **opt):
        for path in [*opt["geojson"], *([opt["csv"]] if opt["csv"] else [])]:
            if not path.exists():
                raise CommandError(f"{path}: nie ma takiego pliku.")
        try:
            parsed = parse_area(
                [(p.name, p.read_bytes()) for p in opt["geojson"]],
                (opt["csv"].name, opt["csv"].read_bytes()) if opt["csv"] else None,
            )
        except ImportRejected as exc:
            raise CommandError("Nic nie zapisano. Popraw pliki:\n" + str(exc)) from exc
        summary = area_import(
            actor=None,
            parsed=parsed,
            area_code=opt["code"],
            area_name=opt["name"],
            valid_from=opt["valid_from"],
            legal_basis={
                "issuer_kind": "voivodeship_board",
                "issuer_name": "Zarząd Województwa",
                "number": opt["resolution_number"],
                "date": opt["resolution_date"],
                "url": opt["resolution_url"],
            },
            geometry_source=opt["source"],
        )
        self.stdout.write(summary.as_dict()["message"])
