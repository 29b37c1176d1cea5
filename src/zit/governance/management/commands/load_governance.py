from django.core.management.base import BaseCommand

from zit.governance.demo import load_governance_demo


class Command(BaseCommand):
    help = (
        "Wczytuje demonstracyjne posiedzenia, uchwały i dokumenty rejestru (po load_demo i load_assessment). "
        "Można powtarzać."
    )

    def handle(self, *args, **options):
        result = load_governance_demo()
        self.stdout.write(f"Posiedzenia demonstracyjne: dodano {result['meetings']}.")
