"""Everything `make run` needs before the server starts, in one process, one line per step with its time.

One process instead of a dozen `manage.py` calls saves Django's start-up for each; steps that have nothing to
do say so quickly (migrations already applied, reference data already loaded), so that a second run starts at
once. The public catalogue is built only when it is empty: afterwards the worker keeps it fresh.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from django.core.management import call_command
from django.core.management.base import BaseCommand

from zit.portal.management.commands.load_demo import NOT_PRODUCTION_FLAG


def _catalogue_is_empty() -> bool:
    from zit.opendata.models import CatalogueProject

    return not CatalogueProject.objects.exists()


class Command(BaseCommand):
    help = (
        "Przygotowuje platformę do pracy: migracje, dane referencyjne aglomeracji konińskiej, konta i projekty "
        "demonstracyjne, katalog projektów i zadania cykliczne. Jedna linijka na krok, z czasem. Można powtarzać."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        steps: list[tuple[str, Callable[[], object]]] = [
            ("Migracje bazy danych", lambda: call_command("migrate", "--noinput", verbosity=0)),
            ("Gminy i granice aglomeracji konińskiej", lambda: self._quiet("load_area", "konin")),
            ("Stowarzyszenie i jego członkowie", lambda: self._quiet("load_association")),
            ("Program FEW 2021–2027 i kursy walut", lambda: self._quiet("load_funding")),
            ("Konta demonstracyjne", self._demo_accounts),
            ("Strategia ZIT", lambda: self._quiet("load_strategy")),
            ("Projekty (demonstracyjne)", lambda: self._quiet("load_projects")),
            ("Ocena projektów", lambda: self._quiet("load_assessment")),
            ("Organy stowarzyszenia", lambda: self._quiet("load_governance")),
            ("Wnioski o informację publiczną", lambda: self._quiet("load_public_information")),
            ("Ekonomia społeczna", lambda: self._quiet("load_social_economy")),
            ("Publiczny katalog projektów", self._catalogue),
            ("Zadania cykliczne", lambda: self._quiet("ensure_recurring_jobs")),
        ]
        for number, (label, step) in enumerate(steps, start=1):
            step_started = time.monotonic()
            self.stdout.write(f"[{number}/{len(steps)}] {label}… ", ending="")
            self.stdout.flush()
            note = step()
            elapsed = time.monotonic() - step_started
            if isinstance(note, list):  # lines to show under the step
                self.stdout.write(f"{elapsed:.1f} s")
                for line in note:
                    self.stdout.write(f"      {line}")
            else:
                self.stdout.write(f"{elapsed:.1f} s" + (f" ({note})" if isinstance(note, str) else ""))
        self.stdout.write(f"Gotowe w {time.monotonic() - started:.1f} s.")

    def _quiet(self, command: str, *args: str) -> None:
        call_command(command, *args, stdout=io.StringIO())

    def _demo_accounts(self) -> list[str]:
        """The accounts and their public password: people need them to sign in."""
        out = io.StringIO()
        call_command("load_demo", NOT_PRODUCTION_FLAG, stdout=out)
        return [line.strip() for line in out.getvalue().splitlines() if line.strip()]

    def _catalogue(self) -> str:
        if not _catalogue_is_empty():
            return "już zbudowany; odświeża go worker"
        self._quiet("refresh_catalogue")
        return "zbudowany"
