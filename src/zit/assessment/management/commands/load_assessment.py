from django.core.management.base import BaseCommand

from zit.assessment.demo import load_assessment_demo


class Command(BaseCommand):
    help = "Wczytuje demonstracyjną ocenę fiszek w naborze 1/2025 (po load_projects). Można powtarzać."

    def handle(self, *args, **options):
        made = load_assessment_demo()
        self.stdout.write(f"Ocena fiszek (demo): przydzielono fiszek do oceny: {made}.")
