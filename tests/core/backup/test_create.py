"""Making a backup: what the archive and its manifest hold, signed documents checked on the way, and files
streamed to the disk rather than gathered in memory."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import tomllib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from zit.core.backup.archive import ArchiveWriter, archive_stage
from zit.core.backup.create import backup_create
from zit.core.backup.crypto import key_generate, key_parse
from zit.core.backup.errors import BackupError
from zit.core.models import SignedDocument

from .conftest import file_hashes, live_row_counts


def test_the_manifest_describes_the_platform_the_database_and_every_file(platform, media, tmp_path, settings):
    result = backup_create(output=tmp_path / "kopia.tar.gz", key=None)
    manifest = archive_stage(result.path, key=None, into=tmp_path / "odczyt").manifest

    assert manifest["format"] == "zit-backup" and manifest["format_version"] == 1
    project = tomllib.loads((settings.PROJECT_DIR / "pyproject.toml").read_text())["project"]
    assert manifest["platform"]["version"] == project["version"]
    head = subprocess.run(
        ["git", "-C", str(settings.PROJECT_DIR), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    assert manifest["platform"]["commit"] == (head.stdout.strip() if head.returncode == 0 else None)
    assert abs(dt.datetime.fromisoformat(manifest["created_at"]) - dt.datetime.now(dt.UTC)) < dt.timedelta(
        hours=1
    )
    assert manifest["database"]["engine"] == ("sqlite" if connection.vendor == "sqlite" else "postgresql")
    assert manifest["database"]["server_version"]
    applied = MigrationRecorder(connection).applied_migrations()
    assert {(app, name) for app, names in manifest["migrations"].items() for name in names} == set(applied)
    assert manifest["row_counts"] == live_row_counts()
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == file_hashes(media)
    document = SignedDocument.objects.get()
    assert manifest["signed_documents"] == [
        {
            "id": document.pk,
            "path": document.signed.name,
            "signed_sha256": document.signed_sha256,
            "found_sha256": document.signed_sha256,
            "ok": True,
        }
    ]
    assert manifest["problems"] == [] and result.problems == []
    assert oct(os.stat(result.path).st_mode & 0o777) == "0o600"  # it holds personal data


def test_a_signed_document_whose_file_changed_is_archived_and_reported(platform, media, tmp_path):
    document = SignedDocument.objects.get()
    (media / document.signed.name).write_bytes(b"%PDF-1.7 podmieniony po podpisaniu")

    result = backup_create(output=tmp_path / "kopia.tar.gz", key=None)
    staged = archive_stage(result.path, key=None, into=tmp_path / "odczyt")
    [check] = staged.manifest["signed_documents"]
    assert check["ok"] is False and check["found_sha256"] != document.signed_sha256
    assert staged.path("media/" + document.signed.name).read_bytes() == b"%PDF-1.7 podmieniony po podpisaniu"
    assert result.problems == staged.manifest["problems"]
    assert (
        f"Podpisany dokument nr {document.pk}" in result.problems[0] and "zmienił się" in result.problems[0]
    )

    err = io.StringIO()
    with pytest.raises(CommandError, match="znaleziono problemy") as raised:
        call_command("backup", "--output", str(tmp_path / "reczna.tar.gz"), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 2
    assert f"UWAGA: Podpisany dokument nr {document.pk}" in err.getvalue()
    assert (tmp_path / "reczna.tar.gz").exists()


def test_the_backup_command_writes_to_the_backup_folder_encrypted_when_a_key_is_set(
    platform, tmp_path, settings
):
    settings.ZIT_BACKUP_DIR = tmp_path / "kopie"
    settings.ZIT_BACKUP_KEY = key = _key()
    out = io.StringIO()
    call_command("backup", stdout=out)
    [archive] = (tmp_path / "kopie").iterdir()
    assert re.fullmatch(r"zit-manual-backup-\d{8}T\d{6}Z\.tar\.gz\.enc", archive.name)
    assert "zaszyfrowana" in out.getvalue() and "podpisanych dokumentów 1" in out.getvalue()
    assert archive_stage(archive, key=key_parse(key), into=tmp_path / "odczyt").encrypted


def _key() -> str:
    out = io.StringIO()
    call_command("backup", "--generate-key", stdout=out)
    return out.getvalue().strip()


def test_an_existing_file_is_never_overwritten(tmp_path):
    existing = tmp_path / "kopia.tar.gz"
    existing.write_bytes(b"poprzednia kopia")
    with pytest.raises(BackupError, match="już istnieje"):
        backup_create(output=existing, key=None)
    assert existing.read_bytes() == b"poprzednia kopia"


def test_an_archive_is_never_written_among_the_files_it_copies(media):
    with pytest.raises(BackupError, match="katalogu wgranych plików"):
        backup_create(output=media / "kopie" / "kopia.tar.gz", key=None)
    assert not (media / "kopie").exists()


def test_files_go_to_the_disk_as_they_are_read(tmp_path):
    big = tmp_path / "duzy.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))  # random: gzip cannot shrink it
    writer = ArchiveWriter(tmp_path / "kopia.tar.gz", key=key_parse(key_generate()))
    writer.add_file("media/duzy.bin", big)
    assert os.path.getsize(tmp_path / "kopia.tar.gz") > 2 * 1024 * 1024  # before the archive is closed
    writer.close()
