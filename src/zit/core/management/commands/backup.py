"""One archive of the database and the uploaded files, made while the platform runs (docs/deployment.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from zit.core.backup import BackupError, configured_key
from zit.core.backup.create import backup_create
from zit.core.backup.crypto import key_generate


class Command(BaseCommand):
    help = (
        "Zapisuje kopię zapasową: bazę danych, wgrane pliki i spis zawartości w jednym archiwum, zaszyfrowanym, "
        "gdy ustawiono ZIT_BACKUP_KEY. Bez --output zapisuje do ZIT_BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Plik archiwum do utworzenia (nie może istnieć).")
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="Wypisuje nowy, losowy klucz do ZIT_BACKUP_KEY i kończy (nic nie kopiuje).",
        )

    def handle(self, *args, **options):
        if options["generate_key"]:
            self.stdout.write(key_generate())
            return
        try:
            key = configured_key()
            output = Path(options["output"]) if options["output"] else self._default_output(key is not None)
            result = backup_create(output=output, key=key)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        self.stdout.write(
            f"Zapisano kopię {result.path} ({filesizeformat(result.size)}, "
            f"{'zaszyfrowana' if key else 'NIEZASZYFROWANA'}): baza {manifest['database']['engine']} "
            f"{manifest['database']['server_version']}, tabel {len(manifest['row_counts'])}, "
            f"wierszy {sum(manifest['row_counts'].values())}, plików {len(manifest['files'])}, "
            f"podpisanych dokumentów {len(manifest['signed_documents'])}."
        )
        if result.problems:
            for problem in result.problems:
                self.stderr.write(f"UWAGA: {problem}")
            raise CommandError(
                "Kopia jest zapisana, ale znaleziono problemy (wyżej); sprawdź te pliki.", returncode=2
            )

    @staticmethod
    def _default_output(encrypted: bool) -> Path:
        # not the recurring job's name pattern: its retention never deletes an archive made by hand
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        suffix = ".tar.gz.enc" if encrypted else ".tar.gz"
        return Path(settings.ZIT_BACKUP_DIR) / f"zit-manual-backup-{stamp}{suffix}"
