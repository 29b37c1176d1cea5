from django.core.management.base import BaseCommand, CommandError

from zit.core.importing import ImportRejected
from zit.funding.reference import load_reference


class Command(BaseCommand):
    help = "Wczytuje program FEW 2021+, porozumienie ZIT, kursy NBP i wspólne wskaźniki UE (idempotentne)."

    def handle(self, *args, **options):
        try:
            loaded = load_reference()
        except ImportRejected as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Program {loaded['programme'].cci}: działania {loaded['measures']}, kursy {loaded['rates']}, "
            f"wskaźniki w katalogu: {loaded['indicators']}."
        )
