from django.core.management.base import BaseCommand

from zit.public_information.demo import load_requests_demo


class Command(BaseCommand):
    help = "Wczytuje demonstracyjne wnioski o informację publiczną (po load_demo). Można powtarzać."

    def handle(self, *args, **options):
        requests = load_requests_demo()
        self.stdout.write(f"Wnioski o informację publiczną (demonstracyjne): {len(requests)}.")
