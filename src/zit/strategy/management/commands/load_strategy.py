from django.core.management.base import BaseCommand

from zit.strategy.reference import load_strategy


class Command(BaseCommand):
    help = "Zakłada Strategię Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030 i wersję demonstracyjną (idempotentne)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bez-demo", action="store_true", help="Tylko strategia, bez wersji demonstracyjnej."
        )

    def handle(self, *args, **options):
        strategy = load_strategy(demo=not options["bez_demo"])
        self.stdout.write(f"{strategy.title}: wersje {strategy.versions.count()}.")
