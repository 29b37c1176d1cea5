from django.core.management.base import BaseCommand

from zit.governance.demo import load_all


class Command(BaseCommand):
    help = (
        "Wczytuje demonstracyjne posiedzenia, uchwały, dokumenty rejestru (po load_demo i load_assessment). "
        "Można powtarzać."
    )

    def handle(self, *args, **options):
        result = load_all()
        self.stdout.write(f"Posiedzenia demonstracyjne: dodano {result['meetings']}.")
