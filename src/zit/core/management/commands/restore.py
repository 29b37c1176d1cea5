"""Restores an archive made by `manage.py backup` or the recurring job into an empty database (docs/deployment.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from zit.core.backup import BackupError, configured_key
from zit.core.backup.database import target_from_settings, target_from_url
from zit.core.backup.restore import backup_restore


class Command(BaseCommand):
    help = (
        "Odtwarza kopię zapasową do pustej bazy (tego samego rodzaju) i pustego katalogu plików. Najpierw sprawdza "
        "całe archiwum; kopię uszkodzoną, obciętą, zmienioną, z innej bazy albo z nowszej wersji platformy odrzuca, "
        "zanim cokolwiek zapisze."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Plik archiwum.")
        parser.add_argument(
            "--force-media",
            action="store_true",
            help="Pozwala odtworzyć pliki do katalogu, w którym już są pliki: pliki z kopii zastępują te o tych "
            "samych nazwach, pozostałe zostają.",
        )
        parser.add_argument(
            "--erasures-from",
            metavar="DATABASE_URL",
            help="Baza, którą odtwarzana kopia zastępuje (jeśli jest dostępna): polecenie wypisze osoby, których "
            "dane usunięto w niej (RODO), a w odtworzonej bazie są nadal.",
        )

    def handle(self, *args, **options):
        target = target_from_settings(connections["default"].settings_dict)
        try:
            result = backup_restore(
                archive=Path(options["archive"]),
                target=target,
                media_root=Path(settings.MEDIA_ROOT),
                key=configured_key(),
                force_media=options["force_media"],
                erasures_from=target_from_url(options["erasures_from"]) if options["erasures_from"] else None,
            )
        except BackupError as exc:
            tail = "" if exc.written else " Nic nie zostało zapisane w bazie ani w katalogu plików."
            raise CommandError(f"{exc}{tail}") from exc
        self._report(result, target)

    def _report(self, result, target) -> None:
        manifest, out = result.manifest, self.stdout.write
        created = parse_datetime(manifest["created_at"])
        platform = manifest["platform"]
        commit = f", commit {platform['commit'][:12]}" if platform.get("commit") else ""
        out(
            f"Odtworzono kopię z {timezone.localtime(created):%Y-%m-%d %H:%M} (platforma "
            f"{platform.get('version') or '?'}{commit}; baza {manifest['database']['engine']} "
            f"{manifest['database']['server_version']}) do {target.label}."
        )
        tables, rows = len(result.row_counts), sum(result.row_counts.values())
        if result.count_differences:
            self.stderr.write(
                "UWAGA: liczba wierszy różni się od kopii: " + "; ".join(result.count_differences)
            )
        else:
            out(f"Tabele: {tables}, wiersze: {rows}: tyle samo co w kopii.")
        out(f"Pliki: {result.files} w {settings.MEDIA_ROOT}.")
        if result.signed_problems:
            for problem in result.signed_problems:
                self.stderr.write(f"UWAGA: {problem}")
        else:
            out(f"Podpisane dokumenty: {len(result.signed)}, każdy ma SHA-256 zapisany przy wgraniu.")
        if result.interrupted_jobs:
            out(f"Zadania w toku w chwili kopii oznaczono jako przerwane: {result.interrupted_jobs}.")
        if result.migrations_to_run:
            out(
                f"Kopia pochodzi ze starszej wersji platformy: {len(result.migrations_to_run)} migracji czeka. "
                "Uruchom teraz: manage.py migrate"
            )
        out("Następnie: manage.py ensure_recurring_jobs (wznawia zadania cykliczne, w tym kopie).")
        if result.erasures is None:
            out(
                "RODO: jeśli po dacie kopii usunięto czyjeś dane (art. 17), usuń je ponownie, zanim biuro wróci "
                "do pracy (docs/deployment.md, „Kopie zapasowe”)."
            )
        elif not result.erasures:
            out("RODO: wszystkie usunięcia danych z poprzedniej bazy są w odtworzonej bazie.")
        else:
            out(
                "RODO: w poprzedniej bazie usunięto dane tych osób, a w odtworzonej są nadal. Usuń je ponownie:"
            )
            for erasure in result.erasures:
                url = reverse("association:person_erase", args=[erasure.person_id])
                out(
                    f"  osoba nr {erasure.person_id}: {url} (usunięto {erasure.erased_at}; podstawa: {erasure.reason})"
                )
