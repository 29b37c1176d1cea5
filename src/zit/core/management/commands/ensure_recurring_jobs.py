from django.core.management.base import BaseCommand

from zit.core.jobs import recurring_jobs_ensure


class Command(BaseCommand):
    help = "Zakłada brakujące zadania cykliczne (każde raz); można uruchamiać wielokrotnie."

    def handle(self, *args, **options):
        started = recurring_jobs_ensure()
        self.stdout.write(f"Zadania cykliczne: dodano {len(started)}.")
