from django.core.management.base import BaseCommand

from zit.projects.demo import load_project_demo
from zit.projects.demo_social import load_social_demo


class Command(BaseCommand):
    help = "Wczytuje demonstracyjne nabory i fiszki projektowe (po load_strategy). Można powtarzać."

    def handle(self, *args, **options):
        created = load_project_demo()
        self.stdout.write(f"Fiszki demonstracyjne: dodano {created}.")
        clauses = load_social_demo()
        self.stdout.write(f"Klauzule społeczne demonstracyjne: dodano {clauses}.")
