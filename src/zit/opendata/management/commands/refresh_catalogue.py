from django.core.management.base import BaseCommand

from zit.opendata.refresh import catalogue_refresh


class Command(BaseCommand):
    help = "Odbudowuje publiczny katalog projektów z fiszek, umów i wykazu projektów. Można powtarzać."

    def handle(self, *args, **options):
        self.stdout.write(f"Projekty w katalogu: {catalogue_refresh()}.")
