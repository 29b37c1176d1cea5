from django.core.management.base import BaseCommand

from zit.social_economy.demo import load_social_economy_demo


class Command(BaseCommand):
    help = "Wczytuje demonstracyjny katalog PES, zgłoszenia i przykładową ofertę WOES (bez duplikatów)."

    def handle(self, *args, **options):
        added = load_social_economy_demo()
        self.stdout.write(
            "Ekonomia społeczna (demo): podmioty {entities}, zgłoszenia {requests}, części oferty {offer}.".format(
                **added
            )
        )
